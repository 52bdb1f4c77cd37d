// The client-area access adapters (src/main/core/access) against the demo portal over real HTTP: 7.x
// sub-accounts on contacts, 8.x users reached through invites we remember. Every change is checked in
// the portal's own state (control.snapshot()), and the 8.x invite bookkeeping in a real SQLite store.
import { afterEach, describe, expect, it } from 'vitest'
import type { AccessAdapter, AccessHolder } from '../../../src/main/core/access/access'
import { createInviteStore, type InviteStore } from '../../../src/main/core/db/invites'
import { createV7Access } from '../../../src/main/core/access/v7'
import { passReads } from '../../../src/main/core/portal/pass-reads'
import { createV8Access } from '../../../src/main/core/access/v8'
import { openDatabase, type Db } from '../../../src/main/core/db/database'
import { fetchTransport } from '../../../src/main/core/portal/transport'
import { createWhmcsClient, type WhmcsClient } from '../../../src/main/core/portal/whmcs-client'
import { PASSWORD_HASH } from '../../../src/main/demo-portal/password-hash'
import type { DemoClient, DemoContact, DemoState, DemoUser } from '../../../src/main/demo-portal/schema'
import { startDemoPortal, type DemoPortal } from '../../../src/main/demo-portal/server'
import { PERMISSIONS } from '../../../src/shared/domain'
import { DeskFailure } from '../../../src/shared/errors'

const running: DemoPortal[] = []
const databases: Db[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((portal) => portal.close()))
  for (const db of databases.splice(0)) db.close()
})

async function start(generation: '7' | '8'): Promise<{ portal: DemoPortal; client: WhmcsClient }> {
  const portal = await startDemoPortal({ port: 0, generation, clients: 40, seed: 1, control: true })
  running.push(portal)
  const client = createWhmcsClient({
    apiUrl: portal.apiUrl,
    identifier: portal.identifier,
    secret: portal.secret,
    transport: fetchTransport,
    timeoutMs: 10_000,
  })
  return { portal, client }
}

function inviteStore(): InviteStore {
  const db = openDatabase(':memory:')
  databases.push(db)
  return createInviteStore(db)
}

async function failure(promise: Promise<unknown>): Promise<DeskFailure> {
  try {
    await promise
  } catch (error) {
    if (error instanceof DeskFailure) return error
    throw error
  }
  throw new Error('expected the call to fail')
}

function find<T>(items: readonly T[], test: (item: T) => boolean, what: string): T {
  const item = items.find(test)
  if (item === undefined) throw new Error(`the seeded data has no ${what}: change the seed or the size`)
  return item
}

const contactsOf = (state: DemoState, clientId: number): DemoContact[] => state.contacts.filter((contact) => contact.userid === clientId)
const usersOf = (state: DemoState, clientId: number): DemoUser[] => state.users.filter((user) => user.clients.some((link) => link.clientid === clientId))
const linkOf = (user: DemoUser | undefined, clientId: number) => user?.clients.find((link) => link.clientid === clientId)
const isOwnerOf = (user: DemoUser, clientId: number): boolean => linkOf(user, clientId)?.owner === true
const fullName = (person: { firstname: string; lastname: string }): string => `${person.firstname} ${person.lastname}`.trim()

function ownerHolder(client: DemoClient, userId: number | null): AccessHolder {
  return { kind: 'owner', userId, name: fullName(client), email: client.email, permissions: [...PERMISSIONS] }
}

describe('7.x: access is a sub-account on the contact', () => {
  /** A contact that may become a sub-account: it has an address no client and no other sub-account uses. */
  function grantable(state: DemoState): DemoContact {
    const taken = new Set([...state.clients.map((c) => c.email.toLowerCase()), ...state.contacts.filter((c) => c.subaccount).map((c) => c.email.toLowerCase())])
    return find(state.contacts, (c) => !c.subaccount && c.email !== '' && !taken.has(c.email.toLowerCase()), 'contact without access')
  }

  it('lists the owner and every sub-account of the client, with their permissions', async () => {
    const { portal, client } = await start('7')
    const access: AccessAdapter = createV7Access(passReads(client))
    expect(access.generation).toBe('7')
    const state = portal.control.snapshot()
    const target = find(state.clients, (c) => contactsOf(state, c.id).some((contact) => contact.subaccount), 'client with a sub-account')
    const subAccounts = contactsOf(state, target.id).filter((contact) => contact.subaccount)
    expect(await access.list(target.id)).toEqual([
      ownerHolder(target, null),
      ...subAccounts.map((contact) => ({
        kind: 'subaccount',
        contactId: contact.id,
        name: fullName(contact),
        email: contact.email,
        permissions: contact.permissions,
      })),
    ])
    // Contacts without access are not listed.
    const others = contactsOf(state, target.id).filter((contact) => !contact.subaccount)
    const listed = (await access.list(target.id)).map((holder) => (holder.kind === 'subaccount' ? holder.contactId : null))
    for (const contact of others) expect(listed).not.toContain(contact.id)
  })

  it('grant makes the contact a sub-account, its password kept only as a hash; change and revoke follow', async () => {
    const { portal, client } = await start('7')
    const access = createV7Access(passReads(client))
    const before = portal.control.snapshot()
    const contact = grantable(before)
    const person = { email: contact.email, contactId: contact.id }
    const password = 'Clara#Senha-2026/ç'

    expect(await access.grant(contact.userid, person, ['invoices', 'profile'], { password })).toEqual({ kind: 'subaccount' })
    const granted = portal.control.snapshot()
    const stored = granted.contacts.find((c) => c.id === contact.id)!
    expect(stored).toMatchObject({ subaccount: true, permissions: ['profile', 'invoices'], password: expect.stringMatching(PASSWORD_HASH) })
    expect(stored.password).not.toBe(password)
    expect(JSON.stringify(granted)).not.toContain(password)
    expect(JSON.stringify(granted)).not.toContain(encodeURIComponent(password))
    // Nothing else on the contact changed.
    expect(stored).toEqual({ ...contact, subaccount: true, permissions: ['profile', 'invoices'], password: stored.password, updated_at: stored.updated_at })
    expect(await access.list(contact.userid)).toContainEqual({
      kind: 'subaccount',
      contactId: contact.id,
      name: fullName(contact),
      email: contact.email,
      permissions: ['profile', 'invoices'],
    })

    await access.change(contact.userid, person, ['tickets', 'orders'])
    const changed = portal.control.snapshot().contacts.find((c) => c.id === contact.id)!
    // The password is not touched by a change of permissions.
    expect(changed).toMatchObject({ subaccount: true, permissions: ['tickets', 'orders'], password: stored.password })

    await access.revoke(contact.userid, person)
    expect(portal.control.snapshot().contacts.find((c) => c.id === contact.id)).toMatchObject({ subaccount: false })
    const holders = await access.list(contact.userid)
    expect(holders.some((holder) => holder.kind === 'subaccount' && holder.contactId === contact.id)).toBe(false)
  })

  it('needs a contact that exists on the portal, and passes the portal’s refusals on', async () => {
    const { portal, client } = await start('7')
    const access = createV7Access(passReads(client))
    expect(await failure(access.grant(1, { email: 'novo@exemplo.com.br', contactId: null }, ['profile']))).toMatchObject({ code: 'validation' })
    // A contact whose address is another client's login cannot log in with it too.
    const contact = grantable(portal.control.snapshot())
    const otherOwner = find(portal.control.snapshot().clients, (c) => c.id !== contact.userid, 'other client')
    await portal.control.edit('UpdateContact', { contactid: contact.id, email: otherOwner.email })
    const before = portal.control.snapshot()
    const clash = before.contacts.find((c) => c.id === contact.id)!
    const refused = await failure(access.grant(clash.userid, { email: clash.email, contactId: clash.id }, ['profile'], { password: 'x-Senha-1' }))
    expect(refused).toMatchObject({ code: 'portal_error', params: { portalMessage: 'Duplicate Email Address' } })
    expect(portal.control.snapshot().contacts).toEqual(before.contacts)
  })
})

describe('8.x: access is a user linked to the client, reached by invite', () => {
  function clientWithUsers(state: DemoState): { target: DemoClient; owner: DemoUser; member: DemoUser } {
    const target = find(state.clients, (c) => usersOf(state, c.id).some((user) => !isOwnerOf(user, c.id)), 'client with a second user')
    const owner = find(usersOf(state, target.id), (user) => isOwnerOf(user, target.id), 'owner')
    const member = find(usersOf(state, target.id), (user) => !isOwnerOf(user, target.id), 'second user')
    return { target, owner, member }
  }

  it('lists the owner (every permission) and each user with its permissions on this client', async () => {
    const { portal, client } = await start('8')
    const access = createV8Access(client, inviteStore())
    expect(access.generation).toBe('8')
    const state = portal.control.snapshot()
    const { target } = clientWithUsers(state)
    expect(await access.list(target.id)).toEqual(
      usersOf(state, target.id).map((user): AccessHolder => {
        const link = linkOf(user, target.id)!
        return link.owner
          ? { kind: 'owner', userId: user.id, name: fullName(user), email: user.email, permissions: [...PERMISSIONS] }
          : { kind: 'user', userId: user.id, name: fullName(user), email: user.email, permissions: link.permissions }
      }),
    )
  })

  it('grant invites a new person once; acceptance makes a user that change and revoke then act on', async () => {
    const { portal, client } = await start('8')
    const invites = inviteStore()
    const access = createV8Access(client, invites)
    const state = portal.control.snapshot()
    const target = state.clients[4]!
    const email = 'Financeiro@Contabil-Exemplo.com.br'
    const person = { email, contactId: null }

    expect(await access.grant(target.id, person, ['invoices', 'quotes'])).toEqual({ kind: 'invited' })
    expect(invites.find(target.id, email)).toMatchObject({ state: 'pending', permissions: ['invoices', 'quotes'], acceptedBy: null })
    const sent = portal.control.snapshot()
    expect(sent.invites).toEqual([expect.objectContaining({ clientid: target.id, email, permissions: ['invoices', 'quotes'] })])
    // An invite links nobody.
    expect(sent.users).toEqual(state.users)
    const pending = await access.list(target.id)
    expect(pending).toContainEqual({ kind: 'invite', email, permissions: ['invoices', 'quotes'], state: 'pending', sentAt: expect.any(String) })

    // Asked again without resendInvite: refused, and no second e-mail.
    const again = await failure(access.grant(target.id, { email: email.toLowerCase(), contactId: null }, ['invoices']))
    expect(again).toMatchObject({ code: 'invite_outstanding', params: { email: email.toLowerCase() } })
    // Nothing to change or revoke until the invite is accepted.
    expect(await failure(access.change(target.id, person, ['tickets']))).toMatchObject({ code: 'invite_outstanding' })
    expect(await failure(access.revoke(target.id, person))).toMatchObject({ code: 'invite_outstanding' })
    expect(portal.control.snapshot().invites).toHaveLength(1)

    const accepted = await portal.control.acceptInvite({ inviteId: sent.invites[0]!.id, firstname: 'Fernanda', lastname: 'Lima' })
    const holders = await access.list(target.id)
    expect(holders).toContainEqual({ kind: 'user', userId: accepted.userId, name: 'Fernanda Lima', email, permissions: ['invoices', 'quotes'] })
    expect(holders.some((holder) => holder.kind === 'invite')).toBe(false)
    expect(invites.find(target.id, email)).toMatchObject({ state: 'accepted', acceptedBy: accepted.userId })

    await access.change(target.id, person, ['tickets', 'profile'])
    const link = () =>
      linkOf(
        portal.control.snapshot().users.find((user) => user.id === accepted.userId),
        target.id,
      )
    expect(link()).toEqual({ clientid: target.id, owner: false, permissions: ['profile', 'tickets'] })
    expect(await access.list(target.id)).toContainEqual(expect.objectContaining({ kind: 'user', userId: accepted.userId, permissions: ['profile', 'tickets'] }))

    // A grant to someone who already has a login on this account sets its permissions (no invite).
    expect(await access.grant(target.id, person, ['domains'])).toEqual({ kind: 'updated' })
    expect(link()?.permissions).toEqual(['domains'])
    expect(portal.control.snapshot().invites).toEqual([])

    await access.revoke(target.id, person)
    expect(link()).toBeUndefined()
    expect(portal.control.snapshot().users.find((user) => user.id === accepted.userId)).toBeDefined()
    expect((await access.list(target.id)).some((holder) => holder.email === email)).toBe(false)
  })

  it('change and revoke work on a user the portal already had', async () => {
    const { portal, client } = await start('8')
    const access = createV8Access(client, inviteStore())
    const { target, member } = clientWithUsers(portal.control.snapshot())
    const person = { email: member.email.toUpperCase(), contactId: null }
    await access.change(target.id, person, ['emails'])
    expect(
      linkOf(
        portal.control.snapshot().users.find((user) => user.id === member.id),
        target.id,
      )?.permissions,
    ).toEqual(['emails'])
    await access.revoke(target.id, person)
    expect(
      linkOf(
        portal.control.snapshot().users.find((user) => user.id === member.id),
        target.id,
      ),
    ).toBeUndefined()
    expect(await failure(access.revoke(target.id, person))).toMatchObject({ code: 'not_found' })
  })

  it('the owner is locked: grant, change and revoke are refused before anything is sent', async () => {
    const { portal, client } = await start('8')
    const access = createV8Access(client, inviteStore())
    const before = portal.control.snapshot()
    const { target, owner } = clientWithUsers(before)
    const person = { email: owner.email, contactId: null }
    expect(await failure(access.change(target.id, person, ['profile']))).toMatchObject({ code: 'owner_locked' })
    expect(await failure(access.revoke(target.id, person))).toMatchObject({ code: 'owner_locked' })
    expect(await failure(access.grant(target.id, person, ['profile']))).toMatchObject({ code: 'owner_locked' })
    expect(portal.control.snapshot()).toEqual(before)
  })

  it('an invite whose answer was lost after the portal saved it stays "sending" and is never re-sent unasked', async () => {
    const { portal, client } = await start('8')
    const invites = inviteStore()
    const access = createV8Access(client, invites)
    const target = portal.control.snapshot().clients[7]!
    const email = 'perdido@exemplo.com.br'
    const person = { email, contactId: null }

    await portal.faults.add({ kind: 'drop-after-commit', actions: ['CreateClientInvite'], count: 1 })
    expect(await failure(access.grant(target.id, person, ['tickets']))).toMatchObject({ code: 'unreachable' })
    expect(portal.control.snapshot().invites).toEqual([expect.objectContaining({ clientid: target.id, email })])
    expect(invites.find(target.id, email)).toMatchObject({ state: 'sending' })
    expect(await access.list(target.id)).toContainEqual(expect.objectContaining({ kind: 'invite', email, state: 'sending' }))

    const retry = await failure(access.grant(target.id, person, ['tickets']))
    expect(retry.code).toBe('invite_outstanding')
    expect(retry.message).toContain('never confirmed')
    expect(portal.control.snapshot().invites).toHaveLength(1)

    // Only when the staff member confirms does a second invite go out.
    expect(await access.grant(target.id, person, ['tickets'], { resendInvite: true })).toEqual({ kind: 'invited' })
    expect(portal.control.snapshot().invites).toHaveLength(2)
    expect(invites.find(target.id, email)).toMatchObject({ state: 'pending' })
  })

  it('an invite the portal refused before committing is forgotten; one dropped before commit stays "sending"', async () => {
    const { portal, client } = await start('8')
    const invites = inviteStore()
    const access = createV8Access(client, invites)
    const target = portal.control.snapshot().clients[8]!

    const bad = { email: 'sem-arroba.exemplo.com.br', contactId: null }
    const refused = await failure(access.grant(target.id, bad, ['profile']))
    expect(refused).toMatchObject({ code: 'portal_error', params: { portalMessage: 'The email address entered is not valid' } })
    expect(invites.find(target.id, bad.email)).toBeNull()
    expect(invites.list(target.id)).toEqual([])
    // Forgotten, so asking again goes to the portal again (and is refused again), not "outstanding".
    expect(await failure(access.grant(target.id, bad, ['profile']))).toMatchObject({ code: 'portal_error' })
    expect(portal.control.snapshot().invites).toEqual([])

    // A dropped connection cannot tell whether the portal saved it: kept as "sending", to be confirmed.
    const lost = { email: 'talvez@exemplo.com.br', contactId: null }
    await portal.faults.add({ kind: 'drop-before-commit', actions: ['CreateClientInvite'], count: 1 })
    expect(await failure(access.grant(target.id, lost, ['profile']))).toMatchObject({ code: 'unreachable' })
    expect(portal.control.snapshot().invites).toEqual([])
    expect(invites.find(target.id, lost.email)).toMatchObject({ state: 'sending' })
    expect(await failure(access.grant(target.id, lost, ['profile']))).toMatchObject({ code: 'invite_outstanding' })
  })
})
