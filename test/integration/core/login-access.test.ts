// 8.x logins that are none of a client's contacts (someone the customer invited themselves): staff change
// their permissions or take their access away, offline first, through the outbox — against the demo portal.
import { describe, expect, it } from 'vitest'
import type { MethodOutput } from '../../../src/shared/contract'
import { call, ok, startWorld, type DeskWorld } from '../../support/desk-world'
import { newContactFields } from '../../../src/shared/contact-rules'

interface World extends DeskWorld {
  clientId: number
  userId: number
}

const EMAIL = 'renata@agencia-parceira.com.br'

/** A client whose customer invited an agency's Renata, who accepted: a login that is no contact. */
async function setUp(): Promise<World> {
  const world = await startWorld({ portal: { clients: 10, seed: 5, generation: '8', control: true } })
  const { portal } = world
  const clientId = portal.control.snapshot().clients[2]!.id
  await portal.control.edit('CreateClientInvite', { client_id: clientId, email: EMAIL, permissions: 'invoices,tickets' })
  const invite = portal.control.snapshot().invites.find((candidate) => candidate.email === EMAIL)!
  const accepted = await portal.control.acceptInvite({ inviteId: invite.id, firstname: 'Renata', lastname: 'Agência' })
  await ok(world, 'sync.run', {})
  return Object.assign(world, { clientId, userId: accepted.userId })
}

const onPortal = (world: World) =>
  world.portal.control
    .snapshot()
    .users.find((user) => user.id === world.userId)
    ?.clients.find((link) => link.clientid === world.clientId) ?? null
const loginOf = (view: MethodOutput<'clients.open'>, userId: number) => view.logins?.find((login) => login.userId === userId)

describe('8.x logins that are not contacts', () => {
  it('change permissions offline: pending on the page, on the portal after the next sync', async () => {
    const world = await setUp()
    expect(loginOf(await ok(world, 'clients.open', { id: world.clientId }), world.userId)).toMatchObject({
      kind: 'user',
      email: EMAIL,
      contactLocalId: null,
      sync: 'synced',
    })
    await world.portal.faults.add({ kind: 'down' })
    const login = await ok(world, 'logins.setAccess', {
      clientId: world.clientId,
      userId: world.userId,
      access: { enabled: true, permissions: ['invoices', 'quotes', 'emails'] },
    })
    expect(login).toMatchObject({ permissions: ['invoices', 'quotes', 'emails'], sync: 'pending', removing: false })
    const offline = await ok(world, 'clients.open', { id: world.clientId, refresh: false })
    expect(loginOf(offline, world.userId)).toMatchObject({ permissions: ['invoices', 'quotes', 'emails'], sync: 'pending' })
    expect((await ok(world, 'outbox.list', {}))[0]).toMatchObject({ op: 'change_login_access', label: `Renata Agência <${EMAIL}>` })
    expect(onPortal(world)?.permissions.sort()).toEqual(['invoices', 'tickets'])

    expect(await call(world, 'sync.run', {})).toMatchObject({ ok: false, error: { code: 'unreachable' } })
    await world.portal.faults.clear()
    expect((await ok(world, 'sync.run', {})).pushed).toMatchObject({ sent: 1, conflicts: 0 })
    expect(onPortal(world)?.permissions.sort()).toEqual(['emails', 'invoices', 'quotes'])
    expect(loginOf(await ok(world, 'clients.open', { id: world.clientId, refresh: false }), world.userId)).toMatchObject({
      sync: 'synced',
      permissions: ['invoices', 'quotes', 'emails'],
    })
    const audit = await ok(world, 'audit.list', { clientId: world.clientId })
    expect(audit[0]).toMatchObject({ entity: 'login', action: 'change_login_access', new: { enabled: true, permissions: ['invoices', 'quotes', 'emails'] } })
    expect(audit[0]!.syncedAt).not.toBeNull()
  })

  it('take the access away: the login leaves the client on the portal and on the page', async () => {
    const world = await setUp()
    await ok(world, 'clients.open', { id: world.clientId })
    const login = await ok(world, 'logins.setAccess', { clientId: world.clientId, userId: world.userId, access: { enabled: false, permissions: [] } })
    expect(login).toMatchObject({ removing: true, sync: 'pending' })
    await ok(world, 'sync.run', {})
    expect(onPortal(world)).toBeNull()
    expect(loginOf(await ok(world, 'clients.open', { id: world.clientId, refresh: false }), world.userId)).toBeUndefined()
  })

  it('changing it back before the sync leaves nothing to send', async () => {
    const world = await setUp()
    await ok(world, 'clients.open', { id: world.clientId })
    await ok(world, 'logins.setAccess', { clientId: world.clientId, userId: world.userId, access: { enabled: false, permissions: [] } })
    await ok(world, 'logins.setAccess', { clientId: world.clientId, userId: world.userId, access: { enabled: true, permissions: ['tickets', 'invoices'] } })
    expect(await ok(world, 'outbox.list', {})).toEqual([])
  })

  it('a change made on the portal meanwhile is a conflict, resolved with mine', async () => {
    const world = await setUp()
    await ok(world, 'clients.open', { id: world.clientId })
    await ok(world, 'logins.setAccess', { clientId: world.clientId, userId: world.userId, access: { enabled: true, permissions: ['invoices'] } })
    await world.portal.control.edit('UpdateUserPermissions', { user_id: world.userId, client_id: world.clientId, permissions: 'tickets,domains' })
    expect((await ok(world, 'sync.run', {})).pushed).toMatchObject({ conflicts: 1, sent: 0 })
    const conflicts = await ok(world, 'conflicts.list', {})
    expect(conflicts).toHaveLength(1)
    expect(conflicts[0]).toMatchObject({ entity: 'login', key: 'access', base: 'on:invoices,tickets', mine: 'on:invoices', theirs: 'on:domains,tickets' })
    expect(onPortal(world)?.permissions.sort()).toEqual(['domains', 'tickets'])
    await ok(world, 'conflicts.resolve', { id: conflicts[0]!.id, choice: 'mine' })
    await ok(world, 'sync.run', {})
    expect(onPortal(world)?.permissions).toEqual(['invoices'])
    expect(await ok(world, 'conflicts.list', {})).toEqual([])
  })

  it('refuses the owner, and a login that is a contact', async () => {
    const world = await setUp()
    const view = await ok(world, 'clients.open', { id: world.clientId })
    const owner = view.logins!.find((login) => login.kind === 'owner')!
    const refused = await call(world, 'logins.setAccess', { clientId: world.clientId, userId: owner.userId!, access: { enabled: false, permissions: [] } })
    expect(refused).toMatchObject({ ok: false, error: { code: 'owner_locked' } })
    await ok(world, 'contacts.create', {
      clientId: world.clientId,
      fields: { ...newContactFields(), firstName: 'Renata', lastName: 'Agência', email: EMAIL },
    })
    const asContact = await call(world, 'logins.setAccess', { clientId: world.clientId, userId: world.userId, access: { enabled: false, permissions: [] } })
    expect(asContact).toMatchObject({ ok: false, error: { code: 'validation' } })
  })

  it('an edit made while the first one is out goes next, and the history says which one reached the portal', async () => {
    const world = await setUp()
    await ok(world, 'clients.open', { id: world.clientId })
    await ok(world, 'logins.setAccess', { clientId: world.clientId, userId: world.userId, access: { enabled: true, permissions: ['invoices'] } })
    await world.portal.faults.add({ kind: 'latency', ms: 150, actions: ['UpdateUserPermissions'], count: 1 })
    let arrived!: () => void
    const writing = new Promise<void>((resolve) => (arrived = resolve))
    const watch = setInterval(() => world.portal.faults.list().length === 0 && arrived(), 2)
    const sync = ok(world, 'sync.run', {})
    await writing
    clearInterval(watch)
    await ok(world, 'logins.setAccess', { clientId: world.clientId, userId: world.userId, access: { enabled: true, permissions: ['invoices', 'domains'] } })
    await sync
    expect(onPortal(world)?.permissions).toEqual(['invoices'])
    const history = async () => (await ok(world, 'audit.list', { clientId: world.clientId })).filter((row) => row.entity === 'login')
    expect((await history()).map((row) => row.syncedAt === null)).toEqual([true, false])
    await ok(world, 'sync.run', {})
    expect(onPortal(world)?.permissions.sort()).toEqual(['domains', 'invoices'])
    expect((await history()).every((row) => row.syncedAt !== null)).toBe(true)
    expect(await ok(world, 'outbox.list', {})).toEqual([])
  })

  it('revoke a departed person everywhere: found by e-mail on clients never opened, one transaction with their contacts, gone after a sync', async () => {
    const world = await setUp()
    const email = 'saiu@agencia-parceira.com.br'
    const { portal } = world
    const [withContact, ...loginOnly] = portal.control
      .snapshot()
      .clients.slice(4, 8)
      .map((client) => client.id)
    await portal.control.edit('AddContact', { clientid: withContact!, firstname: 'Ana', lastname: 'Saiu', email })
    for (const clientId of [withContact!, ...loginOnly]) {
      await portal.control.edit('CreateClientInvite', { client_id: clientId, email, permissions: 'invoices' })
    }
    for (const invite of portal.control.snapshot().invites.filter((each) => each.email === email)) await portal.control.acceptInvite({ inviteId: invite.id })
    await ok(world, 'sync.run', {})

    const hits = await ok(world, 'logins.search', { email: ` ${email.toUpperCase()} ` })
    expect(hits.map((hit) => hit.clientId).sort()).toEqual([...loginOnly].sort())
    expect(hits[0]).toMatchObject({ email, permissions: null, sync: 'synced', removing: false })
    expect(await ok(world, 'logins.search', { email: 'saiu@' })).toEqual([])
    const contact = (await ok(world, 'contacts.search', { search: email })).items.map((hit) => hit.contact)
    expect(contact.map((each) => each.clientId)).toEqual([withContact])

    await ok(world, 'bulk.setAccess', {
      localIds: [contact[0]!.localId],
      logins: hits.map(({ clientId, userId }) => ({ clientId, userId })),
      access: { enabled: false, permissions: [] },
    })
    expect((await ok(world, 'logins.search', { email })).every((hit) => hit.removing && hit.sync === 'pending')).toBe(true)
    expect((await ok(world, 'outbox.list', {})).map((entry) => entry.op).sort()).toEqual([
      'revoke_access',
      'revoke_login_access',
      'revoke_login_access',
      'revoke_login_access',
    ])
    expect((await ok(world, 'sync.run', {})).pushed).toMatchObject({ sent: 4, conflicts: 0 })
    expect(portal.control.snapshot().users.find((user) => user.email === email)?.clients).toEqual([])
    expect(await ok(world, 'logins.search', { email })).toEqual([])
  })

  it('a bulk change with a refused login changes nobody', async () => {
    const world = await setUp()
    const view = await ok(world, 'clients.open', { id: world.clientId })
    const owner = view.logins!.find((login) => login.kind === 'owner')!
    const refused = await call(world, 'bulk.setAccess', {
      logins: [
        { clientId: world.clientId, userId: world.userId },
        { clientId: world.clientId, userId: owner.userId! },
      ],
      access: { enabled: false, permissions: [] },
    })
    expect(refused).toMatchObject({ ok: false, error: { code: 'owner_locked' } })
    expect(await ok(world, 'outbox.list', {})).toEqual([])
  })
})
