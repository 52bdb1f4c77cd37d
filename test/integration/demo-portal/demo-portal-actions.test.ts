// Every action of the demo portal over real HTTP, in both generations, with the quirks of
// docs/WHMCS.md §9: what a client's decoders are checked against.
import { afterEach, describe, expect, it } from 'vitest'
import { PASSWORD_HASH } from '../../../src/main/demo-portal/password-hash'
import { PERMISSIONS, type DemoClient, type DemoContact } from '../../../src/main/demo-portal/schema'
import { startDemoPortal, type DemoPortal, type DemoPortalOptions } from '../../../src/main/demo-portal/server'

const running: DemoPortal[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((portal) => portal.close()))
})

async function start(options: DemoPortalOptions = {}): Promise<DemoPortal> {
  const portal = await startDemoPortal({ port: 0, clients: 60, seed: 4, ...options })
  running.push(portal)
  return portal
}

type Body = Record<string, unknown>
interface Answer {
  status: number
  text: string
  body: Body
}

/** A form POST as a correct client sends it: bracket keys for arrays, credentials in the body. */
async function call(portal: DemoPortal, params: Record<string, string>): Promise<Answer> {
  const response = await fetch(portal.apiUrl, {
    method: 'POST',
    body: new URLSearchParams({ identifier: portal.identifier, secret: portal.secret, responsetype: 'json', ...params }),
  })
  const text = await response.text()
  return { status: response.status, text, body: JSON.parse(text) as Body }
}

const ICANN_CONTACT =
  'You must have at least one email address enabled to receive domain related notifications as required by ICANN. ' +
  'To disable domain notifications, please enable domain notifications for the primary account holder or another contact'
const ICANN_CLIENT =
  'You must have at least one email address enabled to receive domain related notifications as required by ICANN. ' +
  'To disable domain notifications, please create an alternative contact that is set to receive them'
const ALL_ON = { general: '1', product: '1', domain: '1', invoice: '1', support: '1', affiliate: '1' }

const prefs = (values: Partial<Record<keyof typeof ALL_ON, 0 | 1>>): Record<string, string> =>
  Object.fromEntries(Object.entries(values).map(([key, value]) => [`email_preferences[${key}]`, String(value)]))
const items = <T = Body>(answer: Answer, wrapper: string, item: string): T[] => ((answer.body[wrapper] as Record<string, T[]> | undefined)?.[item] ?? []) as T[]
const contactsOf = (portal: DemoPortal, clientId: number): DemoContact[] => portal.state.contacts.filter((c) => c.userid === clientId)
/** A client whose contacts match `test`, so each case starts from known data. */
function clientWhere(portal: DemoPortal, test: (client: DemoClient, contacts: DemoContact[]) => boolean): DemoClient {
  const client = portal.state.clients.find((candidate) => test(candidate, contactsOf(portal, candidate.id)))
  if (client === undefined) throw new Error('no client fits this test: change the seed or the size')
  return client
}
const DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/

describe.each(['7', '8'] as const)('WHMCS %s.x', (generation) => {
  const v7 = generation === '7'

  describe('GetClientsDetails', () => {
    it('finds a client by id or by e-mail (any case), its fields at the top level and again under `client`', async () => {
      const portal = await start({ generation })
      const client = portal.state.clients[4]!
      const byId = await call(portal, { action: 'GetClientsDetails', clientid: String(client.id) })
      const byEmail = await call(portal, { action: 'GetClientsDetails', email: client.email.toUpperCase() })
      expect(byEmail.body).toEqual(byId.body)
      const nested = byId.body.client as Body
      expect(byId.body).toMatchObject({ result: 'success', email: client.email, firstname: client.firstname, tax_id: client.tax_id })
      expect(nested).toMatchObject({ email: client.email, companyname: client.companyname, phonenumber: client.phonenumber, countrycode: 'BR' })
      const { users: _users, ...withoutUsers } = nested
      expect(Object.fromEntries(Object.entries(byId.body).filter(([key]) => !['result', 'client'].includes(key)))).toEqual(withoutUsers)
    })

    it(`sends email_preferences as "1"/"0" strings${v7 ? ', and every other scalar as a string, false as ""' : ' beside real booleans and numbers'}`, async () => {
      const portal = await start({ generation })
      const client = clientWhere(portal, (c, contacts) => contacts.some((contact) => contact.domainemails) && c.email_preferences.general)
      await portal.control.edit('UpdateClient', { clientid: client.id, email_preferences: { invoice: 0, domain: 0 } })
      const answer = await call(portal, { action: 'GetClientsDetails', clientid: String(client.id) })
      const nested = answer.body.client as Body
      expect(nested.email_preferences).toMatchObject({ invoice: '0', domain: '0', general: '1' })
      expect(answer.body.email_preferences).toEqual(nested.email_preferences)
      if (v7) {
        expect(nested).toMatchObject({ id: String(client.id), userid: String(client.id), taxexempt: '', allowSingleSignOn: '1', currency: '1' })
        expect(nested).not.toHaveProperty('users')
        expect(nested).not.toHaveProperty('owner_user_id')
      } else {
        expect(nested).toMatchObject({ id: client.id, client_id: client.id, taxexempt: false, allowSingleSignOn: 1, phonecc: 55 })
        expect(typeof nested.owner_user_id).toBe('number')
      }
      // lastlogin is an HTML display string, with "/" escaped as PHP does.
      if (String(nested.lastlogin).startsWith('Date:')) expect(answer.text).toMatch(/"lastlogin":"Date: \d\d\\\/\d\d\\\/\d{4}/)
    })

    it('refuses without clientid or email, and says Client Not Found for an unknown one', async () => {
      const portal = await start({ generation })
      expect((await call(portal, { action: 'GetClientsDetails' })).body).toEqual({ result: 'error', message: 'Either clientid Or email Is Required' })
      const unknown = await call(portal, { action: 'GetClientsDetails', clientid: '99999' })
      expect(unknown.status).toBe(200)
      expect(unknown.body).toEqual({ result: 'error', message: 'Client Not Found' })
      expect((await call(portal, { action: 'GetClientsDetails', email: 'ninguem@exemplo.com.br' })).body.message).toBe('Client Not Found')
    })

    it('adds a few stats when asked', async () => {
      const portal = await start({ generation })
      const stats = (await call(portal, { action: 'GetClientsDetails', clientid: '1', stats: 'true' })).body.stats as Body
      expect(stats).toMatchObject({ dueinvoicesbalance: 'R$0.00 BRL', incredit: v7 ? '' : false })
    })
  })

  describe('UpdateClient', () => {
    it('changes only the preferences sent, by clientid or clientemail, and answers the id as a string', async () => {
      const portal = await start({ generation })
      const client = clientWhere(portal, (c) => Object.values(c.email_preferences).every(Boolean))
      const answer = await call(portal, { action: 'UpdateClient', clientid: String(client.id), ...prefs({ invoice: 0 }) })
      expect(answer.text).toBe(`{"result":"success","clientid":"${client.id}"}`)
      expect(client.email_preferences).toEqual({ ...client.email_preferences, invoice: false, general: true, domain: true })

      const byEmail = await call(portal, {
        action: 'UpdateClient',
        clientemail: client.email.toUpperCase(),
        ...prefs({ invoice: 1, affiliate: 0 }),
        city: 'Maringá',
      })
      expect(byEmail.body).toEqual({ result: 'success', clientid: String(client.id) })
      const details = (await call(portal, { action: 'GetClientsDetails', clientid: String(client.id) })).body.client as Body
      expect(details.email_preferences).toEqual({ ...ALL_ON, affiliate: '0' })
      expect(details.city).toBe('Maringá')
    })

    it('reads flags as PHP does: "0" and "" are off, anything else ("false" included) is on', async () => {
      const portal = await start({ generation })
      const client = clientWhere(portal, (c) => c.email_preferences.support)
      await call(portal, { action: 'UpdateClient', clientid: String(client.id), 'email_preferences[support]': '', 'email_preferences[product]': 'false' })
      expect(client.email_preferences).toMatchObject({ support: false, product: true })
    })

    it('refuses to turn off the owner’s domain e-mails when no contact receives them (the CLIENT wording)', async () => {
      const portal = await start({ generation })
      const alone = clientWhere(portal, (c, contacts) => c.email_preferences.domain && !contacts.some((contact) => contact.domainemails))
      const refused = await call(portal, { action: 'UpdateClient', clientid: String(alone.id), ...prefs({ domain: 0, invoice: 0 }) })
      expect(refused.body).toEqual({ result: 'error', message: ICANN_CLIENT })
      expect(alone.email_preferences.invoice).toBe(true) // nothing changed

      const covered = clientWhere(portal, (c, contacts) => c.email_preferences.domain && contacts.some((contact) => contact.domainemails))
      expect((await call(portal, { action: 'UpdateClient', clientid: String(covered.id), ...prefs({ domain: 0 }) })).body.result).toBe('success')
      expect(covered.email_preferences.domain).toBe(false)
    })

    it('refuses an unknown client, an invalid e-mail and another client’s e-mail', async () => {
      const portal = await start({ generation })
      const [first, second] = portal.state.clients
      expect((await call(portal, { action: 'UpdateClient', clientid: '99999', firstname: 'X' })).body).toEqual({
        result: 'error',
        message: 'Client ID Not Found',
      })
      expect((await call(portal, { action: 'UpdateClient', firstname: 'X' })).body.message).toBe('Client ID Not Found')
      expect((await call(portal, { action: 'UpdateClient', clientid: String(first!.id), email: 'not-an-email' })).body.message).toBe(
        'The email address entered is not valid',
      )
      expect((await call(portal, { action: 'UpdateClient', clientid: String(first!.id), email: second!.email.toUpperCase() })).body.message).toBe(
        'Duplicate Email Address',
      )
      const moved = await call(portal, { action: 'UpdateClient', clientid: String(first!.id), email: 'novo@exemplo.com.br' })
      expect(moved.body.result).toBe('success')
      expect((await call(portal, { action: 'GetClientsDetails', email: 'NOVO@exemplo.com.br' })).body.id).toBe(v7 ? String(first!.id) : first!.id)
    })
  })

  describe('GetContacts', () => {
    it('lists one client’s contacts in the generation’s shape, old flag names out', async () => {
      const portal = await start({ generation })
      const client = clientWhere(portal, (_c, contacts) => contacts.length >= 2 && contacts.some((contact) => contact.subaccount))
      const answer = await call(portal, { action: 'GetContacts', userid: String(client.id) })
      const expected = contactsOf(portal, client.id)
      const listed = items(answer, 'contacts', 'contact')
      expect(listed.map((c) => c.email)).toEqual(expected.map((c) => c.email))
      const subaccount = expected.find((c) => c.subaccount)!
      const shown = listed.find((c) => c.email === subaccount.email)!
      if (v7) {
        expect(answer.body).toMatchObject({ totalresults: String(expected.length), startnumber: '0', numreturned: String(expected.length) })
        expect(shown).toMatchObject({
          id: String(subaccount.id),
          userid: String(client.id),
          subaccount: '1',
          permissions: subaccount.permissions.join(','),
          invoiceemails: subaccount.invoiceemails ? '1' : '0',
          pwresetkey: '',
          pwresetexpiry: '0000-00-00 00:00:00',
        })
        expect(shown.password).toMatch(PASSWORD_HASH)
        expect(Object.values(shown).every((value) => typeof value === 'string')).toBe(true)
      } else {
        expect(answer.body).toMatchObject({ totalresults: expected.length, startnumber: 0, numreturned: expected.length })
        expect(shown).toMatchObject({ id: subaccount.id, userid: client.id, invoiceemails: subaccount.invoiceemails, domainemails: subaccount.domainemails })
        for (const legacy of ['subaccount', 'password', 'permissions', 'pwresetkey']) expect(shown).not.toHaveProperty(legacy)
      }
      expect(shown).not.toHaveProperty('email_preferences')
      expect(Object.keys(shown)).toEqual(
        expect.arrayContaining([
          'generalemails',
          'productemails',
          'domainemails',
          'invoiceemails',
          'supportemails',
          'affiliateemails',
          'companyname',
          'tax_id',
          'created_at',
          'updated_at',
        ]),
      )
    })

    it('pages (limitstart echoed as startnumber, 25 by default, no cap) and filters exactly, ignoring case and accents', async () => {
      const portal = await start({ generation })
      const total = portal.state.contacts.length
      const first = await call(portal, { action: 'GetContacts' })
      expect(Number(first.body.numreturned)).toBe(25)
      expect(Number(first.body.totalresults)).toBe(total)
      const second = await call(portal, { action: 'GetContacts', limitstart: '25', limitnum: '10' })
      expect(second.body.startnumber).toBe(v7 ? '25' : 25)
      expect(items(second, 'contacts', 'contact').map((c) => Number(c.id))).toEqual(portal.state.contacts.slice(25, 35).map((c) => c.id))
      const all = await call(portal, { action: 'GetContacts', limitnum: String(total + 10) })
      expect(items(all, 'contacts', 'contact')).toHaveLength(total)

      const someone = portal.state.contacts.find((c) => /[\u0080-\uffff]/.test(c.lastname))!
      const byEmail = await call(portal, { action: 'GetContacts', email: someone.email.toUpperCase() })
      expect(items(byEmail, 'contacts', 'contact').map((c) => c.email)).toEqual([someone.email])
      const unaccented = someone.lastname
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
      const byName = items(await call(portal, { action: 'GetContacts', lastname: unaccented, limitnum: '500' }), 'contacts', 'contact')
      expect(byName.map((c) => c.email)).toContain(someone.email)
      expect(items(await call(portal, { action: 'GetContacts', email: someone.email.slice(0, 5) }), 'contacts', 'contact')).toEqual([])
    })

    it('leaves out the contacts key and sends totalresults "0" when nothing matches', async () => {
      const portal = await start({ generation })
      const lonely = clientWhere(portal, (_c, contacts) => contacts.length === 0)
      const empty = await call(portal, { action: 'GetContacts', userid: String(lonely.id) })
      expect(empty.text).toBe('{"result":"success","totalresults":"0","startnumber":0,"numreturned":0}')
      const past = await call(portal, { action: 'GetContacts', limitstart: '100000' })
      expect(past.body).toEqual({
        result: 'success',
        totalresults: v7 ? String(portal.state.contacts.length) : portal.state.contacts.length,
        startnumber: 100000,
        numreturned: 0,
      })
    })

    if (v7) {
      it('filters 7.x sub-accounts', async () => {
        const portal = await start({ generation })
        const subaccounts = items(await call(portal, { action: 'GetContacts', subaccount: '1', limitnum: '1000' }), 'contacts', 'contact')
        expect(subaccounts.length).toBe(portal.state.contacts.filter((c) => c.subaccount).length)
        expect(subaccounts.every((c) => c.subaccount === '1')).toBe(true)
      })
    }
  })

  describe('AddContact', () => {
    it('creates a contact with email_preferences[…], answering its id as a string, with fresh timestamps', async () => {
      const portal = await start({ generation })
      const client = portal.state.clients[2]!
      const before = new Date()
      const answer = await call(portal, {
        action: 'AddContact',
        clientid: String(client.id),
        firstname: 'Júlia',
        lastname: 'Conceição',
        email: 'julia.financeiro@gmail.com',
        phonenumber: '+55.11987654321',
        ...prefs({ general: 1, product: 0, domain: 0, invoice: 1, support: 0, affiliate: 0 }),
      })
      expect(answer.text).toMatch(/^\{"result":"success","contactid":"\d+"\}$/)
      const id = Number(answer.body.contactid)
      const listed = items(await call(portal, { action: 'GetContacts', userid: String(client.id) }), 'contacts', 'contact').find((c) => Number(c.id) === id)!
      expect(listed).toMatchObject({ firstname: 'Júlia', email: 'julia.financeiro@gmail.com', phonenumber: '+55.11987654321' })
      expect(listed.invoiceemails).toBe(v7 ? '1' : true)
      expect(listed.domainemails).toBe(v7 ? '0' : false)
      expect(listed.created_at).toMatch(DATETIME)
      expect(listed.updated_at).toBe(listed.created_at)
      // Server-local time, to the second.
      const local = new Date(String(listed.created_at).replace(' ', 'T'))
      expect(local.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000)
      expect(local.getTime()).toBeLessThanOrEqual(Date.now() + 1000)
    })

    it('also takes the older flag names, and gives a contact no e-mail at all when none are sent', async () => {
      const portal = await start({ generation })
      const old = await call(portal, { action: 'AddContact', clientid: '3', email: 'antigo@gmail.com', invoiceemails: '1', generalemails: 'on' })
      const bare = await call(portal, { action: 'AddContact', clientid: '3', email: 'vazio@gmail.com' })
      const added = portal.state.contacts.filter((c) => [old.body.contactid, bare.body.contactid].includes(String(c.id)))
      expect(added.map((c) => [c.invoiceemails, c.generalemails, c.domainemails])).toEqual([
        [true, true, false],
        [false, false, false],
      ])
    })

    it('refuses an unknown or missing client, and an address already used by a contact of the same client', async () => {
      const portal = await start({ generation })
      expect((await call(portal, { action: 'AddContact', clientid: '99999', email: 'x@gmail.com' })).body).toEqual({
        result: 'error',
        message: 'Client ID Not Found',
      })
      expect((await call(portal, { action: 'AddContact', email: 'x@gmail.com' })).body.message).toBe('Client ID Not Found')
      const client = clientWhere(portal, (_c, contacts) => contacts.length > 0)
      const taken = contactsOf(portal, client.id)[0]!.email
      const duplicate = await call(portal, { action: 'AddContact', clientid: String(client.id), email: taken.toUpperCase() })
      expect(duplicate.body).toEqual({ result: 'error', message: 'Duplicate Email Address' })
      // The scope is one client: another client may list the same person.
      const other = portal.state.clients.find((c) => c.id !== client.id)!
      expect((await call(portal, { action: 'AddContact', clientid: String(other.id), email: taken })).body.result).toBe('success')
    })

    if (v7) {
      it('makes a 7.x sub-account from password2 and permissions, keeping only a hash, dropping unknown names', async () => {
        const portal = await start({ generation })
        const answer = await call(portal, {
          action: 'AddContact',
          clientid: '5',
          email: 'sub@gmail.com',
          password2: 'S3nh@-secreta',
          permissions: 'invoices, tickets,nope,invoices',
        })
        expect(answer.body).toEqual({ result: 'success', contactid: expect.stringMatching(/^\d+$/) })
        const contact = portal.state.contacts.find((c) => String(c.id) === answer.body.contactid)!
        expect(contact).toMatchObject({ subaccount: true, permissions: ['invoices', 'tickets'] })
        expect(contact.password).toMatch(PASSWORD_HASH)
        expect(JSON.stringify(portal.control.snapshot())).not.toContain('S3nh@-secreta')
        // A sub-account logs in with its address, so it must be unique among logins.
        const owner = portal.state.clients[10]!.email
        expect((await call(portal, { action: 'AddContact', clientid: '5', email: owner, password2: 'x' })).body.message).toBe('Duplicate Email Address')
      })
    } else {
      it('accepts the 8.x-removed sub-account fields with a warning, creating the contact without any access', async () => {
        const portal = await start({ generation })
        const usersBefore = structuredClone(portal.state.users)
        const answer = await call(portal, {
          action: 'AddContact',
          clientid: '5',
          email: 'sub@gmail.com',
          password2: 'S3nh@',
          permissions: 'invoices',
          subaccount: '1',
        })
        expect(answer.text).toMatch(
          /^\{"result":"success","contactid":"\d+","warning":"Sub Accounts are no longer supported. Please use AddUser and CreateClientInvite"\}$/,
        )
        const contact = portal.state.contacts.find((c) => String(c.id) === answer.body.contactid)!
        expect(contact).toMatchObject({ email: 'sub@gmail.com', subaccount: false, password: '', permissions: [] })
        expect(portal.state.users).toEqual(usersBefore)
        expect(JSON.stringify(portal.control.snapshot())).not.toContain('S3nh@')
        // Empty sub-account fields are no use of them.
        const quiet = await call(portal, { action: 'AddContact', clientid: '5', email: 'quiet@gmail.com', password2: '', subaccount: '0' })
        expect(quiet.body).not.toHaveProperty('warning')
      })
    }
  })

  describe('UpdateContact', () => {
    it('changes only the fields sent and moves updated_at', async () => {
      const portal = await start({ generation })
      const contact = portal.state.contacts.find((c) => c.created_at.startsWith('20') && c.invoiceemails)!
      const before = structuredClone(contact)
      const answer = await call(portal, { action: 'UpdateContact', contactid: String(contact.id), city: 'Londrina', ...prefs({ support: 1 }) })
      expect(answer.text).toBe(`{"result":"success","contactid":"${contact.id}"}`)
      expect(contact).toEqual({ ...before, city: 'Londrina', supportemails: true, updated_at: expect.stringMatching(DATETIME) })
      expect(contact.updated_at > before.updated_at).toBe(true)
      expect(contact.created_at).toBe(before.created_at)
    })

    it('refuses an unknown contact and another contact’s address on the same client', async () => {
      const portal = await start({ generation })
      expect((await call(portal, { action: 'UpdateContact', contactid: '999999', city: 'X' })).body).toEqual({
        result: 'error',
        message: 'Contact ID Not Found',
      })
      const client = clientWhere(portal, (_c, contacts) => contacts.length >= 2)
      const [first, second] = contactsOf(portal, client.id)
      const duplicate = await call(portal, { action: 'UpdateContact', contactid: String(first!.id), email: second!.email.toUpperCase() })
      expect(duplicate.body).toEqual({ result: 'error', message: 'Duplicate Email Address' })
      // Its own address again is no duplicate.
      expect((await call(portal, { action: 'UpdateContact', contactid: String(first!.id), email: first!.email })).body.result).toBe('success')
    })

    it('refuses to turn off the last domain recipient (the CONTACT wording)', async () => {
      const portal = await start({ generation })
      const client = clientWhere(portal, (c, contacts) => !c.email_preferences.domain && contacts.filter((contact) => contact.domainemails).length === 1)
      const only = contactsOf(portal, client.id).find((c) => c.domainemails)!
      const refused = await call(portal, { action: 'UpdateContact', contactid: String(only.id), ...prefs({ domain: 0 }), city: 'Nowhere' })
      expect(refused.body).toEqual({ result: 'error', message: ICANN_CONTACT })
      expect(only.city).not.toBe('Nowhere')
      // Once the owner receives them again, the contact may stop.
      await call(portal, { action: 'UpdateClient', clientid: String(client.id), ...prefs({ domain: 1 }) })
      expect((await call(portal, { action: 'UpdateContact', contactid: String(only.id), ...prefs({ domain: 0 }) })).body.result).toBe('success')
    })

    if (v7) {
      it('turns a 7.x contact into a sub-account and back, hashing the new password', async () => {
        const portal = await start({ generation })
        const contact = portal.state.contacts.find((c) => !c.subaccount && c.email.endsWith('gmail.com'))!
        await call(portal, {
          action: 'UpdateContact',
          contactid: String(contact.id),
          subaccount: '1',
          password2: 'Nova-S3nha',
          permissions: 'profile,contacts',
        })
        expect(contact).toMatchObject({ subaccount: true, permissions: ['profile', 'contacts'] })
        expect(contact.password).toMatch(PASSWORD_HASH)
        await call(portal, { action: 'UpdateContact', contactid: String(contact.id), subaccount: '0' })
        expect(contact.subaccount).toBe(false)
      })
    } else {
      it('ignores 8.x-removed fields with the UpdateUser warning, still applying the rest', async () => {
        const portal = await start({ generation })
        const contact = portal.state.contacts.find((c) => !c.subaccount && c.generalemails)!
        const answer = await call(portal, {
          action: 'UpdateContact',
          contactid: String(contact.id),
          subaccount: '1',
          permissions: 'invoices',
          city: 'Recife',
          generalemails: '0',
        })
        expect(answer.body).toEqual({
          result: 'success',
          contactid: String(contact.id),
          warning: 'Sub Accounts are no longer supported. Please use UpdateUser',
        })
        expect(contact).toMatchObject({ city: 'Recife', subaccount: false, permissions: [] })
        // The old flag names are gone from UpdateContact on 8.x: generalemails=0 changed nothing.
        expect(contact.generalemails).toBe(true)
      })
    }
  })

  describe('DeleteContact', () => {
    it('deletes for good, answering the id as a string', async () => {
      const portal = await start({ generation })
      const contact = portal.state.contacts.find((c) => !c.domainemails)!
      expect((await call(portal, { action: 'DeleteContact', contactid: String(contact.id) })).text).toBe(`{"result":"success","contactid":"${contact.id}"}`)
      expect(portal.state.contacts.some((c) => c.id === contact.id)).toBe(false)
      expect((await call(portal, { action: 'DeleteContact', contactid: String(contact.id) })).body).toEqual({
        result: 'error',
        message: 'Contact ID Not Found',
      })
      // Ids are never reused.
      const added = await call(portal, { action: 'AddContact', clientid: '1', email: 'depois@gmail.com' })
      expect(Number(added.body.contactid)).toBeGreaterThan(Math.max(contact.id, ...portal.state.contacts.slice(0, -1).map((c) => c.id)))
    })

    it('refuses to delete the only recipient of domain e-mails (our choice: the CONTACT wording)', async () => {
      const portal = await start({ generation })
      const client = clientWhere(portal, (c, contacts) => !c.email_preferences.domain && contacts.filter((contact) => contact.domainemails).length === 1)
      const only = contactsOf(portal, client.id).find((c) => c.domainemails)!
      expect((await call(portal, { action: 'DeleteContact', contactid: String(only.id) })).body).toEqual({ result: 'error', message: ICANN_CONTACT })
      expect(portal.state.contacts).toContain(only)
    })
  })

  describe('GetClientsDomains', () => {
    it('lists a client’s domains with status, expiry and next-due dates, echoing the filters as sent', async () => {
      const portal = await start({ generation })
      const client = clientWhere(portal, (c) => portal.state.domains.filter((d) => d.userid === c.id).length >= 2)
      const expected = portal.state.domains.filter((d) => d.userid === client.id)
      const answer = await call(portal, { action: 'GetClientsDomains', clientid: String(client.id) })
      expect(answer.body).toMatchObject({
        result: 'success',
        clientid: String(client.id),
        domainid: '',
        totalresults: v7 ? String(expected.length) : expected.length,
      })
      const listed = items(answer, 'domains', 'domain')
      expect(listed.map((d) => d.domainname)).toEqual(expected.map((d) => d.domainname))
      expect(listed[0]).toMatchObject({
        id: v7 ? String(expected[0]!.id) : expected[0]!.id,
        userid: v7 ? String(client.id) : client.id,
        domainname: client.domain,
        status: expected[0]!.status,
        expirydate: expected[0]!.expirydate,
        nextduedate: expected[0]!.nextduedate,
        recurringamount: expected[0]!.recurringamount,
      })
      const one = await call(portal, { action: 'GetClientsDomains', domain: client.domain.toUpperCase() })
      expect(items(one, 'domains', 'domain').map((d) => d.domainname)).toEqual([client.domain])
      const page = await call(portal, { action: 'GetClientsDomains', limitstart: '1', limitnum: '1', clientid: String(client.id) })
      expect(items(page, 'domains', 'domain').map((d) => d.domainname)).toEqual([expected[1]!.domainname])
    })

    it('answers an empty list (no domains key, totalresults "0") for a client without domains or an unknown one', async () => {
      const portal = await start({ generation })
      expect((await call(portal, { action: 'GetClientsDomains', clientid: '99999' })).text).toBe(
        '{"result":"success","clientid":"99999","domainid":"","totalresults":"0","startnumber":0,"numreturned":0}',
      )
    })
  })

  describe('GetClientsProducts', () => {
    it('lists a client’s hosting services, or every client’s in pages, echoing the filters as sent (null when absent)', async () => {
      const portal = await start({ generation })
      const { products, domains } = portal.state
      const client = clientWhere(portal, (c) => products.filter((p) => p.clientid === c.id).length >= 2)
      const expected = products.filter((p) => p.clientid === client.id)
      const answer = await call(portal, { action: 'GetClientsProducts', clientid: String(client.id) })
      expect(answer.body).toMatchObject({
        result: 'success',
        clientid: String(client.id),
        serviceid: null,
        pid: null,
        domain: null,
        totalresults: v7 ? String(expected.length) : expected.length,
        numreturned: v7 ? String(expected.length) : expected.length,
      })
      const listed = items(answer, 'products', 'product')
      expect(listed.map((p) => p.domain)).toEqual(expected.map((p) => p.domain))
      expect(listed[0]).toMatchObject({
        id: v7 ? String(expected[0]!.id) : expected[0]!.id,
        clientid: v7 ? String(client.id) : client.id,
        pid: v7 ? String(expected[0]!.pid) : expected[0]!.pid,
        name: expected[0]!.name,
        groupname: expected[0]!.groupname,
        status: expected[0]!.status,
        nextduedate: expected[0]!.nextduedate,
        password: '',
        customfields: { customfield: [] },
        configoptions: { configoption: [] },
      })
      // 7.x: every scalar a string.
      if (v7) for (const product of listed) for (const value of Object.values(product)) expect(['string', 'object']).toContain(typeof value)

      // Without clientid: every client's, paged like GetClients.
      const all = await call(portal, { action: 'GetClientsProducts', limitstart: '2', limitnum: '3' })
      expect(all.body).toMatchObject({ clientid: null, totalresults: v7 ? String(products.length) : products.length, startnumber: v7 ? '2' : 2 })
      expect(items(all, 'products', 'product').map((p) => Number(p.id))).toEqual(products.slice(2, 5).map((p) => p.id))

      // A service's domain is often one GetClientsDomains does not list: a .com.br registered elsewhere.
      const registered = new Set(domains.map((d) => d.domainname))
      const elsewhere = products.find((p) => !registered.has(p.domain))!
      expect(elsewhere.domain.endsWith('.com.br')).toBe(true)
      const byDomain = await call(portal, { action: 'GetClientsProducts', domain: elsewhere.domain.toUpperCase() })
      expect(items(byDomain, 'products', 'product').map((p) => Number(p.id))).toContain(elsewhere.id)
      expect(byDomain.body.domain).toBe(elsewhere.domain.toUpperCase())
      const one = await call(portal, { action: 'GetClientsProducts', serviceid: String(expected[1]!.id) })
      expect(items(one, 'products', 'product').map((p) => Number(p.id))).toEqual([expected[1]!.id])
    })

    it('answers an empty list (no products key, totalresults "0") for a client without services or an unknown one', async () => {
      const portal = await start({ generation })
      const bare = clientWhere(portal, (c) => !portal.state.products.some((p) => p.clientid === c.id))
      expect((await call(portal, { action: 'GetClientsProducts', clientid: String(bare.id) })).text).toBe(
        `{"result":"success","clientid":"${bare.id}","serviceid":null,"pid":null,"domain":null,"totalresults":"0","startnumber":0,"numreturned":0}`,
      )
      expect((await call(portal, { action: 'GetClientsProducts', clientid: '99999' })).body).not.toHaveProperty('products')
    })
  })

  if (v7) {
    it('does not know the 8.x user actions at all', async () => {
      const portal = await start({ generation })
      for (const action of ['GetUsers', 'CreateClientInvite', 'GetUserPermissions', 'UpdateUserPermissions', 'DeleteUserClient']) {
        const answer = await call(portal, { action, client_id: '1', user_id: '1' })
        expect(answer.status).toBe(400)
        expect(answer.body).toEqual({ result: 'error', message: `Invalid API Action: "${action.toLowerCase()}" is not a valid API action` })
      }
    })
  }
})

describe('WHMCS 8.x users', () => {
  const start8 = (options: DemoPortalOptions = {}): Promise<DemoPortal> => start({ generation: '8', ...options })

  it('GetClientsDetails lists the client’s users with is_owner, the owner being the client’s e-mail', async () => {
    const portal = await start8()
    const client = clientWhere(portal, (c) => portal.state.users.filter((u) => u.clients.some((l) => l.clientid === c.id)).length >= 2)
    const details = (await call(portal, { action: 'GetClientsDetails', clientid: String(client.id) })).body.client as Body
    const users = (details.users as { user: Body[] }).user
    expect(users.length).toBeGreaterThanOrEqual(2)
    expect(users.filter((u) => u.is_owner === true)).toEqual([
      { id: details.owner_user_id, name: `${client.firstname} ${client.lastname}`, email: client.email, is_owner: true },
    ])
    expect(users.every((u) => typeof u.id === 'number' && typeof u.is_owner === 'boolean')).toBe(true)
  })

  it('GetUsers answers a plain users array with clients:[{id,isOwner}], searches by prefix, pages', async () => {
    const portal = await start8()
    const answer = await call(portal, { action: 'GetUsers', limitnum: '5' })
    expect(answer.body).toMatchObject({ result: 'success', totalresults: portal.state.users.length, startnumber: 0, numreturned: 5 })
    const users = answer.body.users as Body[]
    expect(Array.isArray(users)).toBe(true)
    expect(users[0]).toEqual({
      id: 1,
      firstname: portal.state.users[0]!.firstname,
      lastname: portal.state.users[0]!.lastname,
      email: portal.state.users[0]!.email,
      datecreated: expect.stringMatching(DATETIME),
      validationdata: '',
      clients: portal.state.users[0]!.clients.map((link) => ({ id: link.clientid, isOwner: link.owner })),
    })
    const shared = portal.state.users.find((u) => u.clients.length >= 2)!
    const found = (await call(portal, { action: 'GetUsers', search: shared.email.slice(0, 8).toUpperCase(), limitnum: '100' })).body.users as Body[]
    expect(found.map((u) => u.id)).toContain(shared.id)
    expect(((await call(portal, { action: 'GetUsers', search: shared.email.slice(1) })).body.users as Body[]).map((u) => u.id)).not.toContain(shared.id)
    const full = (await call(portal, { action: 'GetUsers', search: `${shared.firstname} ${shared.lastname}`, limitnum: '100' })).body.users as Body[]
    expect(full.map((u) => u.id)).toContain(shared.id)
    expect((await call(portal, { action: 'GetUsers', search: 'zzz-ninguem' })).text).toBe(
      '{"result":"success","totalresults":0,"startnumber":0,"numreturned":0,"users":[]}',
    )
    const last = (await call(portal, { action: 'GetUsers', sorting: 'DESC', limitnum: '1' })).body.users as Body[]
    expect(last[0]!.id).toBe(portal.state.users.length)
  })

  it('CreateClientInvite validates, records a pending invite and links nobody until it is accepted', async () => {
    const portal = await start8()
    const client = portal.state.clients[6]!
    const owner = portal.state.users.find((u) => u.clients.some((l) => l.clientid === client.id && l.owner))!
    const invite = (params: Record<string, string>): Promise<Answer> => call(portal, { action: 'CreateClientInvite', ...params })
    expect((await invite({ client_id: String(client.id), permissions: 'invoices' })).body).toEqual({ result: 'error', message: 'Email is required' })
    expect((await invite({ client_id: '99999', email: 'a@b.com', permissions: 'invoices' })).body.message).toBe('Invalid client id')
    expect((await invite({ client_id: String(client.id), email: 'not-an-email', permissions: 'invoices' })).body.message).toBe(
      'The email address entered is not valid',
    )
    expect((await invite({ client_id: String(client.id), email: 'a@b.com' })).body.message).toBe('User permissions are required')
    expect((await invite({ client_id: String(client.id), email: 'a@b.com', permissions: 'everything,nothing' })).body.message).toBe(
      'User permissions are required',
    )
    expect((await invite({ client_id: String(client.id), email: owner.email.toUpperCase(), permissions: 'invoices' })).body.message).toBe(
      'User already associated with client',
    )

    const usersBefore = structuredClone(portal.state.users)
    const sent = await invite({ client_id: String(client.id), email: 'contadora@gmail.com', permissions: 'invoices,emails,bogus' })
    expect(sent.text).toBe('{"result":"success"}')
    expect(portal.state.users).toEqual(usersBefore)
    const pending = portal.control.snapshot().invites
    expect(pending).toEqual([{ id: 1, clientid: client.id, email: 'contadora@gmail.com', permissions: ['invoices', 'emails'], created_at: expect.any(String) }])
    expect(Date.now() - Date.parse(pending[0]!.created_at)).toBeLessThan(60_000)

    const accepted = await portal.control.acceptInvite({ inviteId: 1, firstname: 'Rosa', lastname: 'Lima' })
    expect(accepted).toMatchObject({ clientId: client.id, createdUser: true, email: 'contadora@gmail.com', permissions: ['invoices', 'emails'] })
    expect(portal.control.snapshot().invites).toEqual([])
    const perms = await call(portal, { action: 'GetUserPermissions', user_id: String(accepted.userId), client_id: String(client.id) })
    expect(perms.text).toBe('{"result":"success","permissions":"invoices,emails"}')
    const details = (await call(portal, { action: 'GetClientsDetails', clientid: String(client.id) })).body.client as { users: { user: Body[] } }
    expect(details.users.user).toContainEqual({ id: accepted.userId, name: 'Rosa Lima', email: 'contadora@gmail.com', is_owner: false })
  })

  it('GetUserPermissions: all 13 for the owner, the link’s own list otherwise, and the association errors', async () => {
    const portal = await start8()
    const member = portal.state.users.find((u) => u.clients.some((l) => !l.owner))!
    const link = member.clients.find((l) => !l.owner)!
    const owner = portal.state.users.find((u) => u.clients.some((l) => l.clientid === link.clientid && l.owner))!
    const get = (user: number, client: number): Promise<Answer> =>
      call(portal, { action: 'GetUserPermissions', user_id: String(user), client_id: String(client) })
    expect((await get(owner.id, link.clientid)).body).toEqual({ result: 'success', permissions: PERMISSIONS.join(',') })
    expect((await get(member.id, link.clientid)).body).toEqual({ result: 'success', permissions: link.permissions.join(',') })
    expect((await get(99999, link.clientid)).body).toEqual({ result: 'error', message: 'Invalid user id' })
    expect((await get(member.id, 99999)).body).toEqual({ result: 'error', message: 'Invalid client id' })
    const stranger = portal.state.clients.find((c) => !member.clients.some((l) => l.clientid === c.id))!
    expect((await get(member.id, stranger.id)).body).toEqual({ result: 'error', message: 'User is not associated with client' })
  })

  it('UpdateUserPermissions replaces a member’s permissions; never the owner’s; refuses a missing list', async () => {
    const portal = await start8()
    const member = portal.state.users.find((u) => u.clients.some((l) => !l.owner))!
    const link = member.clients.find((l) => !l.owner)!
    const owner = portal.state.users.find((u) => u.clients.some((l) => l.clientid === link.clientid && l.owner))!
    const update = (user: number, permissions?: string): Promise<Answer> =>
      call(portal, {
        action: 'UpdateUserPermissions',
        user_id: String(user),
        client_id: String(link.clientid),
        ...(permissions === undefined ? {} : { permissions }),
      })
    expect((await update(owner.id, 'invoices')).body).toEqual({ result: 'error', message: 'Permissions cannot be set on a client owner' })
    expect((await update(member.id)).body).toEqual({ result: 'error', message: 'Missing permissions definition' })
    expect((await update(member.id, 'unknown-name')).body.message).toBe('Missing permissions definition')
    const stranger = portal.state.clients.find((c) => !member.clients.some((l) => l.clientid === c.id))!
    expect(
      (await call(portal, { action: 'UpdateUserPermissions', user_id: String(member.id), client_id: String(stranger.id), permissions: 'invoices' })).body
        .message,
    ).toBe('User is not associated with client')
    expect((await update(member.id, 'tickets,profile,madeup')).text).toBe('{"result":"success"}')
    expect(link.permissions).toEqual(['profile', 'tickets'])
  })

  it('DeleteUserClient removes a member’s access, never the owner’s', async () => {
    const portal = await start8()
    const member = portal.state.users.find((u) => u.clients.some((l) => !l.owner))!
    const link = member.clients.find((l) => !l.owner)!
    const owner = portal.state.users.find((u) => u.clients.some((l) => l.clientid === link.clientid && l.owner))!
    const remove = (user: number): Promise<Answer> => call(portal, { action: 'DeleteUserClient', user_id: String(user), client_id: String(link.clientid) })
    expect((await remove(owner.id)).body).toEqual({ result: 'error', message: 'You cannot remove the account owner' })
    expect((await remove(member.id)).text).toBe('{"result":"success"}')
    expect((await remove(member.id)).body).toEqual({ result: 'error', message: 'User is not associated with client' })
    expect(portal.state.users.find((u) => u.id === member.id)).toBeDefined() // there is no DeleteUser
    const details = (await call(portal, { action: 'GetClientsDetails', clientid: String(link.clientid) })).body.client as { users: { user: Body[] } }
    expect(details.users.user.map((u) => u.id)).not.toContain(member.id)
  })
})
