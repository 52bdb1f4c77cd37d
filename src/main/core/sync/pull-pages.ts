// Pull: page through a list action with large pages and a bounded number of requests in flight.
import type { SyncPhase, SyncProgress } from '../../../shared/domain'
import { mapWithConcurrency } from './concurrency'

export type FetchPage<T> = (page: { limitstart: number; limitnum: number; signal?: AbortSignal }) => Promise<{ total: number; items: T[] }>

export interface PullOptions {
  pageSize: number
  concurrency: number
  phase: SyncPhase
  signal?: AbortSignal
  onProgress?: (progress: SyncProgress) => void
  now?: () => number
}

/** Every item the portal lists, each once (by `idOf`), in the portal's order. */
export async function pullPages<T>(fetchPage: FetchPage<T>, idOf: (item: T) => number, options: PullOptions): Promise<T[]> {
  const now = options.now ?? Date.now
  const started = now()
  let done = 0
  const report = (total: number) => {
    const seconds = Math.max((now() - started) / 1000, 0.001)
    options.onProgress?.({ phase: options.phase, done, total, rate: done / seconds })
  }
  const first = await fetchPage({ limitstart: 0, limitnum: options.pageSize, signal: options.signal })
  done = first.items.length
  report(first.total)
  const offsets: number[] = []
  for (let offset = options.pageSize; offset < first.total; offset += options.pageSize) offsets.push(offset)
  const pages = await mapWithConcurrency(offsets, options.concurrency, async (offset) => {
    const page = await fetchPage({ limitstart: offset, limitnum: options.pageSize, signal: options.signal })
    done += page.items.length
    report(Math.max(first.total, done))
    return page.items
  })
  // Offsets can shift if the portal gains or loses records mid-pull: keep each id once.
  const byId = new Map<number, T>()
  for (const item of [first.items, ...pages].flat()) if (!byId.has(idOf(item))) byId.set(idOf(item), item)
  return [...byId.values()]
}
