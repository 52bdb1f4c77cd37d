import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { eventChannel, methodChannel, methodNames, type DeskBridge } from '../../../src/shared/contract'
import type { SyncProgress } from '../../../src/shared/domain'
import { createFakeElectron, type FakeElectron } from '../../support/fake-electron'

let fake: FakeElectron

beforeEach(async () => {
  vi.resetModules()
  fake = createFakeElectron()
  vi.doMock('electron', () => fake)
  await import('../../../src/preload/index')
})

afterEach(() => {
  vi.doUnmock('electron')
})

function desk(): DeskBridge {
  return fake.exposed.desk as DeskBridge
}

/** Every value reachable from `root`, to prove what the page can and cannot get hold of. */
function reachable(root: unknown, seen = new Set<unknown>()): Set<unknown> {
  if ((typeof root !== 'object' && typeof root !== 'function') || root === null || seen.has(root)) return seen
  seen.add(root)
  for (const key of Reflect.ownKeys(root)) reachable(Reflect.get(root, key), seen)
  return seen
}

describe('preload', () => {
  it('exposes only window.desk, with api and on', () => {
    expect(fake.contextBridge.exposeInMainWorld).toHaveBeenCalledOnce()
    expect(Object.keys(fake.exposed)).toEqual(['desk'])
    expect(Object.keys(desk()).sort()).toEqual(['api', 'on'])
    expect(typeof desk().on).toBe('function')
  })

  it('gives the api one function per contract method, and nothing else', () => {
    const api = desk().api as unknown as Record<string, unknown>
    expect(Object.keys(api).sort()).toEqual([...methodNames].sort())
    for (const method of methodNames) expect(typeof api[method], method).toBe('function')
  })

  it('never hands the page ipcRenderer or any of its methods', () => {
    const exposed = reachable(fake.exposed)
    expect(exposed.has(fake.ipcRenderer)).toBe(false)
    for (const name of ['invoke', 'send', 'sendSync', 'on', 'emit', 'removeListener', 'postMessage'] as const) {
      const member: unknown = Reflect.get(fake.ipcRenderer, name)
      if (member !== undefined) expect(exposed.has(member), name).toBe(false)
    }
  })

  it("invokes each method on its contract channel and answers with main's Result", async () => {
    fake.ipcRenderer.invoke.mockResolvedValue({ ok: true, value: { total: 0, offset: 0, items: [] } })
    await expect(desk().api['clients.list']({ search: 'silva' })).resolves.toEqual({ ok: true, value: { total: 0, offset: 0, items: [] } })
    expect(fake.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(methodChannel('clients.list'), { search: 'silva' })
    for (const method of methodNames) {
      await desk().api[method]({} as never)
      expect(fake.ipcRenderer.invoke).toHaveBeenLastCalledWith(methodChannel(method), {})
    }
  })

  it('turns a rejected invoke (main gone) into an app_unavailable Result, never a rejection', async () => {
    fake.ipcRenderer.invoke.mockRejectedValue(new Error("No handler registered for 'desk:call:app.status'"))
    const answer = await desk().api['app.status']({})
    expect(answer.ok).toBe(false)
    if (answer.ok) return
    expect(answer.error.code).toBe('app_unavailable')
    expect(answer.error.message).toContain('app.status')
  })

  it('delivers events from their contract channel until unsubscribed', () => {
    const received: SyncProgress[] = []
    const unsubscribe = desk().on('sync.progress', (payload) => received.push(payload))
    const progress: SyncProgress = { phase: 'clients', done: 5, total: 10, rate: 2 }
    fake.ipcRenderer.deliver(eventChannel('sync.progress'), progress)
    fake.ipcRenderer.deliver(eventChannel('status.changed'), { other: true })
    expect(received).toEqual([progress])

    unsubscribe()
    fake.ipcRenderer.deliver(eventChannel('sync.progress'), progress)
    expect(received).toHaveLength(1)
    expect(fake.ipcRenderer.listenerCount(eventChannel('sync.progress'))).toBe(0)
  })

  it('refuses to subscribe to a name that is not a contract event', () => {
    const on = desk().on as (event: string, listener: () => void) => () => void
    for (const name of ['desk:call:app.status', 'ELECTRON_BROWSER_WINDOW_ALERT', '__proto__', 'toString']) {
      expect(() => on(name, () => undefined), name).toThrow(/Unknown event/)
    }
    expect(fake.ipcRenderer.eventNames()).toEqual([])
  })
})
