// A contact's local id: a UUID of version 7 (RFC 9562), which begins with the time it was made. The contacts'
// primary-key index then takes a pull's new rows at its end, a page at a time; random (version 4) ids land all over
// it, and at 100k clients each new row dirtied an index page of its own: more WAL to write and checkpoint than
// the rows themselves.
import { randomFillSync } from 'node:crypto'
import { v7 } from 'uuid'

/** Random bytes are drawn a few thousand at a time: one system call per 256 ids instead of one per id. */
const POOL_BYTES = 16 * 256
let pool = new Uint8Array(0)
let used = POOL_BYTES

function random16(): Uint8Array {
  if (used + 16 > pool.length) {
    pool = randomFillSync(new Uint8Array(POOL_BYTES))
    used = 0
  }
  used += 16
  return pool.subarray(used - 16, used)
}

export function newLocalId(): string {
  return v7({ rng: random16 })
}
