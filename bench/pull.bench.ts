// A sync's two phases at 20,000 clients: pulling them from the demo portal over real HTTP on 127.0.0.1
// (pullListing + createWhmcsClient + fetchTransport, as sync/pull.ts does), with 20 ms added to every answer
// so that round trips cost what they do on a real network; then saving them as the pull does (applyClient in
// short transactions, chunks.ts).
// Each case is heavy, so it runs a fixed few times (after one warm-up run) instead of for a set time.
import { afterAll, beforeAll, bench, describe } from 'vitest'
import { applyClient } from '../src/main/core/db/clients'
import type { Db } from '../src/main/core/db/database'
import { fetchTransport } from '../src/main/core/portal/transport'
import { createWhmcsClient } from '../src/main/core/portal/whmcs-client'
import { createChunks, withOwnUpkeep } from '../src/main/core/sync/chunks'
import { PAGE_SIZE, PULL_CONCURRENCY } from '../src/main/core/sync/pull'
import { pullListing } from '../src/main/core/sync/pull-pages'
import { startDemoPortal, type DemoPortal } from '../src/main/demo-portal/server'
import type { Client } from '../src/shared/domain'
import { benchDir } from './support'

const CLIENTS = 20_000
const LATENCY_MS = 20
/** A few runs of each case, after one warm-up run; `time: 0` so the count, not a duration, decides. */
const HEAVY = { time: 0, iterations: 5, warmupTime: 0, warmupIterations: 1 }

let portal: DemoPortal
let dir: ReturnType<typeof benchDir>
/** The 20,000 clients as one pull returns them: what the saving phase stores. */
let pulled: Client[]
/** Fresh cache files, opened (and migrated) before the clock starts, one per first-replace run. */
const freshFiles: Db[] = []
let freshCount = 0
/** A cache that already holds the pulled clients, for the replace that finds nothing changed. */
let filled: Db

async function pull(pageSize: number, concurrency: number): Promise<Client[]> {
  const source = createWhmcsClient({ apiUrl: portal.apiUrl, identifier: portal.identifier, secret: portal.secret, transport: fetchTransport })
  const clients: Client[] = []
  await pullListing<Client>({
    pageSize,
    concurrency,
    phase: 'clients',
    fetchPage: async (page) => {
      const { total, clients: items } = await source.getClients(page)
      return { total, items }
    },
    idOf: (client) => client.id,
    apply: async (items) => void clients.push(...items),
  })
  return clients
}

/** Saves the pulled clients as sync/pull.ts does; says how many rows it wrote. */
async function save(db: Db): Promise<{ written: number; unchanged: number }> {
  const at = new Date().toISOString()
  const counts = { written: 0, unchanged: 0 }
  await withOwnUpkeep(db, () => createChunks(db).run(pulled, (client) => void counts[applyClient(db, client, at) === 'unchanged' ? 'unchanged' : 'written']++))
  return counts
}

function openFresh(): Db {
  return dir.open(`fresh-${++freshCount}.sqlite`)
}

beforeAll(async () => {
  portal = await startDemoPortal({ port: 0, clients: CLIENTS, seed: 1, latencyMs: LATENCY_MS })
  dir = benchDir('contact-desk-bench-pull-')
  pulled = await pull(PAGE_SIZE, PULL_CONCURRENCY)
  if (pulled.length !== CLIENTS) throw new Error(`expected ${CLIENTS} clients pulled, got ${pulled.length}`)
  // 1 warm-up + 5 runs, plus the one call tinybench makes per loop to see whether the function is async.
  for (let n = 0; n < 10; n++) freshFiles.push(openFresh())
  filled = openFresh()
  await save(filled)
})
afterAll(async () => {
  await portal.close()
  dir.remove()
})

// Page size × requests in flight (each request asks for one record more, the overlap with the next page). The last
// case is sync/pull.ts's own: PAGE_SIZE (999: requests of 1,000) and PULL_CONCURRENCY.
const PULL_CASES: { pageSize: number; concurrency: number; note?: string }[] = [
  { pageSize: 100, concurrency: 1, note: '(baseline)' },
  { pageSize: 100, concurrency: 3 },
  { pageSize: 500, concurrency: 1 },
  { pageSize: 500, concurrency: 3 },
  { pageSize: PAGE_SIZE, concurrency: 1 },
  { pageSize: PAGE_SIZE, concurrency: PULL_CONCURRENCY, note: '(sync/pull.ts today)' },
]

describe(`pull ${CLIENTS.toLocaleString('en')} clients over HTTP, ${LATENCY_MS} ms latency per request`, () => {
  for (const { pageSize, concurrency, note } of PULL_CASES) {
    const requests = Math.ceil(CLIENTS / pageSize)
    const name = `page ${pageSize} × ${concurrency} in flight, ${requests} requests${note ? ` ${note}` : ''}`
    bench(
      name,
      async () => {
        const clients = await pull(pageSize, concurrency)
        if (clients.length !== CLIENTS) throw new Error(`expected ${CLIENTS} clients, got ${clients.length}`)
      },
      HEAVY,
    )
  }
})

describe(`save ${CLIENTS.toLocaleString('en')} pulled clients (applyClient in short transactions, SQLite file)`, () => {
  bench(
    'first sync: into a fresh file',
    async () => {
      const counts = await save(freshFiles.pop() ?? openFresh())
      if (counts.written !== CLIENTS) throw new Error(`expected ${CLIENTS} written, got ${JSON.stringify(counts)}`)
    },
    HEAVY,
  )
  bench(
    'next sync: nothing changed',
    async () => {
      const counts = await save(filled)
      if (counts.unchanged !== CLIENTS) throw new Error(`expected ${CLIENTS} unchanged, got ${JSON.stringify(counts)}`)
    },
    HEAVY,
  )
})
