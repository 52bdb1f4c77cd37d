// One sync pass, under the single-writer lease: a full pass pulls the whole portal into the cache (pull.ts) and then
// drains the outbox; a push-only pass (what an edit triggers) drains the outbox alone, each entry reading just what
// its operation needs (push.ts). A failure leaves the cache and the outbox intact.
import { randomUUID } from 'node:crypto'
import { newLocalId } from '../db/local-id'
import type { Generation, SyncProgress, SyncScope, SyncSummary } from '../../../shared/domain'
import { DeskFailure } from '../../../shared/errors'
import { createInviteStore } from '../db/invites'
import { createV7Access } from '../access/v7'
import { createV8Access } from '../access/v8'
import type { Db } from '../db/database'
import { acquireLease, leaseHolderId, releaseLease, SYNC_LEASE } from '../db/lease'
import { beforeEachCall } from '../portal/each-call'
import { passReads } from '../portal/pass-reads'
import type { WhmcsClient } from '../portal/whmcs-client'
import type { SecretStore } from '../secrets'
import type { ChunkOptions } from './chunks'
import { pullPortal } from './pull'
import { pushOutbox } from './push'

/** A holder that stopped renewing loses the lease after this long; one whose process is gone from this machine, at once (lease.ts). */
const LEASE_TTL_MS = 60_000

export interface SyncDeps {
  db: Db
  portal: WhmcsClient
  generation: Generation
  secrets: SecretStore
  /** full: pull the whole portal, then push; push: send what waits, reading only what each entry needs. */
  scope?: SyncScope
  now?: () => Date
  newId?: () => string
  random?: () => number
  signal?: AbortSignal
  /** Retry failed entries now (a sync the user asked for), not at their scheduled time. */
  force?: boolean
  onProgress?: (progress: SyncProgress) => void
  /** Who holds the lease (machine, process and run: leaseHolderId); this process and a random run by default. */
  holder?: string
  /** Records per page and rows per transaction while pulling (pull.ts, chunks.ts); tests make them small. */
  pageSize?: number
  chunkRows?: number
  /** Told how long each of the pull's transactions took, for the diagnostics. */
  onCommit?: ChunkOptions['onCommit']
  /** Told of each API call the pass makes (the scheduler counts what a failed pull spent). */
  onCall?: () => void
  /** Write the push's trail to the portal's activity log too (Settings.recordActivity; push.ts). */
  recordActivity?: boolean
}

export async function runSync(deps: SyncDeps): Promise<SyncSummary> {
  const { db, signal } = deps
  const scope = deps.scope ?? 'full'
  const now = deps.now ?? (() => new Date())
  const holder = deps.holder ?? leaseHolderId(randomUUID())
  if (!acquireLease(db, SYNC_LEASE, holder, LEASE_TTL_MS)) {
    throw new DeskFailure('busy', 'Another Contact Desk (a window or the command line) is syncing this cache right now; try again when it ends.')
  }
  const renew = setInterval(() => acquireLease(db, SYNC_LEASE, holder, LEASE_TTL_MS), LEASE_TTL_MS / 3)
  const startedAt = now()
  const { portal, calls } = counted(deps.portal, deps.onCall)
  try {
    const pulled =
      scope === 'full'
        ? await pullPortal({
            db,
            portal,
            generation: deps.generation,
            now,
            newId: deps.newId ?? newLocalId,
            signal,
            onProgress: deps.onProgress,
            pageSize: deps.pageSize,
            chunkRows: deps.chunkRows,
            onCommit: deps.onCommit,
          })
        : null
    // Each client's contacts and details are read once for every entry of the push that needs them.
    const reads = passReads(portal)
    const invites = createInviteStore(db, now)
    const access = deps.generation === '7' ? createV7Access(reads) : createV8Access(reads, invites, now)
    const pushed = await pushOutbox({
      db,
      portal: reads,
      access,
      generation: deps.generation,
      secrets: deps.secrets,
      now,
      random: deps.random,
      signal,
      force: deps.force,
      onProgress: deps.onProgress,
      recordActivity: deps.recordActivity,
    })
    const finishedAt = now()
    return {
      scope,
      pulled,
      pushed,
      calls: calls(),
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationMs: finishedAt.getTime() - startedAt.getTime(),
    }
  } finally {
    clearInterval(renew)
    releaseLease(db, SYNC_LEASE, holder)
  }
}

/** The same portal client, counting the API calls made through it (a pass's cost, said in its summary). */
function counted(portal: WhmcsClient, onCall?: () => void): { portal: WhmcsClient; calls: () => number } {
  let calls = 0
  const wrapped = beforeEachCall(portal, () => {
    calls++
    onCall?.()
  })
  return { portal: wrapped, calls: () => calls }
}
