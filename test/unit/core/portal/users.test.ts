import { describe, expect, it } from 'vitest'
import { PortalUser } from '../../../../src/shared/domain'
import { DeskFailure } from '../../../../src/shared/errors'
import { fromFixture, jsonAnswer, portalAnswering, rejectionOf, type RecordedRequest } from './fake-transport'

function sent(request: RecordedRequest | undefined): [string, string][] {
  return [...(request?.form ?? new URLSearchParams()).entries()].filter(([key]) => !['identifier', 'secret', 'responsetype'].includes(key))
}

describe('getUsers (8.1+)', () => {
  it('sends the paging and a search; leaves out an empty search', async () => {
    const { portal, requests } = portalAnswering(fromFixture('getusers-empty-8x.json'))
    await portal.getUsers({ limitstart: 0, limitnum: 250, search: 'ana' })
    await portal.getUsers({ limitstart: 250, limitnum: 250, search: '' })
    expect(sent(requests[0])).toEqual([
      ['action', 'GetUsers'],
      ['limitstart', '0'],
      ['limitnum', '250'],
      ['search', 'ana'],
    ])
    expect(sent(requests[1])).toEqual([
      ['action', 'GetUsers'],
      ['limitstart', '250'],
      ['limitnum', '250'],
    ])
  })

  it('reads the plain users array with camelCase isOwner', async () => {
    const { portal } = portalAnswering(fromFixture('getusers-8x.json'))
    const page = await portal.getUsers({ limitstart: 0, limitnum: 25 })
    expect(page.total).toBe(3)
    expect(page.users).toEqual([
      {
        id: 7,
        firstName: 'José',
        lastName: 'Conceição',
        email: 'jose@padariapaoecafe.com.br',
        createdAt: '2020-12-15 15:29:49',
        clients: [
          { clientId: 42, isOwner: true },
          { clientId: 57, isOwner: false },
        ],
      },
      {
        id: 19,
        firstName: 'Ana Paula',
        lastName: 'Ribeiro',
        email: 'ana.contabil@gmail.com',
        createdAt: '2021-03-02 10:00:00',
        clients: [{ clientId: 42, isOwner: false }],
      },
      { id: 23, firstName: 'Convidado', lastName: 'Sem Vínculo', email: 'novo@exemplo.com.br', createdAt: '2024-01-05 08:30:00', clients: [] },
    ])
    for (const user of page.users) expect(PortalUser.parse(user)).toEqual(user)
  })

  it('reads the empty answer without a users key and "totalresults":"0"', async () => {
    const { portal } = portalAnswering(fromFixture('getusers-empty-8x.json'))
    expect(await portal.getUsers({ limitstart: 0, limitnum: 25 })).toEqual({ total: 0, start: 0, users: [], warnings: [] })
  })

  it('reads a wrapped single user with a wrapped single client, all strings', async () => {
    const { portal } = portalAnswering(fromFixture('getusers-wrapped-single.json'))
    const page = await portal.getUsers({ limitstart: 0, limitnum: 25 })
    expect(page.users).toEqual([
      {
        id: 19,
        firstName: 'Ana Paula',
        lastName: 'Ribeiro',
        email: 'ana.contabil@gmail.com',
        createdAt: '2021-03-02 10:00:00',
        clients: [{ clientId: 42, isOwner: false }],
      },
    ])
  })

  it('reads is_owner too, and refuses a link that does not say who owns the client', async () => {
    const user = { id: 3, firstname: 'A', lastname: 'B', email: 'a@b.com.br', datecreated: '2022-01-01 00:00:00' }
    const reading = portalAnswering(() => jsonAnswer({ result: 'success', totalresults: 1, users: [{ ...user, clients: [{ id: 5, is_owner: 1 }] }] }))
    expect((await reading.portal.getUsers({ limitstart: 0, limitnum: 25 })).users[0]?.clients).toEqual([{ clientId: 5, isOwner: true }])
    const refusing = portalAnswering(() => jsonAnswer({ result: 'success', totalresults: 1, users: [{ ...user, clients: [{ id: 5 }] }] }))
    expect(await rejectionOf(refusing.portal.getUsers({ limitstart: 0, limitnum: 25 }))).toMatchObject({
      code: 'bad_response',
      params: { path: 'users.user.0.clients.client.0.isOwner' },
    })
  })

  it('on 7.x (no GetUsers) → portal_error, not a credential problem', async () => {
    const message = 'Invalid API Action: "getusers" is not a valid API action'
    const { portal } = portalAnswering(() => jsonAnswer({ result: 'error', message }, 403))
    expect(await rejectionOf(portal.getUsers({ limitstart: 0, limitnum: 25 }))).toMatchObject({ code: 'portal_error', params: { portalMessage: message } })
  })
})

describe('createClientInvite (8.0+)', () => {
  it('sends client_id, email and the permissions as a comma list', async () => {
    const { portal, requests } = portalAnswering(fromFixture('createclientinvite-success.json'))
    expect(await portal.createClientInvite({ clientId: 42, email: 'ana.contabil@gmail.com', permissions: ['tickets', 'invoices', 'profile'] })).toEqual({
      warnings: [],
    })
    expect(sent(requests[0])).toEqual([
      ['action', 'CreateClientInvite'],
      ['client_id', '42'],
      ['email', 'ana.contabil@gmail.com'],
      ['permissions', 'profile,invoices,tickets'],
    ])
  })

  it('User already associated with client → portal_error', async () => {
    const { portal } = portalAnswering(fromFixture('createclientinvite-already-associated.json'))
    expect(await rejectionOf(portal.createClientInvite({ clientId: 42, email: 'a@b.com.br', permissions: ['profile'] }))).toMatchObject({
      code: 'portal_error',
      params: { portalMessage: 'User already associated with client' },
    })
  })

  it.each([
    ['an unknown permission', { permissions: ['profile', 'Invoices '] }, 'permissions.1'],
    ['no permissions', { permissions: [] }, 'permissions'],
    ['no e-mail', { email: '  ' }, 'email'],
  ])('refuses %s before sending', async (_what, change, path) => {
    const { portal, requests } = portalAnswering(fromFixture('createclientinvite-success.json'))
    const failure = await rejectionOf(portal.createClientInvite({ clientId: 42, email: 'a@b.com.br', permissions: ['profile'], ...change }))
    expect(failure).toBeInstanceOf(DeskFailure)
    expect(failure).toMatchObject({ code: 'validation' })
    expect((failure as DeskFailure).issues?.[0]?.path).toBe(path)
    expect(requests).toHaveLength(0)
  })
})

describe('getUserPermissions (8.0+, payload undocumented)', () => {
  it('sends user_id and client_id', async () => {
    const { portal, requests } = portalAnswering(fromFixture('getuserpermissions-string.json'))
    await portal.getUserPermissions({ userId: 19, clientId: 42 })
    expect(sent(requests[0])).toEqual([
      ['action', 'GetUserPermissions'],
      ['user_id', '19'],
      ['client_id', '42'],
    ])
  })

  it.each([
    ['a comma string', 'getuserpermissions-string.json', ['profile', 'contacts', 'invoices', 'tickets']],
    ['an array', 'getuserpermissions-array.json', ['products', 'domains', 'managedomains', 'invoices']],
  ])('reads %s', async (_what, name, permissions) => {
    const { portal } = portalAnswering(fromFixture(name))
    expect(await portal.getUserPermissions({ userId: 19, clientId: 42 })).toEqual({ permissions, warnings: [] })
  })

  it('reads the {permission:[…]} wrapper with "status" instead of "result", dropping an unknown name with a warning', async () => {
    const { portal } = portalAnswering(fromFixture('getuserpermissions-wrapped-status.json'))
    expect(await portal.getUserPermissions({ userId: 19, clientId: 42 })).toEqual({
      permissions: ['profile', 'invoices', 'orders'],
      warnings: ['Ignored the permission "billingpreview" on user 19 of client 42: Contact Desk does not know it.'],
    })
  })

  it.each([
    ['an empty string', '', []],
    ['a single name in the wrapper', { permission: 'quotes' }, ['quotes']],
    ['a PHP list written as an object', { 0: 'emails', 3: 'profile' }, ['profile', 'emails']],
    ['a map of flags', { profile: true, invoices: '1', tickets: '0', orders: false }, ['profile', 'invoices']],
    ['mixed case and spaces', ' Profile , INVOICES,,', ['profile', 'invoices']],
  ])('reads %s', async (_what, permissions, expected) => {
    const { portal } = portalAnswering(() => jsonAnswer({ result: 'success', permissions }))
    expect((await portal.getUserPermissions({ userId: 19, clientId: 42 })).permissions).toEqual(expected)
  })

  it('refuses the documented example (no permissions key) rather than reading it as "no permissions"', async () => {
    const { portal } = portalAnswering(fromFixture('getuserpermissions-documented.json'))
    const failure = await rejectionOf(portal.getUserPermissions({ userId: 19, clientId: 42 }))
    expect(failure).toMatchObject({ code: 'bad_response', params: { path: 'permissions' } })
    expect((failure as DeskFailure).message).toContain('the portal did not send the permissions')
  })

  it.each([42, true, [1, 2], { permission: { deeper: { still: ['x'] } } }, { a: 'b c' }])('refuses %j', async (permissions) => {
    const { portal } = portalAnswering(() => jsonAnswer({ result: 'success', permissions }))
    expect(await rejectionOf(portal.getUserPermissions({ userId: 19, clientId: 42 }))).toMatchObject({ code: 'bad_response' })
  })

  it('User is not associated with client (also while an invite is pending) → portal_error', async () => {
    const { portal } = portalAnswering(fromFixture('getuserpermissions-not-associated.json'))
    expect(await rejectionOf(portal.getUserPermissions({ userId: 19, clientId: 42 }))).toMatchObject({
      code: 'portal_error',
      params: { portalMessage: 'User is not associated with client' },
    })
  })
})

describe('updateUserPermissions (8.0+)', () => {
  it('sends user_id, client_id and the comma list', async () => {
    const { portal, requests } = portalAnswering(fromFixture('updateuserpermissions-success.json'))
    expect(await portal.updateUserPermissions({ userId: 19, clientId: 42, permissions: ['orders', 'profile'] })).toEqual({ warnings: [] })
    expect(sent(requests[0])).toEqual([
      ['action', 'UpdateUserPermissions'],
      ['user_id', '19'],
      ['client_id', '42'],
      ['permissions', 'profile,orders'],
    ])
  })

  it("the owner → portal_error with the portal's message", async () => {
    const { portal } = portalAnswering(fromFixture('updateuserpermissions-owner.json'))
    expect(await rejectionOf(portal.updateUserPermissions({ userId: 7, clientId: 42, permissions: ['profile'] }))).toMatchObject({
      code: 'portal_error',
      params: { portalMessage: 'Permissions cannot be set on a client owner' },
    })
  })

  it('refuses an unknown permission before sending', async () => {
    const { portal, requests } = portalAnswering(fromFixture('updateuserpermissions-success.json'))
    expect(await rejectionOf(portal.updateUserPermissions({ userId: 19, clientId: 42, permissions: ['all'] }))).toMatchObject({
      code: 'validation',
      params: { permission: 'all' },
    })
    expect(requests).toHaveLength(0)
  })
})

describe('deleteUserClient (8.0+)', () => {
  it('sends user_id and client_id', async () => {
    const { portal, requests } = portalAnswering(fromFixture('deleteuserclient-success.json'))
    expect(await portal.deleteUserClient({ userId: 19, clientId: 42 })).toEqual({ warnings: [] })
    expect(sent(requests[0])).toEqual([
      ['action', 'DeleteUserClient'],
      ['user_id', '19'],
      ['client_id', '42'],
    ])
  })

  it("the owner → portal_error with the portal's message", async () => {
    const { portal } = portalAnswering(fromFixture('deleteuserclient-owner.json'))
    expect(await rejectionOf(portal.deleteUserClient({ userId: 7, clientId: 42 }))).toMatchObject({
      code: 'portal_error',
      params: { portalMessage: 'You cannot remove the account owner' },
    })
  })

  it('refuses bad ids before sending', async () => {
    const { portal, requests } = portalAnswering(fromFixture('deleteuserclient-success.json'))
    expect(await rejectionOf(portal.deleteUserClient({ userId: 0, clientId: 42 }))).toMatchObject({ code: 'validation' })
    expect(requests).toHaveLength(0)
  })
})
