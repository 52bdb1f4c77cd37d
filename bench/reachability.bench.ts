// The reachability audit over a real SQLite cache the size of a large company (issue 15): 100,000 demo clients with
// 160,000 contacts, their domains and hosting services, saved through the app's own repositories. Two figures:
// judging every client from scratch (no verdict kept, each client marked, as a first sync or a migration leaves
// them; emptying and marking are timed too) and bringing the audit up to date after one edit (the edit's save
// included), which is what a staff member's edit costs before the list shows it. Goals: under 2 s, and under 10 ms.
import { afterAll, beforeAll, bench, describe } from 'vitest'
import { applyClient, countClients } from '../src/main/core/db/clients'
import { getContact, saveContact, type StoredContact } from '../src/main/core/db/contacts'
import type { Db } from '../src/main/core/db/database'
import { applyDomain } from '../src/main/core/db/domains'
import { productTable } from '../src/main/core/db/products'
import { countStale, verdictCounts } from '../src/main/core/db/reachability'
import { refreshReachability } from '../src/main/core/views/reachability'
import { generateDemoState } from '../src/main/demo-portal/data'
import { demoContactFields } from '../test/support/demo-records'
import { benchDir, toClient } from './support'

const CLIENTS = 100_000
const CONTACTS_PER_CLIENT = 1.6
/** A few runs of the whole audit, after one warm-up run; `time: 0` so the count, not a duration, decides. */
const HEAVY = { time: 0, iterations: 5, warmupTime: 0, warmupIterations: 1 }

let dir: ReturnType<typeof benchDir>
let db: Db
let edited: StoredContact

beforeAll(async () => {
  dir = benchDir('contact-desk-bench-reachability-')
  db = dir.open('cache.sqlite')
  const state = generateDemoState({ seed: 1, clients: CLIENTS, contactsPerClient: CONTACTS_PER_CLIENT })
  const at = new Date().toISOString()
  db.transaction(() => {
    for (const client of state.clients) applyClient(db, toClient(client), at)
    for (const contact of state.contacts) {
      const state = { fields: demoContactFields(contact), access: null }
      saveContact(db, {
        localId: `c${contact.id}`,
        remoteId: contact.id,
        clientId: contact.userid,
        data: state,
        base: state,
        remoteUpdatedAt: null,
        deleted: false,
      })
    }
    for (const domain of state.domains)
      applyDomain(db, { id: domain.id, clientId: domain.userid, domain: domain.domainname, status: domain.status, expiryDate: null, nextDueDate: null })
    for (const product of state.products)
      productTable.apply(db, { id: product.id, clientId: product.clientid, domain: product.domain, status: product.status, name: product.name })
  })()
  if (countClients(db) !== CLIENTS) throw new Error(`expected ${CLIENTS} clients stored, got ${countClients(db)}`)
  await refreshReachability(db)
  const counts = verdictCounts(db)
  console.log(`${state.contacts.length.toLocaleString('en')} contacts; ${JSON.stringify(counts)}`)
  if (Object.keys(counts.byRule).length === 0) throw new Error('the audit found nobody at risk: it would measure an empty audit')
  edited = getContact(db, `c${state.contacts[0]!.id}`) as StoredContact
})
afterAll(() => dir.remove())

describe(`reachability audit over ${CLIENTS.toLocaleString('en')} clients and their contacts (SQLite file)`, () => {
  bench(
    'judge every client from scratch (the audit emptied, every client marked: a first sync; both timed too)',
    async () => {
      db.exec('DELETE FROM reachability; DELETE FROM reachability_findings')
      db.prepare('INSERT OR IGNORE INTO reachability_stale (client_id) SELECT id FROM clients').run()
      const judged = await refreshReachability(db)
      if (judged !== CLIENTS) throw new Error(`judged ${judged} clients, expected ${CLIENTS}`)
    },
    HEAVY,
  )

  let invoice = false
  bench("one edit (a contact's invoice e-mails) saved, then the audit brought up to date", async () => {
    invoice = !invoice
    const fields = { ...edited.data.fields, emailPreferences: { ...edited.data.fields.emailPreferences, invoice } }
    saveContact(db, { ...edited, data: { ...edited.data, fields } })
    const judged = await refreshReachability(db)
    if (judged !== 1 || countStale(db) !== 0) throw new Error(`judged ${judged} clients after one edit, expected 1`)
  })
})
