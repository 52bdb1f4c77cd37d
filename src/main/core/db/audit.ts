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

/** The portal has what these edits asked for. */
export function markAuditSynced(db: Db, outboxId: number, at: string): void {
  db.prepare('UPDATE audit_log SET synced_at = ? WHERE outbox_id = ? AND synced_at IS NULL').run(at, outboxId)
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
