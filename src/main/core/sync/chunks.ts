// Long writes in short transactions: sync applies what it read a few hundred rows at a time and lets the event
// loop run between them, so a staff member's reads and edits (in the same thread) wait one short transaction at
// most, never a whole pull; and a cancel takes effect at the next one.
import { checkpoint, pauseAutoCheckpoint, type Db } from '../db/database'
import { mergeSome, pauseAutomerge, resumeAutomerge } from '../db/search-upkeep'

/** Rows per transaction at most: about 10 ms of merging and writing on a quiet machine (a first sync of 100k clients; npm run bench). */
export const CHUNK_ROWS = 500
/**
 * Work per transaction after which it commits, however few rows it holds: on a busy or slow machine transactions get
 * shorter instead of keeping staff's reads and edits waiting longer.
 */
const CHUNK_MS = 10
/** A pull checkpoints the WAL into the database file itself, every this many transactions' worth of rows: a few ms to copy. */
const CHECKPOINT_EVERY = 2

export interface ChunkOptions {
  /** Rows per transaction (CHUNK_ROWS by default; tests make it small to split even a small pull). */
  rows?: number
  signal?: AbortSignal
  /** Told how long each transaction (and each checkpoint between them: 0 rows) took (ms), for the diagnostics. */
  onCommit?: (ms: number, rows: number) => void
}

/** Rows read per batch when a pull goes through what the cache holds (what a listing may find gone). */
export const SCAN_ROWS = 5_000

export interface Chunks {
  /**
   * Runs `each` over `items`, at most `rows` items (and about CHUNK_MS) per transaction, with the event loop free between transactions;
   * `committed(n)` hears of each transaction's n items once they are in the cache.
   */
  run<T>(items: readonly T[], each: (item: T) => void, committed?: (count: number) => void): Promise<void>
}

export function createChunks(db: Db, options: ChunkOptions = {}): Chunks {
  const size = Math.max(1, options.rows ?? CHUNK_ROWS)
  let sinceCheckpoint = 0
  return {
    async run(items, each, committed) {
      for (let start = 0; start < items.length;) {
        options.signal?.throwIfAborted()
        const began = performance.now()
        const limit = Math.min(items.length, start + size)
        let end = start
        db.transaction(() => {
          while (end < limit) {
            each(items[end++] as (typeof items)[number])
            if (performance.now() - began >= CHUNK_MS) break
          }
        })()
        const rows = end - start
        start = end
        options.onCommit?.(performance.now() - began, rows)
        committed?.(rows)
        sinceCheckpoint += rows
        if (sinceCheckpoint >= CHECKPOINT_EVERY * size) {
          sinceCheckpoint = 0
          for (const upkeep of [mergeSome, checkpoint]) {
            const started = performance.now()
            upkeep(db)
            options.onCommit?.(performance.now() - started, 0)
          }
        }
        await yieldToEventLoop()
      }
    },
  }
}

/**
 * Runs `work` with SQLite's own checkpoints and FTS5's own merging off: the writes in it do both between their
 * transactions instead (createChunks), so no other commit in the meantime pays for them. Restored, and the WAL
 * copied, at the end.
 */
export async function withOwnUpkeep<T>(db: Db, work: () => Promise<T>): Promise<T> {
  const restoreAutoCheckpoint = pauseAutoCheckpoint(db)
  try {
    pauseAutomerge(db)
    return await work()
  } finally {
    if (db.open) {
      restoreAutoCheckpoint()
      resumeAutomerge(db)
      checkpoint(db)
    }
  }
}

/** Lets every waiting message and timer run before going on (setImmediate runs after I/O callbacks). */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}
