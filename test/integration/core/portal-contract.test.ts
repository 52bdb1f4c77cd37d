// Contract tests of the portal client (src/main/core/portal) against the demo portal over real HTTP, in
// both generations: every action, every wire quirk of docs/WHMCS.md §9, and every refusal class. What the
// client reads is checked against the portal's own state (control.snapshot()), what it writes likewise.
import { afterEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { fetchTransport } from '../../../src/main/core/portal/transport'
import { createWhmcsClient, type WhmcsClient, type WhmcsClientConfig } from '../../../src/main/core/portal/whmcs-client'
import { ADD_CONTACT_WARNING, UPDATE_CONTACT_WARNING } from '../../../src/main/demo-portal/actions-contacts'
import { PASSWORD_HASH } from '../../../src/main/demo-portal/password-hash'
import {
  NO_TIMESTAMP,
  PERMISSIONS,
  type DemoClient,
  type DemoContact,
  type DemoDomain,
  type DemoProduct,
  type DemoState,
  type DemoUser,
} from '../../../src/main/demo-portal/schema'
import { startDemoPortal, type DemoPortal, type DemoPortalOptions } from '../../../src/main/demo-portal/server'
import { emailLogOf } from '../../../src/main/demo-portal/email-log'
import { DemoStore } from '../../../src/main/demo-portal/store'
import { ICANN_CLIENT_MESSAGE, ICANN_CONTACT_MESSAGE } from '../../../src/main/demo-portal/answer'
import type { ClientDetails, ClientDomain, ClientProduct, ContactFields, PortalUser, RemoteContact } from '../../../src/shared/domain'
import { DeskFailure } from '../../../src/shared/errors'
import { demoContactFields, demoContactPreferences } from '../../support/demo-records'

const running: DemoPortal[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((portal) => portal.close()))
})

type Generation = '7' | '8'

async function start(generation: Generation, options: DemoPortalOptions = {}): Promise<DemoPortal> {
  const portal = await startDemoPortal({ port: 0, generation, clients: 40, seed: 1, control: true, ...options })
  running.push(portal)
  return portal
}

function clientOf(portal: DemoPortal, overrides: Partial<WhmcsClientConfig> = {}): WhmcsClient {
  return createWhmcsClient({
    apiUrl: portal.apiUrl,
    identifier: portal.identifier,
    secret: portal.secret,
    transport: fetchTransport,
    timeoutMs: 10_000,
    ...overrides,
  })
}

/** The DeskFailure a call rejected with; anything else (success included) fails the test. */
async function failure(promise: Promise<unknown>): Promise<DeskFailure> {
  try {
    await promise
  } catch (error) {
    if (error instanceof DeskFailure) return error
    throw error
  }
  throw new Error('expected the call to fail')
}

/** The answer's body as the portal sent it (after the envelope check), to show the wire quirk the typed method absorbs. */
async function raw(client: WhmcsClient, action: string, params: Record<string, unknown>): Promise<Record<string, unknown>> {
  return (await client.call(action, params, z.looseObject({}))).data
}

// ---- what the portal holds, in our domain's terms

const stamp = (value: string): string | null => (value === NO_TIMESTAMP ? null : value)

function expectedContact(contact: DemoContact, generation: Generation): RemoteContact {
  return {
    ...demoContactFields(contact),
    remoteId: contact.id,
    clientId: contact.userid,
    subAccount: generation === '7' ? { enabled: contact.subaccount, permissions: contact.subaccount ? contact.permissions : [] } : null,
    createdAt: stamp(contact.created_at),
    updatedAt: stamp(contact.updated_at),
  }
}

function expectedDetails(state: DemoState, client: DemoClient, generation: Generation): ClientDetails {
  return {
    id: client.id,
    firstName: client.firstname,
    lastName: client.lastname,
    companyName: client.companyname,
    email: client.email,
    status: client.status,
    // GetClientsDetails carries no creation date (docs/WHMCS.md §6); GetClients does.
    createdOn: null,
    groupId: client.groupid,
    address1: client.address1,
    address2: client.address2,
    city: client.city,
    state: client.state,
    postcode: client.postcode,
    country: client.country,
    phoneNumber: client.phonenumber,
    taxId: client.tax_id,
    emailPreferences: client.email_preferences,
    overdueNoticesOff: client.overideduenotices,
    users:
      generation === '7'
        ? null
        : usersOf(state, client.id).map((user) => ({
            userId: user.id,
            name: `${user.firstname} ${user.lastname}`.trim(),
            email: user.email,
            isOwner: user.clients.some((link) => link.clientid === client.id && link.owner),
          })),
  }
}

const expectedDomain = (domain: DemoDomain): ClientDomain => ({
  id: domain.id,
  clientId: domain.userid,
  domain: domain.domainname.toLowerCase(),
  status: domain.status,
  expiryDate: domain.expirydate,
  nextDueDate: domain.nextduedate,
})

const expectedProduct = (product: DemoProduct): ClientProduct => ({
  id: product.id,
  clientId: product.clientid,
  domain: product.domain,
  status: product.status,
  name: product.name,
})

const expectedUser = (user: DemoUser): PortalUser => ({
  id: user.id,
  firstName: user.firstname,
  lastName: user.lastname,
  email: user.email,
  createdAt: user.datecreated,
  clients: user.clients.map((link) => ({ clientId: link.clientid, isOwner: link.owner })),
})

const contactsOf = (state: DemoState, clientId: number): DemoContact[] => state.contacts.filter((contact) => contact.userid === clientId)
const usersOf = (state: DemoState, clientId: number): DemoUser[] => state.users.filter((user) => user.clients.some((link) => link.clientid === clientId))
const contactById = (state: DemoState, id: number): DemoContact | undefined => state.contacts.find((contact) => contact.id === id)

function find<T>(items: readonly T[], test: (item: T) => boolean, what: string): T {
  const item = items.find(test)
  if (item === undefined) throw new Error(`the seeded data has no ${what}: change the seed or the size`)
  return item
}

/** A client with contacts, at least one of them with an e-mail address. */
const clientWithContacts = (state: DemoState): DemoClient =>
  find(state.clients, (client) => contactsOf(state, client.id).some((contact) => contact.email !== ''), 'client with contacts')

function newContact(overrides: Partial<ContactFields> = {}): ContactFields {
  return {
    firstName: 'Beatriz',
    lastName: 'Nogueira',
    companyName: 'Nogueira Contabilidade',
    email: 'beatriz@nogueiracontabil.com.br',
    address1: 'Rua das Palmeiras, 45',
    address2: 'Sala 3',
    city: 'Campinas',
    state: 'SP',
    postcode: '13015-100',
    country: 'BR',
    phoneNumber: '+55.19991234567',
    taxId: '123.456.789-09',
    emailPreferences: { general: true, product: false, domain: false, invoice: true, support: false, affiliate: false },
    ...overrides,
  }
}

describe.each(['7', '8'] as const)('the portal client against a WHMCS %s.x demo portal', (generation) => {
  const v7 = generation === '7'

  describe('WhmcsDetails', () => {
    it(`reports the version and detects generation ${generation}`, async () => {
      const portal = await start(generation)
      expect(await clientOf(portal).whmcsDetails()).toEqual({ version: v7 ? '7.10.3' : '8.10.1', generation })
    })
  })

  describe('GetClients', () => {
    it('pages through every client in id order, each decoded to exactly what the portal holds', async () => {
      const portal = await start(generation)
      const client = clientOf(portal)
      const { clients } = portal.control.snapshot()
      const listed = []
      for (let start = 0; start < clients.length; start += 15) {
        const page = await client.getClients({ limitstart: start, limitnum: 15 })
        expect(page).toMatchObject({ total: clients.length, start, warnings: [] })
        expect(page.clients.length).toBe(Math.min(15, clients.length - start))
        listed.push(...page.clients)
      }
      expect(listed).toEqual(
        clients.map((c) => ({
          id: c.id,
          firstName: c.firstname,
          lastName: c.lastname,
          companyName: c.companyname,
          email: c.email,
          status: c.status,
          createdOn: c.datecreated,
          groupId: c.groupid,
        })),
      )
      // Past the end: an empty page, not a contradiction.
      expect(await client.getClients({ limitstart: clients.length, limitnum: 15 })).toMatchObject({ total: clients.length, clients: [] })
    })

    it('searches by prefix (e-mail, name, company), case- and accent-insensitively', async () => {
      const portal = await start(generation)
      const client = clientOf(portal)
      const target = portal.control.snapshot().clients[6]!
      const byEmail = await client.getClients({ limitstart: 0, limitnum: 25, search: target.email.toUpperCase() })
      expect(byEmail.clients.map((c) => c.id)).toContain(target.id)
      const byCompany = await client.getClients({ limitstart: 0, limitnum: 25, search: target.companyname.slice(0, 6) })
      expect(byCompany.clients.map((c) => c.id)).toContain(target.id)
      expect(byCompany.total).toBe(byCompany.clients.length)
    })

    it('reads an empty result, which has no list key and a string "0" total, as no clients', async () => {
      const portal = await start(generation)
      const client = clientOf(portal)
      const search = 'zzz-nobody-is-called-this'
      expect(await raw(client, 'GetClients', { search, limitstart: 0, limitnum: 25 })).toEqual({
        result: 'success',
        totalresults: '0',
        startnumber: 0,
        numreturned: 0,
      })
      expect(await client.getClients({ limitstart: 0, limitnum: 25, search })).toEqual({ total: 0, start: 0, clients: [], warnings: [] })
    })
  })

  describe('GetClientsDetails', () => {
    it(`decodes every client's details${v7 ? ' from 7.x all-string answers, with users null' : ', with its users and the owner flagged'}`, async () => {
      const portal = await start(generation)
      const client = clientOf(portal)
      const state = portal.control.snapshot()
      for (const holder of state.clients) {
        expect(await client.getClientsDetails({ clientId: holder.id })).toEqual({ client: expectedDetails(state, holder, generation), warnings: [] })
      }
      const sample = await raw(client, 'GetClientsDetails', { clientid: 1 })
      if (v7) {
        expect(sample).toMatchObject({ id: '1', taxexempt: '', client: { groupid: '0' } })
        expect(sample.client).not.toHaveProperty('users')
      } else {
        expect(sample).toMatchObject({ id: 1, taxexempt: false, client: { users: { user: [expect.objectContaining({ is_owner: true })] } } })
      }
    })

    it('refuses an unknown client as a portal_error in the portal’s words', async () => {
      const portal = await start(generation)
      const refused = await failure(clientOf(portal).getClientsDetails({ clientId: 9999 }))
      expect(refused).toMatchObject({ code: 'portal_error', params: { portalMessage: 'Client Not Found' } })
      expect(refused.message).toContain('Client Not Found')
    })
  })

  describe('UpdateClient', () => {
    it('sets the owner’s six e-mail preferences, and nothing else', async () => {
      const portal = await start(generation)
      const client = clientOf(portal)
      const before = portal.control.snapshot()
      const target = before.clients[2]!
      const preferences = { ...target.email_preferences, invoice: !target.email_preferences.invoice, affiliate: !target.email_preferences.affiliate }
      expect(await client.updateClient({ clientId: target.id, emailPreferences: preferences })).toEqual({ warnings: [] })
      const after = portal.control.snapshot()
      expect(after.clients.find((c) => c.id === target.id)).toEqual({ ...target, email_preferences: preferences })
      expect(after.clients.filter((c) => c.id !== target.id)).toEqual(before.clients.filter((c) => c.id !== target.id))
      expect((await client.getClientsDetails({ clientId: target.id })).client.emailPreferences).toEqual(preferences)
    })

    it('is refused with the ICANN message (client wording) when nobody else would receive domain e-mails', async () => {
      const portal = await start(generation)
      const before = portal.control.snapshot()
      const target = find(
        before.clients,
        (c) => c.email_preferences.domain && !contactsOf(before, c.id).some((contact) => contact.domainemails),
        'owner who is the only domain recipient',
      )
      const refused = await failure(clientOf(portal).updateClient({ clientId: target.id, emailPreferences: { ...target.email_preferences, domain: false } }))
      expect(refused).toMatchObject({ code: 'portal_error', params: { portalMessage: ICANN_CLIENT_MESSAGE } })
      expect(refused.message).toContain('as required by ICANN')
      expect(portal.control.snapshot().clients).toEqual(before.clients)
    })
  })

  describe('GetContacts', () => {
    it('decodes every contact of the portal, in pages, to exactly what the portal holds', async () => {
      const portal = await start(generation)
      const client = clientOf(portal)
      const state = portal.control.snapshot()
      const listed: RemoteContact[] = []
      for (let start = 0; start < state.contacts.length; start += 20) {
        const page = await client.getContacts({ limitstart: start, limitnum: 20 })
        expect(page).toMatchObject({ total: state.contacts.length, start, warnings: [] })
        listed.push(...page.contacts)
      }
      expect(listed).toEqual(state.contacts.map((contact) => expectedContact(contact, generation)))
    })

    it('filters by client (`userid`)', async () => {
      const portal = await start(generation)
      const state = portal.control.snapshot()
      const target = find(state.clients, (c) => contactsOf(state, c.id).length >= 2, 'client with two contacts')
      const page = await clientOf(portal).getContacts({ clientId: target.id, limitstart: 0, limitnum: 25 })
      expect(page.total).toBe(contactsOf(state, target.id).length)
      expect(page.contacts).toEqual(contactsOf(state, target.id).map((contact) => expectedContact(contact, generation)))
    })

    it('reads a client without contacts (no `contacts` key at all) as an empty list', async () => {
      const portal = await start(generation)
      const client = clientOf(portal)
      const state = portal.control.snapshot()
      const lonely = find(state.clients, (c) => contactsOf(state, c.id).length === 0, 'client without contacts')
      const answer = await raw(client, 'GetContacts', { userid: lonely.id, limitstart: 0, limitnum: 25 })
      expect(answer).toEqual({ result: 'success', totalresults: '0', startnumber: 0, numreturned: 0 })
      expect(await client.getContacts({ clientId: lonely.id, limitstart: 0, limitnum: 25 })).toEqual({ total: 0, start: 0, contacts: [], warnings: [] })
    })

    it('reads the legacy 0000-00-00 00:00:00 timestamps as null', async () => {
      const portal = await start(generation)
      const state = portal.control.snapshot()
      const legacy = find(state.contacts, (contact) => contact.created_at === NO_TIMESTAMP, 'legacy contact')
      const page = await clientOf(portal).getContacts({ clientId: legacy.userid, limitstart: 0, limitnum: 25 })
      const contact = page.contacts.find((c) => c.remoteId === legacy.id)
      expect(contact).toMatchObject({ createdAt: null, updatedAt: null })
    })

    it(v7 ? 'reads the 7.x sub-account fields (the password hash never)' : 'has no sub-accounts on 8.x', async () => {
      const portal = await start(generation)
      const client = clientOf(portal)
      const state = portal.control.snapshot()
      const sub = find(state.contacts, (contact) => contact.subaccount && contact.permissions.length > 0, 'sub-account')
      const page = await client.getContacts({ clientId: sub.userid, limitstart: 0, limitnum: 25 })
      const contact = page.contacts.find((c) => c.remoteId === sub.id)
      if (v7) {
        expect(contact?.subAccount).toEqual({ enabled: true, permissions: sub.permissions })
        const wire = await raw(client, 'GetContacts', { userid: sub.userid, limitstart: 0, limitnum: 25 })
        const item = (wire.contacts as { contact: Record<string, unknown>[] }).contact.find((c) => c.id === String(sub.id))
        // The portal answers permissions in the canonical order, whatever order they were granted in.
        const canonical = PERMISSIONS.filter((name) => sub.permissions.includes(name)).join(',')
        expect(item).toMatchObject({ subaccount: '1', password: expect.stringMatching(PASSWORD_HASH), permissions: canonical })
        expect(JSON.stringify(contact)).not.toContain(sub.password)
      } else {
        expect(page.contacts.every((c) => c.subAccount === null)).toBe(true)
      }
    })
  })

  describe('AddContact', () => {
    it('creates a contact with every field and the six preferences as sent', async () => {
      const portal = await start(generation)
      const client = clientOf(portal)
      const target = portal.control.snapshot().clients[0]!
      const fields = newContact()
      const added = await client.addContact({ clientId: target.id, fields })
      expect(added.warnings).toEqual([])
      const page = await client.getContacts({ clientId: target.id, limitstart: 0, limitnum: 25 })
      expect(page.contacts.find((c) => c.remoteId === added.contactId)).toMatchObject({
        ...fields,
        clientId: target.id,
        subAccount: v7 ? { enabled: false, permissions: [] } : null,
        createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
      })
    })

    it('round-trips & < > " \' / ç ã é in names through AddContact and GetContacts', async () => {
      const portal = await start(generation)
      const client = clientOf(portal)
      const target = portal.control.snapshot().clients[1]!
      const firstName = `Zé & <Ana> "Çã" 'é' / ç ã é`
      const lastName = `O'Brien & Filhos <Ltda> "ã"/é`
      const companyName = 'Açaí & Cia / "Pão" <Ótimo>'
      const { contactId } = await client.addContact({ clientId: target.id, fields: newContact({ firstName, lastName, companyName, email: 'ze@acai.com.br' }) })
      const stored = contactById(portal.control.snapshot(), contactId)
      expect(stored).toMatchObject({ firstname: firstName, lastname: lastName, companyname: companyName })
      const page = await client.getContacts({ clientId: target.id, limitstart: 0, limitnum: 25 })
      expect(page.contacts.find((c) => c.remoteId === contactId)).toMatchObject({ firstName, lastName, companyName })
    })

    it('is refused with Duplicate Email Address for another contact’s address (any case)', async () => {
      const portal = await start(generation)
      const before = portal.control.snapshot()
      const target = clientWithContacts(before)
      const taken = find(contactsOf(before, target.id), (contact) => contact.email !== '', 'contact with e-mail')
      const refused = await failure(clientOf(portal).addContact({ clientId: target.id, fields: newContact({ email: taken.email.toUpperCase() }) }))
      expect(refused).toMatchObject({ code: 'portal_error', params: { portalMessage: 'Duplicate Email Address' } })
      expect(portal.control.snapshot().contacts).toEqual(before.contacts)
    })

    it('is refused for an unknown client', async () => {
      const portal = await start(generation)
      const refused = await failure(clientOf(portal).addContact({ clientId: 9999, fields: newContact() }))
      expect(refused).toMatchObject({ code: 'portal_error', params: { portalMessage: 'Client ID Not Found' } })
    })

    it(
      v7 ? 'creates a 7.x sub-account, keeping only a hash of its password' : 'passes on the 8.x warning for sub-account fields, and creates no login',
      async () => {
        const portal = await start(generation)
        const client = clientOf(portal)
        const target = portal.control.snapshot().clients[3]!
        const password = 'Senha-Forte#2026'
        const added = await client.addContact({
          clientId: target.id,
          fields: newContact({ email: 'login.novo@exemplo.com.br' }),
          subAccount: { password, permissions: ['invoices', 'profile'] },
        })
        const snapshot = portal.control.snapshot()
        const stored = contactById(snapshot, added.contactId)
        expect(JSON.stringify(snapshot)).not.toContain(password)
        if (v7) {
          expect(added.warnings).toEqual([])
          expect(stored).toMatchObject({ subaccount: true, permissions: ['profile', 'invoices'], password: expect.stringMatching(PASSWORD_HASH) })
        } else {
          expect(added.warnings).toEqual([ADD_CONTACT_WARNING])
          expect(stored).toMatchObject({ subaccount: false, password: '', permissions: [] })
        }
      },
    )
  })

  describe('UpdateContact', () => {
    it('changes only the fields sent (and updated_at), on that contact only', async () => {
      const portal = await start(generation)
      const client = clientOf(portal)
      const before = portal.control.snapshot()
      const contact = before.contacts[0]!
      await client.updateContact({ contactId: contact.id, changes: { city: 'Sobral', address2: '' } })
      const after = portal.control.snapshot()
      const updated = contactById(after, contact.id)!
      expect(updated).toEqual({ ...contact, city: 'Sobral', address2: '', updated_at: updated.updated_at })
      expect(updated.updated_at).not.toBe(contact.updated_at)
      expect(after.contacts.filter((c) => c.id !== contact.id)).toEqual(before.contacts.filter((c) => c.id !== contact.id))
      expect(after.clients).toEqual(before.clients)
    })

    it('sends the six preferences whole: only the one flipped changes', async () => {
      const portal = await start(generation)
      const before = portal.control.snapshot()
      const contact = find(before.contacts, (c) => !c.domainemails, 'contact without domain e-mails')
      const preferences = { ...demoContactPreferences(contact), invoice: !contact.invoiceemails }
      const { contactId, warnings } = await clientOf(portal).updateContact({ contactId: contact.id, changes: { emailPreferences: preferences } })
      expect({ contactId, warnings }).toEqual({ contactId: contact.id, warnings: [] })
      const updated = contactById(portal.control.snapshot(), contact.id)!
      expect(updated).toEqual({ ...contact, invoiceemails: !contact.invoiceemails, updated_at: updated.updated_at })
    })

    it('is refused with the ICANN message (contact wording) for the last domain recipient', async () => {
      const portal = await start(generation)
      const state = portal.control.snapshot()
      const sole = find(
        state.contacts,
        (c) =>
          c.domainemails &&
          !state.clients.find((client) => client.id === c.userid)?.email_preferences.domain &&
          contactsOf(state, c.userid).filter((o) => o.domainemails).length === 1,
        'contact who is the only domain recipient',
      )
      const client = clientOf(portal)
      const refused = await failure(
        client.updateContact({ contactId: sole.id, changes: { emailPreferences: { ...demoContactPreferences(sole), domain: false } } }),
      )
      expect(refused).toMatchObject({ code: 'portal_error', params: { portalMessage: ICANN_CONTACT_MESSAGE } })
      // Deleting that contact is refused the same way.
      expect(await failure(client.deleteContact({ contactId: sole.id }))).toMatchObject({
        code: 'portal_error',
        params: { portalMessage: ICANN_CONTACT_MESSAGE },
      })
      expect(portal.control.snapshot().contacts).toEqual(state.contacts)
    })

    it(v7 ? 'turns a contact into a 7.x sub-account and back' : 'passes on the 8.x UpdateUser warning for sub-account fields, changing no access', async () => {
      const portal = await start(generation)
      const client = clientOf(portal)
      const before = portal.control.snapshot()
      const contact = find(
        before.contacts,
        (c) => !c.subaccount && c.email.endsWith('.com.br') && !before.clients.some((o) => o.email === c.email),
        'plain contact',
      )
      const updated = await client.updateContact({ contactId: contact.id, changes: {}, subAccount: { enabled: true, permissions: ['contacts'] } })
      const stored = contactById(portal.control.snapshot(), contact.id)!
      if (v7) {
        expect(updated.warnings).toEqual([])
        expect(stored).toEqual({ ...contact, subaccount: true, permissions: ['contacts'], updated_at: stored.updated_at })
        await client.updateContact({ contactId: contact.id, changes: {}, subAccount: { enabled: false } })
        expect(contactById(portal.control.snapshot(), contact.id)).toMatchObject({ subaccount: false })
      } else {
        expect(updated.warnings).toEqual([UPDATE_CONTACT_WARNING])
        expect(stored).toEqual({ ...contact, updated_at: stored.updated_at })
      }
    })

    it('is refused with Duplicate Email Address, and for an unknown contact', async () => {
      const portal = await start(generation)
      const state = portal.control.snapshot()
      const target = find(
        state.clients,
        (c) => contactsOf(state, c.id).filter((contact) => contact.email !== '').length >= 2,
        'client with two e-mail contacts',
      )
      const [first, second] = contactsOf(state, target.id).filter((contact) => contact.email !== '')
      const client = clientOf(portal)
      expect(await failure(client.updateContact({ contactId: first!.id, changes: { email: second!.email } }))).toMatchObject({
        code: 'portal_error',
        params: { portalMessage: 'Duplicate Email Address' },
      })
      expect(await failure(client.updateContact({ contactId: 99999, changes: { city: 'Natal' } }))).toMatchObject({
        code: 'portal_error',
        params: { portalMessage: 'Contact ID Not Found' },
      })
      expect(portal.control.snapshot().contacts).toEqual(state.contacts)
    })
  })

  describe('DeleteContact', () => {
    it('deletes the contact; a second delete is Contact ID Not Found', async () => {
      const portal = await start(generation)
      const client = clientOf(portal)
      const before = portal.control.snapshot()
      const victim = find(before.contacts, (c) => !c.domainemails, 'contact without domain e-mails')
      expect(await client.deleteContact({ contactId: victim.id })).toEqual({ warnings: [] })
      expect(portal.control.snapshot().contacts).toEqual(before.contacts.filter((c) => c.id !== victim.id))
      expect(await failure(client.deleteContact({ contactId: victim.id }))).toMatchObject({
        code: 'portal_error',
        params: { portalMessage: 'Contact ID Not Found' },
      })
    })
  })

  describe('GetClientsDomains', () => {
    it('lists every client’s domains as the portal holds them, in pages', async () => {
      const portal = await start(generation)
      const client = clientOf(portal)
      const state = portal.control.snapshot()
      for (const holder of state.clients) {
        const domains = state.domains.filter((domain) => domain.userid === holder.id)
        const page = await client.getClientsDomains({ clientId: holder.id, limitstart: 0, limitnum: 25 })
        expect(page).toEqual({ total: domains.length, start: 0, domains: domains.map(expectedDomain), warnings: [] })
      }
      const several = find(state.clients, (c) => state.domains.filter((d) => d.userid === c.id).length >= 2, 'client with two domains')
      const second = await client.getClientsDomains({ clientId: several.id, limitstart: 1, limitnum: 1 })
      expect(second.domains).toEqual([expectedDomain(state.domains.filter((d) => d.userid === several.id)[1]!)])
    })

    it('reads an unknown client as an empty list', async () => {
      const portal = await start(generation)
      expect(await clientOf(portal).getClientsDomains({ clientId: 9999, limitstart: 0, limitnum: 25 })).toEqual({
        total: 0,
        start: 0,
        domains: [],
        warnings: [],
      })
    })
  })

  describe('GetClientsProducts', () => {
    it('lists each client’s hosting services as the portal holds them, and every client’s in pages', async () => {
      const portal = await start(generation)
      const client = clientOf(portal)
      const state = portal.control.snapshot()
      for (const holder of state.clients) {
        const products = state.products.filter((product) => product.clientid === holder.id)
        const page = await client.getClientsProducts({ clientId: holder.id, limitstart: 0, limitnum: 25 })
        expect(page).toEqual({ total: products.length, start: 0, products: products.map(expectedProduct), warnings: [] })
      }
      const second = await client.getClientsProducts({ limitstart: 5, limitnum: 5 })
      expect(second).toEqual({ total: state.products.length, start: 5, products: state.products.slice(5, 10).map(expectedProduct), warnings: [] })
    })

    it('reads an unknown client as an empty list', async () => {
      const portal = await start(generation)
      expect(await clientOf(portal).getClientsProducts({ clientId: 9999, limitstart: 0, limitnum: 25 })).toEqual({
        total: 0,
        start: 0,
        products: [],
        warnings: [],
      })
    })
  })

  describe('GetEmails', () => {
    it("decodes each client's log as the portal holds it, newest first, in pages, without the bodies", async () => {
      const portal = await start(generation)
      const client = clientOf(portal)
      const store = new DemoStore(portal.control.snapshot())
      for (const holder of store.state.clients.slice(0, 15)) {
        const log = emailLogOf(store, holder.id)
        const page = await client.getEmails({ clientId: holder.id, limitstart: 0, limitnum: 50 })
        expect(page.total).toBe(log.length)
        expect(page.emails).toEqual(
          log.slice(0, 50).map((email) => ({
            id: email.id,
            clientId: holder.id,
            subject: email.subject,
            date: email.date,
            to: email.to,
            cc: email.cc,
            delivery: { state: email.state, failureReason: email.failureReason === '' ? null : email.failureReason },
          })),
        )
      }
      const [holder] = store.state.clients
      const second = await client.getEmails({ clientId: holder!.id, limitstart: 2, limitnum: 2 })
      expect(second.emails.map((email) => email.id)).toEqual(
        emailLogOf(store, holder!.id)
          .slice(2, 4)
          .map((email) => email.id),
      )
    })

    it('reads a log without the delivery fields as not reported, and refuses an unknown client in the portal’s words', async () => {
      const portal = await start(generation, { emailDelivery: false })
      const client = clientOf(portal)
      const page = await client.getEmails({ clientId: 1, limitstart: 0, limitnum: 25 })
      expect(page.emails.length).toBeGreaterThan(0)
      expect(page.emails.every((email) => email.delivery === null)).toBe(true)
      expect(await client.getEmails({ clientId: 9999, limitstart: 0, limitnum: 25 }).catch((error: unknown) => error)).toMatchObject({
        code: 'portal_error',
        params: { portalMessage: 'Client ID Not Found' },
      })
    })
  })

  if (v7) {
    it('gets a clear portal_error ("Invalid API Action") for every 8.x user action on 7.x', async () => {
      const portal = await start(generation)
      const client = clientOf(portal)
      const calls: [string, Promise<unknown>][] = [
        ['getusers', client.getUsers({ limitstart: 0, limitnum: 25 })],
        ['createclientinvite', client.createClientInvite({ clientId: 1, email: 'x@exemplo.com.br', permissions: ['profile'] })],
        ['getuserpermissions', client.getUserPermissions({ userId: 1, clientId: 1 })],
        ['updateuserpermissions', client.updateUserPermissions({ userId: 1, clientId: 1, permissions: ['profile'] })],
        ['deleteuserclient', client.deleteUserClient({ userId: 1, clientId: 1 })],
      ]
      for (const [action, call] of calls) {
        const refused = await failure(call)
        expect(refused.code).toBe('portal_error')
        expect(refused.params?.portalMessage).toBe(`Invalid API Action: "${action}" is not a valid API action`)
        expect(refused.message).toContain('Invalid API Action')
      }
      expect(portal.control.snapshot().invites).toEqual([])
    })
  } else {
    describe('8.x users', () => {
      it('GetUsers: a plain `users` array, paged, searched, and empty as []', async () => {
        const portal = await start(generation)
        const client = clientOf(portal)
        const { users } = portal.control.snapshot()
        const wire = await raw(client, 'GetUsers', { limitstart: 0, limitnum: 5 })
        expect(Array.isArray(wire.users)).toBe(true)
        expect((wire.users as Record<string, unknown>[])[0]).toMatchObject({ clients: [expect.objectContaining({ isOwner: expect.any(Boolean) })] })

        const listed: PortalUser[] = []
        for (let start = 0; start < users.length; start += 20) {
          const page = await client.getUsers({ limitstart: start, limitnum: 20 })
          expect(page).toMatchObject({ total: users.length, start, warnings: [] })
          listed.push(...page.users)
        }
        expect(listed).toEqual(users.map(expectedUser))

        const shared = find(users, (user) => user.clients.length >= 2, 'user reaching two clients')
        const found = await client.getUsers({ limitstart: 0, limitnum: 25, search: shared.email })
        expect(found.users).toEqual([expectedUser(shared)])

        expect(await raw(client, 'GetUsers', { search: 'zzz-nobody', limitstart: 0, limitnum: 25 })).toMatchObject({ totalresults: 0, users: [] })
        expect(await client.getUsers({ limitstart: 0, limitnum: 25, search: 'zzz-nobody' })).toEqual({ total: 0, start: 0, users: [], warnings: [] })
      })

      it('CreateClientInvite links nobody; once accepted (control), the user is on the client with those permissions', async () => {
        const portal = await start(generation)
        const client = clientOf(portal)
        const target = portal.control.snapshot().clients[5]!
        const usersBefore = (await client.getClientsDetails({ clientId: target.id })).client.users
        expect(await client.createClientInvite({ clientId: target.id, email: 'convidada@exemplo.com.br', permissions: ['tickets', 'invoices'] })).toEqual({
          warnings: [],
        })
        const [invite, ...others] = portal.control.snapshot().invites
        expect(others).toEqual([])
        expect(invite).toMatchObject({ clientid: target.id, email: 'convidada@exemplo.com.br', permissions: ['invoices', 'tickets'] })
        expect((await client.getClientsDetails({ clientId: target.id })).client.users).toEqual(usersBefore)

        const accepted = await portal.control.acceptInvite({ inviteId: invite!.id })
        const usersAfter = (await client.getClientsDetails({ clientId: target.id })).client.users
        expect(usersAfter).toEqual([...usersBefore!, { userId: accepted.userId, name: 'Convidada', email: 'convidada@exemplo.com.br', isOwner: false }])
        expect(await client.getUserPermissions({ userId: accepted.userId, clientId: target.id })).toEqual({
          permissions: ['invoices', 'tickets'],
          warnings: [],
        })
      })

      it('CreateClientInvite refusals: an invalid e-mail, a user already on the client, an unknown client', async () => {
        const portal = await start(generation)
        const client = clientOf(portal)
        const state = portal.control.snapshot()
        const target = state.clients[0]!
        const owner = find(usersOf(state, target.id), (user) => user.clients.some((link) => link.clientid === target.id && link.owner), 'owner')
        const cases: [Promise<unknown>, string][] = [
          [client.createClientInvite({ clientId: target.id, email: 'não é e-mail', permissions: ['profile'] }), 'The email address entered is not valid'],
          [client.createClientInvite({ clientId: target.id, email: owner.email, permissions: ['profile'] }), 'User already associated with client'],
          [client.createClientInvite({ clientId: 9999, email: 'a@exemplo.com.br', permissions: ['profile'] }), 'Invalid client id'],
        ]
        for (const [call, portalMessage] of cases) expect(await failure(call)).toMatchObject({ code: 'portal_error', params: { portalMessage } })
        // Refused before sending: an unknown permission name.
        expect(await failure(client.createClientInvite({ clientId: target.id, email: 'a@exemplo.com.br', permissions: ['everything'] }))).toMatchObject({
          code: 'validation',
        })
        expect(portal.control.snapshot().invites).toEqual([])
      })

      it('GetUserPermissions: all 13 for the owner, the link’s for another user, a refusal for a stranger', async () => {
        const portal = await start(generation)
        const client = clientOf(portal)
        const state = portal.control.snapshot()
        const target = find(state.clients, (c) => usersOf(state, c.id).length >= 2, 'client with two users')
        const [owner, other] = [true, false].map((isOwner) =>
          find(usersOf(state, target.id), (user) => user.clients.some((link) => link.clientid === target.id && link.owner === isOwner), 'user'),
        )
        expect(await client.getUserPermissions({ userId: owner!.id, clientId: target.id })).toEqual({ permissions: [...PERMISSIONS], warnings: [] })
        const link = other!.clients.find((l) => l.clientid === target.id)!
        expect(await client.getUserPermissions({ userId: other!.id, clientId: target.id })).toEqual({ permissions: link.permissions, warnings: [] })
        expect(await raw(client, 'GetUserPermissions', { user_id: other!.id, client_id: target.id })).toEqual({
          result: 'success',
          permissions: PERMISSIONS.filter((name) => link.permissions.includes(name)).join(','),
        })
        const stranger = find(state.users, (user) => !user.clients.some((l) => l.clientid === target.id), 'user of another client')
        expect(await failure(client.getUserPermissions({ userId: stranger.id, clientId: target.id }))).toMatchObject({
          code: 'portal_error',
          params: { portalMessage: 'User is not associated with client' },
        })
        expect(await failure(client.getUserPermissions({ userId: 99999, clientId: target.id }))).toMatchObject({
          params: { portalMessage: 'Invalid user id' },
        })
      })

      it('UpdateUserPermissions replaces a user’s permissions; the owner is refused', async () => {
        const portal = await start(generation)
        const client = clientOf(portal)
        const state = portal.control.snapshot()
        const target = find(state.clients, (c) => usersOf(state, c.id).length >= 2, 'client with two users')
        const other = find(usersOf(state, target.id), (user) => user.clients.some((l) => l.clientid === target.id && !l.owner), 'non-owner')
        const owner = find(usersOf(state, target.id), (user) => user.clients.some((l) => l.clientid === target.id && l.owner), 'owner')
        expect(await client.updateUserPermissions({ userId: other.id, clientId: target.id, permissions: ['orders', 'domains'] })).toEqual({ warnings: [] })
        const link = portal.control
          .snapshot()
          .users.find((u) => u.id === other.id)!
          .clients.find((l) => l.clientid === target.id)
        expect(link).toEqual({ clientid: target.id, owner: false, permissions: ['domains', 'orders'] })

        const before = portal.control.snapshot().users
        const refused = await failure(client.updateUserPermissions({ userId: owner.id, clientId: target.id, permissions: ['profile'] }))
        expect(refused).toMatchObject({ code: 'portal_error', params: { portalMessage: 'Permissions cannot be set on a client owner' } })
        expect(portal.control.snapshot().users).toEqual(before)
      })

      it('DeleteUserClient removes a user’s access (the user stays); the owner is refused', async () => {
        const portal = await start(generation)
        const client = clientOf(portal)
        const state = portal.control.snapshot()
        const target = find(state.clients, (c) => usersOf(state, c.id).length >= 2, 'client with two users')
        const other = find(usersOf(state, target.id), (user) => user.clients.some((l) => l.clientid === target.id && !l.owner), 'non-owner')
        const owner = find(usersOf(state, target.id), (user) => user.clients.some((l) => l.clientid === target.id && l.owner), 'owner')
        expect(await client.deleteUserClient({ userId: other.id, clientId: target.id })).toEqual({ warnings: [] })
        const after = portal.control.snapshot()
        expect(after.users.find((u) => u.id === other.id)).toEqual({ ...other, clients: other.clients.filter((l) => l.clientid !== target.id) })
        expect((await client.getClientsDetails({ clientId: target.id })).client.users?.map((u) => u.userId)).not.toContain(other.id)

        const refused = await failure(client.deleteUserClient({ userId: owner.id, clientId: target.id }))
        expect(refused).toMatchObject({ code: 'portal_error', params: { portalMessage: 'You cannot remove the account owner' } })
        expect(await failure(client.deleteUserClient({ userId: other.id, clientId: target.id }))).toMatchObject({
          params: { portalMessage: 'User is not associated with client' },
        })
        expect(portal.control.snapshot().users).toEqual(after.users)
      })
    })
  }

  describe('refusals and failures over HTTP', () => {
    it('wrong secret → auth_failed, unknown identifier → unknown_credential; the secret is quoted nowhere', async () => {
      const portal = await start(generation, { identifier: 'desk-id', secret: 's3cr3t&=/ç' })
      const wrongSecret = await failure(clientOf(portal, { secret: 'not-the-secret' }).getClients({ limitstart: 0, limitnum: 5 }))
      expect(wrongSecret).toMatchObject({ code: 'auth_failed', params: { portalMessage: 'Authentication Failed' } })
      expect(JSON.stringify(wrongSecret.toError())).not.toContain('not-the-secret')
      const unknown = await failure(clientOf(portal, { identifier: 'someone-else' }).getClients({ limitstart: 0, limitnum: 5 }))
      expect(unknown).toMatchObject({ code: 'unknown_credential', params: { portalMessage: 'Invalid or missing credentials' } })
      // The right pair works, the secret's & = / ç encoded properly.
      expect((await clientOf(portal).getClients({ limitstart: 0, limitnum: 5 })).clients).toHaveLength(5)
    })

    it('an IP refusal (fault or allow-list) → ip_not_allowed, quoting the IP', async () => {
      const portal = await start(generation)
      await portal.faults.add({ kind: 'ip-refused', count: 1 })
      const refused = await failure(clientOf(portal).getClients({ limitstart: 0, limitnum: 5 }))
      expect(refused).toMatchObject({ code: 'ip_not_allowed', params: { ip: '127.0.0.1' } })
      expect(refused.message).toContain('127.0.0.1')

      const fenced = await start(generation, { allowedIps: ['203.0.113.7'] })
      expect(await failure(clientOf(fenced).whmcsDetails())).toMatchObject({
        code: 'ip_not_allowed',
        params: { ip: '127.0.0.1', portalMessage: 'Invalid IP 127.0.0.1' },
      })
    })

    it('an action the API role denies → permission_denied naming the action; other actions still work', async () => {
      const portal = await start(generation, { deniedActions: ['AddContact'] })
      const client = clientOf(portal)
      const refused = await failure(client.addContact({ clientId: 1, fields: newContact() }))
      expect(refused).toMatchObject({ code: 'permission_denied', params: { action: 'addcontact' } })
      expect(refused.message).toContain('"addcontact"')
      expect((await client.getClients({ limitstart: 0, limitnum: 5 })).total).toBe(40)
    })

    it('auth-failed fault → auth_failed even with the right credentials', async () => {
      const portal = await start(generation)
      await portal.faults.add({ kind: 'auth-failed', actions: ['GetContacts'], count: 1 })
      expect(await failure(clientOf(portal).getContacts({ limitstart: 0, limitnum: 5 }))).toMatchObject({ code: 'auth_failed' })
    })

    it('HTTP 500 → server_error; a 502 proxy page → server_error; a 200 HTML page → bad_response', async () => {
      const portal = await start(generation)
      const client = clientOf(portal)
      await portal.faults.set({ kind: 'http-500', count: 1 })
      expect(await failure(client.getClients({ limitstart: 0, limitnum: 5 }))).toMatchObject({ code: 'server_error', params: { status: '500' } })
      await portal.faults.set({ kind: 'html', status: 502, count: 1 })
      expect(await failure(client.getClients({ limitstart: 0, limitnum: 5 }))).toMatchObject({ code: 'server_error', params: { status: '502' } })
      await portal.faults.set({ kind: 'html', status: 200, count: 1 })
      const page = await failure(client.getClients({ limitstart: 0, limitnum: 5 }))
      expect(page).toMatchObject({ code: 'bad_response', params: { action: 'GetClients', status: '200' } })
      expect(page.message).toContain('Oops! Something went wrong.')
      expect((await client.getClients({ limitstart: 0, limitnum: 5 })).clients).toHaveLength(5)
    })

    it('a hang → timeout after the client’s own timeoutMs', async () => {
      const portal = await start(generation)
      await portal.faults.add({ kind: 'hang', count: 1 })
      const started = performance.now()
      const timedOut = await failure(clientOf(portal, { timeoutMs: 300 }).getClients({ limitstart: 0, limitnum: 5 }))
      expect(timedOut).toMatchObject({ code: 'timeout', params: { timeoutMs: '300' } })
      expect(performance.now() - started).toBeLessThan(5_000)
    })

    it('a dropped connection or a portal that is down → unreachable', async () => {
      const portal = await start(generation)
      const client = clientOf(portal)
      await portal.faults.add({ kind: 'drop-before-commit', actions: ['AddContact'], count: 1 })
      const before = portal.control.snapshot().contacts
      expect(await failure(client.addContact({ clientId: 1, fields: newContact() }))).toMatchObject({ code: 'unreachable' })
      expect(portal.control.snapshot().contacts).toEqual(before)

      const down = await portal.faults.add({ kind: 'down' })
      expect(await failure(client.whmcsDetails())).toMatchObject({ code: 'unreachable', params: { reason: 'ECONNREFUSED' } })
      await portal.faults.remove(down.id)
      expect((await client.whmcsDetails()).generation).toBe(generation)
    })
  })
})
