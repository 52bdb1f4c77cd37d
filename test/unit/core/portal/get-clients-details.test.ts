import { describe, expect, it } from 'vitest'
import { ClientDetails } from '../../../../src/shared/domain'
import { DeskFailure } from '../../../../src/shared/errors'
import { fixture, fromFixture, jsonAnswer, portalAnswering, rejectionOf } from './fake-transport'

const ALL_ON = { general: true, product: true, domain: true, invoice: true, support: true, affiliate: true }

describe('getClientsDetails', () => {
  it('sends clientid and nothing else', async () => {
    const { portal, requests } = portalAnswering(fromFixture('getclientsdetails-8x.json'))
    await portal.getClientsDetails({ clientId: 42 })
    expect(requests[0]?.body).toBe('action=GetClientsDetails&identifier=id&secret=secret&responsetype=json&clientid=42')
  })

  it('reads an 8.x answer: the client object, "1"/"0" preferences, users with is_owner, PHP escaping', async () => {
    const { portal } = portalAnswering(fromFixture('getclientsdetails-8x.json'))
    const { client, warnings } = await portal.getClientsDetails({ clientId: 42 })
    expect(warnings).toEqual([])
    expect(client).toEqual({
      id: 42,
      firstName: 'José',
      lastName: 'Conceição',
      companyName: 'Padaria Pão & Café / Filial 2',
      email: 'jose@padariapaoecafe.com.br',
      status: 'Active',
      createdOn: null,
      groupId: 3,
      address1: 'Rua Barão de Itapetininga, 255',
      address2: 'Sala 3/4',
      city: 'São Paulo',
      state: 'SP',
      postcode: '01042-001',
      country: 'BR',
      phoneNumber: '11987654321',
      taxId: '12.345.678/0001-95',
      emailPreferences: { ...ALL_ON, affiliate: false },
      overdueNoticesOff: false,
      users: [
        { userId: 7, name: 'José Conceição', email: 'jose@padariapaoecafe.com.br', isOwner: true },
        { userId: 19, name: 'Ana Paula Ribeiro', email: 'ana.contabil@gmail.com', isOwner: false },
      ],
    })
    expect(ClientDetails.parse(client)).toEqual(client)
  })

  it('reads a 7.x answer: every value a string, false as "", no users (null), the password hash never read', async () => {
    const { portal } = portalAnswering(fromFixture('getclientsdetails-7x.json'))
    const { client } = await portal.getClientsDetails({ clientId: 42 })
    expect(client.users).toBeNull()
    expect(client.phoneNumber).toBe('011987654321')
    expect(client.emailPreferences).toEqual({ ...ALL_ON, invoice: false, affiliate: false })
    expect(client.groupId).toBe(0)
    expect(client.overdueNoticesOff).toBe(false)
    expect(JSON.stringify(client)).not.toContain('$2y$')
    expect(ClientDetails.parse(client)).toEqual(client)
  })

  it('falls back to the top-level copy when there is no client object', async () => {
    const { portal } = portalAnswering(fromFixture('getclientsdetails-toplevel-7x.json'))
    const { client } = await portal.getClientsDetails({ clientId: 42 })
    expect(client.id).toBe(42)
    expect(client.firstName).toBe('José')
    expect(client.emailPreferences).toEqual({ general: false, product: false, domain: true, invoice: true, support: false, affiliate: false })
  })

  it('falls back to the top level key by key, and finds the id as client_id', async () => {
    const body = JSON.parse(fixture('getclientsdetails-8x.json')) as { client: Record<string, unknown> }
    delete body.client.email_preferences
    delete body.client.id
    const { portal } = portalAnswering(() => jsonAnswer(body))
    const { client } = await portal.getClientsDetails({ clientId: 42 })
    expect(client.id).toBe(42)
    expect(client.emailPreferences.affiliate).toBe(false)
  })

  it.each([
    [true, true],
    ['1', true],
    [false, false],
    ['', false],
  ])('reads the overdue-notice switch overideduenotices %j as %j', async (sent, off) => {
    const body = JSON.parse(fixture('getclientsdetails-8x.json')) as { client: Record<string, unknown> } & Record<string, unknown>
    body.client.overideduenotices = sent
    body.overideduenotices = sent
    const { portal } = portalAnswering(() => jsonAnswer(body))
    expect((await portal.getClientsDetails({ clientId: 42 })).client.overdueNoticesOff).toBe(off)
  })

  it('an answer without the overdue-notice switch leaves it unknown; one it cannot read is refused', async () => {
    const body = JSON.parse(fixture('getclientsdetails-8x.json')) as { client: Record<string, unknown> } & Record<string, unknown>
    delete body.client.overideduenotices
    delete body.overideduenotices
    expect((await portalAnswering(() => jsonAnswer(body)).portal.getClientsDetails({ clientId: 42 })).client.overdueNoticesOff).toBeNull()
    body.client.overideduenotices = 'sometimes'
    const failure = await rejectionOf(portalAnswering(() => jsonAnswer(body)).portal.getClientsDetails({ clientId: 42 }))
    expect(failure).toMatchObject({ code: 'bad_response', params: { path: 'overideduenotices' } })
  })

  it('an empty users wrapper is an empty list, not null', async () => {
    const body = JSON.parse(fixture('getclientsdetails-8x.json')) as { client: Record<string, unknown> }
    body.client.users = []
    const { portal } = portalAnswering(() => jsonAnswer(body))
    expect((await portal.getClientsDetails({ clientId: 42 })).client.users).toEqual([])
  })

  it('a single user not in an array, owner told by owner_user_id when is_owner is missing', async () => {
    const body = JSON.parse(fixture('getclientsdetails-8x.json')) as { client: Record<string, unknown> }
    body.client.users = { user: { id: '7', name: 'José', email: 'jose@padariapaoecafe.com.br' } }
    const { portal } = portalAnswering(() => jsonAnswer(body))
    expect((await portal.getClientsDetails({ clientId: 42 })).client.users).toEqual([
      { userId: 7, name: 'José', email: 'jose@padariapaoecafe.com.br', isOwner: true },
    ])
  })

  it('refuses a user that does not say whether it owns the client', async () => {
    const body = JSON.parse(fixture('getclientsdetails-8x.json')) as { client: Record<string, unknown>; owner_user_id?: unknown }
    delete body.client.owner_user_id
    delete body.owner_user_id
    body.client.users = { user: [{ id: 7, name: 'José', email: 'j@x.com.br' }] }
    const { portal } = portalAnswering(() => jsonAnswer(body))
    expect(await rejectionOf(portal.getClientsDetails({ clientId: 42 }))).toMatchObject({
      code: 'bad_response',
      params: { path: 'users.0.is_owner' },
    })
  })

  it('refuses an answer without e-mail preferences (WHMCS before 7.10) rather than guessing them', async () => {
    const { portal } = portalAnswering(() => jsonAnswer({ result: 'success', id: 42, firstname: 'A', status: 'Active' }))
    const failure = await rejectionOf(portal.getClientsDetails({ clientId: 42 }))
    expect(failure).toBeInstanceOf(DeskFailure)
    expect(failure).toMatchObject({ code: 'bad_response', params: { path: 'email_preferences' } })
    expect((failure as DeskFailure).message).toContain('no e-mail preferences')
  })

  it('refuses an answer about another client', async () => {
    const { portal } = portalAnswering(fromFixture('getclientsdetails-8x.json'))
    expect(await rejectionOf(portal.getClientsDetails({ clientId: 41 }))).toMatchObject({
      code: 'bad_response',
      message: expect.stringContaining('describes client 42 although client 41 was asked for'),
    })
  })

  it('Client Not Found → portal_error', async () => {
    const { portal } = portalAnswering(() => jsonAnswer({ result: 'error', message: 'Client Not Found' }))
    expect(await rejectionOf(portal.getClientsDetails({ clientId: 9 }))).toMatchObject({
      code: 'portal_error',
      params: { portalMessage: 'Client Not Found' },
    })
  })

  it.each([0, -1, 1.5, Number.NaN])('refuses client id %s before sending', async (clientId) => {
    const { portal, requests } = portalAnswering(fromFixture('getclientsdetails-8x.json'))
    expect(await rejectionOf(portal.getClientsDetails({ clientId }))).toMatchObject({ code: 'validation' })
    expect(requests).toHaveLength(0)
  })
})

describe('updateClient', () => {
  it("sends all six preferences as 1/0, in the portal's order", async () => {
    const { portal, requests } = portalAnswering(fromFixture('updateclient-success.json'))
    const result = await portal.updateClient({ clientId: 42, emailPreferences: { ...ALL_ON, invoice: false, affiliate: false } })
    expect(result).toEqual({ warnings: [] })
    expect(decodeURIComponent(requests[0]?.body ?? '')).toBe(
      'action=UpdateClient&identifier=id&secret=secret&responsetype=json&clientid=42' +
        '&email_preferences[general]=1&email_preferences[product]=1&email_preferences[domain]=1' +
        '&email_preferences[invoice]=0&email_preferences[support]=1&email_preferences[affiliate]=0',
    )
  })

  it("the ICANN refusal (UpdateClient wording) → portal_error with the portal's message", async () => {
    const { portal } = portalAnswering(fromFixture('updateclient-icann-error.json'))
    const failure = await rejectionOf(portal.updateClient({ clientId: 42, emailPreferences: { ...ALL_ON, domain: false } }))
    expect(failure).toBeInstanceOf(DeskFailure)
    expect(failure).toMatchObject({
      code: 'portal_error',
      params: {
        portalMessage:
          'You must have at least one email address enabled to receive domain related notifications as required by ICANN. To disable domain notifications, please create an alternative contact that is set to receive them',
      },
    })
    expect((failure as DeskFailure).message).toMatch(/^The portal refused UpdateClient: You must have at least one email address/)
  })

  it('passes a warning on', async () => {
    const { portal } = portalAnswering(() => jsonAnswer({ result: 'success', clientid: '42', warning: 'Client Email Preferences are disabled' }))
    expect(await portal.updateClient({ clientId: 42, emailPreferences: ALL_ON })).toEqual({ warnings: ['Client Email Preferences are disabled'] })
  })

  it('refuses incomplete preferences before sending', async () => {
    const { portal, requests } = portalAnswering(fromFixture('updateclient-success.json'))
    const partial = { general: true } as unknown as typeof ALL_ON
    const failure = await rejectionOf(portal.updateClient({ clientId: 42, emailPreferences: partial }))
    expect(failure).toMatchObject({ code: 'validation' })
    expect((failure as DeskFailure).issues?.map((issue) => issue.path)).toContain('product')
    expect(requests).toHaveLength(0)
  })
})
