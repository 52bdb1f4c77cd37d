// clients.open from the cache alone (refresh: false): no request at all, even with the portal up, and the
// edit just made is on the page; and the audit log of an edit made with no staff name set.
import { describe, expect, it } from 'vitest'
import type { HttpTransport } from '../../../src/main/core/portal/transport'
import type { DemoPortal } from '../../../src/main/demo-portal/server'
import { inProcessTransport } from '../../support/in-process-transport'
import { ok, startWorld, type DeskWorld } from '../../support/desk-world'

interface World extends DeskWorld {
  /** Actions sent to the portal, in order. */
  sent: string[]
}

/** The desk reaches the portal in process, through a transport that notes every action it sends. */
async function setUp(generation: '7' | '8'): Promise<World> {
  const sent: string[] = []
  const counting = (portal: DemoPortal): HttpTransport => {
    const transport = inProcessTransport(portal)
    return (url, request) => {
      sent.push(new URLSearchParams(request.body).get('action') ?? '?')
      return transport(url, request)
    }
  }
  return Object.assign(await startWorld({ portal: { clients: 20, seed: 5, generation, control: true }, transport: counting }), { sent })
}

describe('clients.open with refresh: false', () => {
  it.each(['7', '8'] as const)('on %s.x builds the page from the cache, sends nothing, and shows the edit just made', async (generation) => {
    const world = await setUp(generation)
    const clientId = Number(world.portal.control.snapshot().contacts[0]!.userid)
    const read = await ok(world, 'clients.open', { id: clientId })
    expect(read.fresh).toBe(true)
    expect(world.sent).toContain('GetClientsDetails')
    const contact = read.contacts[0]!
    await ok(world, 'contacts.update', { localId: contact.localId, changes: { city: 'Recife', state: 'PE' } })

    world.sent.length = 0
    const status = await ok(world, 'app.status', {})
    const cached = await ok(world, 'clients.open', { id: clientId, refresh: false })
    expect(world.sent).toEqual([])
    expect(cached).toMatchObject({ fresh: false, fetchedAt: read.fetchedAt, logins: read.logins, ownerEmailPreferences: read.ownerEmailPreferences })
    expect(cached.contacts.find((each) => each.localId === contact.localId)).toMatchObject({ city: 'Recife', state: 'PE', sync: 'pending' })
    // A cache read says nothing about the portal: "online" stays what the last request found.
    expect((await ok(world, 'app.status', {})).online).toBe(status.online)

    // The default still asks the portal.
    await ok(world, 'clients.open', { id: clientId })
    expect(world.sent).toContain('GetClientsDetails')
  })

  it('answers from the cache while the portal is down, without trying it', async () => {
    const world = await setUp('8')
    const clientId = Number(world.portal.control.snapshot().contacts[0]!.userid)
    const read = await ok(world, 'clients.open', { id: clientId })
    await world.portal.faults.add({ kind: 'down' })
    world.sent.length = 0
    expect(await ok(world, 'clients.open', { id: clientId, refresh: false })).toMatchObject({
      fresh: false,
      fetchedAt: read.fetchedAt,
      contacts: read.contacts,
    })
    expect(world.sent).toEqual([])
  })
})

describe('the audit log with no staff name set', () => {
  it("records '' (the screens word it), never a made-up name", async () => {
    const world = await setUp('8')
    const clientId = Number(world.portal.control.snapshot().contacts[0]!.userid)
    const [contact] = await ok(world, 'contacts.list', { clientId })
    await ok(world, 'contacts.update', { localId: contact!.localId, changes: { city: 'Recife', state: 'PE' } })
    expect((await ok(world, 'audit.list', { clientId })).map((row) => row.staff)).toEqual([''])
    expect((await ok(world, 'outbox.list', {})).map((item) => item.staff)).toEqual([''])
    await ok(world, 'settings.update', { staffName: 'Ana' })
    await ok(world, 'contacts.update', { localId: contact!.localId, changes: { city: 'Olinda' } })
    expect((await ok(world, 'audit.list', { clientId })).map((row) => row.staff).sort()).toEqual(['', 'Ana'])
  })
})
