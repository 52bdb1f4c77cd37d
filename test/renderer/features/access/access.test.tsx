// Access and permissions: presets (built-in, and saved in the settings: saved, changed, renamed, deleted,
// imported once from the localStorage of earlier versions), copy from another person, the 8.x invite note,
// 7.x passwords, and revoke behind a confirmation.
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import { LEGACY_PRESETS_STORAGE_KEY } from '../../../../src/renderer/src/store/presets'
import type { PermissionPreset } from '../../../../src/shared/domain'
import { connectedStatus, createFakeDesk, demoPortal, makeClients, makeContact, type FakeHandlers } from '../../fakeDesk'
import { renderClientPage, setUpAppTests } from '../../renderApp'

setUpAppTests()
beforeEach(() => localStorage.clear())

const clients = makeClients(10)
const onlyTickets: PermissionPreset = { id: 'x', name: 'Só tickets', permissions: ['tickets'] }
const lia = makeContact(5, 1, { firstName: 'Lia', lastName: 'Reis', email: 'lia@gmail.com' })
const rui = makeContact(5, 2, { firstName: 'Rui', lastName: 'Mota', email: 'rui@gmail.com', access: { enabled: true, permissions: ['tickets', 'domains'] } })

async function openAccess(generation: '7' | '8', who = 'Lia Reis (lia@gmail.com)', permissionPresets: PermissionPreset[] = [], handlers: FakeHandlers = {}) {
  const desk = createFakeDesk({
    clients,
    contacts: [lia, rui],
    status: connectedStatus({ portal: { ...demoPortal, generation }, clientCount: clients.length }),
    settings: { permissionPresets },
    handlers,
  })
  await renderClientPage(desk, /Eduarda Silva 5\b/)
  fireEvent.click(screen.getByRole('button', { name: `Acesso e permissões de ${who}` }))
  const dialog = await screen.findByRole('dialog', { name: new RegExp(`^Acesso à Área do Cliente — ${who.split(' (')[0]}`) })
  return { desk, dialog }
}

/** The presets main keeps, as settings.get answers. */
async function savedPresets(desk: ReturnType<typeof createFakeDesk>): Promise<PermissionPreset[]> {
  const settings = await desk.api['settings.get']({})
  return settings.ok ? settings.value.permissionPresets : []
}

describe('access and permissions', () => {
  it('grants 8.x access with a preset, a custom preset saved for later, and permissions copied from another person', async () => {
    const { desk, dialog } = await openAccess('8')
    expect(within(dialog).queryByRole('radio', { name: 'Financeiro' })).toBeNull()
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Pode acessar a Área do Cliente' }))
    expect(within(dialog).getByText(/o portal envia um convite para lia@gmail.com/)).toBeTruthy()
    fireEvent.click(within(dialog).getByRole('button', { name: 'Salvar acesso' }))
    expect(await within(dialog).findByText('Escolha pelo menos uma permissão (ou desmarque o acesso).')).toBeTruthy()

    fireEvent.click(within(dialog).getByRole('radio', { name: 'Financeiro' }))
    expect((within(dialog).getByRole('checkbox', { name: 'Ver e Pagar Faturas' }) as HTMLInputElement).checked).toBe(true)
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Ver e Abrir Tickets de Suporte' }))
    expect((within(dialog).getByRole('radio', { name: 'Personalizado' }) as HTMLInputElement).checked).toBe(true)
    fireEvent.click(within(dialog).getByRole('button', { name: 'Salvar predefinição' }))
    expect(within(dialog).getByText('Dê um nome à predefinição.')).toBeTruthy()
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Nome da nova predefinição' }), { target: { value: 'Financeiro + suporte' } })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Salvar predefinição' }))
    expect((within(dialog).getByRole('radio', { name: 'Financeiro + suporte' }) as HTMLInputElement).checked).toBe(true)
    expect(await savedPresets(desk)).toEqual([
      expect.objectContaining({ name: 'Financeiro + suporte', permissions: ['invoices', 'quotes', 'tickets', 'emails', 'orders'] }),
    ])
    expect(await within(dialog).findByText('Predefinição “Financeiro + suporte” salva nas configurações.')).toBeTruthy()

    fireEvent.change(within(dialog).getByRole('combobox', { name: 'Copiar permissões de' }), { target: { value: 'contact:c5-2' } })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Copiar' }))
    expect((within(dialog).getByRole('checkbox', { name: 'Ver Domínios' }) as HTMLInputElement).checked).toBe(true)
    expect((within(dialog).getByRole('checkbox', { name: 'Ver e Pagar Faturas' }) as HTMLInputElement).checked).toBe(false)
    fireEvent.click(within(dialog).getByRole('radio', { name: 'Financeiro + suporte' }))
    fireEvent.keyDown(dialog, { key: 's', ctrlKey: true })
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(desk.calls.find((call) => call.method === 'access.set')?.input).toEqual({
      localId: 'c5-1',
      access: { enabled: true, permissions: ['invoices', 'quotes', 'tickets', 'emails', 'orders'] },
    })
    expect(screen.getByRole('row', { name: /Lia Reis/ }).textContent).toContain('Convite a enviar')
  })

  it('deletes a saved preset', async () => {
    const { desk, dialog } = await openAccess('8', 'Rui Mota (rui@gmail.com)', [onlyTickets])
    fireEvent.click(await within(dialog).findByRole('radio', { name: 'Só tickets' }))
    fireEvent.click(within(dialog).getByRole('button', { name: 'Excluir a predefinição “Só tickets”' }))
    expect(within(dialog).queryByRole('radio', { name: 'Só tickets' })).toBeNull()
    expect(await savedPresets(desk)).toEqual([])
    expect(await within(dialog).findByText('Predefinição “Só tickets” excluída.')).toBeTruthy()
  })

  it('changes a saved preset by saving under its name again, and renames it (never onto another name)', async () => {
    const { desk, dialog } = await openAccess('8', 'Rui Mota (rui@gmail.com)', [
      onlyTickets,
      { id: 'y', name: 'Domínios', permissions: ['domains', 'managedomains'] },
    ])
    fireEvent.click(await within(dialog).findByRole('radio', { name: 'Só tickets' }))
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Ver Domínios' }))
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Nome da nova predefinição' }), { target: { value: ' só TICKETS ' } })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Salvar predefinição' }))
    expect(await within(dialog).findByText('Predefinição “só TICKETS” atualizada com estas permissões.')).toBeTruthy()
    expect(await savedPresets(desk)).toEqual([
      { id: 'x', name: 'só TICKETS', permissions: ['domains', 'tickets'] },
      { id: 'y', name: 'Domínios', permissions: ['domains', 'managedomains'] },
    ])

    const rename = within(dialog).getByRole('textbox', { name: 'Novo nome para “só TICKETS”' })
    fireEvent.change(rename, { target: { value: 'domínios' } })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Renomear' }))
    expect(await within(dialog).findByText('Já existe uma predefinição com esse nome.')).toBeTruthy()
    fireEvent.change(rename, { target: { value: '' } })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Renomear' }))
    expect(within(dialog).getByText('Dê um nome à predefinição.')).toBeTruthy()
    fireEvent.change(rename, { target: { value: 'Suporte e domínios' } })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Renomear' }))
    expect(await within(dialog).findByText('Predefinição “só TICKETS” renomeada para “Suporte e domínios”.')).toBeTruthy()
    expect((within(dialog).getByRole('radio', { name: 'Suporte e domínios' }) as HTMLInputElement).checked).toBe(true)
    expect((await savedPresets(desk))[0]).toEqual({ id: 'x', name: 'Suporte e domínios', permissions: ['domains', 'tickets'] })
  })

  it('keeps at most 100 saved presets', async () => {
    const full = Array.from({ length: 100 }, (_, n): PermissionPreset => ({ id: `p${n}`, name: `Predefinição ${n}`, permissions: ['tickets'] }))
    const { desk, dialog } = await openAccess('8', 'Rui Mota (rui@gmail.com)', full)
    await within(dialog).findByRole('radio', { name: 'Predefinição 0' })
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Ver e Pagar Faturas' }))
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Nome da nova predefinição' }), { target: { value: 'A centésima primeira' } })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Salvar predefinição' }))
    expect(await within(dialog).findByText('Cabem no máximo 100 predefinições salvas: exclua uma antes.')).toBeTruthy()
    expect(desk.calls.some((call) => call.method === 'settings.update')).toBe(false)
  })

  it('shows a preset main did not keep going away again, with the reason', async () => {
    const { desk, dialog } = await openAccess('8', 'Rui Mota (rui@gmail.com)', [], {
      'settings.update': () => ({ ok: false, error: { code: 'app_unavailable', message: 'down' } }),
    })
    fireEvent.click(within(dialog).getByRole('radio', { name: 'Financeiro' }))
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Ver Domínios' }))
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Nome da nova predefinição' }), { target: { value: 'Nunca salva' } })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Salvar predefinição' }))
    expect(await within(dialog).findByText(/^A predefinição não foi salva: /)).toBeTruthy()
    await waitFor(() => expect(within(dialog).queryByRole('radio', { name: 'Nunca salva' })).toBeNull())
    expect(await savedPresets(desk)).toEqual([])
  })

  it('moves presets an earlier version kept in localStorage into the settings, once', async () => {
    localStorage.setItem(LEGACY_PRESETS_STORAGE_KEY, JSON.stringify([onlyTickets, { ...onlyTickets, id: 'dup', name: 'SÓ TICKETS' }]))
    const { desk, dialog } = await openAccess('8', 'Rui Mota (rui@gmail.com)')
    expect(await within(dialog).findByRole('radio', { name: 'Só tickets' })).toBeTruthy()
    expect(await savedPresets(desk)).toEqual([onlyTickets])
    await waitFor(() => expect(localStorage.getItem(LEGACY_PRESETS_STORAGE_KEY)).toBeNull())
  })

  it('never lets the old localStorage overwrite presets the settings hold', async () => {
    localStorage.setItem(LEGACY_PRESETS_STORAGE_KEY, JSON.stringify([onlyTickets]))
    const kept: PermissionPreset = { id: 'k', name: 'Financeiro ampliado', permissions: ['invoices', 'quotes'] }
    const { desk, dialog } = await openAccess('8', 'Rui Mota (rui@gmail.com)', [kept])
    expect(await within(dialog).findByRole('radio', { name: 'Financeiro ampliado' })).toBeTruthy()
    expect(within(dialog).queryByRole('radio', { name: 'Só tickets' })).toBeNull()
    expect(desk.calls.some((call) => call.method === 'settings.update')).toBe(false)
    expect(await savedPresets(desk)).toEqual([kept])
  })

  it('7.x: a new sub-account needs a password typed twice', async () => {
    const { desk, dialog } = await openAccess('7')
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Pode acessar a Área do Cliente' }))
    fireEvent.click(within(dialog).getByRole('radio', { name: 'Acesso total' }))
    fireEvent.change(within(dialog).getByLabelText('Senha *'), { target: { value: 'curta' } })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Salvar acesso' }))
    expect(await within(dialog).findByText('A senha precisa de pelo menos 8 caracteres.')).toBeTruthy()
    fireEvent.change(within(dialog).getByLabelText('Senha *'), { target: { value: 'comprida1' } })
    fireEvent.change(within(dialog).getByLabelText('Repita a senha *'), { target: { value: 'comprida1' } })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Salvar acesso' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(desk.calls.find((call) => call.method === 'access.set')?.input).toMatchObject({ password: 'comprida1', access: { enabled: true } })
  })

  it('revokes only after a confirmation', async () => {
    const { desk, dialog } = await openAccess('8', 'Rui Mota (rui@gmail.com)')
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revogar acesso' }))
    const confirm = await screen.findByRole('alertdialog', { name: 'Revogar o acesso de Rui Mota?' })
    expect(confirm.textContent).toContain('rui@gmail.com deixa de ter acesso a esta conta')
    fireEvent.click(within(confirm).getByRole('button', { name: 'Cancelar' }))
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull())
    expect(desk.calls.some((call) => call.method === 'access.set')).toBe(false)
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revogar acesso' }))
    fireEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Sim, revogar' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(desk.calls.find((call) => call.method === 'access.set')?.input).toEqual({ localId: 'c5-2', access: { enabled: false, permissions: [] } })
  })

  it('changes and takes away the access of an 8.x login that is no contact, shown pending in the grid', async () => {
    const desk = createFakeDesk({
      clients,
      contacts: [lia],
      status: connectedStatus({ portal: { ...demoPortal, generation: '8' }, clientCount: clients.length }),
      logins: {
        5: [
          { kind: 'owner', name: 'Eduarda Silva 5', email: 'cliente5@exemplo.com.br', permissions: [], inviteState: null, contactLocalId: null, userId: 1 },
          {
            kind: 'user',
            name: 'Contabilidade Souza',
            email: 'contab@souza.com.br',
            permissions: ['invoices', 'quotes'],
            inviteState: null,
            contactLocalId: null,
            userId: 31,
          },
        ],
      },
    })
    await renderClientPage(desk, /Eduarda Silva 5\b/)
    fireEvent.click(screen.getByRole('button', { name: 'Acesso e permissões de Contabilidade Souza (contab@souza.com.br)' }))
    const dialog = await screen.findByRole('dialog', { name: /^Acesso à Área do Cliente — Contabilidade Souza/ })
    expect(within(dialog).getByText(/um login que não é contato/)).toBeTruthy()
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Ver e Abrir Tickets de Suporte' }))
    fireEvent.click(within(dialog).getByRole('button', { name: 'Salvar acesso' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(desk.calls.find((call) => call.method === 'logins.setAccess')?.input).toEqual({
      clientId: 5,
      userId: 31,
      access: { enabled: true, permissions: ['invoices', 'quotes', 'tickets'] },
    })
    const row = (await screen.findByText('contab@souza.com.br')).closest('tr') as HTMLElement
    expect(await within(row).findByText('Pendente')).toBeTruthy()

    fireEvent.click(within(row).getByRole('button', { name: 'Acesso e permissões de Contabilidade Souza (contab@souza.com.br)' }))
    const again = await screen.findByRole('dialog', { name: /^Acesso à Área do Cliente — Contabilidade Souza/ })
    fireEvent.click(within(again).getByRole('button', { name: 'Revogar acesso' }))
    fireEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Sim, revogar' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(desk.calls.filter((call) => call.method === 'logins.setAccess').at(-1)?.input).toEqual({
      clientId: 5,
      userId: 31,
      access: { enabled: false, permissions: [] },
    })
    // Access leaves the row at once (offline, from the cache); the badge says it still has to reach the portal.
    const after = (await screen.findByText('contab@souza.com.br')).closest('tr') as HTMLElement
    await waitFor(() => expect(within(after).getAllByText('Não pode entrar').length).toBeGreaterThan(0))
  })
})
