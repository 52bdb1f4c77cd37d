// A cache table that mirrors one of the portal's lists row for row, keyed by the portal's id (client_domains,
// client_products): a row is written only where it differs, its ids are read a batch at a time (for what a
// complete listing lacks), and a row goes by its id.
import type { Applied } from './clients'
import type { Db } from './database'

type Value = string | number | null

export interface MirroredTable<T extends { id: number }> {
  /** Writes a record as the portal lists it; a row that already holds exactly that is not touched. */
  apply: (db: Db, record: T) => Applied
  /** The ids held, in order, a batch at a time: those after `after`, at most `limit`. */
  ids: (db: Db, after: number, limit: number) => number[]
  remove: (db: Db, id: number) => void
}

/** `columns` besides `id`, and a record's values for them, in that order. */
export function mirroredTable<T extends { id: number }>(
  table: string,
  columns: readonly string[],
  valuesOf: (record: T) => readonly Value[],
): MirroredTable<T> {
  const select = `SELECT ${columns.join(', ')} FROM ${table} WHERE id = ?`
  const write = `INSERT OR REPLACE INTO ${table} (id, ${columns.join(', ')}) VALUES (?${', ?'.repeat(columns.length)})`
  return {
    apply: (db, record) => {
      const row = valuesOf(record)
      const previous = db.prepare(select).raw().get(record.id) as unknown[] | undefined
      if (previous && previous.every((value, index) => value === row[index])) return 'unchanged'
      db.prepare(write).run(record.id, ...row)
      return previous ? 'updated' : 'added'
    },
    ids: (db, after, limit) => db.prepare(`SELECT id FROM ${table} WHERE id > ? ORDER BY id LIMIT ?`).pluck().all(after, limit) as number[],
    remove: (db, id) => {
      db.prepare(`DELETE FROM ${table} WHERE id = ?`).run(id)
    },
  }
}
