// The app's stores, made per app root (a test renders its own), and the wiring to main's events.
import { createContext, useContext, type ReactNode } from 'react'
import { useStore } from 'zustand'
import type { StoreApi } from 'zustand/vanilla'
import type { AppStatus, ConflictItem, DeskBridge, OutboxItem } from '../../../shared/contract'
import { createClientListStore, type ClientListState } from './clients'
import { createClientViewStore, type ClientViewState } from './clientView'
import { createPresetsStore, type PresetsState } from './presets'
import { createRouteStore, type RouteState } from './route'
import { createSettingsStore, type SettingsState } from './settings'
import { createStatusStore, type StatusState } from './status'
import { createConflictsStore, createOutboxStore, type ListState } from './sync'

export interface AppStores {
  status: StoreApi<StatusState>
  settings: StoreApi<SettingsState>
  clients: StoreApi<ClientListState>
  route: StoreApi<RouteState>
  clientView: StoreApi<ClientViewState>
  presets: StoreApi<PresetsState>
  outbox: StoreApi<ListState<OutboxItem>>
  conflicts: StoreApi<ListState<ConflictItem>>
}

export function createAppStores(desk: DeskBridge): AppStores {
  const settings = createSettingsStore(desk.api)
  return {
    status: createStatusStore(desk.api),
    settings,
    clients: createClientListStore(desk.api),
    route: createRouteStore(),
    clientView: createClientViewStore(desk.api),
    presets: createPresetsStore(settings),
    outbox: createOutboxStore(desk.api),
    conflicts: createConflictsStore(desk.api),
  }
}

/** Subscribes to main's events and loads what the shell needs; returns the way to stop. */
export function startAppStores(stores: AppStores, desk: DeskBridge): () => void {
  const stops = [
    desk.on('status.changed', (status) => stores.status.getState().receive(status)),
    desk.on('sync.progress', (progress) => stores.status.getState().receiveProgress(progress)),
    stores.status.subscribe((next, previous) => {
      if (next.status === previous.status || next.status === null) return
      // First run lands on Settings, with the connect form; a connected portal on the home page.
      stores.route.getState().land(next.status.portal ? { name: 'home' } : { name: 'settings' })
      const change = cacheChange(previous.status, next.status)
      if (change === 'other-portal') {
        stores.clients.getState().reset()
        stores.clientView.getState().close()
      } else if (change === 'refreshed') {
        stores.clients.getState().refresh()
        // The client on screen, read again from the cache the pass just wrote: only opening a client (or its Refresh)
        // asks the portal, so a pass costs no reads of the open client on top of its own (a page left behind is read
        // when it opens).
        if (stores.route.getState().route?.name === 'client') void stores.clientView.getState().reload({ refresh: false })
      }
      // The outbox and the conflicts, where a screen has shown them, follow their counts.
      if (change !== 'same' || queueChanged(previous.status, next.status)) {
        if (stores.outbox.getState().items !== null) void stores.outbox.getState().load()
        if (stores.conflicts.getState().items !== null) void stores.conflicts.getState().load()
      }
    }),
  ]
  void stores.status.getState().refresh()
  void stores.settings.getState().load()
  return () => {
    for (const stop of stops) stop()
  }
}

/** What a status change means for the cached client list. */
function cacheChange(before: AppStatus | null, after: AppStatus): 'other-portal' | 'refreshed' | 'same' {
  if (before === null) return 'same'
  const portalOf = (status: AppStatus): string => (status.portal ? `${status.portal.apiUrl}\n${status.portal.identifier}` : '')
  if (portalOf(before) !== portalOf(after)) return 'other-portal'
  if (before.lastSync?.at !== after.lastSync?.at || before.clientCount !== after.clientCount) return 'refreshed'
  return 'same'
}

function queueChanged(before: AppStatus | null, after: AppStatus): boolean {
  if (before === null) return true
  const counts = (status: AppStatus): string => `${JSON.stringify(status.outbox)}/${status.conflicts}/${status.syncing}`
  return counts(before) !== counts(after)
}

interface DeskContextValue {
  desk: DeskBridge
  stores: AppStores
}

const DeskContext = createContext<DeskContextValue | null>(null)

export function DeskProvider({ desk, stores, children }: DeskContextValue & { children: ReactNode }): ReactNode {
  return <DeskContext.Provider value={{ desk, stores }}>{children}</DeskContext.Provider>
}

function useDeskContext(): DeskContextValue {
  const value = useContext(DeskContext)
  if (!value) throw new Error('DeskProvider is missing')
  return value
}

export const useDesk = (): DeskBridge => useDeskContext().desk
export const useStores = (): AppStores => useDeskContext().stores

export function useStatus<T>(selector: (state: StatusState) => T): T {
  return useStore(useStores().status, selector)
}
export function useSettings<T>(selector: (state: SettingsState) => T): T {
  return useStore(useStores().settings, selector)
}
export function useClientList<T>(selector: (state: ClientListState) => T): T {
  return useStore(useStores().clients, selector)
}
export function useRoute<T>(selector: (state: RouteState) => T): T {
  return useStore(useStores().route, selector)
}
export function useClientView<T>(selector: (state: ClientViewState) => T): T {
  return useStore(useStores().clientView, selector)
}
export function usePresets<T>(selector: (state: PresetsState) => T): T {
  return useStore(useStores().presets, selector)
}
export function useOutbox<T>(selector: (state: ListState<OutboxItem>) => T): T {
  return useStore(useStores().outbox, selector)
}
export function useConflicts<T>(selector: (state: ListState<ConflictItem>) => T): T {
  return useStore(useStores().conflicts, selector)
}
