import { describe, expect, it } from 'vitest'
import { RemoteContact, type ContactFields } from '../../../../src/shared/domain'
import { DeskFailure } from '../../../../src/shared/errors'
import { answer, fixture, fromFixture, jsonAnswer, portalAnswering, rejectionOf, type RecordedRequest } from './fake-transport'

const ALL_OFF = { general: false, product: false, domain: false, invoice: false, support: false, affiliate: false }

const FIELDS: ContactFields = {
  firstName: 'Ana Paula',
  lastName: "D'Ávila",
  companyName: 'Ribeiro & Filhos / Contabilidade',
  email: 'ana.contabil@gmail.com',
  address1: 'Av. Paulista, 1000',
  address2: '',
  city: 'São Paulo',
  state: 'SP',
  postcode: '01310-100',
  country: 'BR',
  phoneNumber: '+55 11 3333-4444',
  taxId: '987.654.321-00',
  emailPreferences: { ...ALL_OFF, invoice: true, domain: true },
}

/** The body's parameters after the credentials, decoded, in order. */
function sent(request: RecordedRequest | undefined): [string, string][] {
  return [...(request?.form ?? new URLSearchParams()).entries()].filter(([key]) => !['identifier', 'secret', 'responsetype'].includes(key))
}

describe('getContacts', () => {
  it('sends userid (the CLIENT id) and the paging; leaves userid out to list every contact', async () => {
    const { portal, requests } = portalAnswering(fromFixture('getcontacts-empty-7x.json'))
    await portal.getContacts({ clientId: 42, limitstart: 0, limitnum: 500 })
    await portal.getContacts({ limitstart: 1000, limitnum: 500 })
    expect(sent(requests[0])).toEqual([
      ['action', 'GetContacts'],
      ['userid', '42'],
      ['limitstart', '0'],
      ['limitnum', '500'],
    ])
    expect(sent(requests[1])).toEqual([
      ['action', 'GetContacts'],
      ['limitstart', '1000'],
      ['limitnum', '500'],
    ])
  })

  it('reads an 8.x answer: boolean flags, no subaccount key (null), missing companyname/tax_id, the 0000-00-00 sentinel', async () => {
    const { portal } = portalAnswering(fromFixture('getcontacts-8x.json'))
    const page = await portal.getContacts({ clientId: 42, limitstart: 0, limitnum: 25 })
    expect(page.total).toBe(2)
    expect(page.start).toBe(0)
    expect(page.warnings).toEqual([])
    expect(page.contacts).toEqual([
      {
        remoteId: 101,
        clientId: 42,
        firstName: 'Ana Paula',
        lastName: 'Ribeiro',
        companyName: 'Ribeiro Contabilidade',
        email: 'ana.contabil@gmail.com',
        address1: 'Av. Paulista, 1000',
        address2: 'Conj. 12/B',
        city: 'São Paulo',
        state: 'SP',
        postcode: '01310-100',
        country: 'BR',
        phoneNumber: '+55 11 3333-4444',
        taxId: '987.654.321-00',
        emailPreferences: { general: false, product: false, domain: true, invoice: true, support: true, affiliate: false },
        subAccount: null,
        createdAt: '2023-04-18 09:12:45',
        updatedAt: '2024-11-02 17:03:09',
      },
      {
        remoteId: 102,
        clientId: 42,
        firstName: 'João',
        lastName: "D'Ávila",
        companyName: '',
        email: 'joao@padariapaoecafe.com.br',
        address1: '',
        address2: '',
        city: '',
        state: '',
        postcode: '',
        country: '',
        phoneNumber: '',
        taxId: '',
        emailPreferences: ALL_OFF,
        subAccount: null,
        createdAt: null,
        updatedAt: null,
      },
    ])
    for (const contact of page.contacts) expect(RemoteContact.parse(contact)).toEqual(contact)
  })

  it('reads a 7.x answer: "1"/"0"/"" flags, the sub-account with its permissions, never the password hash', async () => {
    const { portal } = portalAnswering(fromFixture('getcontacts-7x.json'))
    const page = await portal.getContacts({ clientId: 42, limitstart: 0, limitnum: 25 })
    const [marcos, beatriz] = page.contacts
    expect(marcos).toMatchObject({
      remoteId: 55,
      country: 'BR',
      phoneNumber: '011987650000',
      emailPreferences: { general: true, product: false, domain: true, invoice: true, support: false, affiliate: false },
      subAccount: { enabled: true, permissions: ['profile', 'contacts', 'invoices', 'tickets'] },
      createdAt: '2019-02-11 08:00:00',
    })
    expect(beatriz).toMatchObject({ remoteId: 56, emailPreferences: ALL_OFF, subAccount: { enabled: false, permissions: [] }, createdAt: null })
    expect(JSON.stringify(page)).not.toContain('$2y$')
    expect(JSON.stringify(page)).not.toMatch(/password|pwreset/i)
    for (const contact of page.contacts) expect(Object.keys(contact).sort()).toEqual(Object.keys(RemoteContact.shape).sort())
  })

  it('drops an unknown permission name with a warning instead of failing', async () => {
    const { portal } = portalAnswering(fromFixture('getcontacts-7x.json'))
    const page = await portal.getContacts({ clientId: 42, limitstart: 0, limitnum: 25 })
    expect(page.warnings).toEqual(['Ignored the permission "billingpreview" on contact 55: Contact Desk does not know it.'])
  })

  it('reads the 7.x empty answer: no contacts key and "totalresults":"0"', async () => {
    const { portal } = portalAnswering(fromFixture('getcontacts-empty-7x.json'))
    expect(await portal.getContacts({ clientId: 42, limitstart: 0, limitnum: 25 })).toEqual({ total: 0, start: 0, contacts: [], warnings: [] })
  })

  it('reads a single contact sent as an object instead of a one-item array', async () => {
    const { portal } = portalAnswering(fromFixture('getcontacts-single-7x.json'))
    const page = await portal.getContacts({ clientId: 42, limitstart: 0, limitnum: 25 })
    expect(page.contacts.map((contact) => contact.remoteId)).toEqual([56])
  })

  it('accepts "status" instead of "result" and passes a warning on', async () => {
    const body = JSON.parse(fixture('getcontacts-8x.json')) as Record<string, unknown>
    delete body.result
    const { portal } = portalAnswering(() => jsonAnswer({ ...body, status: 'success', warning: 'Deprecated parameter' }))
    const page = await portal.getContacts({ clientId: 42, limitstart: 0, limitnum: 25 })
    expect(page.contacts).toHaveLength(2)
    expect(page.warnings).toEqual(['Deprecated parameter'])
  })

  it('refuses an empty page that contradicts the total', async () => {
    const { portal } = portalAnswering(() => jsonAnswer({ result: 'success', totalresults: '40', startnumber: 0, numreturned: 0 }))
    expect(await rejectionOf(portal.getContacts({ limitstart: 0, limitnum: 25 }))).toMatchObject({
      code: 'bad_response',
      message: expect.stringContaining('lists no contacts from 0 although it reports 40'),
    })
  })

  it("refuses another client's contact in a filtered page (a portal that ignored userid)", async () => {
    const { portal } = portalAnswering(fromFixture('getcontacts-8x.json'))
    expect(await rejectionOf(portal.getContacts({ clientId: 7, limitstart: 0, limitnum: 25 }))).toMatchObject({ code: 'bad_response' })
  })

  it('takes a contact as the portal holds it, even where another install would have refused it (country "Brasil", long text)', async () => {
    const body = JSON.parse(fixture('getcontacts-8x.json')) as { contacts: { contact: Record<string, unknown>[] } }
    body.contacts.contact[0] = { ...body.contacts.contact[0], country: 'Brasil', address1: 'R'.repeat(600) }
    const { portal } = portalAnswering(() => jsonAnswer(body))
    const page = await portal.getContacts({ limitstart: 0, limitnum: 25 })
    expect(page.contacts[0]).toMatchObject({ country: 'Brasil', address1: 'R'.repeat(600) })
  })

  it.each([
    ['a flag that means nothing', { domainemails: 'maybe' }, 'contacts.contact.0.domainemails'],
    ['a missing flag', { affiliateemails: undefined }, 'contacts.contact.0.affiliateemails'],
    ['a broken timestamp', { updated_at: '02/11/2024' }, 'contacts.contact.0.updated_at'],
    ['a missing client id', { userid: undefined }, 'contacts.contact.0.userid'],
  ])('refuses %s, naming the field', async (_what, change, path) => {
    const body = JSON.parse(fixture('getcontacts-8x.json')) as { contacts: { contact: Record<string, unknown>[] } }
    body.contacts.contact[0] = { ...body.contacts.contact[0], ...change }
    const { portal } = portalAnswering(() => jsonAnswer(body))
    expect(await rejectionOf(portal.getContacts({ limitstart: 0, limitnum: 25 }))).toMatchObject({ code: 'bad_response', params: { path } })
  })
})

describe('addContact', () => {
  it('sends every field under its wire name and all six preferences as 1/0; returns the id (a string on the wire)', async () => {
    const { portal, requests } = portalAnswering(fromFixture('addcontact-success.json'))
    expect(await portal.addContact({ clientId: 42, fields: FIELDS })).toEqual({ contactId: 103, warnings: [] })
    expect(sent(requests[0])).toEqual([
      ['action', 'AddContact'],
      ['clientid', '42'],
      ['firstname', 'Ana Paula'],
      ['lastname', "D'Ávila"],
      ['companyname', 'Ribeiro & Filhos / Contabilidade'],
      ['email', 'ana.contabil@gmail.com'],
      ['address1', 'Av. Paulista, 1000'],
      ['address2', ''],
      ['city', 'São Paulo'],
      ['state', 'SP'],
      ['postcode', '01310-100'],
      ['country', 'BR'],
      ['phonenumber', '+55 11 3333-4444'],
      ['tax_id', '987.654.321-00'],
      ['email_preferences[general]', '0'],
      ['email_preferences[product]', '0'],
      ['email_preferences[domain]', '1'],
      ['email_preferences[invoice]', '1'],
      ['email_preferences[support]', '0'],
      ['email_preferences[affiliate]', '0'],
    ])
  })

  it("7.x sub-account: password2 and the permissions as a comma list in the portal's order", async () => {
    const { portal, requests } = portalAnswering(fromFixture('addcontact-success.json'))
    await portal.addContact({ clientId: 42, fields: FIELDS, subAccount: { password: 'S3nh@ Forte&=1', permissions: ['invoices', 'profile', 'invoices'] } })
    expect(requests[0]?.form.get('password2')).toBe('S3nh@ Forte&=1')
    expect(requests[0]?.form.get('permissions')).toBe('profile,invoices')
    expect(requests[0]?.url).not.toContain('S3nh')
  })

  it('8.x answers sub-account fields with a warning, which is passed on', async () => {
    const { portal } = portalAnswering(fromFixture('addcontact-subaccount-warning-8x.json'))
    const added = await portal.addContact({ clientId: 42, fields: FIELDS, subAccount: { password: 'x'.repeat(12), permissions: ['profile'] } })
    expect(added).toEqual({ contactId: 104, warnings: ['Sub Accounts are no longer supported. Please use AddUser and CreateClientInvite'] })
  })

  it('refuses an unknown permission before sending, naming it', async () => {
    const { portal, requests } = portalAnswering(fromFixture('addcontact-success.json'))
    const failure = await rejectionOf(
      portal.addContact({ clientId: 42, fields: FIELDS, subAccount: { password: 'pw-123456', permissions: ['profile', 'billing'] } }),
    )
    expect(failure).toBeInstanceOf(DeskFailure)
    expect(failure).toMatchObject({ code: 'validation', params: { permission: 'billing' }, issues: [{ path: 'subAccount.permissions.1' }] })
    expect(requests).toHaveLength(0)
  })

  it('refuses invalid fields before sending, never quoting the password', async () => {
    const { portal, requests } = portalAnswering(fromFixture('addcontact-success.json'))
    const failure = await rejectionOf(
      portal.addContact({ clientId: 42, fields: { ...FIELDS, country: 76 as unknown as string }, subAccount: { password: 'hunter2-secret', permissions: [] } }),
    )
    expect(failure).toMatchObject({ code: 'validation', issues: [{ path: 'fields.country' }] })
    expect(JSON.stringify((failure as DeskFailure).toError())).not.toContain('hunter2')
    const empty = await rejectionOf(portal.addContact({ clientId: 42, fields: FIELDS, subAccount: { password: '', permissions: [] } }))
    expect(empty).toMatchObject({ code: 'validation', issues: [{ path: 'subAccount.password' }] })
    expect(requests).toHaveLength(0)
  })

  it('never lets a failure quote the sub-account password, even when the page echoes the request', async () => {
    const password = 'Pa$$ word/ção&1'
    const { portal } = portalAnswering((request) => answer(200, `<html><body>Bad: ${password} in ${request.body}</body></html>`))
    const failure = await rejectionOf(portal.addContact({ clientId: 42, fields: FIELDS, subAccount: { password, permissions: ['profile'] } }))
    expect(failure).toMatchObject({ code: 'bad_response' })
    const everything = JSON.stringify((failure as DeskFailure).toError())
    expect(everything).not.toContain(password)
    expect(everything).not.toContain(encodeURIComponent(password))
    expect(everything).toContain('[password]')
  })

  it("Duplicate Email Address → portal_error with the portal's message", async () => {
    const { portal } = portalAnswering(fromFixture('addcontact-duplicate-email.json'))
    expect(await rejectionOf(portal.addContact({ clientId: 42, fields: FIELDS }))).toMatchObject({
      code: 'portal_error',
      message: 'The portal refused AddContact: Duplicate Email Address',
      params: { portalMessage: 'Duplicate Email Address' },
    })
  })

  it('a success without a usable contact id → bad_response (a create that cannot be tracked)', async () => {
    const { portal } = portalAnswering(() => jsonAnswer({ result: 'success' }))
    expect(await rejectionOf(portal.addContact({ clientId: 42, fields: FIELDS }))).toMatchObject({
      code: 'bad_response',
      params: { path: 'contactid' },
    })
  })
})

describe('updateContact', () => {
  it('sends only the changed fields', async () => {
    const { portal, requests } = portalAnswering(fromFixture('updatecontact-success.json'))
    expect(await portal.updateContact({ contactId: 101, changes: { lastName: 'Ribeiro Sá', address2: '' } })).toEqual({
      contactId: 101,
      warnings: [],
    })
    expect(sent(requests[0])).toEqual([
      ['action', 'UpdateContact'],
      ['contactid', '101'],
      ['lastname', 'Ribeiro Sá'],
      ['address2', ''],
    ])
  })

  it('sends tax_id ([unverified] for UpdateContact) and all six preferences whenever they changed', async () => {
    const { portal, requests } = portalAnswering(fromFixture('updatecontact-success.json'))
    await portal.updateContact({ contactId: 101, changes: { taxId: '123', emailPreferences: { ...ALL_OFF, domain: true } } })
    expect(sent(requests[0])).toEqual([
      ['action', 'UpdateContact'],
      ['contactid', '101'],
      ['tax_id', '123'],
      ['email_preferences[general]', '0'],
      ['email_preferences[product]', '0'],
      ['email_preferences[domain]', '1'],
      ['email_preferences[invoice]', '0'],
      ['email_preferences[support]', '0'],
      ['email_preferences[affiliate]', '0'],
    ])
  })

  it('7.x sub-account changes: subaccount 1/0, password2, permissions', async () => {
    const { portal, requests } = portalAnswering((request) => jsonAnswer({ result: 'success', contactid: request.form.get('contactid') }))
    await portal.updateContact({ contactId: 55, changes: {}, subAccount: { enabled: true, password: 'n0va-senha', permissions: ['tickets', 'emails'] } })
    await portal.updateContact({ contactId: 55, changes: {}, subAccount: { enabled: false } })
    expect(sent(requests[0])).toEqual([
      ['action', 'UpdateContact'],
      ['contactid', '55'],
      ['subaccount', '1'],
      ['password2', 'n0va-senha'],
      ['permissions', 'tickets,emails'],
    ])
    expect(sent(requests[1])).toEqual([
      ['action', 'UpdateContact'],
      ['contactid', '55'],
      ['subaccount', '0'],
    ])
  })

  it('passes the 8.x sub-account warning on', async () => {
    const { portal } = portalAnswering(fromFixture('updatecontact-subaccount-warning-8x.json'))
    const result = await portal.updateContact({ contactId: 101, changes: {}, subAccount: { enabled: false } })
    expect(result.warnings).toEqual(['Sub Accounts are no longer supported. Please use UpdateUser'])
  })

  it("the ICANN refusal (UpdateContact wording) → portal_error with the portal's message", async () => {
    const { portal } = portalAnswering(fromFixture('updatecontact-icann-error.json'))
    const failure = await rejectionOf(portal.updateContact({ contactId: 101, changes: { emailPreferences: ALL_OFF } }))
    expect(failure).toMatchObject({
      code: 'portal_error',
      params: { portalMessage: expect.stringMatching(/as required by ICANN\. .*primary account holder or another contact$/) },
    })
  })

  it.each([
    ['nothing to change', { contactId: 101, changes: {} }, 'changes'],
    ['a password for a contact that may not log in', { contactId: 101, changes: {}, subAccount: { enabled: false, password: 'pw' } }, 'subAccount'],
    ['an unknown field', { contactId: 101, changes: { nickname: 'x' } }, 'changes'],
    ['a bad contact id', { contactId: 0, changes: { city: 'Recife' } }, 'contactId'],
  ])('refuses %s before sending', async (_what, params, path) => {
    const { portal, requests } = portalAnswering(fromFixture('updatecontact-success.json'))
    const failure = await rejectionOf(portal.updateContact(params as never))
    expect(failure).toMatchObject({ code: 'validation' })
    expect((failure as DeskFailure).issues?.[0]?.path).toBe(path)
    expect(requests).toHaveLength(0)
  })

  it('refuses an answer about another contact', async () => {
    const { portal } = portalAnswering(fromFixture('updatecontact-success.json'))
    expect(await rejectionOf(portal.updateContact({ contactId: 5, changes: { city: 'Recife' } }))).toMatchObject({ code: 'bad_response' })
  })
})

describe('deleteContact', () => {
  it('sends contactid', async () => {
    const { portal, requests } = portalAnswering(fromFixture('deletecontact-success.json'))
    expect(await portal.deleteContact({ contactId: 102 })).toEqual({ warnings: [] })
    expect(sent(requests[0])).toEqual([
      ['action', 'DeleteContact'],
      ['contactid', '102'],
    ])
  })

  it('Contact ID Not Found → portal_error', async () => {
    const { portal } = portalAnswering(fromFixture('deletecontact-not-found.json'))
    expect(await rejectionOf(portal.deleteContact({ contactId: 102 }))).toMatchObject({
      code: 'portal_error',
      params: { portalMessage: 'Contact ID Not Found' },
    })
  })
})
