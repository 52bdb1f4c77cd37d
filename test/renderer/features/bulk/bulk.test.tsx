// Bulk delegation: contacts found across clients (by the contact or by its client), ticked over several
// searches or all at once; a preview of every change (nothing reaches main before it is confirmed); only
// what changes is queued. A whole e-mail address finds one person on every client, to revoke them everywhere.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { createFakeDesk, makeClients, makeContact, type FakeLogin } from '../../fakeDesk'
import { renderClientList, setUpAppTests } from '../../renderApp'

setUpAppTests()

const clients = makeClients(30)
const DEPARTED = 'renata@agencia.com.br'
const contacts = [
  makeContact(2, 1, { firstName: 'Ana', lastName: 'Dois' }),
  makeContact(2, 2, { firstName: 'Beto', lastName: 'Dois', access: { enabled: true, permissions: ['invoices', 'quotes', 'emails', 'orders'] } }),
  makeContact(3, 1, { firstName: 'Caio', lastName: 'Três', access: null }),
  makeContact(4, 1, { firstName: 'Dora', lastName: 'Quatro' }),
  makeContact(5, 1, { firstName: 'Renata', lastName: 'Agência', email: DEPARTED, access: { enabled: true, permissions: ['invoices'] } }),
  makeContact(6, 1, { firstName: 'Renata', lastName: 'Agência', email: 'Renata@Agencia.com.br', access: { enabled: true, permissions: ['tickets'] } }),
  makeContact(7, 1, { firstName: 'Renata', lastName: 'Agência', email: DEPARTED, access: { enabled: false, permissions: [] } }),
  makeContact(7, 2, { firstName: 'Renata', lastName: 'Outra', email: 'renata.outra@agencia.com.br' }),
]

const MAX_WAIT = { timeout: 2000 }

async function openBulk(logins: Record<number, FakeLogin[]> = {}) {
  const desk = createFakeDesk({ clients, contacts, logins })
  await renderClientList(desk)
  fireEvent.click(screen.getByRole('button', { name: 'Delegação em massa' }))
  await screen.findByRole('heading', { level: 1, name: 'Delegação em massa' })
  return desk
}

function searchFor(text: string) {
  fireEvent.change(screen.getByLabelText('Buscar contatos em todos os clientes'), { target: { value: text } })
}

describe('bulk delegation', () => {
  it('adds up contacts of several clients over several searches, previews a preset, and queues only real changes', async () => {
    const desk = await openBulk()
    expect(screen.getByText(/Busque acima/)).toBeTruthy()
    // A client's name brings its contacts.
    searchFor('Bruno Silva 2')
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Marcar os 2 contatos encontrados' }, MAX_WAIT))
    expect(screen.getByText('2 contatos marcados')).toBeTruthy()
    // A contact's own name; the ticks of the last search stay.
    searchFor('caio')
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Marcar Caio Três (contato1@cliente3.com.br)' }, MAX_WAIT))
    searchFor('dora')
    await screen.findByRole('checkbox', { name: 'Marcar Dora Quatro (contato1@cliente4.com.br)' }, MAX_WAIT)
    expect(screen.getByText('3 contatos marcados')).toBeTruthy()

    fireEvent.click(screen.getByRole('button', { name: 'Pré-visualizar alterações (3 contatos)' }))
    const preview = await screen.findByRole('dialog', { name: 'Pré-visualização' })
    expect(preview.textContent).toContain('Aplicar a predefinição “Financeiro”.')
    const rows = within(preview).getAllByRole('row').slice(1)
    expect(rows.map((row) => Array.from(row.children).map((cell) => cell.textContent))).toEqual([
      ['Ana Dois contato1@cliente2.com.br', 'Bruno Silva 2', 'Sem acesso', 'Financeiro'],
      ['Beto Dois contato2@cliente2.com.br', 'Bruno Silva 2', 'Financeiro', 'sem mudança'],
      ['Caio Três contato1@cliente3.com.br', 'Carla Silva 3', 'Ainda não lido', 'Financeiro'],
    ])
    expect(preview.textContent).toContain('2 alterações vão para a fila. 1 contato já está assim e fica como está.')
    expect(desk.calls.some((call) => call.method.startsWith('bulk.'))).toBe(false)

    await act(async () => fireEvent.click(within(preview).getByRole('button', { name: 'Colocar 2 alterações na fila' })))
    expect(desk.calls.find((call) => call.method === 'bulk.setAccess')?.input).toEqual({
      localIds: ['c2-1', 'c3-1'],
      logins: [],
      access: { enabled: true, permissions: ['invoices', 'quotes', 'emails', 'orders'] },
    })
    expect(await screen.findByText('2 alterações na fila: vão para o portal na próxima sincronização.')).toBeTruthy()
  })

  it('revokes a departed person everywhere: their whole e-mail address, tick all, one previewed revocation', async () => {
    const desk = await openBulk({
      // 8.x: she also logs in to clients 8 and 9, where she is no contact (their owners invited her).
      8: [{ kind: 'user', name: 'Renata Agência', email: DEPARTED, permissions: ['invoices'], inviteState: null, contactLocalId: null, userId: 71 }],
      9: [{ kind: 'user', name: 'Renata Agência', email: DEPARTED, permissions: ['tickets'], inviteState: null, contactLocalId: null, userId: 71 }],
      5: [{ kind: 'user', name: 'Renata Agência', email: DEPARTED, permissions: ['invoices'], inviteState: null, contactLocalId: null, userId: 71 }],
    })
    searchFor(DEPARTED)
    const all = await screen.findByRole('checkbox', { name: 'Marcar os 3 contatos encontrados' }, MAX_WAIT)
    // Exactly that address, on every client: not a look-alike on the same domain.
    expect(screen.getByText('3 contatos encontrados')).toBeTruthy()
    expect(screen.queryByText('renata.outra@agencia.com.br')).toBeNull()
    fireEvent.click(all)
    // Client 5 has her as a contact: only the two others list her login.
    expect(await screen.findByText(/Também com este e-mail: 2 logins \(WHMCS 8\)/, undefined, MAX_WAIT)).toBeTruthy()
    fireEvent.click(screen.getByRole('checkbox', { name: 'Marcar os 2 logins encontrados' }))
    expect(screen.getByText('2 logins marcados')).toBeTruthy()
    fireEvent.click(screen.getByRole('radio', { name: 'Revogar o acesso à Área do Cliente' }))
    fireEvent.click(screen.getByRole('button', { name: 'Pré-visualizar alterações (5 marcados)' }))
    const preview = await screen.findByRole('dialog', { name: 'Pré-visualização' })
    expect(
      within(preview)
        .getAllByRole('row')
        .slice(1)
        .map((row) => row.children[1]?.textContent),
    ).toEqual(['Eduarda Silva 5', 'Felipe Silva 6', 'Gabriela Silva 7', 'Heitor Silva 8', 'Isabela Silva 9'])
    expect(preview.textContent).toContain('4 alterações vão para a fila. 1 contato já está assim e fica como está.')
    await act(async () => fireEvent.click(within(preview).getByRole('button', { name: 'Colocar 4 alterações na fila' })))
    expect(desk.calls.find((call) => call.method === 'bulk.setAccess')?.input).toEqual({
      localIds: ['c5-1', 'c6-1'],
      logins: [
        { clientId: 8, userId: 71 },
        { clientId: 9, userId: 71 },
      ],
      access: { enabled: false, permissions: [] },
    })
    expect(await screen.findByText('4 alterações na fila: vão para o portal na próxima sincronização.')).toBeTruthy()
  })

  it('ticks every result, also beyond the ones listed, and filters by access', async () => {
    const many = Array.from({ length: 230 }, (_, n) => makeContact(10, n + 1, { firstName: 'Ivo', lastName: `Lote ${n + 1}` }))
    const desk = createFakeDesk({ clients, contacts: [...contacts, ...many] })
    await renderClientList(desk)
    fireEvent.click(screen.getByRole('button', { name: 'Delegação em massa' }))
    searchFor('ivo lote')
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Marcar os 230 contatos encontrados' }, MAX_WAIT))
    expect(await screen.findByText('230 contatos marcados')).toBeTruthy()
    expect(screen.getByText('Mostrando os 200 primeiros de 230; “marcar” no cabeçalho marca todos.')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Desmarcar todos' }))
    expect(screen.getByText('Nenhum contato marcado')).toBeTruthy()

    searchFor('renata')
    await screen.findByText('4 contatos encontrados', undefined, MAX_WAIT)
    fireEvent.change(screen.getByLabelText('Acesso à Área do Cliente'), { target: { value: 'with' } })
    expect(await screen.findByText('2 contatos encontrados', undefined, MAX_WAIT)).toBeTruthy()
    expect(desk.calls.filter((call) => call.method === 'contacts.search').at(-1)?.input).toMatchObject({ search: 'renata', hasAccess: true })
  })

  it('sets e-mail preferences after a preview; Esc goes back without queueing', async () => {
    const desk = await openBulk()
    searchFor('Bruno Silva 2')
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Marcar os 2 contatos encontrados' }, MAX_WAIT))

    fireEvent.click(screen.getByRole('radio', { name: 'Definir as preferências de e-mail' }))
    fireEvent.click(screen.getByRole('checkbox', { name: /E-mails de Suporte/ }))
    fireEvent.click(screen.getByRole('button', { name: 'Pré-visualizar alterações (2 contatos)' }))
    let preview = await screen.findByRole('dialog', { name: 'Pré-visualização' })
    expect(within(preview).getAllByRole('row')[1]?.textContent).toContain('E-mails de Suporte: não')
    expect(within(preview).getAllByRole('row')[1]?.textContent).toContain('E-mails de Suporte: sim')
    await act(async () => fireEvent.click(within(preview).getByRole('button', { name: 'Colocar 2 alterações na fila' })))
    expect(desk.calls.find((call) => call.method === 'bulk.setEmailPreferences')?.input).toEqual({
      localIds: ['c2-1', 'c2-2'],
      emailPreferences: { general: true, product: false, domain: false, invoice: true, support: true, affiliate: false },
    })

    fireEvent.click(screen.getByRole('radio', { name: 'Revogar o acesso à Área do Cliente' }))
    fireEvent.click(screen.getByRole('button', { name: 'Pré-visualizar alterações (2 contatos)' }))
    preview = await screen.findByRole('dialog', { name: 'Pré-visualização' })
    expect(preview.textContent).toContain('1 alteração vai para a fila.')
    fireEvent.keyDown(preview, { key: 'Escape' })
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(desk.calls.some((call) => call.method === 'bulk.setAccess')).toBe(false)
  })

  it('asks for contacts before a preview', async () => {
    await openBulk()
    fireEvent.click(screen.getByRole('button', { name: 'Pré-visualizar alterações' }))
    expect(await screen.findByText('Marque pelo menos um contato.')).toBeTruthy()
    expect(screen.queryByRole('dialog')).toBeNull()
  })
})
