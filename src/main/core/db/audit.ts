// The audit log: staff member, time, record, old → new, and when the portal got it.
import type { Entity } from '../../../shared/domain'
import type { Db } from './database'

export interface AuditRow {
  at: string
  staff: string
  clientId: number
  entity: Entity
  entityKey: string
  action: string
  old: unknown
  new: unknown
  outboxId: number | null
}

export interface AuditEntry extends AuditRow {
  id: number
  syncedAt: string | null
}

export function recordAudit(db: Db, row: AuditRow): void {
  db.prepare(
    `INSERT INTO audit_log (at, staff, client_id, entity, entity_key, action, old, new, outbox_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    row.at,
    row.staff,
    row.clientId,
    row.entity,
    row.entityKey,
    row.action,
    row.old === undefined ? null : JSON.stringify(row.old),
    row.new === undefined ? null : JSON.stringify(row.new),
    row.outboxId,
  )
}

/** The newest audit row. A push notes it before it reads a record: rows after it are edits that push did not carry. */
export function lastAuditId(db: Db): number {
  return db.prepare('SELECT coalesce(max(id), 0) FROM audit_log').pluck().get() as number
}

/** The portal has what these edits asked for: the entry's rows, or only those up to `carried` (what its push read). */
export function markAuditSynced(db: Db, outboxId: number, at: string, carried: number = Number.MAX_SAFE_INTEGER): void {
  db.prepare('UPDATE audit_log SET synced_at = ? WHERE outbox_id = ? AND synced_at IS NULL AND id <= ?').run(at, outboxId, carried)
}

/**
 * After a push settled an entry: its rows up to `carried` reached the portal; rows recorded after (edits made while
 * it was out) follow the entry that will send them (`next`, by action), or — with nothing left to send — are on
 * the portal too.
 */
export function settleAudit(db: Db, outboxId: number, at: string, carried: number, next: (action: string) => number | null): void {
  markAuditSynced(db, outboxId, at, carried)
  const later = db.prepare('SELECT id, action FROM audit_log WHERE outbox_id = ? AND synced_at IS NULL').all(outboxId) as { id: number; action: string }[]
  const move = db.prepare('UPDATE audit_log SET outbox_id = ? WHERE id = ?')
  const synced = db.prepare('UPDATE audit_log SET synced_at = ? WHERE id = ?')
  for (const row of later) {
    const to = next(row.action)
    if (to === null) synced.run(at, row.id)
    else move.run(to, row.id)
  }
}

/** Audit rows of an entry folded into another follow it. */
export function moveAudit(db: Db, fromOutboxId: number, toOutboxId: number | null): void {
  db.prepare('UPDATE audit_log SET outbox_id = ? WHERE outbox_id = ? AND synced_at IS NULL').run(toOutboxId, fromOutboxId)
}

interface AuditDbRow {
  id: number
  at: string
  staff: string
  client_id: number
  entity: Entity
  entity_key: string
  action: string
  old: string | null
  new: string | null
  outbox_id: number | null
  synced_at: string | null
}

export function listAudit(db: Db, query: { clientId?: number; limit: number }): AuditEntry[] {
  const rows = (
    query.clientId === undefined
      ? db.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?').all(query.limit)
      : db.prepare('SELECT * FROM audit_log WHERE client_id = ? ORDER BY id DESC LIMIT ?').all(query.clientId, query.limit)
  ) as AuditDbRow[]
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    staff: row.staff,
    clientId: row.client_id,
    entity: row.entity,
    entityKey: row.entity_key,
    action: row.action,
    old: row.old === null ? null : (JSON.parse(row.old) as unknown),
    new: row.new === null ? null : (JSON.parse(row.new) as unknown),
    outboxId: row.outbox_id,
    syncedAt: row.synced_at,
  }))
}
