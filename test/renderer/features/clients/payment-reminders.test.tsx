// The client page's latest payment reminders, from the portal's e-mail log: when, to / cc, delivery with the
// failure's reason, "not reported by this portal", and "not available" with the reason the log could not be read.
import { screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { ClientView } from '../../../../src/shared/contract'
import type { ReminderEmail } from '../../../../src/shared/reachability'
import { createFakeDesk, makeClients } from '../../fakeDesk'
import { renderClientPage, setUpAppTests } from '../../renderApp'

setUpAppTests()

const clients = makeClients(20)
const reminder = (state: ReminderEmail['state'], overrides: Partial<ReminderEmail> = {}): ReminderEmail => ({
  date: '2026-02-25 09:05:00',
  subject: 'Lembrete de Pagamento de Fatura',
  to: ['Eduarda Silva <cliente5@exemplo.com.br>'],
  cc: [],
  state,
  failureReason: state === 'failed' ? '550 5.1.2 <cliente5@exemplo.com.br>: Domain not found' : null,
  ...overrides,
})
const read = (reminders: ReminderEmail[], unavailable: ClientView['paymentReminders']['unavailable'] = null): ClientView['paymentReminders'] => ({
  readAt: '2026-02-28T12:00:00.000Z',
  reminders,
  unavailable,
})
const section = (name: string) => screen.findByRole('region', { name })

describe('the latest payment reminders on the client page', () => {
  it('lists when, to and cc, and each delivery: failed with its reason, pending, delivered', async () => {
    const desk = createFakeDesk({
      clients,
      paymentReminders: {
        5: read([
          reminder('failed', { subject: 'Terceiro Aviso de Fatura Vencida', cc: ['financeiro@exemplo.com.br'] }),
          reminder('pending', { date: '2026-02-20 08:00:00' }),
          reminder('delivered', { date: '2026-01-25 09:00:00' }),
        ]),
      },
    })
    await renderClientPage(desk, /Eduarda Silva 5\b/)
    const region = await section('Últimos lembretes de pagamento')
    const rows = within(region).getAllByRole('row').slice(1)
    expect(
      rows.map((row) =>
        within(row)
          .getAllByRole('cell')
          .map((cell) => cell.textContent),
      ),
    ).toEqual([
      [
        '25/02/2026 09:05',
        'Terceiro Aviso de Fatura Vencida',
        'Eduarda Silva <cliente5@exemplo.com.br>Cc: financeiro@exemplo.com.br',
        'Falhou: 550 5.1.2 <cliente5@exemplo.com.br>: Domain not found',
      ],
      ['20/02/2026 08:00', 'Lembrete de Pagamento de Fatura', 'Eduarda Silva <cliente5@exemplo.com.br>', 'Na fila de envio'],
      ['25/01/2026 09:00', 'Lembrete de Pagamento de Fatura', 'Eduarda Silva <cliente5@exemplo.com.br>', 'Entregue'],
    ])
    expect(within(region).getByText(/^Lido em \d{2}\/\d{2}\/\d{4} às \d{2}:\d{2}$/)).toBeTruthy()
  })

  it('says "not reported by this portal" where the log has no delivery fields, in English too', async () => {
    const desk = createFakeDesk({ clients, settings: { language: 'en' }, paymentReminders: { 5: read([reminder('unknown')]) } })
    await renderClientPage(desk, /Eduarda Silva 5\b/, 'en')
    const region = await section('Latest payment reminders')
    expect(within(region).getByRole('cell', { name: 'Not reported by this portal' })).toBeTruthy()
    expect(region.textContent).toContain('This portal does not say in its e-mail log whether messages were delivered.')
  })

  it('says "not available" with the reason where the API role refuses GetEmails, and what is known otherwise', async () => {
    const refused = {
      action: 'GetEmails',
      error: { code: 'permission_denied' as const, message: 'Invalid Permissions: API action "getemails" is not allowed', params: { action: 'getemails' } },
    }
    const desk = createFakeDesk({ clients, settings: { language: 'en' }, paymentReminders: { 5: { readAt: null, reminders: [], unavailable: refused } } })
    await renderClientPage(desk, /Eduarda Silva 5\b/, 'en')
    const region = await section('Latest payment reminders')
    expect(region.textContent).toMatch(/Not available: .*getemails/)
    expect(within(region).queryByRole('table')).toBeNull()
  })

  it('says the log was not read yet, or holds no reminder', async () => {
    const desk = createFakeDesk({ clients, paymentReminders: { 6: read([]) } })
    const page = await renderClientPage(desk, /Eduarda Silva 5\b/)
    expect((await section('Últimos lembretes de pagamento')).textContent).toContain('O registro de e-mails ainda não foi lido do portal')
    page.unmount()
    await renderClientPage(desk, /Silva 6\b/)
    expect((await section('Últimos lembretes de pagamento')).textContent).toContain(
      'O registro de e-mails do portal não tem lembretes de pagamento deste cliente.',
    )
  })
})
