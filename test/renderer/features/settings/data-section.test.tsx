// Settings › Local data and privacy: the purge setting, "remove now" with what it removed, and "reset local
// data", which shows what would be lost and needs an explicit confirmation to discard it.
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { ConflictItem, OutboxItem } from '../../../../src/shared/contract'
import { connectedStatus, createFakeDesk, type FakeDesk } from '../../fakeDesk'
import { renderApp, setUpAppTests } from '../../renderApp'

setUpAppTests()

const entry = (id: number): OutboxItem => ({
  id,
  op: 'update_contact',
  entityKey: `c1-${id}`,
  clientId: 1,
  label: 'Ana Contato <ana@cliente1.com.br>',
  keys: ['city'],
  state: id === 1 ? 'pending' : 'failed',
  attempts: 0,
  nextAttemptAt: null,
  lastError: null,
  staff: 'Joana',
  createdAt: new Date().toISOString(),
})
const conflict: ConflictItem = {
  id: 1,
  entity: 'contact',
  entityKey: 'c1-1',
  clientId: 1,
  label: 'Ana Contato <ana@cliente1.com.br>',
  key: 'city',
  base: 'Recife',
  mine: 'Olinda',
  theirs: 'Paulista',
  createdAt: new Date().toISOString(),
}

function withPendingWork(): FakeDesk {
  return createFakeDesk({
    status: connectedStatus({ outbox: { pending: 1, failed: 1, rejected: 0, conflict: 0, held: 0 }, conflicts: 1 }),
    outbox: [entry(1), entry(2)],
    conflicts: [conflict],
  })
}

async function openSettings(desk: FakeDesk, language: 'pt-BR' | 'en' = 'pt-BR'): Promise<HTMLElement> {
  renderApp(desk, language)
  fireEvent.click(await screen.findByRole('button', { name: language === 'en' ? 'Settings' : 'Configurações' }))
  return screen.findByRole('region', { name: language === 'en' ? 'Local data and privacy' : 'Dados locais e privacidade' })
}

describe('local data and privacy', () => {
  it('offers the purge period, 90 days by default, and saves "never"', async () => {
    const desk = createFakeDesk()
    const section = await openSettings(desk)
    const select = within(section).getByLabelText('Apagar o que foi lido ao abrir um cliente após') as HTMLSelectElement
    expect(select.value).toBe('90')
    expect(select.selectedOptions[0]?.textContent).toBe('90 dias (recomendado)')
    expect(await within(section).findByText('Nenhuma limpeza rodou neste computador ainda.')).toBeTruthy()

    fireEvent.change(select, { target: { value: 'never' } })
    await waitFor(() => expect(desk.calls.find((call) => call.method === 'settings.update')?.input).toEqual({ purgeAfterDays: null }))
    expect(await within(section).findByText('A limpeza está desligada: nada é apagado pela idade.')).toBeTruthy()
    const purgeNow = within(section).getByRole('button', { name: 'Apagar agora' })
    expect(purgeNow.getAttribute('aria-disabled')).toBe('true')
    fireEvent.click(purgeNow)
    expect(desk.calls.some((call) => call.method === 'housekeeping.purge')).toBe(false)
  })

  it('shows a period set elsewhere as it is, and what the last cleanup removed', async () => {
    const desk = createFakeDesk({ settings: { staffName: '', language: 'pt-BR', theme: 'system', permissionPresets: [], purgeAfterDays: 45 } })
    const section = await openSettings(desk)
    expect((within(section).getByLabelText('Apagar o que foi lido ao abrir um cliente após') as HTMLSelectElement).value).toBe('45')
    fireEvent.click(within(section).getByRole('button', { name: 'Apagar agora' }))
    expect(await within(section).findByText(/^Última limpeza em \d\d\/\d\d\/\d{4} às \d\d:\d\d: dados de 0 clientes/)).toBeTruthy()
  })

  it('warns about the edits and conflicts a reset would lose, and resets only once the loss is confirmed', async () => {
    const desk = withPendingWork()
    const section = await openSettings(desk)
    fireEvent.click(within(section).getByRole('button', { name: 'Apagar os dados locais…' }))
    const dialog = await screen.findByRole('alertdialog', { name: 'Apagar os dados locais?' })
    expect(dialog.textContent).toContain('Alterações ainda não enviadas ao portal: 2. Conflitos em aberto: 1.')
    // The safe choice has the focus.
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancelar' }))

    const confirm = within(dialog).getByRole('button', { name: 'Apagar os dados locais' })
    expect(confirm.getAttribute('aria-disabled')).toBe('true')
    fireEvent.click(confirm)
    expect(desk.calls.some((call) => call.method === 'cache.reset')).toBe(false)

    fireEvent.click(within(dialog).getByLabelText('Descartar as alterações não enviadas e os conflitos em aberto'))
    expect(confirm.getAttribute('aria-disabled')).toBeNull()
    fireEvent.click(confirm)
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull())
    expect(desk.calls.filter((call) => call.method === 'cache.reset').map((call) => call.input)).toEqual([{ discardPending: true }])
    expect(await within(section).findByText('Dados locais apagados. Sincronize para baixá-los de novo.')).toBeTruthy()
  })

  it('resets without a checkbox when nothing would be lost, and says why a refusal happened', async () => {
    const desk = createFakeDesk({
      settings: { staffName: '', language: 'en', theme: 'system', permissionPresets: [], purgeAfterDays: 90 },
      handlers: { 'cache.reset': () => ({ ok: false, error: { code: 'busy', message: 'A sync is running' } }) },
    })
    const section = await openSettings(desk, 'en')
    fireEvent.click(within(section).getByRole('button', { name: 'Reset local data…' }))
    const dialog = await screen.findByRole('alertdialog', { name: 'Reset local data?' })
    expect(dialog.textContent).toContain('Every edit has reached the portal: nothing will be lost.')
    expect(dialog.textContent).toContain('The copy of the demo portal on this computer will be deleted')
    expect(within(dialog).queryByRole('checkbox')).toBeNull()
    fireEvent.click(within(dialog).getByRole('button', { name: 'Reset local data' }))
    expect((await within(dialog).findByRole('alert')).textContent).toBe('Could not reset: A sync is already running.')
    expect(desk.calls.find((call) => call.method === 'cache.reset')?.input).toEqual({ discardPending: false })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }))
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull())
  })
})
