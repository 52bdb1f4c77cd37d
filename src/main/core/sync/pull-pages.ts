// Pull: one list action read in large pages with a few requests in flight, each page handed on as it arrives
// (applied to the cache, one page at a time), so memory holds a few pages, never the portal. Pages overlap by one
// record: a listing that shifted under us (records added or removed on the portal mid-pull, so an offset skipped
// or repeated one) shows as two pages that do not join, and such a listing removes nothing.
import type { SyncPhase, SyncProgress } from '../../../shared/domain'
import { mapWithConcurrency } from './concurrency'

export interface Page<T> {
  /** How many records the portal says the whole list holds, as of this page. */
  total: number
  items: T[]
}

export type FetchPage<T> = (page: { limitstart: number; limitnum: number; signal?: AbortSignal }) => Promise<Page<T>>

export interface ListingOptions<T> {
  fetchPage: FetchPage<T>
  idOf: (item: T) => number
  /**
   * Takes one page's records not seen before in this listing, read from the portal at `readAt` (ms); calls
   * `applied(n)` as each part of them is in the cache, so progress moves with the writes, not the pages.
   */
  apply: (items: T[], readAt: number, applied: (count: number) => void) => Promise<void>
  /** Records per page; each request asks for one more, the overlap with the next page. */
  pageSize: number
  /** Requests in flight; pages are still applied one at a time. */
  concurrency: number
  phase: SyncPhase
  signal?: AbortSignal
  onProgress?: (progress: SyncProgress) => void
  now?: () => number
}

export interface Listing {
  /** Every id listed, each once. */
  seen: Set<number>
  /** The pages joined up and reached the end with the same total: only then is a record the listing lacks gone. */
  complete: boolean
  /** When the first page was asked for (ms): a record read after this and not listed may be new, not gone. */
  startedAt: number
}

interface Fetched {
  offset: number
  total: number
  ids: number[]
}

export async function pullListing<T>(options: ListingOptions<T>): Promise<Listing> {
  const now = options.now ?? Date.now
  const { pageSize, signal } = options
  const limitnum = pageSize + 1
  const startedAt = now()
  const seen = new Set<number>()
  const pages: Fetched[] = []
  let total = 0
  let done = 0
  let applying: Promise<void> = Promise.resolve()
  // Once a page fails, the listing is over: the requests still out are cancelled and whatever they bring is not
  // applied, so nothing of a failed pull writes after it has ended (and released the sync lease).
  const stop = new AbortController()
  const cancel = () => stop.abort(signal?.reason)
  signal?.addEventListener('abort', cancel, { once: true })
  if (signal?.aborted) cancel()
  const out = new Set<Promise<unknown>>()

  const applied = (count: number) => {
    done += count
    const seconds = Math.max((now() - startedAt) / 1000, 0.001)
    options.onProgress?.({ phase: options.phase, done, total: Math.max(total, done), rate: done / seconds })
  }
  /** Fetches one page, then queues it behind the pages before it; resolves once it is applied. */
  const read = (offset: number): Promise<Fetched> => {
    const reading = readPage(offset)
    out.add(reading)
    void reading.catch(() => undefined).finally(() => out.delete(reading))
    return reading
  }
  const readPage = async (offset: number): Promise<Fetched> => {
    const readAt = now()
    const page = await options.fetchPage({ limitstart: offset, limitnum, signal: stop.signal })
    total = Math.max(total, page.total)
    const fetched: Fetched = { offset, total: page.total, ids: page.items.map(options.idOf) }
    pages.push(fetched)
    const fresh = page.items.filter((item, index) => {
      const id = fetched.ids[index] as number
      if (seen.has(id)) return false
      seen.add(id)
      return true
    })
    const turn = applying.then(async () => {
      stop.signal.throwIfAborted()
      await options.apply(fresh, readAt, applied)
    })
    // A failed apply fails this page's read; the next in line must not run on top of it.
    applying = turn.catch(() => undefined)
    await turn
    return fetched
  }

  try {
    const first = await read(0)
    const offsets: number[] = []
    for (let offset = pageSize; offset < first.total; offset += pageSize) offsets.push(offset)
    await mapWithConcurrency(offsets, options.concurrency, read)
    // The portal grew while we listed: read on until a page comes back short (the end).
    for (let next = pageSize * (offsets.length + 1); next < total; next += pageSize) await read(next)
    return { seen, complete: joinsUp(pages, pageSize), startedAt }
  } catch (error) {
    if (!stop.signal.aborted) stop.abort(error)
    await Promise.allSettled([...out])
    throw error
  } finally {
    signal?.removeEventListener('abort', cancel)
  }
}

/** Each page's extra record is the next page's first, every page saw the same total, and the last one ended the list. */
function joinsUp(pages: Fetched[], pageSize: number): boolean {
  const ordered = [...pages].sort((a, b) => a.offset - b.offset)
  const last = ordered.at(-1)
  if (!last || ordered.some((page) => page.total !== last.total)) return false
  for (let index = 0; index < ordered.length - 1; index++) {
    const page = ordered[index] as Fetched
    const following = ordered[index + 1] as Fetched
    if (following.offset !== page.offset + pageSize || page.ids.length !== pageSize + 1 || page.ids[pageSize] !== following.ids[0]) return false
  }
  return last.offset + last.ids.length === last.total
}
