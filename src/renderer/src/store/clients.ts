// The client list's query: what is typed, what is searched, and the pages of clients.list fetched for it.
// Only the rows on screen are fetched, a page at a time; answers to an older query or an older sync are dropped.
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { DeskApi } from '../../../shared/contract'
import type { Client } from '../../../shared/domain'
import type { DeskError } from '../../../shared/errors'

export const PAGE_SIZE = 100
/** Pages kept in memory; the farthest from the one just fetched go first. */
const MAX_PAGES = 40

export interface ClientPageEntry {
  /** The search it answers. */
  query: string
  /** The generation it was fetched in: older means "may be outdated, fetch again when seen". */
  generation: number
  items: readonly Client[]
}

export interface ClientListState {
  /** What the search box shows. */
  search: string
  /** The search the pages belong to (the box, debounced and trimmed). */
  query: string
  /** Bumped when the query changes or the cache was refreshed: answers from older generations are stale. */
  generation: number
  /** How many clients match `query` (null until its first page answered). */
  total: { query: string; count: number } | null
  /** Pages by index. While a new query loads, the old query's pages stay on screen. */
  pages: ReadonlyMap<number, ClientPageEntry>
  error: DeskError | null
  activeIndex: number
  /** Where the list was scrolled when the user left it. */
  scrollOffset: number
  setSearch(search: string): void
  /** Makes the typed search the query now (the box calls it after a short pause in typing). */
  applySearch(): void
  /** Fetches what is missing or outdated for rows first..last. */
  ensureRows(first: number, last: number): void
  /** Same query, newer data (a sync finished). */
  refresh(): void
  /** Another portal: nothing shown belongs to it. */
  reset(): void
  setActive(index: number): void
  rememberScroll(offset: number): void
}

export const rowCount = (state: ClientListState): number => state.total?.count ?? 0

/** Whether the count on screen is not yet the answer to what is searched. */
export const selectSearching = (state: ClientListState): boolean =>
  state.total === null || state.total.query !== state.query || state.search.trim() !== state.query

export function clientAt(state: ClientListState, index: number): Client | undefined {
  const page = state.pages.get(Math.floor(index / PAGE_SIZE))
  return page?.items[index % PAGE_SIZE]
}

export function findClient(state: ClientListState, id: number): Client | undefined {
  for (const page of state.pages.values()) {
    const found = page.items.find((client) => client.id === id)
    if (found) return found
  }
  return undefined
}

export function createClientListStore(api: DeskApi): StoreApi<ClientListState> {
  // Requests on the way, by generation and page: not state anyone renders.
  const inFlight = new Set<string>()

  return createStore<ClientListState>()((set, get) => {
    async function fetchPage(page: number): Promise<void> {
      const { query, generation } = get()
      const key = `${generation}:${page}`
      if (inFlight.has(key)) return
      inFlight.add(key)
      const result = await api['clients.list']({ search: query, offset: page * PAGE_SIZE, limit: PAGE_SIZE })
      inFlight.delete(key)
      const now = get()
      if (now.generation !== generation) return
      if (!result.ok) {
        set({ error: result.error })
        return
      }
      const pages = new Map([...now.pages].filter(([, entry]) => entry.query === query))
      pages.set(page, { query, generation, items: result.value.items })
      evictFarPages(pages, page)
      const count = result.value.total
      set({
        pages,
        total: { query, count },
        error: null,
        activeIndex: Math.max(0, Math.min(now.activeIndex, count - 1)),
      })
    }

    return {
      search: '',
      query: '',
      generation: 0,
      total: null,
      pages: new Map(),
      error: null,
      activeIndex: 0,
      scrollOffset: 0,
      setSearch: (search) => set({ search }),
      applySearch() {
        const { search, query, generation } = get()
        const next = search.trim()
        if (next === query) return
        set({ query: next, generation: generation + 1, activeIndex: 0, scrollOffset: 0, error: null })
      },
      ensureRows(first, last) {
        const { pages, generation, total, query } = get()
        // Until the query's first answer says how many rows there are, only its first page is asked for.
        const known = total?.query === query
        const from = known ? Math.floor(Math.max(0, first) / PAGE_SIZE) : 0
        const to = known ? Math.floor(Math.max(0, Math.min(last, total.count - 1)) / PAGE_SIZE) : 0
        for (let page = from; page <= Math.max(from, to); page++) {
          const entry = pages.get(page)
          if (entry && entry.generation === generation && entry.query === query) continue
          void fetchPage(page)
        }
      },
      refresh: () => set((state) => ({ generation: state.generation + 1, error: null })),
      reset: () =>
        set((state) => ({
          generation: state.generation + 1,
          pages: new Map(),
          total: null,
          error: null,
          activeIndex: 0,
          scrollOffset: 0,
        })),
      setActive: (index) => set((state) => ({ activeIndex: Math.max(0, Math.min(index, rowCount(state) - 1)) })),
      rememberScroll: (scrollOffset) => set({ scrollOffset }),
    }
  })
}

function evictFarPages(pages: Map<number, ClientPageEntry>, near: number): void {
  if (pages.size <= MAX_PAGES) return
  const byDistance = [...pages.keys()].sort((a, b) => Math.abs(b - near) - Math.abs(a - near))
  for (const page of byDistance.slice(0, pages.size - MAX_PAGES)) pages.delete(page)
}
