// No staff name set: main stores '' as the author of an edit; the change log says "(sem nome)", and the first
// edit brings a line in the status bar that leads to Settings and goes once a name is saved.
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { AuditItem } from '../../../src/shared/contract'
import { createFakeDesk, makeClients, makeContact } from '../fakeDesk'
import { renderClientPage, setUpAppTests } from '../renderApp'

setUpAppTests()

const clients = makeClients(10)
const lia = makeContact(5, 1, { firstName: 'Lia', lastName: 'Reis', email: 'lia@gmail.com' })
const notice = 'Defina seu nome nas Configurações para o histórico mostrar quem fez cada alteração'

async function editLia(): Promise<void> {
  fireEvent.click(screen.getByRole('button', { name: 'Editar Lia Reis (lia@gmail.com)' }))
  const dialog = await screen.findByRole('dialog', { name: 'Editar contato — Lia Reis' })
  fireEvent.change(within(dialog).getByRole('textbox', { name: 'Cidade' }), { target: { value: 'Recife' } })
  fireEvent.change(within(dialog).getByRole('combobox', { name: 'Estado (UF)' }), { target: { value: 'PE' } })
  fireEvent.click(within(dialog).getByRole('button', { name: 'Salvar contato' }))
  await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
}

describe('no staff name set', () => {
  it('says so in the status bar after the first edit, leads to Settings, and goes once a name is saved', async () => {
    const desk = createFakeDesk({ clients, contacts: [lia] })
    await renderClientPage(desk, /Eduarda Silva 5\b/)
    expect(screen.queryByRole('button', { name: notice })).toBeNull()
    await editLia()
    const status = screen.getByRole('status')
    fireEvent.click(await within(status).findByRole('button', { name: notice }))
    fireEvent.change(await screen.findByLabelText('Seu nome'), { target: { value: 'Joana' } })
    fireEvent.click(screen.getByRole('button', { name: 'Salvar nome' }))
    await waitFor(() => expect(within(status).queryByRole('button', { name: notice })).toBeNull())
  })

  it('stays quiet for staff who set their name', async () => {
    const desk = createFakeDesk({ clients, contacts: [lia], settings: { staffName: 'Joana' } })
    await renderClientPage(desk, /Eduarda Silva 5\b/)
    await editLia()
    await waitFor(() => expect(desk.calls.some((call) => call.method === 'contacts.update')).toBe(true))
    expect(screen.queryByRole('button', { name: notice })).toBeNull()
  })

  it("shows an edit stored with '' as (sem nome) in the change log", async () => {
    const audit: AuditItem[] = [
      {
        id: 1,
        at: '2026-03-12T14:05:00.000Z',
        staff: '',
        clientId: 5,
        entity: 'contact',
        entityKey: 'c5-1',
        action: 'update_contact',
        old: { city: 'São Paulo' },
        new: { city: 'Recife' },
        syncedAt: null,
      },
    ]
    await renderClientPage(createFakeDesk({ clients, contacts: [lia], audit }), /Eduarda Silva 5\b/)
    fireEvent.click(screen.getByRole('button', { name: 'Histórico de alterações' }))
    const table = await screen.findByRole('table', { name: 'Histórico de alterações — Eduarda Silva 5' })
    expect(within(table).getAllByRole('row')[1]?.textContent).toContain('(sem nome)')
  })
})
