// The LGPD purge's rules (housekeeping.ts, db/purge.ts) on a real SQLite cache, with the clock given.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { openDatabase, type Db } from '../../../src/main/core/db/database'
import { clientOpenedAt, markClientOpened } from '../../../src/main/core/db/client-opened'
import { saveReminders } from '../../../src/main/core/db/payment-reminders'
import { lastPurge, PURGE_INTERVAL_MS, runPurge, startDailyPurge } from '../../../src/main/core/housekeeping'

const NOW = new Date('2026-06-30T12:00:00.000Z')
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 24 * 60 * 60 * 1000)
const iso = (days: number) => daysAgo(days).toISOString()

let db: Db
beforeEach(() => {
  db = openDatabase(':memory:')
})
afterEach(() => {
  db.close()
  vi.restoreAllMocks()
})

/** What opening a client leaves in the cache, opened `days` ago. */
function opened(clientId: number, days: number): void {
  db.prepare("INSERT INTO client_details (client_id, data, base, logins, fetched_at) VALUES (?, '{}', '{}', '[]', ?)").run(clientId, iso(days))
  db.prepare("INSERT INTO user_permissions (client_id, user_id, permissions, fetched_at) VALUES (?, ?, '[]', ?)").run(clientId, clientId * 10, iso(days))
  saveReminders(db, clientId, {
    readAt: iso(days),
    reminders: [{ date: '2026-01-05 09:00:00', subject: 'Invoice Payment Reminder', to: ['a@x.com.br'], cc: [], state: 'failed', failureReason: '550' }],
  })
  markClientOpened(db, clientId, daysAgo(days))
}
function queue(clientId: number, state: string): void {
  db.prepare(
    `INSERT INTO outbox (op, entity_key, client_id, keys, base, state, staff, created_at, updated_at)
     VALUES ('set_client_email_preferences', ?, ?, '[]', '{}', ?, 'Ana', ?, ?)`,
  ).run(String(clientId), clientId, state, iso(200), iso(200))
}
function conflict(clientId: number, state: 'open' | 'resolved', resolvedDaysAgo: number | null = null): void {
  db.prepare(
    `INSERT INTO conflicts (entity, entity_key, client_id, key, base, mine, theirs, state, created_at, resolved_at)
     VALUES ('client', ?, ?, 'emailPreferences.invoice', 'true', 'false', 'true', ?, ?, ?)`,
  ).run(String(clientId), clientId, state, iso(300), resolvedDaysAgo === null ? null : iso(resolvedDaysAgo))
}
function audit(clientId: number, syncedDaysAgo: number | null): void {
  db.prepare(
    `INSERT INTO audit_log (at, staff, client_id, entity, entity_key, action, old, new, outbox_id, synced_at)
     VALUES (?, 'Ana', ?, 'client', ?, 'set_client_email_preferences', '{}', '{}', NULL, ?)`,
  ).run(iso(400), clientId, String(clientId), syncedDaysAgo === null ? null : iso(syncedDaysAgo))
}
const has = (table: string, clientId: number) => (db.prepare(`SELECT COUNT(*) FROM ${table} WHERE client_id = ?`).pluck().get(clientId) as number) > 0

describe('the LGPD purge', () => {
  it('drops what opening read for clients not opened in N days, and keeps the recently opened', () => {
    opened(1, 91)
    opened(2, 89)
    const report = runPurge(db, 90, NOW)
    expect(report).toEqual({ at: NOW.toISOString(), afterDays: 90, clients: 1, auditEntries: 0, resolvedConflicts: 0 })
    for (const table of ['client_details', 'user_permissions', 'email_log_reads', 'payment_reminders', 'client_opened']) {
      expect(has(table, 1), table).toBe(false)
      expect(has(table, 2), table).toBe(true)
    }
  })

  it('counts exactly N days: opened on the cutoff stays, a millisecond before it goes', () => {
    opened(1, 90)
    const before = new Date(daysAgo(90).getTime() - 1).toISOString()
    db.prepare('UPDATE client_opened SET opened_at = ? WHERE client_id = 1').run(before)
    db.prepare('UPDATE client_details SET fetched_at = ? WHERE client_id = 1').run(before)
    opened(2, 90)
    expect(runPurge(db, 90, NOW).clients).toBe(1)
    expect(has('client_details', 1)).toBe(false)
    expect(has('client_details', 2)).toBe(true)
  })

  it('keeps what the background check read again since the cutoff, though nobody opened the client', () => {
    opened(1, 400)
    db.prepare('UPDATE client_details SET fetched_at = ? WHERE client_id = 1').run(iso(3))
    opened(2, 400)
    expect(runPurge(db, 90, NOW).clients).toBe(1)
    expect(has('client_details', 1)).toBe(true)
    expect(has('client_details', 2)).toBe(false)
  })

  it('treats data with no opened time as opened long ago', () => {
    db.prepare("INSERT INTO user_permissions (client_id, user_id, permissions, fetched_at) VALUES (5, 50, '[]', ?)").run(iso(1))
    expect(runPurge(db, 90, NOW).clients).toBe(1)
    expect(has('user_permissions', 5)).toBe(false)
  })

  it.each(['pending', 'failed', 'rejected', 'conflict', 'held'])('never touches a client with an outbox entry (%s)', (state) => {
    opened(1, 400)
    audit(1, 400)
    conflict(1, 'resolved', 400)
    queue(1, state)
    expect(runPurge(db, 90, NOW)).toMatchObject({ clients: 0, auditEntries: 0, resolvedConflicts: 0 })
    expect(has('client_details', 1)).toBe(true)
    expect(has('user_permissions', 1)).toBe(true)
    expect(clientOpenedAt(db, 1)).toBe(iso(400))
    expect(has('audit_log', 1)).toBe(true)
  })

  it('never touches a client with an open conflict', () => {
    opened(1, 400)
    audit(1, 400)
    conflict(1, 'open')
    expect(runPurge(db, 90, NOW)).toMatchObject({ clients: 0, auditEntries: 0, resolvedConflicts: 0 })
    expect(has('client_details', 1)).toBe(true)
    expect(has('audit_log', 1)).toBe(true)
  })

  it('drops audit rows the portal got more than N days ago, never one still waiting', () => {
    opened(1, 1)
    audit(1, 91)
    audit(1, 89)
    audit(1, null)
    expect(runPurge(db, 90, NOW)).toMatchObject({ clients: 0, auditEntries: 1 })
    expect(db.prepare('SELECT synced_at FROM audit_log ORDER BY id').pluck().all()).toEqual([iso(89), null])
  })

  it('drops conflicts resolved more than N days ago', () => {
    conflict(1, 'resolved', 91)
    conflict(2, 'resolved', 10)
    expect(runPurge(db, 90, NOW).resolvedConflicts).toBe(1)
    expect(db.prepare('SELECT client_id FROM conflicts').pluck().all()).toEqual([2])
  })

  it('leaves the mirrored data alone: clients, contacts, domains and the 8.x invites', () => {
    opened(1, 400)
    db.prepare(
      `INSERT INTO clients (id, first_name, last_name, company_name, email, status, created_on, group_id, sort_key, remote_hash, fetched_at)
       VALUES (1, 'Ana', 'Souza', '', 'ana@x.com.br', 'Active', NULL, 0, 'ana souza', 'h', 'now')`,
    ).run()
    db.prepare("INSERT INTO contacts (local_id, remote_id, client_id, data) VALUES ('c1', 10, 1, '{}')").run()
    db.prepare("INSERT INTO client_domains (id, client_id, domain, status) VALUES (1, 1, 'padaria.com.br', 'Active')").run()
    db.prepare("INSERT INTO invites (client_id, email, email_key, permissions, state, sent_at) VALUES (1, 'a@x.com', 'a@x.com', '[]', 'pending', ?)").run(
      iso(400),
    )
    expect(runPurge(db, 90, NOW).clients).toBe(1)
    for (const table of ['contacts', 'client_domains', 'invites']) expect(has(table, 1), table).toBe(true)
    expect(db.prepare('SELECT COUNT(*) FROM clients').pluck().get()).toBe(1)
  })

  it('moves the opened time forward on each open', () => {
    markClientOpened(db, 1, daysAgo(3))
    markClientOpened(db, 1, daysAgo(1))
    expect(clientOpenedAt(db, 1)).toBe(iso(1))
  })

  it('remembers what the last run removed', () => {
    expect(lastPurge(db)).toBeNull()
    opened(1, 100)
    const report = runPurge(db, 30, NOW)
    expect(lastPurge(db)).toEqual(report)
    db.prepare("UPDATE meta SET value = '{\"at\": 1}' WHERE key = 'last_purge'").run()
    expect(lastPurge(db)).toBeNull()
  })
})

describe('the daily run', () => {
  it('runs once a day until stopped, on a timer that does not keep the process alive', () => {
    vi.useFakeTimers()
    try {
      const run = vi.fn()
      const stop = startDailyPurge(run)
      vi.advanceTimersByTime(PURGE_INTERVAL_MS - 1)
      expect(run).not.toHaveBeenCalled()
      vi.advanceTimersByTime(1)
      expect(run).toHaveBeenCalledTimes(1)
      vi.advanceTimersByTime(PURGE_INTERVAL_MS)
      expect(run).toHaveBeenCalledTimes(2)
      stop()
      vi.advanceTimersByTime(PURGE_INTERVAL_MS * 3)
      expect(run).toHaveBeenCalledTimes(2)
    } finally {
      vi.useRealTimers()
    }
  })

  it('unrefs its timer', () => {
    const timers: NodeJS.Timeout[] = []
    const realSetInterval = globalThis.setInterval
    vi.spyOn(globalThis, 'setInterval').mockImplementation(((run: () => void, ms: number) => {
      const timer = realSetInterval(run, ms)
      timers.push(timer)
      return timer
    }) as typeof setInterval)
    const stop = startDailyPurge(() => undefined)
    expect(timers).toHaveLength(1)
    expect(timers[0]?.hasRef()).toBe(false)
    stop()
  })
})
