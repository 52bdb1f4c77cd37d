// The search indexes' upkeep. FTS5 keeps each transaction's new entries as a small segment and merges segments as
// they pile up, a share of that work in whichever transaction writes to the index: during a pull, now and then a
// staff edit's commit paid 10–15 ms for merging the pull's segments. While a pull runs, FTS5's own merging is off
// and the pull merges between its transactions instead (sync/chunks.ts), as it checkpoints the WAL itself.
import type { Db } from './database'

/** The full-text indexes a pull writes. */
const INDEXES = ['clients_fts', 'contacts_fts'] as const
/** FTS5's default: merge once a level holds this many segments. */
const AUTOMERGE = 4
/** Pages of merging per turn: a few ms of work, enough to keep up with the segments a pull writes between two turns. */
const MERGE_PAGES = 256

function command(db: Db, name: string, rank: number): void {
  db.transaction(() => {
    // FTS5 takes an option's value only as an INTEGER, and the driver binds a number as REAL: a BigInt binds as INTEGER.
    for (const index of INDEXES) db.prepare(`INSERT INTO ${index} (${index}, rank) VALUES (?, ?)`).run(name, BigInt(rank))
  })()
}

/** A pull begins: FTS5 merges no more by itself. */
export function pauseAutomerge(db: Db): void {
  command(db, 'automerge', 0)
}

/** A pull ended (or died, and the cache is opened again): FTS5 merges by itself again. */
export function resumeAutomerge(db: Db): void {
  command(db, 'automerge', AUTOMERGE)
}

/** Whether a pull has FTS5's merging off (a pull that was killed leaves it so until the cache is opened again). */
export function automergePaused(db: Db): boolean {
  return INDEXES.some((index) => db.prepare(`SELECT v FROM ${index}_config WHERE k = 'automerge'`).pluck().get() === 0)
}

/** One turn of merging, in its own short transaction. */
export function mergeSome(db: Db): void {
  command(db, 'merge', MERGE_PAGES)
}
