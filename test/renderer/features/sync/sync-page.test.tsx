// The Sync screen (progress with cancel, why sync stopped, the outbox with its reasons, retry, discard,
// held invites) and the outbox's count in the navigation. The conflicts screen's tests are in
// ../conflicts/conflicts-page.test.tsx, the change log's in ../audit/change-log.test.tsx.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { OutboxItem } from '../../../../src/shared/contract'
import { connectedStatus, createFakeDesk } from '../../fakeDesk'
import { renderClientList, setUpAppTests } from '../../renderApp'

setUpAppTests()

const entry = (overrides: Partial<OutboxItem>): OutboxItem => ({
  id: 1,
  op: 'update_contact',
  entityKey: 'c5-1',
  clientId: 5,
  label: 'Lia Reis <lia@gmail.com>',
  keys: ['phoneNumber'],
  state: 'pending',
  attempts: 0,
  nextAttemptAt: null,
  lastError: null,
  staff: 'Joana',
  createdAt: '2026-03-12T14:05:00.000Z',
  ...overrides,
})

const outbox: OutboxItem[] = [
  entry({ id: 1 }),
  entry({ id: 2, state: 'failed', attempts: 3, lastError: { code: 'timeout', message: 'timeout' }, label: 'Rui Mota <rui@gmail.com>' }),
  entry({
    id: 3,
    state: 'rejected',
    op: 'create_contact',
    keys: [],
    attempts: 1,
    lastError: { code: 'portal_error', message: 'x', params: { portalMessage: 'Duplicate Email Address' } },
    label: 'Bia <bia@gmail.com>',
  }),
  entry({ id: 4, state: 'held', op: 'grant_access', keys: ['access'], label: 'Caio <caio@gmail.com>' }),
]

describe('the Sync screen', () => {
  it('shows progress while syncing, and stops it', async () => {
    const desk = createFakeDesk({ status: connectedStatus({ syncing: true }) })
    await renderClientList(desk)
    fireEvent.click(screen.getByRole('button', { name: /^Sincronização/ }))
    act(() => desk.emit('sync.progress', { phase: 'contacts', done: 250, total: 30_250, rate: 100 }))
    const bar = await screen.findByRole('progressbar', { name: 'Andamento da sincronização' })
    expect(bar.getAttribute('aria-valuenow')).toBe('250')
    // 30,000 left at 100 a second: five minutes of this step.
    expect(bar.getAttribute('aria-valuetext')).toBe('250 de 30.250 · cerca de 5 min restantes')
    // WHMCS 8: clients, users, contacts, domains, hosting services, then what waits to be sent.
    expect(screen.getAllByText('Etapa 3 de 6: Baixando contatos…').length).toBeGreaterThan(0)
    act(() => desk.emit('sync.progress', { phase: 'domains', done: 29_500, total: 30_000, rate: 100 }))
    await waitFor(() => expect(bar.getAttribute('aria-valuetext')).toBe('29.500 de 30.000 · menos de um minuto restante'))
    fireEvent.click(screen.getByRole('button', { name: 'Interromper' }))
    await waitFor(() => expect(desk.calls.some((call) => call.method === 'sync.cancel')).toBe(true))
  })

  it('says why sync stopped for good', async () => {
    await renderClientList(createFakeDesk({ status: connectedStatus({ refused: { code: 'ip_not_allowed', message: 'x', params: { ip: '203.0.113.7' } } }) }))
    fireEvent.click(screen.getByRole('button', { name: /^Sincronização/ }))
    expect(await screen.findByText(/^A sincronização parou: O portal recusou o IP 203\.0\.113\.7/)).toBeTruthy()
  })

  it('names each read the last sync went without, and why', async () => {
    const denied = { code: 'permission_denied' as const, message: 'x', params: { action: 'GetClientsDomains' } }
    const lastSync = { at: new Date().toISOString(), ok: true, error: null, skipped: [{ action: 'GetClientsDomains', error: denied }] }
    await renderClientList(createFakeDesk({ status: connectedStatus({ lastSync }) }))
    fireEvent.click(screen.getByRole('button', { name: /^Sincronização/ }))
    expect(await screen.findByText(/^A última sincronização ficou sem GetClientsDomains \(.+\); todo o resto foi salvo/)).toBeTruthy()
  })

  it('lists the outbox with reasons; retry, discard and a second invite only after a confirmation', async () => {
    const desk = createFakeDesk({ outbox, status: connectedStatus({ outbox: { pending: 1, failed: 1, rejected: 1, conflict: 0, held: 1 } }) })
    await renderClientList(desk)
    // The navigation counts what waits, and says so.
    fireEvent.click(screen.getByRole('button', { name: 'Sincronização (4 alterações na fila)' }))
    const table = await screen.findByRole('table')
    const row = (label: RegExp) => within(table).getByRole('row', { name: label })
    expect(row(/Rui Mota/).textContent).toContain('O portal demorou demais para responder')
    expect(row(/Rui Mota/).textContent).toContain('3 tentativas')
    expect(row(/Bia/).textContent).toContain('Recusado pelo portal')
    expect(row(/Bia/).textContent).toContain('O portal recusou o pedido: Duplicate Email Address')
    expect(row(/Caio/).textContent).toContain('O portal não confirmou o convite enviado')
    expect(row(/Lia Reis/).textContent).toContain('Alterar contato — Telefone')
    expect(row(/Lia Reis/).textContent).toContain('Joana')

    fireEvent.click(within(table).getByRole('button', { name: 'Tentar de novo: Rui Mota <rui@gmail.com>' }))
    await waitFor(() => expect(desk.calls.find((call) => call.method === 'outbox.retry')?.input).toEqual({ id: 2 }))

    fireEvent.click(within(table).getByRole('button', { name: 'Enviar outro convite? Caio <caio@gmail.com>' }))
    const resend = await screen.findByRole('alertdialog', { name: 'Enviar outro convite?' })
    expect(resend.textContent).toContain('a pessoa recebe um segundo e-mail de convite')
    fireEvent.click(within(resend).getByRole('button', { name: 'Sim, enviar outro convite' }))
    await waitFor(() => expect(desk.calls.filter((call) => call.method === 'outbox.retry').at(-1)?.input).toEqual({ id: 4, resendInvite: true }))

    fireEvent.click(within(screen.getByRole('table')).getByRole('button', { name: 'Descartar: Bia <bia@gmail.com>' }))
    const discard = await screen.findByRole('alertdialog', { name: 'Descartar esta alteração?' })
    fireEvent.click(within(discard).getByRole('button', { name: 'Sim, descartar' }))
    await waitFor(() => expect(desk.calls.find((call) => call.method === 'outbox.discard')?.input).toEqual({ id: 3 }))
    await waitFor(() => expect(screen.queryByRole('row', { name: /Bia/ })).toBeNull())
  })
})
