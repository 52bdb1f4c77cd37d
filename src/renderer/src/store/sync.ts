// The outbox and the open conflicts, as the Sync screen and the conflicts screen show them. Loaded on
// demand and again whenever main says the counts moved.
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { ConflictItem, DeskApi, OutboxItem } from '../../../shared/contract'
import type { DeskError, Result } from '../../../shared/errors'

export interface ListState<T> {
  items: T[] | null
  error: DeskError | null
  load(): Promise<void>
}

function createListStore<T>(fetch: () => Promise<Result<T[]>>): StoreApi<ListState<T>> {
  let latest = 0
  return createStore<ListState<T>>()((set) => ({
    items: null,
    error: null,
    async load() {
      const request = ++latest
      const result = await fetch()
      if (request !== latest) return
      set(result.ok ? { items: result.value, error: null } : { error: result.error })
    },
  }))
}

export const createOutboxStore = (api: DeskApi): StoreApi<ListState<OutboxItem>> => createListStore<OutboxItem>(() => api['outbox.list']({}))
export const createConflictsStore = (api: DeskApi): StoreApi<ListState<ConflictItem>> => createListStore<ConflictItem>(() => api['conflicts.list']({}))
