import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../../../src/main/core/db/database'
import { makeTempDir } from '../../../support/temp-dir'

let dir: ReturnType<typeof makeTempDir>
let handles: Db[] = []
beforeEach(() => {
  dir = makeTempDir()
})
afterEach(() => {
  for (const handle of handles) handle.close()
  handles = []
  dir.remove()
})

/** Two connections to one cache file, as the app and the CLI (or two processes syncing and editing) hold it. */
function twoProcesses(): [Db, Db] {
  const file = join(dir.path, 'cache.sqlite')
  handles = [openDatabase(file), openDatabase(file)]
  return handles as [Db, Db]
}

describe('transactions on a shared cache', () => {
  it('take the write lock up front: a read-then-write transaction is never undone by another process committing in between', () => {
    const [syncing, editing] = twoProcesses()
    editing.pragma('busy_timeout = 0')
    const count = syncing.prepare('SELECT count(*) FROM meta').pluck()
    let othersWrite: unknown = null
    syncing.transaction(() => {
      const before = count.get() as number
      // The other process tries to commit while this transaction has read but not written yet: it waits (here: fails at once).
      try {
        editing.prepare("INSERT INTO meta (key, value) VALUES ('other', 'x')").run()
      } catch (error) {
        othersWrite = error
      }
      syncing.prepare("INSERT INTO meta (key, value) VALUES ('mine', ?)").run(String(before))
    })()
    expect(String(othersWrite)).toMatch(/database is locked/)
    expect(syncing.prepare("SELECT value FROM meta WHERE key = 'mine'").pluck().get()).toBe('0')
    // Once this one committed, the other goes through.
    editing.prepare("INSERT INTO meta (key, value) VALUES ('other', 'x')").run()
    expect(count.get()).toBe(2)
  })
})
