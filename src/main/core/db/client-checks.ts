// Which clients the per-client read has checked (their details read with the overdue-notice switch), and which the
// background check should read next. The partial index client_details_checked (migration 18) holds the checked
// ones by read time; the rest are read in the order of reachability_to_check (db/reachability.ts checkRank).
import type { Db } from './database'

/** A checked client's details row: the switch known and a read time, the partial index's own terms (so SQLite uses it). */
const checked = (row: string) => `${row}.overdue_notices_off IS NOT NULL AND ${row}.fetched_at IS NOT NULL`

/**
 * The next client to read: first one never checked, the likeliest at risk first (checkRank, then Active first);
 * else the one read longest ago, if before `dueBefore`; null when every judged client is checked since then. Both
 * from an index: the clients still to read are the only ones in reachability_to_check.
 */
export function nextClientToCheck(db: Db, dueBefore: string): number | null {
  const unchecked = db
    .prepare('SELECT client_id FROM reachability WHERE check_rank IS NOT NULL ORDER BY check_rank, status, client_id LIMIT 1')
    .pluck()
    .get() as number | undefined
  if (unchecked !== undefined) return unchecked
  const stale = db
    .prepare(
      `SELECT client_id FROM client_details d WHERE ${checked('d')} AND fetched_at < ?
       AND client_id IN (SELECT client_id FROM reachability) ORDER BY fetched_at LIMIT 1`,
    )
    .pluck()
    .get(dueBefore) as number | undefined
  return stale ?? null
}

/** How many judged clients are due a read: never checked, or checked before `dueBefore`. */
export function countDueChecks(db: Db, dueBefore: string): number {
  return db
    .prepare(
      `SELECT (SELECT count(*) FROM reachability WHERE check_rank IS NOT NULL)
            + (SELECT count(*) FROM client_details d WHERE ${checked('d')} AND d.fetched_at < ? AND d.client_id IN (SELECT client_id FROM reachability))`,
    )
    .pluck()
    .get(dueBefore) as number
}

/** How many clients are checked, and when the longest-ago of them was read: from the index alone. */
export function checkedCounts(db: Db): { checked: number; oldestCheckAt: string | null } {
  const row = db.prepare(`SELECT count(*) AS checked, min(fetched_at) AS oldest FROM client_details d WHERE ${checked('d')}`).get() as {
    checked: number
    oldest: string | null
  }
  return { checked: row.checked, oldestCheckAt: row.oldest }
}
