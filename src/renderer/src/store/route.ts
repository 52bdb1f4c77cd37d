// Where the user is: a tiny state-based router (the URL fragment belongs to the bridge token, docs/ARCHITECTURE.md §9.3).
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { ClientStatus } from '../../../shared/domain'
import type { ReachabilityRule } from '../../../shared/reachability'

/** The reachability audit: clients whose payment reminders may reach no one, filtered by a rule and a status; `page` from 0. */
export type ReachabilityRoute = { name: 'reachability'; rule?: ReachabilityRule; status?: ClientStatus; page?: number }

export type Route =
  /** Where staff land once connected: clients at risk, edits waiting, conflicts. */
  | { name: 'home' }
  | { name: 'clients' }
  /** A client's page; `back` is the audit screen it was opened from (the client list otherwise). */
  | { name: 'client'; id: number; back?: ReachabilityRoute }
  /** A client's change log. */
  | { name: 'audit'; clientId: number }
  /** Bulk delegation across clients. */
  | { name: 'bulk' }
  | ReachabilityRoute
  /** Sync: progress and the outbox. */
  | { name: 'sync' }
  | { name: 'conflicts' }
  | { name: 'settings' }

/** The navigation entry a route belongs to. */
export type Section = 'home' | 'clients' | 'reachability' | 'bulk' | 'sync' | 'conflicts' | 'settings'

export function sectionOf(route: Route | null): Section | null {
  if (route === null) return null
  switch (route.name) {
    case 'client':
    case 'audit':
    case 'clients':
      return 'clients'
    default:
      return route.name
  }
}

/** Where keyboard focus should go once the target screen is on display. */
export type FocusTarget = 'search' | 'list'

export interface RouteState {
  /** null until the app knows whether a portal is connected (first run lands on Settings). */
  route: Route | null
  focus: FocusTarget | null
  navigate(route: Route, focus?: FocusTarget): void
  /** The first screen, unless the user already went somewhere. */
  land(route: Route): void
  /** The screen took the focus request. */
  focusTaken(): void
}

export function createRouteStore(): StoreApi<RouteState> {
  return createStore<RouteState>()((set, get) => ({
    route: null,
    focus: null,
    navigate: (route, focus) => set({ route, focus: focus ?? null }),
    land(route) {
      if (get().route === null) set({ route })
    },
    focusTaken: () => set({ focus: null }),
  }))
}
