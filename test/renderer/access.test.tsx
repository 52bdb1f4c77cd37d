// Access and permissions: presets (built-in and saved in this browser), copy from another person, the 8.x
// invite note, 7.x passwords, and revoke behind a confirmation.
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import { PRESETS_STORAGE_KEY } from '../../src/renderer/src/store/presets'
import { connectedStatus, createFakeDesk, demoPortal, makeClients, makeContact } from './fakeDesk'
import { renderClientPage, setUpAppTests } from './renderApp'

setUpAppTests()
beforeEach(() => localStorage.clear())

const clients = makeClients(10)
const lia = makeContact(5, 1, { firstName: 'Lia', lastName: 'Reis', email: 'lia@gmail.com' })
const rui = makeContact(5, 2, { firstName: 'Rui', lastName: 'Mota', email: 'rui@gmail.com', access: { enabled: true, permissions: ['tickets', 'domains'] } })

async function openAccess(generation: '7' | '8', who = 'Lia Reis (lia@gmail.com)') {
  const desk = createFakeDesk({ clients, contacts: [lia, rui], status: connectedStatus({ portal: { ...demoPortal, generation }, clientCount: clients.length }) })
  await renderClientPage(desk, /Eduarda Silva 5\b/)
  fireEvent.click(screen.getByRole('button', { name: `Acesso e permissões de ${who}` }))
  const dialog = await screen.findByRole('dialog', { name: new RegExp(`^Acesso à Área do Cliente — ${who.split(' (')[0]}`) })
  return { desk, dialog }
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
    expect(JSON.parse(localStorage.getItem(PRESETS_STORAGE_KEY) ?? '[]')).toEqual([
      expect.objectContaining({ name: 'Financeiro + suporte', permissions: ['invoices', 'quotes', 'tickets', 'emails', 'orders'] }),
    ])

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
    localStorage.setItem(PRESETS_STORAGE_KEY, JSON.stringify([{ id: 'x', name: 'Só tickets', permissions: ['tickets'] }]))
    const { dialog } = await openAccess('8', 'Rui Mota (rui@gmail.com)')
    fireEvent.click(within(dialog).getByRole('radio', { name: 'Só tickets' }))
    fireEvent.click(within(dialog).getByRole('button', { name: 'Excluir a predefinição “Só tickets”' }))
    expect(within(dialog).queryByRole('radio', { name: 'Só tickets' })).toBeNull()
    expect(localStorage.getItem(PRESETS_STORAGE_KEY)).toBe('[]')
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
})
