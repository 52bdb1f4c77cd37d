// The reachability audit over a real SQLite cache: judged from what the cache holds, kept up to date for exactly the
// clients a write touched (every write marks its client), listed worst first and filtered.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { applyClient, removeClient } from '../../../../src/main/core/db/clients'
import { saveClientDetails } from '../../../../src/main/core/db/client-details'
import { saveContact } from '../../../../src/main/core/db/contacts'
import { openDatabase, type Db } from '../../../../src/main/core/db/database'
import { applyDomain } from '../../../../src/main/core/db/domains'
import { countStale, factsOf, listVerdicts, verdictCounts } from '../../../../src/main/core/db/reachability'
import { saveReminders } from '../../../../src/main/core/db/payment-reminders'
import type { ReminderEmail } from '../../../../src/shared/reachability'
import { refreshReachability } from '../../../../src/main/core/views/reachability'
import { newContactFields } from '../../../../src/shared/contact-rules'
import type { Client, ClientStatus } from '../../../../src/shared/domain'

let db: Db
beforeEach(() => {
  db = openDatabase(':memory:')
})
afterEach(() => db.close())

const AT = '2026-12-07T12:00:00.000Z'
const client = (id: number, email: string, status: ClientStatus = 'Active'): Client => ({
  id,
  firstName: `Cliente ${id}`,
  lastName: 'Silva',
  companyName: '',
  email,
  status,
  createdOn: null,
  groupId: 0,
})
function contact(clientId: number, localId: string, email: string, invoice: boolean) {
  const fields = { ...newContactFields(), firstName: 'Ana', email, emailPreferences: { ...newContactFields().emailPreferences, invoice } }
  saveContact(db, { localId, remoteId: null, clientId, data: { fields, access: null }, base: null, remoteUpdatedAt: null, deleted: false })
}
const page = (query: Partial<Parameters<typeof listVerdicts>[1]> = {}) => listVerdicts(db, { offset: 0, limit: 100, ...query })
const rulesOf = (clientId: number) =>
  page()
    .items.find((item) => item.clientId === clientId)
    ?.findings.map((finding) => finding.rule) ?? []

describe('the reachability audit over the cache', () => {
  beforeEach(async () => {
    // 1: only its own domain receives invoices (the owner, and a contact on a sub-domain).
    applyClient(db, client(1, 'financeiro@padaria.com.br'), AT)
    applyDomain(db, { id: 11, clientId: 1, domain: 'padaria.com.br', status: 'Active', expiryDate: null, nextDueDate: null })
    contact(1, 'k1', 'cobranca@loja.padaria.com.br', true)
    // 2: safe: a contact on Gmail receives invoices.
    applyClient(db, client(2, 'joao@oficina.com.br'), AT)
    contact(2, 'k2', 'joao.oficina@gmail.com', true)
    // 3: a contact on another domain with invoice e-mails off; the client is inactive.
    applyClient(db, client(3, 'maria@floricultura.com.br', 'Inactive'), AT)
    contact(3, 'k3', 'maria.flores@gmail.com', false)
    // 4: a typo of a free-mail provider receives the invoices (the owner's preference read once the client was opened).
    applyClient(db, client(4, 'pedro@gmial.com'), AT)
    const preferences = { ...newContactFields().emailPreferences, invoice: true }
    saveClientDetails(db, { clientId: 4, data: preferences, base: preferences, overdueNoticesOff: null, logins: null, fetchedAt: AT })
    expect(await refreshReachability(db)).toBe(4)
  })

  it('says what is not checked yet: the owner of a client never opened', () => {
    expect(page().items.find((item) => item.clientId === 1)?.notChecked).toContain('overdue_notices_off')
  })

  it('finds overdue notices switched off once a per-client read kept the switch, and no longer says it is not checked', async () => {
    const preferences = { ...newContactFields().emailPreferences, invoice: true }
    saveClientDetails(db, { clientId: 2, data: preferences, base: preferences, overdueNoticesOff: true, logins: null, fetchedAt: AT })
    expect(await refreshReachability(db)).toBe(1)
    const verdict = page().items.find((item) => item.clientId === 2)
    expect(verdict).toMatchObject({ severity: 'critical', findings: [{ rule: 'overdue_notices_off' }] })
    expect(verdict?.notChecked).not.toContain('overdue_notices_off')
    saveClientDetails(db, { clientId: 2, data: preferences, base: preferences, overdueNoticesOff: false, logins: null, fetchedAt: AT })
    await refreshReachability(db)
    expect(rulesOf(2)).toEqual([])
  })

  it('judges every client from the cache, lists those at risk worst first, and counts each rule', () => {
    expect(page().items.map((item) => item.clientId)).toEqual([1, 4, 3])
    expect(rulesOf(1)).toContain('own_domain_only')
    expect(rulesOf(2)).toEqual([])
    expect(rulesOf(3)).toContain('external_contact_invoices_off')
    expect(rulesOf(4)).toContain('free_mail_typo')
    expect(page().items.find((item) => item.clientId === 4)?.findings).toContainEqual(
      expect.objectContaining({ rule: 'free_mail_typo', detail: { typos: [{ localId: null, email: 'pedro@gmial.com', suggestion: 'gmail.com' }] } }),
    )
    expect(verdictCounts(db)).toMatchObject({ judged: 4, byRule: { own_domain_only: 1, external_contact_invoices_off: 1, free_mail_typo: 1 } })
    expect(page({ rule: 'free_mail_typo' }).items.map((item) => item.clientId)).toEqual([4])
    expect(page({ status: 'Inactive' })).toMatchObject({ total: 1, items: [{ clientId: 3 }] })
    expect(page({ offset: 1, limit: 1 })).toMatchObject({ total: 3, items: [{ clientId: 4 }] })
  })

  it('judges again only the clients a write touched, and the fix takes the client off the list', async () => {
    expect(countStale(db)).toBe(0)
    contact(3, 'k3', 'maria.flores@gmail.com', true)
    expect(countStale(db)).toBe(1)
    expect(await refreshReachability(db)).toBe(1)
    expect(rulesOf(3)).toEqual([])
    applyDomain(db, { id: 41, clientId: 4, domain: 'gmial.com', status: 'Active', expiryDate: null, nextDueDate: null })
    applyDomain(db, { id: 12, clientId: 1, domain: 'padaria.net', status: 'Active', expiryDate: null, nextDueDate: null })
    expect(await refreshReachability(db)).toBe(2)
    // A client that holds gmial.com owns it: no typo there, but now only its own domain receives the invoices.
    expect(rulesOf(4)).not.toContain('free_mail_typo')
    // An upsert that updates (opening a client again) marks its client once, whatever the statement's own conflict handling.
    const preferences = { ...newContactFields().emailPreferences, invoice: false }
    saveClientDetails(db, { clientId: 4, data: preferences, base: preferences, overdueNoticesOff: null, logins: null, fetchedAt: AT })
    saveClientDetails(db, { clientId: 4, data: preferences, base: preferences, overdueNoticesOff: null, logins: null, fetchedAt: AT })
    expect(countStale(db)).toBe(1)
    expect(await refreshReachability(db)).toBe(1)
    removeClient(db, 1)
    expect(await refreshReachability(db)).toBe(1)
    expect(page().items.map((item) => item.clientId)).not.toContain(1)
    expect(await refreshReachability(db)).toBe(0)
  })

  it('reads the latest payment reminders from the cache (one query for the batch), flags failed ones, and not those delivered, pending or unreported', async () => {
    const reminder = (state: ReminderEmail['state'], to = 'Pedro <pedro@gmial.com>'): ReminderEmail => ({
      date: '2026-02-25 09:00:00',
      subject: 'Lembrete de Pagamento de Fatura',
      to: [to],
      cc: [],
      state,
      failureReason: state === 'failed' ? '550 5.1.2 Domain not found' : null,
    })
    expect(page().items.find((item) => item.clientId === 4)?.notChecked).toContain('reminders_failed')
    saveReminders(db, 4, { readAt: AT, reminders: [reminder('failed'), reminder('delivered')] })
    saveReminders(db, 2, { readAt: AT, reminders: [reminder('delivered', 'joao.oficina@gmail.com'), reminder('failed', 'joao.oficina@gmail.com')] })
    saveReminders(db, 1, { readAt: AT, reminders: [reminder('pending', 'financeiro@padaria.com.br'), reminder('unknown', 'financeiro@padaria.com.br')] })
    saveReminders(db, 3, { readAt: AT, reminders: [] })
    expect(countStale(db)).toBe(4)
    const statements: string[] = []
    const prepare = db.prepare.bind(db)
    db.prepare = ((sql: string) => (statements.push(sql), prepare(sql))) as typeof db.prepare
    const facts = factsOf(db, [1, 2, 3, 4])
    db.prepare = prepare
    expect(statements.filter((sql) => sql.includes('payment_reminders'))).toHaveLength(1)
    expect(facts.map((each) => [each.clientId, each.reminders?.map((r) => r.state)])).toEqual([
      [1, ['pending', 'unknown']],
      [2, ['delivered', 'failed']],
      [3, []],
      [4, ['failed', 'delivered']],
    ])
    expect(await refreshReachability(db)).toBe(4)
    expect(page().items.find((item) => item.clientId === 4)?.findings).toContainEqual({
      rule: 'reminders_failed',
      severity: 'high',
      detail: { failed: [reminder('failed')] },
    })
    for (const clientId of [1, 2, 3]) expect(rulesOf(clientId)).not.toContain('reminders_failed')
    expect(page().items.find((item) => item.clientId === 1)?.notChecked).not.toContain('reminders_failed')
    expect(page({ rule: 'reminders_failed' }).items.map((item) => item.clientId)).toEqual([4])
  })

  it('brings a large cache up to date in batches, other work running between them', async () => {
    for (let id = 100; id < 2600; id++) applyClient(db, client(id, `dono${id}@empresa${id}.com.br`), AT)
    let between = 0
    const ticking = setInterval(() => void between++, 0)
    expect(await refreshReachability(db, 500)).toBe(2500)
    clearInterval(ticking)
    expect(verdictCounts(db).judged).toBe(2504)
    expect(between).toBeGreaterThan(0)
  })
})
