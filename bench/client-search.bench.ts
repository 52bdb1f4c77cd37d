// Listing and searching the local cache as the UI does on every scroll and keystroke ("instant search"
// must stay well under a 16 ms frame): a real SQLite file holding 100,000 demo clients, listClients as the
// app calls it, and a naive LIKE scan as the baseline that shows what the FTS5 index buys.
import { afterAll, beforeAll, bench, describe } from 'vitest'
import { applyClient, countClients, listClients } from '../src/main/core/db/clients'
import type { Db } from '../src/main/core/db/database'
import { generateDemoState } from '../src/main/demo-portal/data'
import { benchDir, toClient } from './support'

const CLIENTS = 100_000
const PAGE = 100

let dir: ReturnType<typeof benchDir>
let db: Db

beforeAll(() => {
  dir = benchDir('contact-desk-bench-search-')
  db = dir.open('clients.sqlite')
  const clients = generateDemoState({ seed: 1, clients: CLIENTS }).clients.map(toClient)
  const at = new Date().toISOString()
  db.transaction(() => clients.forEach((client) => applyClient(db, client, at)))()
  if (countClients(db) !== CLIENTS) throw new Error(`expected ${CLIENTS} clients stored, got ${countClients(db)}`)
  // Every search below must find something, or it would measure an empty answer.
  for (const search of ['ana', 'padaria sao', 'financeiro@padaria', 'm']) {
    const { total } = listClients(db, { search, offset: 0, limit: 1 })
    if (total === 0) throw new Error(`the search "${search}" matches no client`)
    console.log(`"${search}" matches ${total.toLocaleString('en')} of ${CLIENTS.toLocaleString('en')} clients`)
  }
})
afterAll(() => dir.remove())

/**
 * What the app would do without FTS5: a substring scan of the three searched columns (same columns, same
 * order, same page and total as listClients), written here only for comparison.
 */
function naiveLikeSearch(search: string, offset: number, limit: number) {
  const where = `(first_name || ' ' || last_name) LIKE @pattern OR company_name LIKE @pattern OR email LIKE @pattern`
  const pattern = `%${search}%`
  const total = (db.prepare(`SELECT count(*) AS n FROM clients WHERE ${where}`).get({ pattern }) as { n: number }).n
  const items = db
    .prepare(
      `SELECT id, first_name, last_name, company_name, email, status, created_on, group_id FROM clients
       WHERE ${where} ORDER BY sort_key, id LIMIT @limit OFFSET @offset`,
    )
    .all({ pattern, limit, offset })
  return { total, items }
}

function expectRows(page: { items: unknown[] }): void {
  if (page.items.length === 0) throw new Error('the benchmark listed no rows')
}

describe(`client list and search over ${CLIENTS.toLocaleString('en')} clients (SQLite file, ${PAGE} rows per call)`, () => {
  bench('list first 100 (no search)', () => {
    expectRows(listClients(db, { search: '', offset: 0, limit: PAGE }))
  })
  bench('list 100 at offset 90,000 (deep scroll)', () => {
    expectRows(listClients(db, { search: '', offset: 90_000, limit: PAGE }))
  })
  bench("FTS search 'ana' (common first name)", () => {
    expectRows(listClients(db, { search: 'ana', offset: 0, limit: PAGE }))
  })
  bench("FTS search 'padaria sao' (two words)", () => {
    expectRows(listClients(db, { search: 'padaria sao', offset: 0, limit: PAGE }))
  })
  bench("FTS search 'financeiro@padaria' (e-mail prefix)", () => {
    expectRows(listClients(db, { search: 'financeiro@padaria', offset: 0, limit: PAGE }))
  })
  bench("FTS search 'm' (first keystroke)", () => {
    expectRows(listClients(db, { search: 'm', offset: 0, limit: PAGE }))
  })
  bench("LIKE '%ana%' over name, company, e-mail (baseline)", () => {
    expectRows(naiveLikeSearch('ana', 0, PAGE))
  })
})
