// The core against the demo portal over real HTTP, with a real SQLite file in a temp dir.
import { existsSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDesk, type Desk } from '../../../src/main/core/desk'
import { portalCachePath } from '../../../src/main/core/db/portal-cache'
import { createMemorySecretStore } from '../../../src/main/core/secrets'
import { startDemoPortal, type DemoPortal } from '../../../src/main/demo-portal/server'
import type { EventName, EventPayload, MethodInput, MethodName, MethodOutput } from '../../../src/shared/contract'
import type { DeskError } from '../../../src/shared/errors'
import { makeTempDir } from '../../support/temp-dir'

let dir: ReturnType<typeof makeTempDir>
let portal: DemoPortal
let desk: Desk
let events: { event: EventName; payload: unknown }[]

beforeEach(async () => {
  dir = makeTempDir()
  portal = await startDemoPortal({ port: 0, clients: 1000, seed: 7 })
  events = []
  desk = openDesk({
    dataDir: dir.path,
    secrets: createMemorySecretStore(),
    emit: (event, payload) => void events.push({ event, payload }),
  })
})
afterEach(async () => {
  await desk.close()
  await portal.close()
  dir.remove()
})

async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const result = await desk.dispatch(method, input)
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code}: ${result.error.message}`)
  return result.value
}
async function failure<M extends MethodName>(method: M, input: MethodInput<M>): Promise<DeskError> {
  const result = await desk.dispatch(method, input)
  if (result.ok) throw new Error(`${method} unexpectedly succeeded`)
  return result.error
}
const connectInput = () => ({ url: portal.url, identifier: portal.identifier, secret: portal.secret })
const progress = () => events.filter((e) => e.event === 'sync.progress').map((e) => e.payload as EventPayload<'sync.progress'>)

describe('core against the demo portal', () => {
  it('connects, syncs 1,000 clients across pages, searches, and a second sync changes nothing', async () => {
    const connected = await call('portal.connect', connectInput())
    expect(connected).toMatchObject({ clientCount: 1000, secretStored: false, portal: { generation: '8', demo: false } })
    expect(connected.portal.apiUrl).toBe(portal.apiUrl)
    expect(existsSync(portalCachePath(dir.path, connected.portal))).toBe(true)

    const first = await call('sync.run', {})
    expect(first.pulled?.clients).toEqual({ added: 1000, updated: 0, removed: 0, unchanged: 0 })
    const pages = progress().filter((p) => p.phase === 'clients')
    expect(pages.length).toBeGreaterThanOrEqual(2) // 1,000 clients take more than one page
    expect(pages.at(-1)).toMatchObject({ done: 1000, total: 1000 })
    expect(progress().at(-1)?.phase).toBe('done')

    const all = await call('clients.list', { limit: 1000 })
    expect(all.total).toBe(1000)
    expect(new Set(all.items.map((c) => c.id)).size).toBe(1000)

    const someone = portal.state.clients[123]!
    const part = someone.lastname.slice(0, 4)
    const found = await call('clients.list', { search: `${someone.firstname} ${part}` })
    expect(found.items.map((c) => c.id)).toContain(Number(someone.id))
    for (const c of found.items) expect(`${c.firstName} ${c.lastName}`.toLowerCase()).toBeTruthy()
    expect(await call('clients.get', { id: Number(someone.id) })).toMatchObject({ firstName: someone.firstname, email: someone.email })

    const second = await call('sync.run', {})
    expect(second.pulled?.clients).toEqual({ added: 0, updated: 0, removed: 0, unchanged: 1000 })

    const status = await call('app.status', {})
    expect(status).toMatchObject({ clientCount: 1000, syncing: false, online: true, lastSync: { ok: true } })
  })

  it('takes remote changes on the next sync', async () => {
    await call('portal.connect', connectInput())
    await call('sync.run', {})
    const target = portal.state.clients[5]!
    portal.updateClient(Number(target.id), { companyname: 'Empresa Renomeada Ltda' })
    const next = await call('sync.run', {})
    expect(next.pulled?.clients).toEqual({ added: 0, updated: 1, removed: 0, unchanged: 999 })
    expect((await call('clients.get', { id: Number(target.id) })).companyName).toBe('Empresa Renomeada Ltda')
  })

  it('refuses a wrong secret with the reason and keeps nothing', async () => {
    const error = await failure('portal.connect', { ...connectInput(), secret: 'wrong' })
    expect(error.code).toBe('auth_failed')
    expect((await call('app.status', {})).portal).toBeNull()
  })

  it('says the portal is unreachable, records the failed sync and keeps the cache', async () => {
    await call('portal.connect', connectInput())
    await call('sync.run', {})
    await portal.close()
    const error = await failure('sync.run', {})
    expect(error.code).toBe('unreachable')
    const status = await call('app.status', {})
    expect(status).toMatchObject({ clientCount: 1000, online: false, lastSync: { ok: false, error: { code: 'unreachable' } } })
    portal = await startDemoPortal({ port: 0, clients: 1 }) // afterEach closes something
  })

  it('asks for the secret again where it is not kept, and syncs once given', async () => {
    await call('portal.connect', connectInput())
    await desk.close()
    desk = openDesk({ dataDir: dir.path, secrets: createMemorySecretStore(), emit: () => undefined })
    expect((await call('app.status', {})).secretAvailable).toBe(false)
    expect((await failure('sync.run', {})).code).toBe('secret_required')
    await call('portal.unlock', { secret: portal.secret })
    expect((await call('sync.run', {})).pulled?.clients.added).toBe(1000)
  })

  it('keeps each portal in its own cache', async () => {
    await call('portal.connect', connectInput())
    await call('sync.run', {})
    const other = await startDemoPortal({ port: 0, clients: 30, seed: 99, generation: '7' })
    try {
      const connected = await call('portal.connect', { url: other.url, identifier: other.identifier, secret: other.secret })
      expect(connected.portal.generation).toBe('7')
      expect((await call('app.status', {})).clientCount).toBe(0)
      expect((await call('sync.run', {})).pulled?.clients.added).toBe(30)
      await call('portal.connect', connectInput())
      expect((await call('app.status', {})).clientCount).toBe(1000)
    } finally {
      await other.close()
    }
  })
})
