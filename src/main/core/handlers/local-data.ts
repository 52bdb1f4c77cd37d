// cache.* and housekeeping.*: the local data itself, reset to empty, and the LGPD purge of what staff stopped opening.
import { randomUUID } from 'node:crypto'
import type { AppStatus } from '../../../shared/contract'
import { DeskFailure } from '../../../shared/errors'
import { assertResettable, deleteCacheFiles, forgetSecrets, passwordKeysOf } from '../cache-reset'
import { acquireLease, leaseHolderId, releaseLease, SYNC_LEASE } from '../db/lease'
import type { HandlersOf } from '../dispatch'
import { lastPurge } from '../housekeeping'
import type { Session } from '../session'

/** "Reset local data": the current cache file deleted and started again empty; the portal and its secret stay. */
function resetCache(session: Session, discardPending: boolean): AppStatus {
  const open = session.requirePortal()
  if (session.isSyncing()) throw new DeskFailure('busy', 'A sync is running; wait for it to end before resetting the local data.')
  assertResettable(open.db, discardPending)
  // The command line may be syncing this very file: the sync lease says so, and holding it keeps one from starting.
  const holder = leaseHolderId(randomUUID())
  if (!acquireLease(open.db, SYNC_LEASE, holder, 60_000)) {
    throw new DeskFailure('busy', 'Another Contact Desk (a window or the command line) is syncing this cache right now; try again when it ends.')
  }
  const passwords = passwordKeysOf(open.db)
  session.closeCurrent()
  try {
    deleteCacheFiles(session.cachePath(open.info))
  } catch (error) {
    releaseLease(session.requirePortal().db, SYNC_LEASE, holder)
    throw error
  }
  // The 7.x passwords waiting for pushes that will now never run.
  forgetSecrets(session.options.secrets, passwords)
  const fresh = session.status()
  session.options.emit('status.changed', fresh)
  // The app fills the empty cache again by itself, as after connecting.
  session.restartSchedule()
  return fresh
}

export function localDataHandlers(session: Session): HandlersOf<'cache' | 'housekeeping'> {
  return {
    'cache.reset': async ({ discardPending }) => resetCache(session, discardPending),
    'housekeeping.purge': async () => {
      session.requirePortal()
      return session.purge()
    },
    'housekeeping.lastPurge': async () => {
      const open = session.openCurrent()
      return open ? lastPurge(open.db) : null
    },
  }
}
