// One cache file per portal (docs/ARCHITECTURE.md §6.1): switching portals never mixes their data.
import { createHash } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { PortalRef } from '../../../shared/domain'
import { openDatabase, type Db, type OpenOptions } from './database'
import { holderIsGone, leaseHolder, SYNC_LEASE } from './lease'
import { automergePaused, resumeAutomerge } from './search-upkeep'

/** A short, stable name for a portal's cache: its API URL and credential identifier. */
export function cacheKey(portal: PortalRef): string {
  return createHash('sha256').update(`${portal.apiUrl}\n${portal.identifier}`).digest('hex').slice(0, 16)
}

export function portalCachePath(dataDir: string, portal: PortalRef): string {
  return join(dataDir, 'portals', `${cacheKey(portal)}.sqlite`)
}

/** Opens (or creates) the portal's cache and checks the file really belongs to that portal. */
export function openPortalCache(dataDir: string, portal: PortalRef, options: OpenOptions = {}): Db {
  const file = portalCachePath(dataDir, portal)
  mkdirSync(join(dataDir, 'portals'), { recursive: true })
  const db = openDatabase(file, options)
  const read = db.prepare('SELECT value FROM meta WHERE key = ?').pluck()
  const boundUrl = read.get('portal_api_url') as string | undefined
  const boundIdentifier = read.get('portal_identifier') as string | undefined
  if (boundUrl === undefined) {
    const write = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)')
    db.transaction(() => {
      write.run('portal_api_url', portal.apiUrl)
      write.run('portal_identifier', portal.identifier)
    })()
  } else if (boundUrl !== portal.apiUrl || boundIdentifier !== portal.identifier) {
    db.close()
    throw new Error(`The cache ${file} belongs to ${boundUrl} (${boundIdentifier}), not ${portal.apiUrl} (${portal.identifier})`)
  }
  // A pull that was killed left the search indexes' own merging off (a live one holds the sync lease: its own).
  if (automergePaused(db)) {
    const puller = leaseHolder(db, SYNC_LEASE)
    if (puller === null || holderIsGone(puller)) resumeAutomerge(db)
  }
  return db
}
