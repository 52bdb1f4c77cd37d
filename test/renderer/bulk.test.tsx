// Bulk delegation: contacts of several clients, filtered across all of them; a preview of every change
// (nothing reaches main before it is confirmed); only what changes is queued.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { createFakeDesk, makeClients, makeContact } from './fakeDesk'
import { renderApp, setUpAppTests } from './renderApp'

setUpAppTests()

const clients = makeClients(30)
const contacts = [
  makeContact(2, 1, { firstName: 'Ana', lastName: 'Dois' }),
  makeContact(2, 2, { firstName: 'Beto', lastName: 'Dois', access: { enabled: true, permissions: ['invoices', 'quotes', 'emails', 'orders'] } }),
  makeContact(3, 1, { firstName: 'Caio', lastName: 'Três', access: null }),
  makeContact(4, 1, { firstName: 'Dora', lastName: 'Quatro' }),
]

async function chooseClients(names: string[]) {
  const desk = createFakeDesk({ clients, contacts })
  renderApp(desk)
  await screen.findByRole('listbox')
  fireEvent.click(screen.getByRole('button', { name: 'Delegação em massa' }))
  await screen.findByRole('heading', { level: 1, name: 'Delegação em massa' })
  const search = screen.getByLabelText('Buscar clientes para incluir')
  for (const name of names) {
    fireEvent.change(search, { target: { value: name } })
    fireEvent.click(await screen.findByRole('checkbox', { name: new RegExp(`^${name}\\b`) }))
  }
  await screen.findByRole('list', { name: `${names.length} ${names.length === 1 ? 'cliente escolhido' : 'clientes escolhidos'}` })
  return desk
}

const MAX_WAIT = { timeout: 2000 }

describe('bulk delegation', () => {
  it('applies a preset to contacts of several clients after a preview, queueing only real changes', async () => {
    const desk = await chooseClients(['Bruno Silva 2', 'Carla Silva 3', 'Daniel Silva 4'])
    await waitFor(() => expect(screen.getByRole('checkbox', { name: 'Marcar os 4 contatos da lista' })).toBeTruthy(), MAX_WAIT)
    // The filter works across clients.
    fireEvent.change(screen.getByLabelText('Filtrar contatos'), { target: { value: 'dois' } })
    expect(screen.getByRole('checkbox', { name: 'Marcar os 2 contatos da lista' })).toBeTruthy()
    fireEvent.change(screen.getByLabelText('Filtrar contatos'), { target: { value: '' } })
    fireEvent.click(screen.getByRole('checkbox', { name: 'Marcar os 4 contatos da lista' }))
    expect(screen.getByText('4 contatos marcados')).toBeTruthy()
    fireEvent.click(screen.getByRole('checkbox', { name: 'Marcar Dora Quatro (contato1@cliente4.com.br)' }))
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
      access: { enabled: true, permissions: ['invoices', 'quotes', 'emails', 'orders'] },
    })
    expect(await screen.findByText('2 alterações na fila: vão para o portal na próxima sincronização.')).toBeTruthy()
  })

  it('sets e-mail preferences, and revokes access, each previewed', async () => {
    const desk = await chooseClients(['Bruno Silva 2'])
    await waitFor(() => expect(screen.getByRole('checkbox', { name: 'Marcar os 2 contatos da lista' })).toBeTruthy(), MAX_WAIT)
    fireEvent.click(screen.getByRole('checkbox', { name: 'Marcar os 2 contatos da lista' }))

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
    // Esc goes back without queueing anything.
    fireEvent.keyDown(preview, { key: 'Escape' })
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(desk.calls.some((call) => call.method === 'bulk.setAccess')).toBe(false)
  })

  it('asks for contacts before a preview', async () => {
    await chooseClients(['Bruno Silva 2'])
    fireEvent.click(screen.getByRole('button', { name: 'Pré-visualizar alterações' }))
    expect(await screen.findByText('Marque pelo menos um contato.')).toBeTruthy()
    expect(screen.queryByRole('dialog')).toBeNull()
  })
})
