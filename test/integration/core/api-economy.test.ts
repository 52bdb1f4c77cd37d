// What each feature costs the portal (issue 11): the demo portal counts every API request it receives, so these
// counts are exact. After a full sync, an edit goes in a push-only pass that reads only what its entry needs —
// never the whole portal — and opening a client reads just that client (its details, contacts, latest e-mails, 8.x permissions).
import { describe, expect, it } from 'vitest'
import { openPortalCache } from '../../../src/main/core/db/portal-cache'
import { pulledListSizes } from '../../../src/main/core/db/sync-runs'
import { pullCalls } from '../../../src/main/core/sync/pull-interval'
import type { DemoPortal } from '../../../src/main/demo-portal/server'
import { newContactFields } from '../../../src/shared/contact-rules'
import type { Permission } from '../../../src/shared/domain'
import { call, ok, startWorld, type DeskWorld } from '../../support/desk-world'

/**
 * The API requests the portal received while `work` ran, by action, and in all. LogActivity (the trail in the
 * portal's activity log, on by default) is outside the per-edit budget: one call per client per pass, counted
 * apart in `logged`, so `byAction` and `total` are what the edits themselves cost.
 */
async function costOf(world: DeskWorld, work: () => Promise<unknown>): Promise<{ total: number; byAction: Record<string, number>; logged: number }> {
  const before = world.portal.control.calls()
  await work()
  const after = world.portal.control.calls()
  const byAction: Record<string, number> = {}
  for (const [action, count] of Object.entries(after)) {
    const made = count - (before[action] ?? 0)
    if (made > 0) byAction[action] = made
  }
  const logged = byAction.logactivity ?? 0
  delete byAction.logactivity
  return { total: Object.values(byAction).reduce((sum, n) => sum + n, 0), byAction, logged }
}

const push = (world: DeskWorld) => ok(world, 'sync.run', { scope: 'push' })

/** Four new contacts on each of the portal's first 5 clients (`more` may give one a login), synced, then one preset given to the 20: what pushing it costs. */
async function presetOnTwentyContacts(w: DeskWorld, more: (clientId: number, email: string, n: number) => Promise<unknown> | undefined) {
  const clients = w.portal.control
    .snapshot()
    .clients.slice(0, 5)
    .map((client) => client.id)
  for (const clientId of clients) {
    for (let n = 0; n < 4; n++) {
      const email = `pessoa${n}.cliente${clientId}@gmail.com`
      await addRemoteContact(w.portal, clientId, email)
      await more(clientId, email, n)
    }
  }
  await ok(w, 'sync.run', {})
  const localIds: string[] = []
  for (const clientId of clients) {
    const listed = await ok(w, 'contacts.list', { clientId })
    localIds.push(...listed.filter((contact) => contact.email.startsWith('pessoa')).map((contact) => contact.localId))
  }
  expect(localIds).toHaveLength(20)
  await ok(w, 'bulk.setAccess', { localIds, logins: [], access: { enabled: true, permissions: ['invoices', 'quotes', 'orders', 'emails'] } })
  return costOf(w, () => push(w))
}

async function world(generation: '7' | '8', clients = 40): Promise<DeskWorld> {
  return startWorld({ portal: { clients, seed: 11, generation, control: true } })
}

/** A client of the portal with at least one contact, and that contact's local id here. */
async function someContact(world: DeskWorld): Promise<{ clientId: number; localId: string; email: string }> {
  const state = world.portal.control.snapshot()
  const remote = state.contacts[0]!
  const [local] = (await ok(world, 'contacts.list', { clientId: remote.userid })).filter((contact) => contact.remoteId === remote.id)
  return { clientId: remote.userid, localId: local!.localId, email: remote.email }
}

/** On 8.x: the person with this e-mail gets a login on the client (an invite of ours, accepted). */
async function giveLogin(portal: DemoPortal, clientId: number, email: string, permissions: Permission[] = ['invoices']): Promise<number> {
  await portal.control.edit('CreateClientInvite', { client_id: clientId, email, permissions: permissions.join(',') })
  const invite = portal.control.snapshot().invites.find((each) => each.clientid === clientId && each.email === email)!
  return (await portal.control.acceptInvite({ inviteId: invite.id })).userId
}

async function addRemoteContact(portal: DemoPortal, clientId: number, email: string): Promise<number> {
  const answer = await portal.control.edit('AddContact', {
    clientid: clientId,
    firstname: 'Pessoa',
    lastname: 'Extra',
    email,
    email_preferences: { invoice: 1 },
  })
  return Number(answer.contactid)
}

/** The contact the edit tests create (and delete again). */
const newPerson = () => ({ ...newContactFields(), firstName: 'Nova', lastName: 'Pessoa', email: 'nova.pessoa@gmail.com' })
const onPortal = (world: DeskWorld, email: string) => world.portal.control.snapshot().contacts.some((contact) => contact.email === email)

describe.each(['7', '8'] as const)('WHMCS %s.x: an edit costs the calls its operation needs', (generation) => {
  it('a contact create, update or delete: at most 3 calls each, and nothing of the rest of the portal', async () => {
    const w = await world(generation)
    const { clientId, localId } = await someContact(w)
    const created = await ok(w, 'contacts.create', { clientId, fields: newPerson() })
    const create = await costOf(w, () => push(w))
    expect(create.byAction).toEqual({ addcontact: 1, getcontacts: 1 })

    await ok(w, 'contacts.update', { localId, changes: { city: 'Cidade Nova do Teste' } })
    const update = await costOf(w, () => push(w))
    expect(update.byAction).toEqual({ getcontacts: 2, updatecontact: 1 })

    await ok(w, 'contacts.delete', { localId: created.localId })
    const deletion = await costOf(w, () => push(w))
    expect(deletion.byAction).toEqual({ getcontacts: 1, deletecontact: 1 })
    expect(onPortal(w, newPerson().email)).toBe(false)
  })

  it('a client with more than 500 contacts: a create, update or delete costs at most one more call per extra page', async () => {
    const w = await world(generation, 5)
    const { clientId, localId } = await someContact(w)
    for (let n = 0; n < 520; n++) await addRemoteContact(w.portal, clientId, `extra${n}@cliente.com.br`)
    await ok(w, 'sync.run', {})
    await ok(w, 'contacts.update', { localId, changes: { city: 'Cidade Nova do Teste' } })
    const update = await costOf(w, () => push(w))
    // Read before the write (two pages), and after it only the page the contact is on.
    expect(update.byAction).toEqual({ getcontacts: 3, updatecontact: 1 })
    expect(update.total).toBeLessThanOrEqual(3 + 1)

    const created = await ok(w, 'contacts.create', { clientId, fields: newPerson() })
    const create = await costOf(w, () => push(w))
    expect(create.byAction).toEqual({ addcontact: 1, getcontacts: 2 })
    expect(create.total).toBeLessThanOrEqual(3 + 1)
    await ok(w, 'contacts.delete', { localId: created.localId })
    const deletion = await costOf(w, () => push(w))
    expect(deletion.byAction).toEqual({ getcontacts: 2, deletecontact: 1 })
    expect(deletion.total).toBeLessThanOrEqual(3 + 1)
    expect(onPortal(w, newPerson().email)).toBe(false)
  })

  it("the owner's e-mail preferences: at most 3 calls", async () => {
    const w = await world(generation)
    const { clientId } = await someContact(w)
    const page = await ok(w, 'clients.open', { id: clientId })
    await ok(w, 'clients.setEmailPreferences', {
      clientId,
      emailPreferences: { ...page.ownerEmailPreferences!, product: !page.ownerEmailPreferences!.product },
    })
    const cost = await costOf(w, () => push(w))
    expect(cost.byAction).toEqual({ getclientsdetails: 2, updateclient: 1 })
  })

  it('a push with nothing waiting asks the portal nothing', async () => {
    const w = await world(generation)
    expect((await costOf(w, () => push(w))).total).toBe(0)
  })
})

describe('WHMCS 7.x access', () => {
  it('a grant costs 3 calls: the contact read, the sub-account written, read again', async () => {
    const w = await world('7')
    const { localId } = await someContact(w)
    await ok(w, 'access.set', { localId, access: { enabled: true, permissions: ['invoices', 'tickets'] }, password: 'Senha-Forte-123' })
    const cost = await costOf(w, () => push(w))
    expect(cost.byAction).toEqual({ getcontacts: 2, updatecontact: 1 })
  })

  it('a preset given to 20 contacts of 5 clients costs at most 3 calls per contact and 2 per client', async () => {
    const w = await world('7')
    const cost = await presetOnTwentyContacts(w, () => undefined)
    expect(cost.total).toBeLessThanOrEqual(3 * 20 + 2 * 5)
    // Each client's contacts read once, then each sub-account written and its client's contacts read again.
    expect(cost.byAction).toEqual({ getcontacts: 25, updatecontact: 20 })
    // And one activity-log entry per client, whatever its number of edits.
    expect(cost.logged).toBe(5)
    expect((await ok(w, 'outbox.list', {})).length).toBe(0)
  })

  it('a grant on a client with more than 500 contacts costs one more call per extra page', async () => {
    const w = await world('7', 5)
    const { clientId, localId } = await someContact(w)
    for (let n = 0; n < 520; n++) await addRemoteContact(w.portal, clientId, `extra${n}@cliente.com.br`)
    await ok(w, 'sync.run', {})
    await ok(w, 'access.set', { localId, access: { enabled: true, permissions: ['invoices'] }, password: 'Senha-Forte-123' })
    const cost = await costOf(w, () => push(w))
    // Its contacts read before (two pages), and after the write only the page the contact is on.
    expect(cost.byAction).toEqual({ getcontacts: 3, updatecontact: 1 })
  })

  it('opening a client costs 3 calls: its details, its contacts and its latest e-mails', async () => {
    const w = await world('7')
    const { clientId } = await someContact(w)
    const cost = await costOf(w, () => ok(w, 'clients.open', { id: clientId }))
    expect(cost.byAction).toEqual({ getclientsdetails: 1, getcontacts: 1, getemails: 1 })
  })
})

describe('WHMCS 8.x access: one person is read, never every login of the client', () => {
  /** A client with many logins, one of them the contact's own. */
  async function crowded(): Promise<{ w: DeskWorld; clientId: number; localId: string; email: string; logins: number }> {
    const w = await world('8')
    const { clientId, localId, email } = await someContact(w)
    for (let n = 0; n < 8; n++) await giveLogin(w.portal, clientId, `login${n}@escritorio.com.br`)
    await giveLogin(w.portal, clientId, email, ['invoices'])
    await ok(w, 'sync.run', {})
    const logins = w.portal.control.snapshot().users.filter((user) => user.clients.some((link) => link.clientid === clientId && !link.owner)).length
    return { w, clientId, localId, email, logins }
  }

  it('opening a client costs 3 calls plus one per login', async () => {
    const { w, clientId, logins } = await crowded()
    expect(logins).toBeGreaterThanOrEqual(9)
    const cost = await costOf(w, () => ok(w, 'clients.open', { id: clientId }))
    expect(cost.byAction).toEqual({ getclientsdetails: 1, getcontacts: 1, getuserpermissions: logins, getemails: 1 })
  })

  it('a change of permissions or a revoke costs at most 5 calls, with nine logins on the client', async () => {
    const { w, localId, email, clientId } = await crowded()
    // As staff do: the client's page shows the person's login and permissions first.
    await ok(w, 'clients.open', { id: clientId })
    await ok(w, 'access.set', { localId, access: { enabled: true, permissions: ['invoices', 'quotes', 'orders'] } })
    const change = await costOf(w, () => push(w))
    expect(change.byAction).toEqual({ getcontacts: 1, getclientsdetails: 1, getuserpermissions: 2, updateuserpermissions: 1 })
    const user = w.portal.control.snapshot().users.find((each) => each.email === email)!
    expect(
      user.clients
        .find((link) => link.clientid === clientId)
        ?.permissions.slice()
        .sort(),
    ).toEqual(['invoices', 'orders', 'quotes'])

    await ok(w, 'access.set', { localId, access: { enabled: false, permissions: [] } })
    const revoke = await costOf(w, () => push(w))
    expect(revoke.byAction).toEqual({ getcontacts: 1, getclientsdetails: 2, getuserpermissions: 1, deleteuserclient: 1 })
    expect(
      w.portal.control
        .snapshot()
        .users.find((each) => each.email === email)
        ?.clients.some((link) => link.clientid === clientId),
    ).toBe(false)
  })

  it('a grant to a person without a login is one invite, with the client read once', async () => {
    const { w, clientId } = await crowded()
    const created = await ok(w, 'contacts.create', {
      clientId,
      fields: { ...newContactFields(), firstName: 'Segundo', lastName: 'Contato', email: 'segundo.contato@gmail.com' },
    })
    await push(w)
    await ok(w, 'access.set', { localId: created.localId, access: { enabled: true, permissions: ['invoices'] } })
    const grant = await costOf(w, () => push(w))
    expect(grant.byAction).toEqual({ getcontacts: 1, getclientsdetails: 1, createclientinvite: 1 })
  })

  it('an e-mail change that moves the contact to another login costs at most 5 calls', async () => {
    const { w, localId, clientId } = await crowded()
    // login0@ already logs in to this client: the contact's new address is that person's.
    await ok(w, 'contacts.update', { localId, changes: { email: 'login0@escritorio.com.br' } })
    const cost = await costOf(w, () => push(w))
    expect(cost.byAction).toEqual({ getcontacts: 2, updatecontact: 1, getclientsdetails: 1, getuserpermissions: 1 })
    const page = await ok(w, 'clients.open', { id: clientId, refresh: false })
    expect(page.contacts.find((contact) => contact.localId === localId)?.access).toEqual({ enabled: true, permissions: ['invoices'] })
  })

  it('a preset given to 20 contacts of 5 clients costs at most 3 calls per contact and 2 per client', async () => {
    const w = await world('8')
    // Half of them already log in: their permissions are changed; the others get invites.
    const cost = await presetOnTwentyContacts(w, (clientId, email, n) => (n % 2 === 0 ? giveLogin(w.portal, clientId, email, ['tickets']) : undefined))
    expect(cost.total).toBeLessThanOrEqual(3 * 20 + 2 * 5)
    expect(cost.byAction).toEqual({ getcontacts: 5, getclientsdetails: 5, getuserpermissions: 20, updateuserpermissions: 10, createclientinvite: 10 })
    expect(cost.logged).toBe(5)
    expect((await ok(w, 'outbox.list', {})).length).toBe(0)
  })
})

describe('a whole-portal pull', () => {
  it.each(['7', '8'] as const)('on %s.x costs at most one call per 500 records of each list, plus one', async (generation) => {
    const w = await world(generation, 1_300)
    const state = w.portal.control.snapshot()
    const cost = await costOf(w, () => ok(w, 'sync.run', {}))
    const pages = (records: number) => Math.ceil(records / 500) + 1
    expect(cost.byAction.getclients).toBeLessThanOrEqual(pages(state.clients.length))
    expect(cost.byAction.getcontacts).toBeLessThanOrEqual(pages(state.contacts.length))
    expect(cost.byAction.getclientsdomains).toBeLessThanOrEqual(pages(state.domains.length))
    // Hosting services, for their domains: one listing more, paged like the others.
    expect(cost.byAction.getclientsproducts).toBeLessThanOrEqual(pages(state.products.length))
    if (generation === '8') expect(cost.byAction.getusers).toBeLessThanOrEqual(pages(state.users.length))
    else expect(cost.byAction.getusers).toBeUndefined()
    expect(Object.keys(cost.byAction).sort()).toEqual(
      generation === '8'
        ? ['getclients', 'getclientsdomains', 'getclientsproducts', 'getcontacts', 'getusers']
        : ['getclients', 'getclientsdomains', 'getclientsproducts', 'getcontacts'],
    )
    // What the schedule counts a pull at (pull-interval.ts) is what one costs: so an idle desktop's average holds.
    const cache = openPortalCache(w.dir.path, { apiUrl: w.portal.apiUrl, identifier: w.portal.identifier })
    try {
      expect(cost.total).toBe(pullCalls(pulledListSizes(cache, generation)))
    } finally {
      cache.close()
    }
  })
})

describe('the app by itself', () => {
  it('waits after a whole-portal pull until its calls are paid for at 0.1 a second: a bigger portal, a longer wait', { timeout: 120_000 }, async () => {
    // 22,000 clients: some 130 calls a pull (hosting services included), more than 15 minutes' worth at 0.1 a second.
    const w = await startWorld({ portal: { clients: 22_000, seed: 11, generation: '8', control: true }, autoSync: true, settings: { backgroundCheck: false } })
    // A pull asked for counts as the scheduled one: the next is due once its calls, counted by the portal, are paid for.
    const pull = await costOf(w, () => ok(w, 'sync.run', {}))
    const status = await ok(w, 'app.status', {})
    const waitMs = Date.parse(status.nextPullAt!) - Date.parse(status.lastSync!.at)
    expect(pull.total).toBeGreaterThan(90)
    // Within a call's worth (the desk counts a pull's pages from the list sizes), and at most 20 % longer (the jitter).
    expect(waitMs).toBeGreaterThanOrEqual((pull.total - 1) * 10_000)
    expect(waitMs).toBeLessThanOrEqual((pull.total + 1) * 10_000 * 1.2)
  })

  it('sends an edit 3 s later in a push-only pass: no whole-portal pull', async () => {
    // The background check off: only what the edit costs is counted (its own pace is counted in background-check.test.ts).
    const w = await startWorld({ portal: { clients: 40, seed: 11, generation: '8', control: true }, autoSync: true, settings: { backgroundCheck: false } })
    const { localId } = await someContact(w)
    const cost = await costOf(w, async () => {
      await ok(w, 'contacts.update', { localId, changes: { city: 'Caruaru' } })
      await expect.poll(async () => (await ok(w, 'outbox.list', {})).length, { timeout: 10_000, interval: 200 }).toBe(0)
    })
    expect(cost.byAction).toEqual({ getcontacts: 2, updatecontact: 1 })
    expect(cost.logged).toBe(1)
    expect((await call(w, 'app.status', {})).ok).toBe(true)
  })
})
