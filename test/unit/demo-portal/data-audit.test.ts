// The generator's people, logins, domains and e-mail preferences, and above all the reachability cases
// Contact Desk's audit must find, at their stated shares. Every check classifies the data by itself,
// from the generated records, not by asking the generator which case it meant.
import { describe, expect, it } from 'vitest'
import { AUDIT_CASE_SHARES, BASE_CONTACTS_PER_CLIENT, DemoState, generateDemoState, PERMISSIONS } from '../../../src/main/demo-portal/data'
import { TYPO_MAIL_DOMAINS } from '../../../src/main/demo-portal/brazil'
import { PASSWORD_HASH } from '../../../src/main/demo-portal/password-hash'
import { freeMailTypo } from '../../../src/shared/email-domains'
import realProviders from '../../fixtures/email/real-providers.json'
import { DemoStateV1, parseAnyDemoState } from '../../../src/main/demo-portal/schema'

const FREE_MAIL = ['gmail.com', 'hotmail.com', 'yahoo.com.br', 'outlook.com']
const TYPO_MAIL = ['gmial.com', 'hotmial.com', 'gmail.com.br', 'yaho.com.br', 'outlok.com']
const domainOf = (email: string): string => email.slice(email.indexOf('@') + 1).toLowerCase()

/** Map.groupBy, which Node 20 lacks. */
function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>()
  for (const item of items) {
    const k = key(item)
    const group = groups.get(k)
    if (group === undefined) groups.set(k, [item])
    else group.push(item)
  }
  return groups
}

interface Classified {
  nobodyInvoiced: boolean
  /** Everyone who receives invoices is on one of the client's own domains. */
  ownDomainOnly: boolean
  /** …and an outside contact exists who does not receive invoices (the useless "second contact"). */
  secondContactOff: boolean
  /** A contact on a misspelt free-mail domain receives invoices, and nobody on correct free mail does. */
  typoOnly: boolean
  /** Someone on correctly spelt free mail receives invoices. */
  reachable: boolean
  hasTypoContact: boolean
}

function classify(state: DemoState): Classified[] {
  const contactsBy = groupBy(state.contacts, (contact) => contact.userid)
  const domainsBy = groupBy(state.domains, (domain) => domain.userid)
  return state.clients.map((client) => {
    const contacts = contactsBy.get(client.id) ?? []
    const own = new Set((domainsBy.get(client.id) ?? []).map((domain) => domain.domainname))
    const recipients = [...(client.email_preferences.invoice ? [client.email] : []), ...contacts.filter((c) => c.invoiceemails).map((c) => c.email)].map(
      domainOf,
    )
    const ownDomainOnly = recipients.length > 0 && recipients.every((domain) => own.has(domain))
    return {
      nobodyInvoiced: recipients.length === 0,
      ownDomainOnly,
      secondContactOff: ownDomainOnly && contacts.some((c) => !own.has(domainOf(c.email)) && !c.invoiceemails),
      typoOnly: recipients.some((domain) => TYPO_MAIL.includes(domain)) && !recipients.some((domain) => FREE_MAIL.includes(domain)),
      reachable: recipients.some((domain) => FREE_MAIL.includes(domain)),
      hasTypoContact: contacts.some((c) => TYPO_MAIL.includes(domainOf(c.email))),
    }
  })
}

const share = (cases: Classified[], test: (c: Classified) => boolean): number => (100 * cases.filter(test).length) / cases.length

describe.each([7, 2024])('the reachability cases (seed %i)', (seed) => {
  const state = generateDemoState({ seed, clients: 3000 })
  const cases = classify(state)

  it('puts every client in exactly one case', () => {
    for (const c of cases) {
      expect([c.nobodyInvoiced, c.ownDomainOnly, c.typoOnly, c.reachable].filter(Boolean)).toHaveLength(1)
    }
  })

  it('includes each case at its stated share (±3 points at most)', () => {
    const expected = AUDIT_CASE_SHARES
    expect(Math.abs(share(cases, (c) => c.nobodyInvoiced) - expected['nobody-invoiced'])).toBeLessThan(1.5)
    expect(Math.abs(share(cases, (c) => c.ownDomainOnly) - (expected['own-domain-only'] + expected['second-contact-off']))).toBeLessThan(3)
    expect(Math.abs(share(cases, (c) => c.secondContactOff) - expected['second-contact-off'])).toBeLessThan(2)
    expect(Math.abs(share(cases, (c) => c.typoOnly) - expected['free-mail-typo'])).toBeLessThan(1.5)
    expect(Math.abs(share(cases, (c) => c.reachable) - expected.reachable)).toBeLessThan(3)
    // Misspelt addresses appear only where they are the client's problem.
    expect(cases.filter((c) => c.hasTypoContact).every((c) => c.typoOnly)).toBe(true)
  })

  it('uses every misspelt domain, and a "second contact" that is most often WHMCS’s default (no e-mail at all)', () => {
    const typoDomains = new Set(state.contacts.map((c) => domainOf(c.email)).filter((domain) => TYPO_MAIL.includes(domain)))
    expect([...typoDomains].sort()).toEqual([...TYPO_MAIL].sort())
    const secondContacts = state.clients
      .filter((_, index) => cases[index]!.secondContactOff)
      .map((client) => state.contacts.find((c) => c.userid === client.id && FREE_MAIL.includes(domainOf(c.email)))!)
    const silent = secondContacts.filter((c) => !c.generalemails && !c.invoiceemails && !c.domainemails && !c.supportemails)
    expect(silent.length).toBeGreaterThan(secondContacts.length / 2)
  })
})

describe('generated access and preferences', () => {
  const state = generateDemoState({ seed: 5, clients: 3000 })
  const contactsBy = groupBy(state.contacts, (contact) => contact.userid)
  const usersBy = new Map<number, typeof state.users>()
  for (const user of state.users) for (const link of user.clients) usersBy.set(link.clientid, [...(usersBy.get(link.clientid) ?? []), user])

  it('keeps the ICANN rule: every client has someone receiving domain e-mails; some owners rely on a contact', () => {
    for (const client of state.clients) {
      const contacts = contactsBy.get(client.id) ?? []
      expect(client.email_preferences.domain || contacts.some((c) => c.domainemails), `client ${client.id}`).toBe(true)
    }
    expect(state.clients.some((c) => !c.email_preferences.domain)).toBe(true)
    expect(state.clients.some((c) => !c.email_preferences.invoice)).toBe(true)
    expect(state.clients.some((c) => c.email_preferences.affiliate)).toBe(true)
  })

  it('gives each client exactly one owner user with the client’s e-mail and name', () => {
    for (const client of state.clients) {
      const owners = (usersBy.get(client.id) ?? []).filter((user) => user.clients.some((link) => link.clientid === client.id && link.owner))
      expect(owners).toHaveLength(1)
      expect(owners[0]).toMatchObject({ email: client.email, firstname: client.firstname, lastname: client.lastname })
    }
    const emails = state.users.map((user) => user.email.toLowerCase())
    expect(new Set(emails).size).toBe(emails.length)
  })

  it('gives some clients more logins with per-client permissions, some of them reaching several clients', () => {
    const withMore = state.clients.filter((client) => (usersBy.get(client.id)?.length ?? 0) > 1)
    expect(withMore.length / state.clients.length).toBeGreaterThan(0.15)
    expect(withMore.length / state.clients.length).toBeLessThan(0.45)
    const members = state.users.flatMap((user) => user.clients.filter((link) => !link.owner))
    expect(members.length).toBeGreaterThan(0)
    for (const link of members) {
      expect(link.permissions.length).toBeGreaterThan(0)
      for (const name of link.permissions) expect(PERMISSIONS).toContain(name)
    }
    expect(new Set(members.map((link) => link.permissions.join(','))).size).toBeGreaterThan(3)
    expect(state.users.filter((user) => user.clients.length >= 2).length).toBeGreaterThan(10)
    expect(state.users.some((user) => user.clients.length >= 3)).toBe(true)
    // Owners of one client who help at another.
    expect(state.users.some((user) => user.clients.some((l) => l.owner) && user.clients.some((l) => !l.owner))).toBe(true)
  })

  it('pairs some contacts with a login of the same address, and leaves others (7.x sub-accounts included) without one', () => {
    const userEmails = new Set(state.users.map((user) => user.email))
    const paired = state.contacts.filter((c) => userEmails.has(c.email))
    expect(paired.length).toBeGreaterThan(0)
    const subaccounts = state.contacts.filter((c) => c.subaccount)
    expect(subaccounts.length / state.contacts.length).toBeGreaterThan(0.08)
    expect(subaccounts.some((c) => userEmails.has(c.email))).toBe(true)
    expect(subaccounts.some((c) => !userEmails.has(c.email))).toBe(true)
    const logins = state.users.filter((user) => !state.clients.some((c) => c.email === user.email) && !state.contacts.some((c) => c.email === user.email))
    expect(logins.length).toBeGreaterThan(0) // logins that are no contact at all
  })

  it('stores 7.x sub-account passwords only as bcrypt-shaped hashes, with permissions', () => {
    for (const contact of state.contacts) {
      if (contact.password !== '') expect(contact.password).toMatch(PASSWORD_HASH)
      if (contact.subaccount) {
        expect(contact.password).toMatch(PASSWORD_HASH)
        expect(contact.permissions.length).toBeGreaterThan(0)
      } else {
        expect(contact.permissions).toEqual([])
      }
    }
    const hashes = state.contacts.map((c) => c.password).filter((hash) => hash !== '')
    expect(new Set(hashes).size).toBe(hashes.length)
  })

  it('gives each client its own domain and sometimes more, in the four statuses, with consistent dates', () => {
    const domainsBy = groupBy(state.domains, (domain) => domain.userid)
    for (const client of state.clients) expect((domainsBy.get(client.id) ?? []).map((d) => d.domainname)).toContain(client.domain)
    expect([...domainsBy.values()].some((domains) => domains.length >= 2)).toBe(true)
    const names = state.domains.map((d) => d.domainname)
    expect(new Set(names).size).toBe(names.length)
    const byStatus = groupBy(state.domains, (domain) => domain.status)
    expect([...byStatus.keys()].sort()).toEqual(['Active', 'Expired', 'Pending', 'Suspended'])
    expect(byStatus.get('Active')!.length / state.domains.length).toBeGreaterThan(0.6)
    const today = '2026-02-28'
    for (const domain of state.domains) {
      expect(domain.regdate <= domain.expirydate).toBe(true)
      expect(domain.nextduedate <= domain.expirydate).toBe(true)
      expect(domain.regdate <= today).toBe(true)
      if (domain.status === 'Active') expect(domain.expirydate > today).toBe(true)
      if (domain.status === 'Expired' || domain.status === 'Suspended') expect(domain.expirydate <= today).toBe(true)
    }
    // Some active domains expire within 30 days: the audit ranks those first.
    expect(state.domains.some((d) => d.status === 'Active' && d.expirydate <= '2026-03-30')).toBe(true)
  })

  it('gives most clients 0–2 hosting services, on their own domains or on a .com.br registered elsewhere', () => {
    const today = '2026-02-28'
    const clients = new Map(state.clients.map((client) => [client.id, client]))
    const registered = groupBy(state.domains, (domain) => domain.userid)
    const servicesBy = groupBy(state.products, (product) => product.clientid)
    expect(Math.max(...[...servicesBy.values()].map((services) => services.length))).toBe(2)
    const without = state.clients.filter((client) => !servicesBy.has(client.id)).length / state.clients.length
    expect(without).toBeGreaterThan(0.25)
    expect(without).toBeLessThan(0.45)
    const byStatus = groupBy(state.products, (product) => product.status)
    expect([...byStatus.keys()].sort()).toEqual(['Active', 'Suspended', 'Terminated'])
    expect(byStatus.get('Active')!.length / state.products.length).toBeGreaterThan(0.6)
    const allRegistered = new Set(state.domains.map((domain) => domain.domainname))
    let elsewhere = 0
    for (const product of state.products) {
      const client = clients.get(product.clientid)!
      const own = (registered.get(client.id) ?? []).map((domain) => domain.domainname)
      if (!own.includes(product.domain)) {
        // Registered elsewhere: a .com.br nobody registered here.
        elsewhere++
        expect(product.domain.endsWith('.com.br'), product.domain).toBe(true)
        expect(allRegistered.has(product.domain), product.domain).toBe(false)
      }
      if (client.status !== 'Active') expect(product.status).not.toBe('Active')
      expect(product.regdate >= client.datecreated && product.regdate <= today).toBe(true)
      expect(product.nextduedate >= product.regdate).toBe(true)
      if (product.status === 'Active') expect(product.nextduedate > today).toBe(true)
      else expect(product.nextduedate <= today).toBe(true)
    }
    expect(elsewhere / state.products.length).toBeGreaterThan(0.15)
    expect(elsewhere / state.products.length).toBeLessThan(0.4)
    expect(state.products.some((product) => product.domain === clients.get(product.clientid)!.domain)).toBe(true)
    expect(generateDemoState({ seed: 5, clients: 300 }).products).toEqual(generateDemoState({ seed: 5, clients: 300 }).products)
    expect(DemoState.safeParse(state).success).toBe(true)
  })
})

describe('overdue notices switched off', () => {
  it('for a few clients in a hundred, the same for a seed, drawn apart from everything else the seed gives', () => {
    const state = generateDemoState({ seed: 3, clients: 1000 })
    const off = state.clients.filter((client) => client.overideduenotices).map((client) => client.id)
    expect(off.length).toBeGreaterThan(15)
    expect(off.length).toBeLessThan(50)
    expect(
      generateDemoState({ seed: 3, clients: 1000 })
        .clients.filter((client) => client.overideduenotices)
        .map((client) => client.id),
    ).toEqual(off)
    // The switch is drawn last: a portal with fewer clients gives the same first clients, switch included.
    const fewer = generateDemoState({ seed: 3, clients: 200 })
    expect(fewer.clients.filter((client) => client.overideduenotices).map((client) => client.id)).toEqual(off.filter((id) => id <= 200))
  })
})

describe('an old (version 1) state file', () => {
  it('is upgraded when read: owners with every preference, one owner user and one domain per client, no sub-accounts', () => {
    const current = generateDemoState({ seed: 3, clients: 40 })
    const v1 = {
      version: 1,
      seed: 3,
      clients: current.clients.map(({ email_preferences: _prefs, overideduenotices: _off, ...client }) => client),
      contacts: current.contacts.map(({ subaccount: _s, password: _p, permissions: _perms, ...contact }) => contact),
    }
    expect(DemoStateV1.safeParse(v1).success).toBe(true)
    const parsed = parseAnyDemoState(v1)
    if (!parsed.success) throw parsed.error
    const upgraded = parsed.data
    expect(upgraded.version).toBe(2)
    expect(upgraded.clients.every((c) => Object.values(c.email_preferences).every(Boolean))).toBe(true)
    expect(upgraded.contacts.every((c) => !c.subaccount && c.password === '' && c.permissions.length === 0)).toBe(true)
    expect(upgraded.users.map((u) => [u.email, u.clients])).toEqual(upgraded.clients.map((c) => [c.email, [{ clientid: c.id, owner: true, permissions: [] }]]))
    expect(upgraded.domains.map((d) => d.domainname)).toEqual(upgraded.clients.map((c) => c.domain))
    expect(upgraded.invites).toEqual([])
    expect(upgraded.clients.some((c) => c.overideduenotices)).toBe(false)
    expect(upgraded.products).toEqual([])
  })
})

describe('more contacts per client (the benchmarks: 1.6)', () => {
  const state = generateDemoState({ seed: 7, clients: 3000, contactsPerClient: 1.6 })
  const cases = classify(state)

  it('reaches the average asked for, and the data still passes its schema', () => {
    expect(state.contacts.length / state.clients.length).toBeGreaterThan(1.55)
    expect(state.contacts.length / state.clients.length).toBeLessThan(1.65)
    expect(DemoState.safeParse(state).success).toBe(true)
  })

  it('keeps every client in exactly one reachability case, at the stated shares', () => {
    for (const c of cases) expect([c.nobodyInvoiced, c.ownDomainOnly, c.typoOnly, c.reachable].filter(Boolean)).toHaveLength(1)
    expect(Math.abs(share(cases, (c) => c.reachable) - AUDIT_CASE_SHARES.reachable)).toBeLessThan(3)
    expect(Math.abs(share(cases, (c) => c.nobodyInvoiced) - AUDIT_CASE_SHARES['nobody-invoiced'])).toBeLessThan(1.5)
  })

  it('refuses fewer contacts than its own mix, and leaves the data alone when not asked', () => {
    expect(() => generateDemoState({ seed: 7, clients: 10, contactsPerClient: 1 })).toThrow(/at least 1\.26/)
    expect(BASE_CONTACTS_PER_CLIENT).toBeCloseTo(1.259, 3)
    expect(generateDemoState({ seed: 7, clients: 50 })).toEqual(generateDemoState({ seed: 7, clients: 50, contactsPerClient: undefined }))
  })
})

describe("the generator's free-mail typos", () => {
  it('are each a typo the audit is sure of, and none a real provider', () => {
    expect(TYPO_MAIL_DOMAINS).toEqual(TYPO_MAIL)
    for (const domain of TYPO_MAIL_DOMAINS) {
      expect(realProviders).not.toContain(domain)
      expect(freeMailTypo(`ana@${domain}`)?.certain).toBe(true)
    }
  })
})
