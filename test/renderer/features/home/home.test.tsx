// The home page a connected portal lands on: the clients at risk by rule (each opens the audit filtered by it),
// how many clients the audit judged, the edits waiting and the open conflicts, each leading to its screen.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { connectedStatus, createFakeDesk, type FakeDesk } from '../../fakeDesk'
import { renderApp, setUpAppTests } from '../../renderApp'
import { nobodyOnInvoices, ownDomainOnly, page, verdict } from '../reachability/verdicts'

setUpAppTests()

const outbox = { pending: 2, failed: 1, rejected: 1, conflict: 1, held: 0 }

function homeDesk(language: 'pt-BR' | 'en' = 'pt-BR', check: Partial<ReturnType<typeof page>> = {}): FakeDesk {
  return createFakeDesk({
    settings: { language },
    status: connectedStatus({ clientCount: 1000, outbox, conflicts: 3 }),
    handlers: {
      'reachability.list': ({ rule, offset, limit }) => {
        const items = [verdict(1, 'Ana Silva 1', [nobodyOnInvoices]), verdict(2, 'Bruno Silva 2', [ownDomainOnly('b.com.br')])]
        const matching = items.filter((item) => !rule || item.findings.some((finding) => finding.rule === rule))
        return {
          ok: true,
          value: page(matching.slice(offset, offset + limit), {
            total: 41,
            offset,
            judged: 990,
            byRule: { nobody_on_invoices: 12, own_domain_only: 29 },
            ...check,
          }),
        }
      },
    },
  })
}

async function landHome(desk: FakeDesk, language: 'pt-BR' | 'en' = 'pt-BR'): Promise<HTMLElement> {
  renderApp(desk, language)
  await screen.findByRole('heading', { level: 1, name: language === 'en' ? 'Overview' : 'Visão geral' })
  return screen.findByRole('region', { name: language === 'en' ? 'Clients at risk' : 'Clientes em risco' })
}

describe('the home page', () => {
  it('is where a connected portal lands, with the clients at risk by rule and how many were judged', async () => {
    const desk = homeDesk()
    const risk = await landHome(desk)
    expect(await within(risk).findByText('41 clientes em risco')).toBeTruthy()
    expect(within(risk).getByRole('button', { name: 'Crítico: Ninguém recebe faturas 12' })).toBeTruthy()
    expect(within(risk).getByRole('button', { name: 'Alto: Faturas só no domínio do próprio cliente 29' })).toBeTruthy()
    // A rule nobody breaks is said, not linked.
    expect(within(risk).queryByRole('button', { name: /Provável erro de digitação/ })).toBeNull()
    expect(risk.textContent).toContain('Médio: Provável erro de digitação no e-mail 0')
    expect(screen.getByRole('region', { name: 'Avaliação' }).textContent).toContain('Avaliados990 de 1.000 clientes no cache')
    expect(desk.calls.filter((call) => call.method === 'reachability.list').map((call) => call.input)).toContainEqual({ offset: 0, limit: 1 })
    expect(screen.getByRole('button', { name: 'Início' }).getAttribute('aria-current')).toBe('page')
  })

  it('opens the audit filtered by the rule clicked, and the whole list', async () => {
    const desk = homeDesk()
    const risk = await landHome(desk)
    fireEvent.click(await within(risk).findByRole('button', { name: 'Alto: Faturas só no domínio do próprio cliente 29' }))
    await screen.findByRole('heading', { level: 1, name: 'Cobranças em risco' })
    await waitFor(() =>
      expect(desk.calls.filter((call) => call.method === 'reachability.list').at(-1)?.input).toEqual({ rule: 'own_domain_only', offset: 0, limit: 50 }),
    )
    expect((screen.getByLabelText('Problema') as HTMLSelectElement).value).toBe('own_domain_only')
    expect(await screen.findByRole('button', { name: 'Bruno Silva 2' })).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Ana Silva 1' })).toBeNull()

    fireEvent.click(screen.getByRole('button', { name: 'Início' }))
    fireEvent.click(await screen.findByRole('button', { name: 'Ver a lista completa' }))
    await waitFor(() => expect((screen.getByLabelText('Problema') as HTMLSelectElement).value).toBe(''))
    expect(await screen.findByRole('button', { name: 'Ana Silva 1' })).toBeTruthy()
  })

  it('counts the edits waiting and the open conflicts, each leading to its screen, and follows the status', async () => {
    const desk = homeDesk()
    await landHome(desk)
    const edits = screen.getByRole('region', { name: 'Alterações aguardando' })
    expect(edits.textContent).toContain('4 alterações ainda não estão no portal')
    expect(edits.textContent).toContain('2 na fila, 1 com falha, 1 recusadas pelo portal, 0 retidas')
    const conflicts = screen.getByRole('region', { name: 'Conflitos abertos' })
    expect(conflicts.textContent).toContain('3 conflitos esperando decisão')

    act(() => desk.emit('status.changed', connectedStatus({ clientCount: 1000, outbox: { ...outbox, pending: 0, failed: 0, rejected: 0 }, conflicts: 0 })))
    await waitFor(() => expect(edits.textContent).toContain('Nenhuma alteração aguardando'))
    expect(conflicts.textContent).toContain('Nenhum conflito esperando decisão')

    fireEvent.click(within(edits).getByRole('button', { name: 'Abrir a fila' }))
    await screen.findByRole('heading', { level: 1, name: 'Sincronização' })
    fireEvent.click(screen.getByRole('button', { name: 'Início' }))
    fireEvent.click(within(await screen.findByRole('region', { name: 'Conflitos abertos' })).getByRole('button', { name: 'Decidir cada um' }))
    await screen.findByRole('heading', { level: 1, name: 'Conflitos' })
  })

  it('reads in English', async () => {
    const risk = await landHome(homeDesk('en'), 'en')
    expect(await within(risk).findByRole('button', { name: 'Critical: Nobody receives invoices 12' })).toBeTruthy()
    expect(screen.getByRole('region', { name: 'Edits waiting' }).textContent).toContain('4 edits are not on the portal yet')
    expect(screen.getByRole('region', { name: 'Open conflicts' }).textContent).toContain('3 conflicts waiting for a decision')
  })

  it('says how many clients the background check has read, since when, and why it stopped', async () => {
    const stopped = { action: 'GetClientsDetails', error: { code: 'permission_denied' as const, message: 'Access Denied' } }
    await landHome(homeDesk('pt-BR', { checked: 120, oldestCheckAt: '2026-12-01T10:00:00.000Z', checkStopped: stopped }))
    const coverage = screen.getByRole('region', { name: 'Avaliação' })
    await waitFor(() => expect(coverage.textContent).toContain('Verificados120 de 1.000 clientes no cache (o mais antigo lido em 01/12/2026)'))
    expect(coverage.textContent).toContain('A verificação em segundo plano parou: GetClientsDetails (')
  })
})
