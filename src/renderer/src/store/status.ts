// Where the app stands (app.status, kept fresh by status.changed) and the sync this window started.
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { AppStatus, DeskApi } from '../../../shared/contract'
import type { SyncProgress, SyncSummary } from '../../../shared/domain'
import type { DeskError, Result } from '../../../shared/errors'

/** A sync started from this window; `lastSyncAt` tells whether main has recorded a newer outcome since. */
export type SyncRun = { state: 'running'; lastSyncAt: string | null } | { state: 'finished'; lastSyncAt: string | null; result: Result<SyncSummary> }

export interface StatusState {
  status: AppStatus | null
  /** Why app.status could not be read: Contact Desk itself is not answering. */
  unavailable: DeskError | null
  /** The latest progress of the running sync (whoever started it). */
  progress: SyncProgress | null
  run: SyncRun | null
  refresh(): Promise<void>
  receive(status: AppStatus): void
  receiveProgress(progress: SyncProgress): void
  runSync(): Promise<void>
}

/** Edits not yet on the portal that wait for a sync or a person (those in conflict are counted as conflicts). */
export const waitingEdits = (outbox: AppStatus['outbox']): number => outbox.pending + outbox.failed + outbox.rejected + outbox.held

export const selectSyncing = (state: StatusState): boolean => state.status?.syncing === true || state.run?.state === 'running'

export function createStatusStore(api: DeskApi): StoreApi<StatusState> {
  // Counts status answers, so a snapshot requested before a pushed event cannot overwrite it.
  let received = 0
  return createStore<StatusState>()((set, get) => ({
    status: null,
    unavailable: null,
    progress: null,
    run: null,
    async refresh() {
      const before = received
      const result = await api['app.status']({})
      if (received !== before) return
      if (result.ok) get().receive(result.value)
      else set({ unavailable: result.error })
    },
    receive(status) {
      received += 1
      const wasSyncing = get().status?.syncing === true
      set({
        status,
        unavailable: null,
        // A finished sync's last numbers must not show up at the start of the next one.
        ...(wasSyncing && !status.syncing ? { progress: null } : {}),
      })
    },
    receiveProgress: (progress) => set({ progress }),
    async runSync() {
      if (selectSyncing(get())) return
      const lastSyncAt = get().status?.lastSync?.at ?? null
      set({ run: { state: 'running', lastSyncAt }, progress: null })
      const result = await api['sync.run']({})
      set({ run: { state: 'finished', lastSyncAt, result } })
      await get().refresh()
    },
  }))
}
