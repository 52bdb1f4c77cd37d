// The change log of a client: who changed what and when, old → new, and whether it reached the portal.
import { fireEvent, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { AuditItem } from '../../../../src/shared/contract'
import { createFakeDesk, makeClients } from '../../fakeDesk'
import { renderClientPage, setUpAppTests } from '../../renderApp'

setUpAppTests()

describe('the change log', () => {
  it('shows who changed what and when, old → new, and whether it reached the portal', async () => {
    const audit: AuditItem[] = [
      {
        id: 2,
        at: '2026-03-12T14:06:00.000Z',
        staff: 'Joana',
        clientId: 5,
        entity: 'contact',
        entityKey: 'c5-1',
        action: 'grant_access',
        old: { enabled: false, permissions: [] },
        new: { enabled: true, permissions: ['invoices', 'quotes', 'emails', 'orders'] },
        syncedAt: null,
      },
      {
        id: 1,
        at: '2026-03-12T14:05:00.000Z',
        staff: 'unnamed',
        clientId: 5,
        entity: 'contact',
        entityKey: 'c5-1',
        action: 'update_contact',
        old: { lastName: 'Reis', 'emailPreferences.invoice': false },
        new: { lastName: 'Reis Lima', 'emailPreferences.invoice': true },
        syncedAt: '2026-03-12T14:10:00.000Z',
      },
    ]
    const desk = createFakeDesk({ clients: makeClients(10), audit })
    await renderClientPage(desk, /Eduarda Silva 5\b/)
    fireEvent.click(screen.getByRole('button', { name: 'Histórico de alterações' }))
    const table = await screen.findByRole('table', { name: 'Histórico de alterações — Eduarda Silva 5' })
    const rows = within(table).getAllByRole('row').slice(1)
    expect(rows[0]?.textContent).toContain('Joana')
    expect(rows[0]?.textContent).toContain('Acesso dado')
    expect(rows[0]?.textContent).toContain('Sem acesso → Financeiro')
    expect(rows[0]?.textContent).toContain('Ainda não enviado')
    expect(rows[1]?.textContent).toContain('(sem nome)')
    expect(rows[1]?.textContent).toContain('Sobrenome: Reis → Reis Lima')
    expect(rows[1]?.textContent).toContain('E-mails de Faturas: Não recebe → Recebe')
    expect(rows[1]?.textContent).toMatch(/Enviado em 12\/03\/2026/)
    expect(desk.calls.find((call) => call.method === 'audit.list')?.input).toEqual({ clientId: 5, limit: 1000 })
    fireEvent.keyDown(table, { key: 'Escape' })
    expect(await screen.findByRole('heading', { level: 2, name: 'Quem recebe o quê' })).toBeTruthy()
  })
})
