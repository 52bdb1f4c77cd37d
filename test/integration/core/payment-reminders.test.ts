// The latest payment reminders against the demo portal over real HTTP with a real SQLite file: opening a client reads
// them with one GetEmails call and keeps them without a single body, the audit flags the client whose latest reminders
// failed, a portal without the delivery fields is "not reported", and a portal that refuses GetEmails, does not know
// it or answers it in a form we cannot read still opens the client, saying why the reminders are not available.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openPortalCache } from '../../../src/main/core/db/portal-cache'
import { emailLogOf } from '../../../src/main/demo-portal/email-log'
import type { DemoPortalOptions } from '../../../src/main/demo-portal/server'
import { DemoStore } from '../../../src/main/demo-portal/store'
import { ok, startWorld, type DeskWorld } from '../../support/desk-world'

const REMINDER = /Lembrete de Pagamento|Aviso de Fatura Vencida|Payment Reminder|Overdue Notice/
/** Words every body of the demo's log holds, and nothing else Contact Desk stores. */
const BODY_WORDS = ['Atenciosamente', 'Acesse a área do cliente']

async function world(portal: DemoPortalOptions = {}): Promise<DeskWorld> {
  return startWorld({ portal: { clients: 80, seed: 7, generation: '8', control: true, ...portal }, timeoutMs: 5_000 })
}

/** A client of the portal whose latest payment reminder failed (the demo's log, read from its own state). */
function clientWithFailedReminders(w: DeskWorld): number {
  const store = new DemoStore(w.portal.control.snapshot())
  const client = store.state.clients.find((each) => emailLogOf(store, each.id).find((email) => REMINDER.test(email.subject))?.state === 'failed')
  if (client === undefined) throw new Error('the demo data has no client whose reminders failed')
  return client.id
}

function getEmailsCalls(w: DeskWorld): number {
  return w.portal.control.calls().getemails ?? 0
}

describe("the latest payment reminders, from the portal's e-mail log", () => {
  it('opening a client whose reminders failed keeps them, without any body in the cache, and the audit flags it', async () => {
    const w = await world()
    const clientId = clientWithFailedReminders(w)
    const before = getEmailsCalls(w)
    const view = await ok(w, 'clients.open', { id: clientId })
    expect(getEmailsCalls(w) - before).toBe(1)
    const { reminders, readAt, unavailable } = view.paymentReminders
    expect(unavailable).toBeNull()
    expect(readAt).not.toBeNull()
    expect(reminders.length).toBeGreaterThan(0)
    expect(reminders.every((reminder) => REMINDER.test(reminder.subject))).toBe(true)
    expect(reminders[0]).toMatchObject({ state: 'failed', failureReason: expect.stringMatching(/^55\d /) })
    expect(reminders[0]!.to[0]).toMatch(/<[^@]+@[^>]+>$/)

    const audit = await ok(w, 'reachability.list', { rule: 'reminders_failed', limit: 1000 })
    const item = audit.items.find((each) => each.clientId === clientId)
    expect(item?.findings).toContainEqual(
      expect.objectContaining({ rule: 'reminders_failed', severity: 'high', detail: { failed: expect.arrayContaining([reminders[0]]) } }),
    )
    expect(item?.notChecked).not.toContain('reminders_failed')

    // Read back from the cache alone: the same reminders.
    expect((await ok(w, 'clients.open', { id: clientId, refresh: false })).paymentReminders).toEqual({ readAt, reminders, unavailable: null })

    // No body anywhere: not in a row, not in the file's bytes (its WAL included).
    const cache = openPortalCache(w.dir.path, { apiUrl: w.portal.apiUrl, identifier: w.portal.identifier })
    try {
      const tables = cache.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]
      const rows = JSON.stringify(tables.map((table) => cache.prepare(`SELECT * FROM "${table}"`).all()))
      expect(rows).toContain(reminders[0]!.failureReason!)
      for (const words of BODY_WORDS) expect(rows).not.toContain(words)
    } finally {
      cache.close()
    }
    const dir = join(w.dir.path, 'portals')
    for (const file of readdirSync(dir)) {
      const bytes = readFileSync(join(dir, file))
      for (const words of BODY_WORDS) expect(bytes.includes(Buffer.from(words, 'utf8')), `${file}: ${words}`).toBe(false)
    }
  })

  it("takes the reminders' subjects from Settings, case and accents aside, the newest 10 at most", async () => {
    const w = await world()
    const clientId = clientWithFailedReminders(w)
    await ok(w, 'settings.update', { reminderSubjects: ['FATURA DE CLIENTE', 'customer invoice', 'confirmacao de pagamento'] })
    const { reminders } = (await ok(w, 'clients.open', { id: clientId })).paymentReminders
    const store = new DemoStore(w.portal.control.snapshot())
    const expected = emailLogOf(store, clientId)
      .filter((email) => /Fatura de Cliente|Customer Invoice|Confirmação de Pagamento/.test(email.subject))
      .slice(0, 10)
    expect(reminders.map((reminder) => [reminder.date, reminder.subject])).toEqual(expected.map((email) => [email.date, email.subject]))
    expect(reminders.length).toBeGreaterThan(0)
  })

  it('a portal whose log has no delivery fields: the reminders are kept as "not reported", and the audit does not flag them', async () => {
    const w = await world({ emailDelivery: false })
    const clientId = clientWithFailedReminders(w)
    const view = await ok(w, 'clients.open', { id: clientId })
    expect(view.paymentReminders.reminders.length).toBeGreaterThan(0)
    expect(view.paymentReminders.reminders.every((reminder) => reminder.state === 'unknown' && reminder.failureReason === null)).toBe(true)
    const audit = await ok(w, 'reachability.list', { limit: 1000 })
    const item = audit.items.find((each) => each.clientId === clientId)
    expect(item?.findings.map((finding) => finding.rule) ?? []).not.toContain('reminders_failed')
    expect(item?.notChecked ?? []).not.toContain('reminders_failed')
  })

  it('a role that refuses GetEmails still opens the client, says why the reminders are not available, and keeps them not checked', async () => {
    const w = await world({ deniedActions: ['GetEmails'] })
    const clientId = clientWithFailedReminders(w)
    const view = await ok(w, 'clients.open', { id: clientId })
    expect(view.fresh).toBe(true)
    expect(view.ownerEmailPreferences).not.toBeNull()
    expect(view.paymentReminders).toEqual({
      readAt: null,
      reminders: [],
      unavailable: { action: 'GetEmails', error: expect.objectContaining({ code: 'permission_denied' }) },
    })
    const audit = await ok(w, 'reachability.list', { limit: 1000 })
    expect(audit.items.find((each) => each.clientId === clientId)?.notChecked).toContain('reminders_failed')
  })

  it.each([
    ['unknown to the portal', 'unknown-action', 'portal_error'],
    ['answered in a form we cannot read', 'malformed', 'bad_response'],
  ] as const)('GetEmails %s: the client opens, the reminders read before are kept and the reason shown', async (_case, kind, code) => {
    const w = await world()
    const clientId = clientWithFailedReminders(w)
    const first = await ok(w, 'clients.open', { id: clientId })
    await w.portal.faults.add({ kind, actions: ['GetEmails'] })
    const again = await ok(w, 'clients.open', { id: clientId })
    expect(again.fresh).toBe(true)
    expect(again.contacts.length).toBe(first.contacts.length)
    expect(again.paymentReminders).toEqual({
      readAt: first.paymentReminders.readAt,
      reminders: first.paymentReminders.reminders,
      unavailable: { action: 'GetEmails', error: expect.objectContaining({ code }) },
    })
  })
})
