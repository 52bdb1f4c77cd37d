// The core in its worker thread (the built out/main/desk-worker.js), as the app and browser mode run it: calls
// answered across the thread, the network and the secrets on this side, events passed on, a thread that dies
// replaced (and given up on when it keeps dying), and a close that closes everything it started.
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createMemorySecretStore } from '../../../src/main/core/secrets'
import { fetchTransport, type HttpTransport } from '../../../src/main/core/portal/transport'
import { startDeskThread, type DeskThreadOptions } from '../../../src/main/desk-thread/host'
import { startDemoPortal, type DemoPortal } from '../../../src/main/demo-portal/server'
import type { EventName, MethodInput, MethodName, MethodOutput } from '../../../src/shared/contract'
import { errorText } from '../../../src/shared/errors'
import type { Desk } from '../../../src/main/core/desk'
import type { WireDispatch } from '../../../src/main/core/dispatch'
import { makeTempDir } from '../../support/temp-dir'

const WORKER = join(process.cwd(), 'out', 'main', 'desk-worker.js')

const cleanup: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step()
})

function thread(options: Partial<DeskThreadOptions> = {}) {
  expect(existsSync(WORKER), 'run `npm run build` first: the thread runs the built worker').toBe(true)
  const dir = makeTempDir('contact-desk-thread-')
  const events: { event: EventName; payload: unknown }[] = []
  const errors: string[] = []
  const secrets = createMemorySecretStore()
  const desk = startDeskThread({
    workerFile: WORKER,
    dataDir: dir.path,
    secrets,
    transport: fetchTransport,
    emit: (event, payload) => void events.push({ event, payload }),
    onInternalError: (where, error) => void errors.push(`${where}: ${errorText(error)}`),
    ...options,
  })
  cleanup.push(
    () => dir.remove(),
    () => desk.close(),
  )
  return { desk, dir, events, errors, secrets }
}

async function ok<M extends MethodName>(desk: Desk, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const answer = await desk.dispatch(method, input)
  if (!answer.ok) throw new Error(`${method}: ${answer.error.code}: ${answer.error.message}`)
  return answer.value
}

async function portal(options: Parameters<typeof startDemoPortal>[0] = {}): Promise<DemoPortal> {
  const started = await startDemoPortal({ port: 0, clients: 200, seed: 2, ...options })
  cleanup.push(() => started.close())
  return started
}

describe('the core in its own thread', () => {
  it('answers every call from the worker, sends its requests through this thread, keeps its secrets here, and passes its events on', async () => {
    const demo = await portal({ control: true })
    const sent: string[] = []
    const transport: HttpTransport = (url, request) => {
      sent.push(new URLSearchParams(request.body).get('action') ?? '?')
      return fetchTransport(url, request)
    }
    const { desk, events, secrets } = thread({ transport })
    await ok(desk, 'portal.connect', { url: demo.url, identifier: demo.identifier, secret: demo.secret })
    // The worker asked this thread to keep the secret.
    expect(secrets.keys()).toHaveLength(1)
    expect(secrets.get(secrets.keys()[0]!)).toBe(demo.secret)
    const summary = await ok(desk, 'sync.run', {})
    expect(summary.pulled?.clients.added).toBe(200)
    expect(summary.calls).toBe(sent.length - 2) // connect's GetClients and WhmcsDetails came first
    expect(demo.control.calls().getclients).toBeGreaterThan(0)
    expect(sent).toContain('GetContacts')
    expect((await ok(desk, 'clients.list', { search: '', offset: 0, limit: 5 })).total).toBe(200)
    expect(events.some((each) => each.event === 'sync.progress')).toBe(true)
    expect(events.some((each) => each.event === 'status.changed')).toBe(true)
    // A bad input off the wire (as IPC or the bridge pass it on) is refused by the contract on the worker's side, as in process.
    const wire: WireDispatch = desk.dispatch
    expect(await wire('clients.get', { id: 'seven' })).toMatchObject({ ok: false, error: { code: 'validation' } })
    expect(await wire('no.such.method', {})).toMatchObject({ ok: false, error: { code: 'validation' } })
  })

  it('cancels a request in flight on this side when the core cancels it, and when it closes', async () => {
    const demo = await portal({ latencyMs: 2_000 })
    let started = 0
    let aborted = 0
    const transport: HttpTransport = (url, request) => {
      started++
      request.signal.addEventListener('abort', () => aborted++)
      return fetchTransport(url, request)
    }
    const { desk } = thread({ transport, timeoutMs: 60_000 })
    const connecting = desk.dispatch('portal.connect', { url: demo.url, identifier: demo.identifier, secret: demo.secret })
    await expect.poll(() => started, { timeout: 5_000 }).toBe(1)
    expect(await connecting).toMatchObject({ ok: true })
    const syncing = desk.dispatch('sync.run', {})
    await expect.poll(() => started, { timeout: 5_000 }).toBeGreaterThan(2)
    expect(await ok(desk, 'sync.cancel', {})).toEqual({ cancelled: true })
    expect(await syncing).toMatchObject({ ok: false, error: { code: 'cancelled' } })
    expect(aborted).toBe(started - 2)
    // One more in flight when the desk closes: given up too, and its caller answered.
    const testing = desk.dispatch('portal.test', { url: demo.url, identifier: demo.identifier, secret: demo.secret })
    await expect.poll(() => started - aborted, { timeout: 5_000 }).toBe(3)
    await desk.close()
    expect(aborted).toBe(started - 2)
    expect(await testing).toMatchObject({ ok: false, error: { code: 'app_unavailable' } })
  })

  it('starts the demo portal on this side when the core asks, and closes it with the desk', async () => {
    const demo = await startDemoPortal({ port: 0, clients: 50, seed: 4 })
    let closedDemo = false
    const { desk } = thread({
      startDemoPortal: async () => ({ apiUrl: demo.apiUrl, identifier: demo.identifier, secret: demo.secret, close: async () => void (closedDemo = true) }),
    })
    cleanup.push(() => demo.close())
    const connected = await ok(desk, 'portal.connectDemo', {})
    expect(connected.portal.demo).toBe(true)
    expect((await ok(desk, 'sync.run', {})).pulled?.clients.added).toBe(50)
    await desk.close()
    expect(closedDemo).toBe(true)
    expect(await desk.dispatch('app.status', {})).toMatchObject({ ok: false, error: { code: 'app_unavailable' } })
  })

  it('a demo portal that cannot start is the call’s failure, named', async () => {
    const { desk } = thread({ startDemoPortal: () => Promise.reject(new Error('port in use')) })
    expect(await desk.dispatch('portal.connectDemo', {})).toMatchObject({
      ok: false,
      error: { code: 'internal', message: expect.stringContaining('port in use') },
    })
  })

  it('a thread that keeps dying is replaced, then given up on, and every call says why', async () => {
    const dir = makeTempDir('contact-desk-dying-')
    cleanup.push(() => dir.remove())
    const dying = join(dir.path, 'dying-worker.js')
    writeFileSync(dying, "throw new Error('the core could not start')\n")
    const { desk, errors } = thread({ workerFile: dying })
    // Each death is told twice (the thread's error, then its exit): wait for the answer that says it gave up.
    await expect
      .poll(() => desk.dispatch('app.status', {}), { timeout: 10_000 })
      .toMatchObject({ ok: false, error: { code: 'app_unavailable', message: expect.stringMatching(/stopped 4 times within a minute/) } })
    expect(errors.filter((line) => line.includes('stopped unexpectedly'))).toHaveLength(4)
    expect(errors.some((line) => line.includes('the core could not start'))).toBe(true)
  })
})
