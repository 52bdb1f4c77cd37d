// An auxiliary read never sinks a sync: the core against the demo portal over real HTTP with a real SQLite file.
// A read that only helps (GetClientsDomains, GetClientsProducts) and that the API role refuses, the portal does not know, or answers
// in a form we cannot read is skipped for that pass with a warning naming it; the rest of the pass lands, and
// what the cache held of that read is kept. Trouble of the network or the server still stops the pass.
import { describe, expect, it } from 'vitest'
import type { FaultSpec } from '../../../src/main/demo-portal/faults'
import { ok, startWorld, type DeskWorld } from '../../support/desk-world'

const world = (deniedActions: string[] = []) => startWorld({ portal: { clients: 60, seed: 31, generation: '8', deniedActions }, timeoutMs: 5_000 })

const AUXILIARY = ['GetClientsDomains', 'GetClientsProducts'] as const
type Auxiliary = (typeof AUXILIARY)[number]
/** What each auxiliary read fills in PullCounts, and the demo portal's list of it. */
const LIST = { GetClientsDomains: 'domains', GetClientsProducts: 'products' } as const

/** A pass with one fault on an auxiliary read, while another staff member renames a client on the portal. */
async function passWith(w: DeskWorld, kind: FaultSpec['kind'], action: Auxiliary) {
  const client = w.portal.control.snapshot().clients[3]!
  await w.portal.control.edit('UpdateClient', { clientid: client.id, firstname: 'Renomeada' })
  await w.portal.faults.add({ kind, actions: [action] } as FaultSpec)
  const summary = await ok(w, 'sync.run', {})
  await w.portal.faults.clear()
  return { summary, renamed: await ok(w, 'clients.get', { id: Number(client.id) }) }
}

describe('an auxiliary read never sinks a sync', () => {
  it('a role that refuses GetClientsDomains: the first sync lands everything else and names the read it went without', async () => {
    const w = await world(['GetClientsDomains'])
    const status = await ok(w, 'app.status', {})
    expect(status.clientCount).toBe(60)
    expect(status.lastSync).toMatchObject({ ok: true, skipped: [{ action: 'GetClientsDomains', error: { code: 'permission_denied' } }] })
    const contacts = w.portal.control.snapshot().contacts
    expect((await ok(w, 'contacts.list', { clientId: Number(contacts[0]!.userid) })).length).toBeGreaterThan(0)
  })

  it('a role that refuses GetClientsProducts: the sync lands everything else, domains included, and names the read it went without', async () => {
    const w = await world(['GetClientsProducts'])
    const state = w.portal.control.snapshot()
    expect((await ok(w, 'app.status', {})).lastSync).toMatchObject({
      ok: true,
      skipped: [{ action: 'GetClientsProducts', error: { code: 'permission_denied' } }],
    })
    const client = state.clients[3]!
    await w.portal.control.edit('UpdateClient', { clientid: client.id, firstname: 'Renomeada' })
    const summary = await ok(w, 'sync.run', {})
    expect(summary.pulled).toMatchObject({
      products: null,
      domains: { added: 0, removed: 0, unchanged: state.domains.length },
      skipped: [{ action: 'GetClientsProducts', error: { code: 'permission_denied' } }],
    })
    expect((await ok(w, 'clients.get', { id: Number(client.id) })).firstName).toBe('Renomeada')
  })

  it('a role that refuses both: each is named, in the order read', async () => {
    const w = await world(['GetClientsDomains', 'GetClientsProducts'])
    expect((await ok(w, 'app.status', {})).lastSync).toMatchObject({
      ok: true,
      skipped: [
        { action: 'GetClientsDomains', error: { code: 'permission_denied' } },
        { action: 'GetClientsProducts', error: { code: 'permission_denied' } },
      ],
    })
    expect((await ok(w, 'app.status', {})).clientCount).toBe(60)
  })

  for (const action of AUXILIARY) {
    for (const [kind, code] of [
      ['unknown-action', 'portal_error'],
      ['malformed', 'bad_response'],
    ] as const) {
      it(`${action} ${kind === 'unknown-action' ? 'unknown to the portal' : 'answered in a form we cannot read'}: skipped (${code}), the rest lands, what the cache held of it is kept`, async () => {
        const w = await world()
        const state = w.portal.control.snapshot()
        const list = LIST[action]
        const other = LIST[action === 'GetClientsDomains' ? 'GetClientsProducts' : 'GetClientsDomains']
        const { summary, renamed } = await passWith(w, kind, action)
        expect(summary.pulled).toMatchObject({
          [list]: null,
          [other]: { added: 0, removed: 0, unchanged: state[other].length },
          skipped: [{ action, error: { code } }],
        })
        expect(summary.pulled?.clients.updated).toBe(1)
        expect(renamed.firstName).toBe('Renomeada')
        expect((await ok(w, 'app.status', {})).lastSync).toMatchObject({ ok: true, skipped: [{ action, error: { code } }] })

        // The next pass reads it again: nothing was lost in between, and the warning goes away.
        const next = await ok(w, 'sync.run', {})
        expect(next.pulled).toMatchObject({ skipped: [], [list]: { added: 0, removed: 0, unchanged: state[list].length } })
        expect((await ok(w, 'app.status', {})).lastSync?.skipped).toEqual([])
      })
    }
  }

  it.each(AUXILIARY)('a server error on %s is no reason to skip it: the pass fails and says why', async (action) => {
    const w = await world()
    await w.portal.faults.add({ kind: 'http-500', actions: [action] })
    const failed = await w.desk.dispatch('sync.run', {})
    expect(failed.ok).toBe(false)
    const status = await ok(w, 'app.status', {})
    expect(status.lastSync?.ok).toBe(false)
    expect(status.clientCount).toBe(60)
  })
})
