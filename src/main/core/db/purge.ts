// The deletes behind the LGPD purge (housekeeping.ts decides when and how far back). Times are ISO 8601
// strings everywhere in the cache, so comparing them as text compares the moments.
import type { Db } from './database'

export interface PurgeCounts {
  /** Clients whose opened-client data (owner's preferences, logins, 8.x permissions, payment reminders) was removed. */
  clients: number
  /** Audit rows of edits the portal got before the cutoff. */
  auditEntries: number
  /** Conflicts resolved before the cutoff (their base, mine and theirs are personal data too). */
  resolvedConflicts: number
}

/**
 * Clients whose data is still needed: an outbox entry in any state (its push reads the owner's stored
 * preferences; a failed or held entry may still be retried) or an open conflict (a person still has to
 * compare the values). Two EXCEPTs, not EXCEPT (… UNION …): SQLite's compound operators bind left to right.
 */
const EXCEPT_PROTECTED = `EXCEPT SELECT client_id FROM outbox EXCEPT SELECT client_id FROM conflicts WHERE state = 'open'`
const NOT_PROTECTED = `client_id NOT IN (SELECT client_id FROM outbox UNION SELECT client_id FROM conflicts WHERE state = 'open')`

/**
 * Removes, in one transaction, what a per-client read got (opening the client, or the background check: details,
 * permissions, the e-mail log's reminders) for clients neither opened nor read since `cutoff` (a missing time counts
 * as long ago): the check's re-reads keep a client's details as staff opening it does, and stopping the check lets
 * them go, synced audit rows and resolved conflicts older than `cutoff` — never
 * anything of a protected client. Domains are left alone: sync mirrors them for every client, like the
 * client list and the contacts, so removing them here would only be undone.
 */
export function purgeBefore(db: Db, cutoff: string): PurgeCounts {
  return db.transaction((): PurgeCounts => {
    const stale = db
      .prepare(
        `SELECT client_id FROM client_details UNION SELECT client_id FROM user_permissions UNION SELECT client_id FROM email_log_reads
         EXCEPT SELECT client_id FROM client_opened WHERE opened_at >= ?
         EXCEPT SELECT client_id FROM client_details WHERE fetched_at >= ?
         ${EXCEPT_PROTECTED}`,
      )
      .pluck()
      .all(cutoff, cutoff) as number[]
    const ids = JSON.stringify(stale)
    const inStale = 'client_id IN (SELECT value FROM json_each(?))'
    db.prepare(`DELETE FROM client_details WHERE ${inStale}`).run(ids)
    db.prepare(`DELETE FROM user_permissions WHERE ${inStale}`).run(ids)
    // Its payment reminders go with it (ON DELETE CASCADE).
    db.prepare(`DELETE FROM email_log_reads WHERE ${inStale}`).run(ids)
    // Who looked at whom, and when, is itself worth forgetting once it no longer keeps anything.
    db.prepare(`DELETE FROM client_opened WHERE opened_at < ? AND ${NOT_PROTECTED}`).run(cutoff)
    const audit = db.prepare(`DELETE FROM audit_log WHERE synced_at IS NOT NULL AND synced_at < ? AND ${NOT_PROTECTED}`).run(cutoff)
    const conflicts = db.prepare(`DELETE FROM conflicts WHERE state = 'resolved' AND resolved_at < ? AND ${NOT_PROTECTED}`).run(cutoff)
    return { clients: stale.length, auditEntries: audit.changes, resolvedConflicts: conflicts.changes }
  })()
}

const LAST_PURGE = 'last_purge'

export function readLastPurge(db: Db): string | null {
  return (db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(LAST_PURGE) as string | undefined) ?? null
}

export function writeLastPurge(db: Db, json: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(LAST_PURGE, json)
}
