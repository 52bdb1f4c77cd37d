// The latest payment reminders of each client whose e-mail log was read (GetEmails, when the client is opened),
// kept as the client page and the audit show them: when, to, cc, subject, delivery. Never the body: the portal
// client drops it at decode. Triggers mark the client for the audit (migration 19); the purge drops the read like
// the rest of what opening a client read, and its reminders with it (ON DELETE CASCADE).
import { z } from 'zod'
import { ReminderEmail } from '../../../shared/reachability'
import type { Db } from './database'

export interface StoredReminders {
  /** When the log was read (ISO). */
  readAt: string
  /** Newest first; empty: the log held no payment reminder. */
  reminders: ReminderEmail[]
}

const Addresses = z.string().transform((text) => z.array(z.string()).parse(JSON.parse(text)))

const Row = z.object({
  client_id: z.number().int(),
  read_at: z.string(),
  // null where the read found no reminder (the LEFT JOIN's empty side).
  position: z.number().int().nullable(),
  sent_at: z.string().nullable(),
  subject: z.string().nullable(),
  to_addresses: Addresses.nullable(),
  cc_addresses: Addresses.nullable(),
  state: z.string().nullable(),
  failure_reason: z.string().nullable(),
})

/** Replaces the client's stored reminders with those just read. */
export function saveReminders(db: Db, clientId: number, read: StoredReminders): void {
  db.prepare(`INSERT INTO email_log_reads (client_id, read_at) VALUES (?, ?) ON CONFLICT (client_id) DO UPDATE SET read_at = excluded.read_at`).run(
    clientId,
    read.readAt,
  )
  db.prepare('DELETE FROM payment_reminders WHERE client_id = ?').run(clientId)
  const insert = db.prepare(
    `INSERT INTO payment_reminders (client_id, position, sent_at, subject, to_addresses, cc_addresses, state, failure_reason)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  read.reminders.forEach((reminder, position) =>
    insert.run(
      clientId,
      position,
      reminder.date,
      reminder.subject,
      JSON.stringify(reminder.to),
      JSON.stringify(reminder.cc),
      reminder.state,
      reminder.failureReason,
    ),
  )
}

/** The stored reminders of these clients, one query for them all; a client whose log was never read is absent. */
export function remindersOf(db: Db, clientIds: readonly number[]): Map<number, StoredReminders> {
  const rows = db
    .prepare(
      `SELECT l.client_id, l.read_at, p.position, p.sent_at, p.subject, p.to_addresses, p.cc_addresses, p.state, p.failure_reason
       FROM email_log_reads l LEFT JOIN payment_reminders p ON p.client_id = l.client_id
       WHERE l.client_id IN (SELECT value FROM json_each(?)) ORDER BY l.client_id, p.position`,
    )
    .all(JSON.stringify(clientIds))
  const byClient = new Map<number, StoredReminders>()
  for (const raw of rows) {
    const row = Row.parse(raw)
    let stored = byClient.get(row.client_id)
    if (stored === undefined) byClient.set(row.client_id, (stored = { readAt: row.read_at, reminders: [] }))
    if (row.position === null) continue
    stored.reminders.push(
      ReminderEmail.parse({
        date: row.sent_at,
        subject: row.subject,
        to: row.to_addresses,
        cc: row.cc_addresses,
        state: row.state,
        failureReason: row.failure_reason,
      }),
    )
  }
  return byClient
}
