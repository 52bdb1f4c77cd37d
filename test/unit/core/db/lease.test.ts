import { spawnSync } from 'node:child_process'
import { hostname } from 'node:os'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../../../src/main/core/db/database'
import { acquireLease, holderIsGone, leaseHolder, leaseHolderId, releaseLease } from '../../../../src/main/core/db/lease'

let db: Db
beforeEach(() => {
  db = openDatabase(':memory:')
})
afterEach(() => db.close())

const TTL = 60_000
const T0 = 1_000_000

/** The pid of a process that has run and exited (and been reaped): nobody has it now. */
function deadPid(): number {
  const run = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' })
  return Number(run.stdout)
}

describe('the sync lease', () => {
  it('is free, then held, renewed by its holder, refused to others, and free again when released', () => {
    const a = leaseHolderId('run-a')
    const b = leaseHolderId('run-b')
    expect(acquireLease(db, 'sync', a, TTL, T0)).toBe(true)
    expect(leaseHolder(db, 'sync', T0)).toBe(a)
    expect(acquireLease(db, 'sync', b, TTL, T0 + 1)).toBe(false) // a live process of this machine (this one)
    expect(acquireLease(db, 'sync', a, TTL, T0 + 2)).toBe(true)
    releaseLease(db, 'sync', b) // not b's to release
    expect(leaseHolder(db, 'sync', T0 + 3)).toBe(a)
    releaseLease(db, 'sync', a)
    expect(acquireLease(db, 'sync', b, TTL, T0 + 4)).toBe(true)
  })

  it('of a holder that stopped renewing runs out after its TTL', () => {
    const far = 'another-machine:4242:run'
    expect(acquireLease(db, 'sync', far, TTL, T0)).toBe(true)
    expect(acquireLease(db, 'sync', leaseHolderId('mine'), TTL, T0 + TTL)).toBe(false)
    expect(acquireLease(db, 'sync', leaseHolderId('mine'), TTL, T0 + TTL + 1)).toBe(true)
  })

  it('of a process that is gone from this machine (kill -9) is taken at once, not after the TTL', () => {
    const crashed = leaseHolderId('crashed-run', deadPid())
    expect(acquireLease(db, 'sync', crashed, TTL, T0)).toBe(true)
    const next = leaseHolderId('next-run')
    expect(acquireLease(db, 'sync', next, TTL, T0 + 1)).toBe(true)
    expect(leaseHolder(db, 'sync', T0 + 1)).toBe(next)
  })

  it('of another machine, or of a holder it cannot read, is left to its TTL', () => {
    const pid = deadPid()
    for (const holder of [`not-${hostname()}:${pid}:run`, `${pid}`, 'someone']) {
      db.prepare('DELETE FROM leases').run()
      expect(acquireLease(db, 'sync', holder, TTL, T0)).toBe(true)
      expect(acquireLease(db, 'sync', leaseHolderId('mine'), TTL, T0 + 1), holder).toBe(false)
    }
  })
})

describe('holderIsGone', () => {
  it('is true only for a pid of this machine that no process has', () => {
    expect(holderIsGone(leaseHolderId('r', deadPid()))).toBe(true)
    expect(holderIsGone(leaseHolderId('r'))).toBe(false)
    expect(holderIsGone(leaseHolderId('r', process.ppid))).toBe(false)
    expect(holderIsGone(leaseHolderId('r', deadPid(), 'elsewhere'))).toBe(false)
    expect(holderIsGone('garbage')).toBe(false)
  })
})
