// The trail on the portal too (docs/WHMCS.md §10): the core against the demo portal over real HTTP. After a push
// pass, one LogActivity entry per client whose edits reached the portal, naming the staff member and each change
// with personal data masked; none when the setting is off; a role that refuses LogActivity never fails the pass.
import { describe, expect, it } from 'vitest'
import { ok, startWorld, type DeskWorld } from '../../support/desk-world'

async function world(generation: '7' | '8', deniedActions: string[] = []): Promise<DeskWorld> {
  const w = await startWorld({ portal: { clients: 30, seed: 11, generation, control: true, deniedActions }, timeoutMs: 5_000 })
  await ok(w, 'settings.update', { staffName: 'Joana' })
  return w
}

/** The first contact of each of two clients, as the desk knows them. */
async function twoContacts(w: DeskWorld) {
  const contacts = w.portal.control.snapshot().contacts
  const first = contacts[0]!
  const second = contacts.find((contact) => contact.userid !== first.userid)!
  const local = async (remote: typeof first) =>
    (await ok(w, 'contacts.list', { clientId: Number(remote.userid) })).find((contact) => contact.remoteId === Number(remote.id))!
  return [
    { clientId: Number(first.userid), remote: first, local: await local(first) },
    { clientId: Number(second.userid), remote: second, local: await local(second) },
  ]
}

/** Edits on two clients (an e-mail and a preference on one, a city on the other), then a push-only pass. */
async function editTwoClientsAndPush(w: DeskWorld) {
  const [a, b] = await twoContacts(w)
  await ok(w, 'contacts.update', { localId: a!.local.localId, changes: { email: 'nova.joana.teste@gmail.com', city: 'Caruaru' } })
  await ok(w, 'contacts.update', { localId: b!.local.localId, changes: { city: 'Olinda' } })
  const before = w.portal.control.calls().logactivity ?? 0
  const summary = await ok(w, 'sync.run', { scope: 'push' })
  return { a: a!, b: b!, summary, logged: (w.portal.control.calls().logactivity ?? 0) - before }
}

describe.each(['7', '8'] as const)('WHMCS %s.x: the activity log', (generation) => {
  it('a push with edits on 2 clients makes exactly 2 LogActivity calls, naming the staff member, values masked', async () => {
    const w = await world(generation)
    const { a, b, summary, logged } = await editTwoClientsAndPush(w)
    expect(logged).toBe(2)
    expect(summary.pushed).toMatchObject({ sent: 2, skipped: [] })
    const activity = w.portal.control.snapshot().activity
    expect(activity.map((entry) => entry.clientid)).toEqual([a.clientId, b.clientId])
    const [first, second] = activity
    expect(first!.description).toMatch(/^Contact Desk \(Joana\): contact .+: /)
    expect(first!.description).toContain('email ')
    expect(first!.description).toContain('→ n***@gmail.com')
    expect(first!.description).toContain('→ Caruaru')
    expect(first!.description).not.toContain('nova.joana.teste@gmail.com')
    expect(first!.description).not.toContain(a.remote.email)
    expect(second!.description).toContain('city ')
    expect(second!.description).toContain('→ Olinda')
    // The edits themselves reached the portal.
    const contacts = w.portal.control.snapshot().contacts
    expect(contacts.find((contact) => contact.id === a.remote.id)?.email).toBe('nova.joana.teste@gmail.com')
    expect(contacts.find((contact) => contact.id === b.remote.id)?.city).toBe('Olinda')
  })

  it('the setting off: the edits go and no LogActivity is made', async () => {
    const w = await world(generation)
    await ok(w, 'settings.update', { recordActivity: false })
    const { summary, logged } = await editTwoClientsAndPush(w)
    expect(logged).toBe(0)
    expect(summary.pushed.sent).toBe(2)
    expect(w.portal.control.snapshot().activity).toEqual([])
  })

  it('a role that refuses LogActivity: the sync succeeds, the edits are sent, the refusal is reported once, and the next pass tries once again', async () => {
    const w = await world(generation, ['LogActivity'])
    const { b, summary, logged } = await editTwoClientsAndPush(w)
    // Refused on the first client: the second is not asked in the same pass.
    expect(logged).toBe(1)
    expect(summary.pushed).toMatchObject({ sent: 2, failed: 0, rejected: 0, skipped: [{ action: 'LogActivity', error: { code: 'permission_denied' } }] })
    expect(summary.pushed.skipped).toHaveLength(1)
    expect(await ok(w, 'outbox.list', {})).toEqual([])
    const status = await ok(w, 'app.status', {})
    expect(status.refused).toBeNull()
    expect(status.lastSync).toMatchObject({ ok: true, skipped: [{ action: 'LogActivity', error: { code: 'permission_denied' } }] })

    // The next pass with an edit asks once again (never endlessly), and still succeeds.
    await ok(w, 'contacts.update', { localId: b.local.localId, changes: { city: 'Recife' } })
    const before = w.portal.control.calls().logactivity ?? 0
    const next = await ok(w, 'sync.run', { scope: 'push' })
    expect((w.portal.control.calls().logactivity ?? 0) - before).toBe(1)
    expect(next.pushed).toMatchObject({ sent: 1, skipped: [{ action: 'LogActivity' }] })
    // A pass with nothing to send asks nothing, and the warning goes with it.
    const idle = await ok(w, 'sync.run', { scope: 'push' })
    expect((w.portal.control.calls().logactivity ?? 0) - before).toBe(1)
    expect(idle.pushed.skipped).toEqual([])
    expect((await ok(w, 'app.status', {})).lastSync?.skipped).toEqual([])
  })
})
