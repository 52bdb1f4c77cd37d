// The outbox: intent-level edits waiting for the portal, oldest first. Each entry names the record,
// the keys it changed and what the portal had for each key when the edit was made (its base).
import { z } from 'zod'
import { OutboxOp, OutboxState } from '../../../shared/domain'
import { DeskError } from '../../../shared/errors'
import type { Flat, FlatValue } from '../../../shared/record-keys'
import type { Db } from './database'

export interface OutboxEntry {
  id: number
  op: OutboxOp
  /** A contact's local id, or a client's id (as text) for the owner's e-mail preferences. */
  entityKey: string
  clientId: number
  keys: string[]
  base: Flat
  state: OutboxState
  /** Attempts started, counted before each request leaves: a create with attempts > 0 may already exist. */
  attempts: number
  nextAttemptAt: string | null
  lastError: DeskError | null
  staff: string
  createdAt: string
  updatedAt: string
  /** What the attempts of this entry sent before their answers came back (recorded before each request leaves). */
  sent: Sent
}

/**
 * An attempt whose answer was lost may have landed. Per key, the values attempts sent: the portal showing one
 * of them is our own write, not another person's change (merge.ts `baseFor`). For a create, the highest portal
 * contact id known when it left: a contact the portal lists above it may be the create landing (landed.ts).
 */
export const Sent = z.strictObject({
  values: z.record(z.string(), z.array(z.union([z.string(), z.boolean(), z.null()]))).default({}),
  afterRemoteId: z.number().int().nonnegative().nullable().default(null),
})
export type Sent = z.infer<typeof Sent>
export const NOTHING_SENT: Sent = { values: {}, afterRemoteId: null }

/** Adds what one attempt sends to what earlier attempts sent. */
export function withSent(sent: Sent, values: Flat): Sent {
  const merged: Record<string, FlatValue[]> = { ...sent.values }
  for (const [key, value] of Object.entries(values)) {
    const earlier = merged[key] ?? []
    merged[key] = earlier.includes(value) ? earlier : [...earlier, value]
  }
  return { ...sent, values: merged }
}

interface OutboxRow {
  id: number
  op: string
  entity_key: string
  client_id: number
  keys: string
  base: string
  state: string
  attempts: number
  next_attempt_at: string | null
  last_error: string | null
  staff: string
  created_at: string
  updated_at: string
  sent: string
}

const Keys = z.array(z.string())
const Base = z.record(z.string(), z.union([z.string(), z.boolean(), z.null()]))

/** Entries are re-validated when read: the outbox holds data that exists nowhere else (docs/ARCHITECTURE.md §6.1). */
function fromRow(row: OutboxRow): OutboxEntry {
  return {
    id: row.id,
    op: OutboxOp.parse(row.op),
    entityKey: row.entity_key,
    clientId: row.client_id,
    keys: Keys.parse(JSON.parse(row.keys)),
    base: Base.parse(JSON.parse(row.base)),
    state: OutboxState.parse(row.state),
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error === null ? null : DeskError.parse(JSON.parse(row.last_error)),
    staff: row.staff,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    sent: Sent.parse(JSON.parse(row.sent)),
  }
}

/**
 * What a create that may have reached the portal unconfirmed sent (its base holds what left, push.ts), or what
 * a delete replacing such a create kept (edits.ts): what to look for on the portal (landed.ts). Only meaningful
 * for a contact without a portal id.
 */
export function unconfirmedCreate(entry: OutboxEntry | undefined): { fields: Flat; afterRemoteId: number | null } | null {
  const unconfirmed = (entry?.op === 'create_contact' && entry.attempts > 0) || entry?.op === 'delete_contact'
  return entry && unconfirmed ? { fields: entry.base, afterRemoteId: entry.sent.afterRemoteId } : null
}

export function addEntry(db: Db, entry: Pick<OutboxEntry, 'op' | 'entityKey' | 'clientId' | 'keys' | 'base' | 'staff'> & { sent?: Sent }, at: string): number {
  return Number(
    db
      .prepare(
        `INSERT INTO outbox (op, entity_key, client_id, keys, base, state, staff, created_at, updated_at, sent)
         VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?)`,
      )
      .run(
        entry.op,
        entry.entityKey,
        entry.clientId,
        JSON.stringify(entry.keys),
        JSON.stringify(entry.base),
        entry.staff,
        at,
        at,
        JSON.stringify(entry.sent ?? NOTHING_SENT),
      ).lastInsertRowid,
  )
}

export function updateEntry(
  db: Db,
  id: number,
  change: Partial<Pick<OutboxEntry, 'op' | 'keys' | 'base' | 'state' | 'attempts' | 'nextAttemptAt' | 'lastError' | 'sent'>>,
  at: string,
): void {
  // Read and write as one: another process (an edit folding into this entry) may write it in between.
  db.transaction(() => {
    const current = getEntry(db, id)
    if (!current) return
    const next = { ...current, ...change }
    db.prepare(
      `UPDATE outbox SET op = ?, keys = ?, base = ?, state = ?, attempts = ?, next_attempt_at = ?, last_error = ?, sent = ?, updated_at = ?
       WHERE id = ?`,
    ).run(
      next.op,
      JSON.stringify(next.keys),
      JSON.stringify(next.base),
      next.state,
      next.attempts,
      next.nextAttemptAt,
      next.lastError === null ? null : JSON.stringify(next.lastError),
      JSON.stringify(next.sent),
      at,
      id,
    )
  })()
}

export function getEntry(db: Db, id: number): OutboxEntry | null {
  const row = db.prepare('SELECT * FROM outbox WHERE id = ?').get(id) as OutboxRow | undefined
  return row ? fromRow(row) : null
}

export function removeEntry(db: Db, id: number): void {
  db.prepare('DELETE FROM outbox WHERE id = ?').run(id)
}

export function entriesFor(db: Db, entityKey: string): OutboxEntry[] {
  return (db.prepare('SELECT * FROM outbox WHERE entity_key = ? ORDER BY id').all(entityKey) as OutboxRow[]).map(fromRow)
}

/** Whether anything of this record waits for the portal (without reading the entries). */
export function hasEntries(db: Db, entityKey: string): boolean {
  return db.prepare('SELECT 1 FROM outbox WHERE entity_key = ? LIMIT 1').get(entityKey) !== undefined
}

export function allEntries(db: Db): OutboxEntry[] {
  return (db.prepare('SELECT * FROM outbox ORDER BY id').all() as OutboxRow[]).map(fromRow)
}

export function countEntries(db: Db): Record<OutboxState, number> {
  const counts: Record<OutboxState, number> = { pending: 0, failed: 0, rejected: 0, conflict: 0, held: 0 }
  for (const row of db.prepare('SELECT state, count(*) AS n FROM outbox GROUP BY state').all() as { state: OutboxState; n: number }[]) {
    counts[row.state] = row.n
  }
  return counts
}
