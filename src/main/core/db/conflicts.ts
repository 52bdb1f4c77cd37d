// Conflicts: both sides changed the same key. Each keeps base, mine and theirs until a person decides.
import type { FlatValue } from '../../../shared/record-keys'
import type { Entity } from '../../../shared/domain'
import type { Db } from './database'

export interface Conflict {
  id: number
  entity: Entity
  entityKey: string
  clientId: number
  key: string
  base: FlatValue | Record<string, FlatValue>
  mine: FlatValue | Record<string, FlatValue>
  theirs: FlatValue | Record<string, FlatValue>
  createdAt: string
}

interface ConflictRow {
  id: number
  entity: Entity
  entity_key: string
  client_id: number
  key: string
  base: string | null
  mine: string | null
  theirs: string | null
  created_at: string
}

const parse = (text: string | null) => (text === null ? null : (JSON.parse(text) as Conflict['base']))

function fromRow(row: ConflictRow): Conflict {
  return {
    id: row.id,
    entity: row.entity,
    entityKey: row.entity_key,
    clientId: row.client_id,
    key: row.key,
    base: parse(row.base),
    mine: parse(row.mine),
    theirs: parse(row.theirs),
    createdAt: row.created_at,
  }
}

/** Opens a conflict, or refreshes the open one on the same key with the newest values. */
export function openConflict(db: Db, conflict: Omit<Conflict, 'id'>): void {
  db.prepare(
    `INSERT INTO conflicts (entity, entity_key, client_id, key, base, mine, theirs, state, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?)
     ON CONFLICT (entity, entity_key, key) WHERE state = 'open'
     DO UPDATE SET base = excluded.base, mine = excluded.mine, theirs = excluded.theirs`,
  ).run(
    conflict.entity,
    conflict.entityKey,
    conflict.clientId,
    conflict.key,
    JSON.stringify(conflict.base),
    JSON.stringify(conflict.mine),
    JSON.stringify(conflict.theirs),
    conflict.createdAt,
  )
}

export function openConflicts(db: Db, entityKey?: string): Conflict[] {
  const rows = (
    entityKey === undefined
      ? db.prepare("SELECT * FROM conflicts WHERE state = 'open' ORDER BY id").all()
      : db.prepare("SELECT * FROM conflicts WHERE state = 'open' AND entity_key = ? ORDER BY id").all(entityKey)
  ) as ConflictRow[]
  return rows.map(fromRow)
}

export function getConflict(db: Db, id: number): Conflict | null {
  const row = db.prepare("SELECT * FROM conflicts WHERE id = ? AND state = 'open'").get(id) as ConflictRow | undefined
  return row ? fromRow(row) : null
}

export function closeConflict(db: Db, id: number, resolution: string, at: string): void {
  db.prepare("UPDATE conflicts SET state = 'resolved', resolution = ?, resolved_at = ? WHERE id = ?").run(resolution, at, id)
}

/** Closes every open conflict of a record, e.g. once the record is gone: nothing is left to decide. */
export function closeConflictsOf(db: Db, entityKey: string, resolution: string, at: string): void {
  db.prepare("UPDATE conflicts SET state = 'resolved', resolution = ?, resolved_at = ? WHERE entity_key = ? AND state = 'open'").run(resolution, at, entityKey)
}

export function countOpenConflicts(db: Db): number {
  return db.prepare("SELECT count(*) FROM conflicts WHERE state = 'open'").pluck().get() as number
}
