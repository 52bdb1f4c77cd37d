// Which client the background check reads next, and how the audit counts the checked ones, over a real SQLite cache.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { applyClient } from '../../../../src/main/core/db/clients'
import { checkedCounts, countDueChecks, nextClientToCheck } from '../../../../src/main/core/db/client-checks'
import { saveClientDetails } from '../../../../src/main/core/db/client-details'
import { saveContact } from '../../../../src/main/core/db/contacts'
import { openDatabase, type Db } from '../../../../src/main/core/db/database'
import { refreshReachability } from '../../../../src/main/core/views/reachability'
import { newContactFields } from '../../../../src/shared/contact-rules'
import type { ClientStatus } from '../../../../src/shared/domain'

let db: Db
beforeEach(() => {
  db = openDatabase(':memory:')
})
afterEach(() => db.close())

const AT = '2026-12-07T12:00:00.000Z'
const WEEK_AGO = '2026-11-30T12:00:00.000Z'
const preferences = { ...newContactFields().emailPreferences, invoice: true }
function client(id: number, email: string, status: ClientStatus = 'Active') {
  applyClient(db, { id, firstName: `Cliente ${id}`, lastName: 'Silva', companyName: '', email, status, createdOn: null, groupId: 0 }, AT)
}
function gmailContact(clientId: number) {
  const fields = { ...newContactFields(), firstName: 'Ana', email: `cliente${clientId}@gmail.com`, emailPreferences: preferences }
  saveContact(db, { localId: `k${clientId}`, remoteId: null, clientId, data: { fields, access: null }, base: null, remoteUpdatedAt: null, deleted: false })
}
const checked = (clientId: number, at: string, overdueNoticesOff: boolean | null = false) =>
  saveClientDetails(db, { clientId, data: preferences, base: preferences, overdueNoticesOff, logins: null, fetchedAt: at })

describe('what the background check reads next', () => {
  beforeEach(async () => {
    // 1: safe whatever its owner says (a contact on Gmail receives invoices); Active.
    client(1, 'joao@oficina.com.br')
    gmailContact(1)
    // 2: no contact: once its owner is read, nobody on invoices or its own domain only; Inactive.
    client(2, 'maria@floricultura.com.br', 'Inactive')
    // 3: the same risk, Active.
    client(3, 'pedro@padaria.com.br')
    // 4: at the same risk too, but Closed.
    client(4, 'ana@mercado.com.br', 'Closed')
    await refreshReachability(db)
  })

  it('takes the likeliest at risk first (worst verdict, then Active), the clean ones last', async () => {
    const order: number[] = []
    for (let id = nextClientToCheck(db, WEEK_AGO); id !== null && order.length < 10; id = nextClientToCheck(db, WEEK_AGO)) {
      order.push(id)
      checked(id, AT)
      // As the check does after each read: the verdict, and with it the client's place in the order, follows.
      await refreshReachability(db)
    }
    expect(order).toEqual([3, 2, 4, 1])
    expect(countDueChecks(db, WEEK_AGO)).toBe(0)
  })

  it('counts as checked only a read that kept the switch, and re-reads the one read longest ago once due', async () => {
    checked(3, AT)
    checked(2, AT, null)
    await refreshReachability(db)
    expect(checkedCounts(db)).toEqual({ checked: 1, oldestCheckAt: AT })
    expect(countDueChecks(db, WEEK_AGO)).toBe(3)
    for (const id of [1, 2, 4]) checked(id, id === 4 ? '2026-11-01T00:00:00.000Z' : '2026-11-20T00:00:00.000Z')
    await refreshReachability(db)
    expect(checkedCounts(db)).toEqual({ checked: 4, oldestCheckAt: '2026-11-01T00:00:00.000Z' })
    // Due: read before a week ago, the oldest first.
    expect(countDueChecks(db, WEEK_AGO)).toBe(3)
    expect(nextClientToCheck(db, WEEK_AGO)).toBe(4)
    expect(nextClientToCheck(db, '2026-10-01T00:00:00.000Z')).toBeNull()
  })

  it('picks by the indexes: the audit order for the unchecked, the checked by read time', () => {
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((step) => step.detail).join(' | ')
    expect(plan('SELECT client_id FROM reachability WHERE check_rank IS NOT NULL ORDER BY check_rank, status, client_id LIMIT 1')).toContain(
      'reachability_to_check',
    )
    expect(
      plan(
        "SELECT client_id FROM client_details d WHERE d.overdue_notices_off IS NOT NULL AND d.fetched_at IS NOT NULL AND fetched_at < '' ORDER BY fetched_at LIMIT 1",
      ),
    ).toContain('client_details_checked')
  })
})
