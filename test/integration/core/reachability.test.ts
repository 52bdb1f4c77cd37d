// The reachability audit against the demo portal over real HTTP with a real SQLite file: after one sync, the audit
// over the cache finds exactly what judge finds over the portal's own records; opening a client reads its owner's
// preference and its latest payment reminders; a fix made here takes the finding away once it is saved, offline too.
import { describe, expect, it } from 'vitest'
import type { DemoState } from '../../../src/main/demo-portal/schema'
import { judge, type ClientFacts, type ReachabilityRule, type ReminderEmail } from '../../../src/shared/reachability'
import { ok, startWorld, type DeskWorld } from '../../support/desk-world'

/** What the cache should know of each client after a sync (the owner's preference and the reminders its page showed only once opened). */
function expectedRules(state: DemoState, opened: ReadonlyMap<number, ReminderEmail[]> = new Map()): Map<number, ReachabilityRule[]> {
  const rules = new Map<number, ReachabilityRule[]>()
  for (const client of state.clients) {
    const id = Number(client.id)
    const facts: ClientFacts = {
      clientId: id,
      status: client.status,
      owner: { email: client.email, invoiceEmails: opened.has(id) ? client.email_preferences.invoice : null },
      overdueNoticesOff: null,
      contacts: state.contacts.filter((c) => Number(c.userid) === id).map((c) => ({ localId: `r${c.id}`, email: c.email, invoice: c.invoiceemails })),
      registeredDomains: state.domains.filter((d) => Number(d.userid) === id).map((d) => d.domainname.toLowerCase()),
      productDomains: state.products.filter((p) => Number(p.clientid) === id && p.domain !== '').map((p) => p.domain.toLowerCase()),
      reminders: opened.get(id) ?? null,
    }
    const found = judge(facts).findings.map((finding) => finding.rule)
    if (found.length > 0) rules.set(id, found)
  }
  return rules
}

async function auditedRules(world: DeskWorld): Promise<Map<number, ReachabilityRule[]>> {
  const page = await ok(world, 'reachability.list', { limit: 1000 })
  expect(page.total).toBe(page.items.length)
  return new Map(page.items.map((item) => [item.clientId, item.findings.map((finding) => finding.rule)]))
}

describe('the reachability audit', () => {
  it('finds in the cache what judge finds in the portal’s own records, and every client is judged', async () => {
    const world = await startWorld({ portal: { clients: 150, seed: 43, generation: '8' }, timeoutMs: 5_000 })
    const state = world.portal.control.snapshot()
    const expected = expectedRules(state)
    expect(expected.size).toBeGreaterThan(10)
    expect(await auditedRules(world)).toEqual(expected)
    const page = await ok(world, 'reachability.list', { limit: 5 })
    expect(page.judged).toBe(150)
    expect(Object.values(page.byRule).reduce((sum, n) => sum + (n ?? 0), 0)).toBeGreaterThanOrEqual(expected.size)

    // Opening a client reads its owner's preference: its verdict follows.
    const opened = new Map<number, ReminderEmail[]>()
    for (const id of [...expected.keys()].slice(0, 3)) opened.set(id, (await ok(world, 'clients.open', { id })).paymentReminders.reminders)
    expect(await auditedRules(world)).toEqual(expectedRules(state, opened))
  })

  it('a contact on another domain with invoices off: turning them on here takes the finding away, before any sync', async () => {
    const world = await startWorld({ portal: { clients: 150, seed: 43, generation: '8' }, timeoutMs: 5_000 })
    const page = await ok(world, 'reachability.list', { rule: 'external_contact_invoices_off', limit: 1000 })
    const item = page.items[0]!
    const finding = item.findings.find((f) => f.rule === 'external_contact_invoices_off')
    if (finding?.rule !== 'external_contact_invoices_off') throw new Error('no such finding')
    const [target] = finding.detail.contacts
    const contact = (await ok(world, 'contacts.list', { clientId: item.clientId })).find((c) => c.localId === target!.localId)!
    await world.portal.faults.add({ kind: 'down' })
    await ok(world, 'contacts.update', { localId: contact.localId, changes: { emailPreferences: { ...contact.emailPreferences, invoice: true } } })
    const after = await ok(world, 'reachability.list', { rule: 'external_contact_invoices_off', limit: 1000 })
    expect(after.items.map((each) => each.clientId)).not.toContain(item.clientId)
    expect(after.total).toBe(page.total - 1)
  })
})
