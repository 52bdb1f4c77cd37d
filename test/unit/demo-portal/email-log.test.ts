import { describe, expect, it } from 'vitest'
import { generateDemoState } from '../../../src/main/demo-portal/data'
import { getEmails } from '../../../src/main/demo-portal/actions-emails'
import { emailLogOf } from '../../../src/main/demo-portal/email-log'
import { DemoStore } from '../../../src/main/demo-portal/store'

const REMINDER = /Lembrete de Pagamento|Aviso de Fatura Vencida|Payment Reminder|Overdue Notice/

describe('the demo e-mail log', () => {
  const store = new DemoStore(generateDemoState({ seed: 1, clients: 300 }))
  const logs = store.state.clients.map((client) => ({ client, log: emailLogOf(store, client.id) }))

  it('is the same for the same state, newest first, with unique ids, and empty for an unknown client', () => {
    const again = new DemoStore(generateDemoState({ seed: 1, clients: 300 }))
    for (const { client, log } of logs) {
      expect(emailLogOf(again, client.id)).toEqual(log)
      expect(log.map((email) => email.date)).toEqual(
        log
          .map((email) => email.date)
          .sort()
          .reverse(),
      )
    }
    const ids = logs.flatMap(({ log }) => log.map((email) => email.id))
    expect(new Set(ids).size).toBe(ids.length)
    expect(emailLogOf(store, 99_999)).toEqual([])
  })

  it('holds invoices, reminders with the default subjects and other e-mails, most delivered, some failed with a reason', () => {
    const all = logs.flatMap(({ log }) => log)
    expect(all.some((email) => email.kind === 'invoice')).toBe(true)
    expect(all.some((email) => email.kind === 'ticket')).toBe(true)
    expect(all.filter((email) => email.kind.startsWith('overdue') || email.kind === 'reminder').every((email) => REMINDER.test(email.subject))).toBe(true)
    const failed = all.filter((email) => email.state === 'failed')
    expect(failed.length).toBeGreaterThan(0)
    expect(failed.length).toBeLessThan(all.length / 4)
    expect(failed.every((email) => /^55\d /.test(email.failureReason))).toBe(true)
    expect(all.filter((email) => email.state !== 'failed').every((email) => email.failureReason === '')).toBe(true)
  })

  it('fails the latest reminders of clients whose only invoice recipients are on a lapsed domain, and only after it lapsed', () => {
    const failing = logs.filter(({ log }) => log.find((email) => REMINDER.test(email.subject))?.state === 'failed')
    expect(failing.length).toBeGreaterThan(5)
    for (const { client } of failing.slice(0, 20)) {
      const lapsed = [
        ...store
          .domainsOf(client.id)
          .filter((domain) => domain.status !== 'Active' && domain.status !== 'Pending')
          .map((domain) => domain.domainname),
        ...store.productsOf(client.id).map((product) => product.domain),
      ]
      const typo = /@(gmial|hotmial|outlok)\.com/
      const log = emailLogOf(store, client.id)
      const latest = log.find((email) => REMINDER.test(email.subject))!
      const addresses = [latest.to, ...latest.cc.split(',')].filter((entry) => entry !== '')
      expect(
        addresses.every((entry) => typo.test(entry) || lapsed.some((domain) => entry.includes(`@${domain}`))),
        addresses.join(' '),
      ).toBe(true)
    }
  })

  it('follows the client: a recipient added on free mail receives the next log, and nobody on invoices gets no invoice e-mail', () => {
    const { client } = logs.find(({ log }) => log.find((email) => REMINDER.test(email.subject))?.state === 'failed')!
    const contact = store.contactsOf(client.id)[0] ?? store.state.contacts[0]!
    store.addContact({ ...contact, userid: client.id, email: 'cobranca.nova@gmail.com', invoiceemails: true })
    expect(emailLogOf(store, client.id).find((email) => REMINDER.test(email.subject))).toMatchObject({ state: 'delivered' })
    const silent = logs.find(({ client: each }) => !each.email_preferences.invoice && store.contactsOf(each.id).every((c) => !c.invoiceemails))
    expect(silent?.log.filter((email) => email.kind === 'invoice')).toEqual([])
  })
})

describe('GetEmails on the demo portal', () => {
  const store = new DemoStore(generateDemoState({ seed: 1, clients: 50 }))
  const context = (emailDelivery = true) => ({ store, generation: '8' as const, emailDelivery, now: () => new Date() })
  const clientId = store.state.clients.find((client) => emailLogOf(store, client.id).some((email) => /Lembrete/.test(email.subject)))!.id
  const log = emailLogOf(store, clientId)
  type Item = { id: number; subject: string; date: string; message: string; pending?: number; failed?: number }
  const items = (answer: ReturnType<typeof getEmails>): Item[] => ((answer.emails as { email: Item[] } | undefined)?.email ?? []) as Item[]

  it('pages newest first, with the body, and filters by a part of the subject (case and accents aside) and a date prefix', () => {
    const all = getEmails({ clientid: String(clientId), limitnum: '500' }, context())
    expect(all).toMatchObject({ result: 'success', totalresults: log.length, startnumber: 0 })
    expect(items(all).map((item) => item.id)).toEqual(log.map((email) => email.id))
    expect(items(all)[0]?.message).toMatch(/^<p>/)
    const page = getEmails({ clientid: String(clientId), limitstart: '2', limitnum: '3' }, context())
    expect(items(page).map((item) => item.id)).toEqual(log.slice(2, 5).map((email) => email.id))
    expect(items(getEmails({ clientid: String(clientId) }, context()))).toHaveLength(Math.min(25, log.length))
    const reminders = items(getEmails({ clientid: String(clientId), subject: 'LEMBRETE de pagamento', limitnum: '500' }, context()))
    expect(reminders.map((item) => item.id)).toEqual(log.filter((email) => email.subject === 'Lembrete de Pagamento de Fatura').map((email) => email.id))
    const day = log[0]!.date.slice(0, 10)
    expect(items(getEmails({ clientid: String(clientId), date: day }, context())).every((item) => item.date.startsWith(day))).toBe(true)
  })

  it('leaves the delivery fields out where asked, and answers an unknown client in `status`', () => {
    const [first] = items(getEmails({ clientid: String(clientId) }, context(false)))
    expect(first).not.toHaveProperty('pending')
    expect(first).not.toHaveProperty('failed')
    expect(first).not.toHaveProperty('failure_reason')
    expect(items(getEmails({ clientid: String(clientId) }, context()))[0]).toHaveProperty('failed')
    expect(getEmails({ clientid: '9999' }, context())).toEqual({ status: 'error', message: 'Client ID Not Found' })
    expect(getEmails({}, context())).toEqual({ status: 'error', message: 'Client ID Not Found' })
  })
})
