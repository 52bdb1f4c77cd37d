// The single-writer lease (docs/ARCHITECTURE.md §8.1): one process drains the outbox at a time. A holder that is gone never
// blocks the next one: its lease runs out after the TTL, and at once when its process no longer exists here.
import { hostname } from 'node:os'
import type { Db } from './database'

/** The lease a sync pass holds (a pull and its push): one process at a time. */
export const SYNC_LEASE = 'sync'

/** A holder names its machine, its process and its run: `host:pid:run`. */
export function leaseHolderId(run: string, pid = process.pid, host = hostname()): string {
  return `${host}:${pid}:${run}`
}

/**
 * Whether the process behind a holder is certainly gone: it ran on this machine and no process has its pid
 * any more (a crash, kill -9). Another machine's holder, or one we cannot read, counts as alive: its TTL decides.
 */
export function holderIsGone(holder: string, host = hostname()): boolean {
  const match = /^(.*):(\d+):[^:]*$/.exec(holder)
  if (!match || match[1] !== host) return false
  const pid = Number(match[2])
  if (pid === process.pid) return false
  try {
    process.kill(pid, 0) // signal 0: only asks whether the process exists
    return false
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH' // EPERM: it exists, under another user
  }
}

/** Takes the lease if it is free, expired, already ours, or held by a process that is gone. */
export function acquireLease(
  db: Db,
  name: string,
  holder: string,
  ttlMs: number,
  now = Date.now(),
  isGone: (holder: string) => boolean = holderIsGone,
): boolean {
  // IMMEDIATE: the look and the write are one step, so two processes cannot both take a dead holder's lease.
  return db
    .transaction(() => {
      const current = db.prepare('SELECT holder, expires_at FROM leases WHERE name = ?').get(name) as { holder: string; expires_at: number } | undefined
      if (current && current.holder !== holder && current.expires_at >= now && !isGone(current.holder)) return false
      db.prepare(
        `INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at`,
      ).run(name, holder, now + ttlMs)
      return true
    })
    .immediate()
}

export function releaseLease(db: Db, name: string, holder: string): void {
  db.prepare('DELETE FROM leases WHERE name = ? AND holder = ?').run(name, holder)
}

export function leaseHolder(db: Db, name: string, now = Date.now()): string | null {
  return (db.prepare('SELECT holder FROM leases WHERE name = ? AND expires_at >= ?').pluck().get(name, now) as string | undefined) ?? null
}
