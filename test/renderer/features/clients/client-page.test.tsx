// The client page: "who gets what", its warnings and freshness, and the contact editor with its checks
// (as staff type, and main's answer), delete with confirmation, Ctrl+S and Esc.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { ALL_ON, connectedStatus, createFakeDesk, makeClients, makeContact, NONE } from '../../fakeDesk'
import { renderClientPage, setUpAppTests } from '../../renderApp'

setUpAppTests()

const clients = makeClients(20)
/** What a grid cell says to assistive technology (its glyph is hidden from it). */
const said = (cell: HTMLElement | undefined): string | null | undefined => cell?.querySelector('.sr-only')?.textContent
// Client 5: Eduarda Silva 5 <cliente5@exemplo.com.br>.
const own = makeContact(5, 1, { firstName: 'Rui', lastName: 'Mota', email: 'financeiro@exemplo.com.br' })

describe('the client page', () => {
  it('shows who gets what, with the warning of the help article and when the data was read', async () => {
    const desk = createFakeDesk({
      clients,
      contacts: [
        own,
        makeContact(5, 2, {
          firstName: 'Lia',
          lastName: 'Reis',
          email: 'lia@gmail.com',
          emailPreferences: { ...NONE },
          access: { enabled: true, permissions: ['invoices'] },
          sync: 'rejected',
        }),
      ],
      logins: {
        5: [
          { kind: 'owner', name: 'Eduarda Silva 5', email: 'cliente5@exemplo.com.br', permissions: [], inviteState: null, contactLocalId: null },
          { kind: 'invite', name: '', email: 'lia@gmail.com', permissions: ['invoices'], inviteState: 'pending', contactLocalId: null },
          {
            kind: 'user',
            name: 'Contabilidade Souza',
            email: 'contab@souza.com.br',
            permissions: ['invoices', 'quotes'],
            inviteState: null,
            contactLocalId: null,
          },
        ],
      },
    })
    await renderClientPage(desk, /Eduarda Silva 5\b/)
    const region = await screen.findByRole('region', { name: 'Avisos sobre os destinatários' })
    expect(region.textContent).toContain(
      'Todos os destinatários de faturas usam o domínio do próprio cliente: se o domínio for suspenso por falta de pagamento, ninguém recebe os lembretes.',
    )
    expect(within(region).getByRole('button', { name: 'Adicionar segundo contato' })).toBeTruthy()
    expect(screen.getByText(/^Atualizado às \d{2}:\d{2}$/)).toBeTruthy()

    const table = screen.getByRole('table')
    const rows = within(table).getAllByRole('row').slice(2)
    expect(rows.map((row) => within(row).getByRole('rowheader').textContent)).toEqual([
      expect.stringContaining('Eduarda Silva 5'),
      expect.stringContaining('Rui Mota'),
      expect.stringContaining('Lia Reis'),
      expect.stringContaining('Contabilidade Souza'),
    ])
    // Columns named by the client area's own titles.
    expect(within(table).getByRole('columnheader', { name: 'Ver e Pagar Faturas' })).toBeTruthy()
    expect(within(table).getByRole('columnheader', { name: 'E-mails de Faturas – Faturas e Lembretes de Cobrança' })).toBeTruthy()
    // Lia: the contact and its 8.x invite as one person, rejected by the portal, invite pending.
    const lia = rows[2]!
    expect(lia.textContent).toContain('Recusado')
    expect(lia.textContent).toContain('Convite pendente')
    const cells = within(lia).getAllByRole('cell')
    expect(said(cells[3])).toBe('Não recebe') // invoice e-mails
    expect(said(cells[6])).toBe('Pode entrar')
    expect(said(cells[7 + 7])).toBe('Permitido') // invoices
    expect(said(cells[7 + 8])).toBe('Não permitido') // quotes
    // A login that is no contact gets no e-mail by category.
    expect(said(within(rows[3]!).getAllByRole('cell')[3])).toBe('Não se aplica: login que não é contato')
    expect(document.body.innerHTML).not.toContain('{{')
  })

  it('says how old the data is when the portal does not answer', async () => {
    const desk = createFakeDesk({ clients, contacts: [own], ownerPreferences: { 5: { ...ALL_ON, invoice: false } } })
    desk.model.fresh = false
    desk.model.fetchedAt = '2026-03-12T14:05:00'
    await renderClientPage(desk, /Eduarda Silva 5\b/)
    expect(screen.getByText('Sem conexão com o portal: dados de 12/03 14:05')).toBeTruthy()
  })

  it('warns when nobody receives invoices', async () => {
    const desk = createFakeDesk({
      clients,
      contacts: [makeContact(5, 1, { emailPreferences: { ...NONE } })],
      ownerPreferences: { 5: { ...ALL_ON, invoice: false } },
    })
    await renderClientPage(desk, /Eduarda Silva 5\b/)
    expect((await screen.findByRole('region', { name: 'Avisos sobre os destinatários' })).textContent).toContain('Nenhum contato recebe faturas')
  })

  it('checks a new contact as staff type and on save: nothing reaches main while it is wrong', async () => {
    const desk = createFakeDesk({ clients, contacts: [own] })
    await renderClientPage(desk, /Eduarda Silva 5\b/)
    const opener = screen.getByRole('button', { name: 'Adicionar contato' })
    act(() => opener.focus())
    fireEvent.click(opener)
    const dialog = await screen.findByRole('dialog', { name: 'Adicionar contato' })
    const first = within(dialog).getByRole('textbox', { name: 'Nome' })
    await waitFor(() => expect(document.activeElement).toBe(first))
    expect((within(dialog).getByRole('checkbox', { name: /E-mails de Faturas/ }) as HTMLInputElement).checked).toBe(true)
    expect((within(dialog).getByRole('checkbox', { name: /E-mails Gerais/ }) as HTMLInputElement).checked).toBe(true)
    expect((within(dialog).getByRole('checkbox', { name: /E-mails de Suporte/ }) as HTMLInputElement).checked).toBe(false)

    const taxId = within(dialog).getByRole('textbox', { name: 'CPF ou CNPJ' })
    fireEvent.change(taxId, { target: { value: '111.444.777-00' } })
    // A full CPF is judged at once.
    expect(within(dialog).getByText('CPF inválido: os dígitos verificadores não conferem.')).toBeTruthy()
    expect(taxId.getAttribute('aria-invalid')).toBe('true')
    const email = within(dialog).getByRole('textbox', { name: 'E-mail' })
    fireEvent.change(email, { target: { value: 'ana@gmial.com' } })
    expect(within(dialog).getByText('Parece um erro de digitação: não seria gmail.com?')).toBeTruthy()
    fireEvent.click(within(dialog).getByRole('button', { name: 'Usar gmail.com' }))
    expect((email as HTMLInputElement).value).toBe('ana@gmail.com')
    fireEvent.change(email, { target: { value: 'ana@' } })

    fireEvent.keyDown(dialog, { key: 's', ctrlKey: true })
    expect(await within(dialog).findByText('Confira os 3 campos destacados: nada foi salvo.')).toBeTruthy()
    expect(within(dialog).getByText('Preencha este campo.')).toBeTruthy()
    expect(within(dialog).getByText('Informe um e-mail válido, como nome@exemplo.com.br.')).toBeTruthy()
    await waitFor(() => expect(document.activeElement).toBe(first))
    expect(desk.calls.some((call) => call.method === 'contacts.create')).toBe(false)

    fireEvent.keyDown(dialog, { key: 'Escape' })
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(document.activeElement).toBe(opener)
    // Esc in a dialog does not also leave the client page.
    expect(screen.getByRole('heading', { level: 2, name: 'Quem recebe o quê' })).toBeTruthy()
  })

  it("saves a valid contact offline, normalised, and shows main's field errors next to the fields", async () => {
    let refuse = true
    const desk = createFakeDesk({ clients, contacts: [own] })
    const create = desk.api['contacts.create']
    desk.api['contacts.create'] = async (input) => {
      if (refuse) {
        refuse = false
        return { ok: false, error: { code: 'validation', message: 'Invalid input', issues: [{ path: 'fields.email', message: 'a valid e-mail address' }] } }
      }
      return create(input)
    }
    await renderClientPage(desk, /Eduarda Silva 5\b/)
    fireEvent.click(screen.getByRole('button', { name: 'Adicionar contato' }))
    const dialog = await screen.findByRole('dialog', { name: 'Adicionar contato' })
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Nome' }), { target: { value: 'Beatriz' } })
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Sobrenome' }), { target: { value: 'Nunes' } })
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'E-mail' }), { target: { value: 'Bia@Gmail.com' } })
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Telefone' }), { target: { value: '(81) 99876-5432' } })
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'CPF ou CNPJ' }), { target: { value: '52998224725' } })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Salvar contato' }))
    expect(await within(dialog).findByText('Informe um e-mail válido, como nome@exemplo.com.br.')).toBeTruthy()

    fireEvent.click(within(dialog).getByRole('button', { name: 'Salvar contato' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    const sent = desk.calls.filter((call) => call.method === 'contacts.create').at(-1)?.input
    expect(sent).toMatchObject({
      clientId: 5,
      fields: {
        firstName: 'Beatriz',
        email: 'bia@gmail.com',
        phoneNumber: '+55.81998765432',
        taxId: '529.982.247-25',
        country: 'BR',
        emailPreferences: { invoice: true, general: true },
      },
    })
    expect(await screen.findByText('Beatriz Nunes foi salvo neste computador e vai para o portal na próxima sincronização.')).toBeTruthy()
    expect(screen.getByRole('row', { name: /Beatriz Nunes/ }).textContent).toContain('Pendente')
  })

  it('edits only what changed, and deletes after a confirmation', async () => {
    const desk = createFakeDesk({ clients, contacts: [own, makeContact(5, 2, { firstName: 'Lia', lastName: 'Reis', email: 'lia@gmail.com', taxId: '123' })] })
    await renderClientPage(desk, /Eduarda Silva 5\b/)
    fireEvent.click(screen.getByRole('button', { name: 'Editar Lia Reis (lia@gmail.com)' }))
    const dialog = await screen.findByRole('dialog', { name: 'Editar contato — Lia Reis' })
    // The portal's odd tax id does not block an edit of something else.
    expect(within(dialog).getByText(/O valor que está no portal não passa na validação/)).toBeTruthy()
    expect((within(dialog).getByRole('textbox', { name: 'Telefone' }) as HTMLInputElement).value).toBe('+55 (11) 98765-4321')
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Cidade' }), { target: { value: 'Recife' } })
    fireEvent.change(within(dialog).getByRole('combobox', { name: 'Estado (UF)' }), { target: { value: 'PE' } })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Salvar contato' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(desk.calls.find((call) => call.method === 'contacts.update')?.input).toEqual({ localId: 'c5-2', changes: { city: 'Recife', state: 'PE' } })

    fireEvent.click(screen.getByRole('button', { name: 'Editar Lia Reis (lia@gmail.com)' }))
    const again = await screen.findByRole('dialog', { name: 'Editar contato — Lia Reis' })
    fireEvent.click(within(again).getByRole('button', { name: 'Excluir contato' }))
    const confirm = await screen.findByRole('alertdialog', { name: 'Excluir Lia Reis?' })
    // The safe choice has the focus.
    await waitFor(() => expect(document.activeElement).toBe(within(confirm).getByRole('button', { name: 'Cancelar' })))
    expect(desk.calls.some((call) => call.method === 'contacts.delete')).toBe(false)
    fireEvent.click(within(confirm).getByRole('button', { name: 'Sim, excluir' }))
    await waitFor(() => expect(screen.queryByRole('row', { name: /Lia Reis/ })).toBeNull())
    expect(desk.calls.find((call) => call.method === 'contacts.delete')?.input).toEqual({ localId: 'c5-2' })
    expect(screen.getByText('Lia Reis foi excluído deste computador e sai do portal na próxima sincronização.')).toBeTruthy()
  })

  it('reads the page back from the cache alone after an edit, and from the portal on Refresh', async () => {
    const desk = createFakeDesk({ clients, contacts: [own] })
    await renderClientPage(desk, /Eduarda Silva 5\b/)
    const opens = () => desk.calls.filter((call) => call.method === 'clients.open').map((call) => call.input)
    expect(opens()).toEqual([{ id: 5, refresh: true }])
    fireEvent.click(screen.getByRole('button', { name: 'Editar Rui Mota (financeiro@exemplo.com.br)' }))
    const dialog = await screen.findByRole('dialog', { name: 'Editar contato — Rui Mota' })
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Cidade' }), { target: { value: 'Recife' } })
    fireEvent.change(within(dialog).getByRole('combobox', { name: 'Estado (UF)' }), { target: { value: 'PE' } })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Salvar contato' }))
    await waitFor(() =>
      expect(opens()).toEqual([
        { id: 5, refresh: true },
        { id: 5, refresh: false },
      ]),
    )
    // A cache read says nothing about the portal: the page still says when it last answered, not "offline".
    await waitFor(() => expect(screen.getByText(/^Atualizado às \d{2}:\d{2}$/)).toBeTruthy())
    expect(screen.queryByText(/Sem conexão com o portal/)).toBeNull()

    fireEvent.click(screen.getByRole('button', { name: 'Atualizar do portal' }))
    await waitFor(() => expect(opens().at(-1)).toEqual({ id: 5, refresh: true }))
  })

  it('reads the page back from the cache alone when a sync pass ends or the client count moves, never from the portal', async () => {
    const desk = createFakeDesk({ clients, contacts: [own] })
    await renderClientPage(desk, /Eduarda Silva 5\b/)
    const opens = () => desk.calls.filter((call) => call.method === 'clients.open').map((call) => call.input)
    expect(opens()).toEqual([{ id: 5, refresh: true }])
    const later = new Date(Date.now() + 60_000).toISOString()
    desk.emit('status.changed', connectedStatus({ clientCount: clients.length, lastSync: { at: later, ok: true, error: null, skipped: [] } }))
    await waitFor(() =>
      expect(opens()).toEqual([
        { id: 5, refresh: true },
        { id: 5, refresh: false },
      ]),
    )
    desk.emit('status.changed', connectedStatus({ clientCount: clients.length + 1, lastSync: { at: later, ok: true, error: null, skipped: [] } }))
    await waitFor(() =>
      expect(opens()).toEqual([
        { id: 5, refresh: true },
        { id: 5, refresh: false },
        { id: 5, refresh: false },
      ]),
    )
  })

  it("edits the owner's own e-mail preferences", async () => {
    const desk = createFakeDesk({ clients, contacts: [own] })
    await renderClientPage(desk, /Eduarda Silva 5\b/)
    fireEvent.click(screen.getByRole('button', { name: 'Preferências de e-mail do titular Eduarda Silva 5' }))
    const dialog = await screen.findByRole('dialog', { name: 'Preferências de e-mail do titular — Eduarda Silva 5' })
    fireEvent.click(within(dialog).getByRole('checkbox', { name: /E-mails de Domínios/ }))
    expect(within(dialog).getByText(/Regra da ICANN/)).toBeTruthy()
    await act(async () => fireEvent.click(within(dialog).getByRole('button', { name: 'Salvar preferências' })))
    expect(desk.calls.find((call) => call.method === 'clients.setEmailPreferences')?.input).toEqual({
      clientId: 5,
      emailPreferences: { general: true, product: true, domain: false, invoice: true, support: true, affiliate: false },
    })
  })
})
