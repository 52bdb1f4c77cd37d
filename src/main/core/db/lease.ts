// The single-writer lease (DESIGN §6): one process drains the outbox at a time; a crashed holder's lease
// runs out, so nobody waits forever on a process that is gone.
import type { Db } from './database'

/** Takes the lease if it is free, expired, or already ours. */
export function acquireLease(db: Db, name: string, holder: string, ttlMs: number, now = Date.now()): boolean {
  const result = db
    .prepare(
      `INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
       WHERE leases.holder = excluded.holder OR leases.expires_at < ?`,
    )
    .run(name, holder, now + ttlMs, now)
  return result.changes === 1
}

export function releaseLease(db: Db, name: string, holder: string): void {
  db.prepare('DELETE FROM leases WHERE name = ? AND holder = ?').run(name, holder)
}

export function leaseHolder(db: Db, name: string, now = Date.now()): string | null {
  return (db.prepare('SELECT holder FROM leases WHERE name = ? AND expires_at >= ?').pluck().get(name, now) as string | undefined) ?? null
}
