// Pull: page through GetClients with large pages and a bounded number of requests in flight.
import type { Client, SyncProgress } from '../../../shared/domain'
import { mapWithConcurrency } from './concurrency'

export interface ClientsSource {
  getClients(params: { limitstart: number; limitnum: number; signal?: AbortSignal }): Promise<{ total: number; clients: Client[] }>
}

export interface PullOptions {
  pageSize: number
  concurrency: number
  signal?: AbortSignal
  onProgress?: (progress: SyncProgress) => void
  now?: () => number
}

/** Every client the portal lists, each once, in the portal's order. */
export async function pullClients(source: ClientsSource, options: PullOptions): Promise<Client[]> {
  const now = options.now ?? Date.now
  const started = now()
  let done = 0
  const report = (total: number) => {
    const seconds = Math.max((now() - started) / 1000, 0.001)
    options.onProgress?.({ phase: 'clients', done, total, rate: done / seconds })
  }
  const first = await source.getClients({ limitstart: 0, limitnum: options.pageSize, signal: options.signal })
  done = first.clients.length
  report(first.total)
  const offsets: number[] = []
  for (let offset = options.pageSize; offset < first.total; offset += options.pageSize) offsets.push(offset)
  const pages = await mapWithConcurrency(offsets, options.concurrency, async (offset) => {
    const page = await source.getClients({ limitstart: offset, limitnum: options.pageSize, signal: options.signal })
    done += page.clients.length
    report(Math.max(first.total, done))
    return page.clients
  })
  // Offsets can shift if the portal gains or loses clients mid-pull: keep each id once.
  const byId = new Map<number, Client>()
  for (const client of [first.clients, ...pages].flat()) if (!byId.has(client.id)) byId.set(client.id, client)
  return [...byId.values()]
}
