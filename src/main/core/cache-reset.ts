// "Reset local data": the pieces the desk runs to wipe the current portal's cache file (issue 7). The desk
// owns the open handle, so it closes and reopens the file; this module decides and deletes.
import { rmSync } from 'node:fs'
import { DeskFailure, errorText } from '../../shared/errors'
import { countOpenConflicts } from './db/conflicts'
import type { Db } from './db/database'
import { localIdsOfContactsAndEntries } from './db/contacts'
import { countEntries } from './db/outbox'
import type { SecretStore } from './secrets'
import { passwordKey } from './sync/push'

/** Edits not yet on the portal (every outbox state counts: failed, rejected and held ones are lost too) and open conflicts. */
export function pendingWork(db: Db): { edits: number; conflicts: number } {
  const edits = Object.values(countEntries(db)).reduce((sum, count) => sum + count, 0)
  return { edits, conflicts: countOpenConflicts(db) }
}

/** Refuses to lose work nobody agreed to lose; the counts go along so the UI can say what would be lost. */
export function assertResettable(db: Db, discardPending: boolean): void {
  const { edits, conflicts } = pendingWork(db)
  if (discardPending || (edits === 0 && conflicts === 0)) return
  throw new DeskFailure(
    'pending_edits',
    `Resetting the local data would lose ${edits} edit(s) not yet sent to the portal and ${conflicts} open conflict(s); sync first, or confirm they may be discarded.`,
    { edits: String(edits), conflicts: String(conflicts) },
  )
}

/**
 * The SecretStore keys of the 7.x sub-account passwords this cache may have waiting (push.ts keeps one
 * per contact until its push succeeds). Read before the file goes: afterwards nothing names them.
 */
export function passwordKeysOf(db: Db): string[] {
  return localIdsOfContactsAndEntries(db).map(passwordKey)
}

export function forgetSecrets(secrets: SecretStore, keys: readonly string[]): void {
  for (const key of keys) secrets.delete(key)
}

/**
 * Deletes a closed cache and its WAL and shared-memory files. The main file goes first: if another process
 * holds it open where the OS forbids that (Windows), nothing is deleted and the caller reopens it intact.
 */
export function deleteCacheFiles(file: string): void {
  try {
    rmSync(file, { force: true })
  } catch (error) {
    throw new DeskFailure(
      'busy',
      `The local cache ${file} could not be deleted (${errorText(error)}); another Contact Desk (a window or the command line) may have it open.`,
    )
  }
  rmSync(`${file}-wal`, { force: true })
  rmSync(`${file}-shm`, { force: true })
}
