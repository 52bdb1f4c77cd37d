import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../../../src/main/core/db/database'
import { createChunks } from '../../../../src/main/core/sync/chunks'

let db: Db | null = null
afterEach(() => {
  db?.close()
  db = null
})

function busyFor(ms: number): void {
  const until = performance.now() + ms
  while (performance.now() < until);
}

describe('a long write in short transactions', () => {
  it('commits every `rows` items when they are quick', async () => {
    db = openDatabase(':memory:')
    const sizes: number[] = []
    await createChunks(db, { rows: 7, onCommit: (_ms, rows) => void (rows > 0 && sizes.push(rows)) }).run(
      Array.from({ length: 30 }, (_, i) => i),
      () => undefined,
    )
    expect(sizes).toEqual([7, 7, 7, 7, 2])
  })

  it('commits early when its items are slow: no transaction holds the cache much beyond its time budget', async () => {
    db = openDatabase(':memory:')
    const sizes: number[] = []
    const applied: number[] = []
    await createChunks(db, { rows: 500, onCommit: (_ms, rows) => void (rows > 0 && sizes.push(rows)) }).run(
      Array.from({ length: 12 }, (_, i) => i),
      (item) => {
        busyFor(4)
        applied.push(item)
      },
    )
    // 4 ms an item against a budget of about 10 ms: three items at most before it commits.
    expect(Math.max(...sizes)).toBeLessThanOrEqual(3)
    expect(sizes.reduce((sum, n) => sum + n, 0)).toBe(12)
    expect(applied).toEqual(Array.from({ length: 12 }, (_, i) => i))
  })
})
