import { afterEach, describe, expect, it } from 'vitest'
import { applyClient, listClients } from '../../../../src/main/core/db/clients'
import { openPortalCache } from '../../../../src/main/core/db/portal-cache'
import { acquireLease, leaseHolderId, SYNC_LEASE } from '../../../../src/main/core/db/lease'
import { automergePaused, mergeSome, pauseAutomerge } from '../../../../src/main/core/db/search-upkeep'
import { withOwnUpkeep } from '../../../../src/main/core/sync/chunks'
import { makeTempDir } from '../../../support/temp-dir'

const portal = { apiUrl: 'https://portal.exemplo.com.br/includes/api.php', identifier: 'id' }
const dirs: ReturnType<typeof makeTempDir>[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) dir.remove()
})

describe("the search indexes' upkeep during a pull", () => {
  it("is the pull's own while it runs, FTS5's again after it, and search answers throughout", async () => {
    const dir = makeTempDir()
    dirs.push(dir)
    const db = openPortalCache(dir.path, portal)
    try {
      expect(automergePaused(db)).toBe(false)
      await withOwnUpkeep(db, async () => {
        expect(automergePaused(db)).toBe(true)
        for (let id = 1; id <= 50; id++) {
          db.transaction(() =>
            applyClient(
              db,
              { id, firstName: `Cliente${id}`, lastName: 'Souza', companyName: '', email: `c${id}@x.com.br`, status: 'Active', createdOn: null, groupId: 0 },
              't',
            ),
          )()
          if (id % 10 === 0) mergeSome(db)
        }
        expect(listClients(db, { search: 'souza', offset: 0, limit: 100 }).total).toBe(50)
      })
      expect(automergePaused(db)).toBe(false)
      expect(listClients(db, { search: 'Cliente42', offset: 0, limit: 100 }).items.map((client) => client.id)).toEqual([42])
    } finally {
      db.close()
    }
  })

  it('is left to a pull still running in another process when the cache is opened meanwhile', () => {
    const dir = makeTempDir()
    dirs.push(dir)
    const pulling = openPortalCache(dir.path, portal)
    try {
      expect(acquireLease(pulling, SYNC_LEASE, leaseHolderId('pull'), 60_000)).toBe(true)
      pauseAutomerge(pulling)
      const other = openPortalCache(dir.path, portal)
      other.close()
      expect(automergePaused(pulling)).toBe(true)
    } finally {
      pulling.close()
    }
  })

  it('is given back to FTS5 when a cache that a killed pull left paused is opened again', () => {
    const dir = makeTempDir()
    dirs.push(dir)
    const killed = openPortalCache(dir.path, portal)
    // Its lease is left behind too, held by a process that no longer exists.
    expect(acquireLease(killed, SYNC_LEASE, leaseHolderId('pull', 2 ** 22 + 12_345), 60_000)).toBe(true)
    pauseAutomerge(killed)
    killed.close()
    const db = openPortalCache(dir.path, portal)
    try {
      expect(automergePaused(db)).toBe(false)
    } finally {
      db.close()
    }
  })
})
