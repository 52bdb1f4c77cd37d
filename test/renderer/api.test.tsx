import { afterEach, describe, expect, it, vi } from 'vitest'
import { createHttpBridge, TOKEN_STORAGE_KEY } from '../../src/renderer/src/api'
import { connectedStatus } from './fakeDesk'
import type { AppStatus } from '../../src/shared/contract'

const TOKEN = 'a1b2c3d4e5f60718'

function memoryStorage(initial: Record<string, string> = {}): Pick<Storage, 'getItem' | 'setItem'> & { data: Record<string, string> } {
  const data = { ...initial }
  return { data, getItem: (key) => data[key] ?? null, setItem: (key, value) => void (data[key] = value) }
}

function page(hash: string) {
  const location = { hash, pathname: '/', search: '' }
  const history = {
    state: null,
    replaceState: vi.fn((_state: unknown, _unused: string, url?: string | URL | null) => {
      location.hash = new URL(String(url), 'http://127.0.0.1').hash
    }),
  }
  return { location, history }
}

const json = (body: unknown, status = 200): Response => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

/** A streaming body the test writes to, chunk by chunk. */
function controllableStream() {
  let controller!: ReadableStreamDefaultController<Uint8Array>
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) })
  const encoder = new TextEncoder()
  return {
    response: new Response(body, { status: 200, headers: { 'content-type': 'application/x-ndjson' } }),
    write: (text: string | Uint8Array) => controller.enqueue(typeof text === 'string' ? encoder.encode(text) : text),
    end: () => {
      try {
        controller.close()
      } catch {
        // already closed or cancelled by the reader
      }
    },
  }
}

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('the bridge client', () => {
  it('takes the token from the fragment, keeps it for a reload and removes it from the address bar', async () => {
    const fetch = vi.fn(async () => json({ ok: true, value: connectedStatus() }))
    vi.stubGlobal('fetch', fetch)
    const storage = memoryStorage()
    const { location, history } = page(`#token=${TOKEN}`)
    const bridge = createHttpBridge({ location, history, storage })

    expect(history.replaceState).toHaveBeenCalledWith(null, '', '/')
    expect(location.hash).toBe('')
    expect(storage.data[TOKEN_STORAGE_KEY]).toBe(TOKEN)

    const result = await bridge.api['app.status']({})
    expect(result).toEqual({ ok: true, value: connectedStatus({ lastSync: result.ok ? result.value.lastSync : null }) })
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit]
    expect(url).toBe('/api/call/app.status')
    expect(init.method).toBe('POST')
    expect(init.body).toBe('{}')
    expect(new Headers(init.headers).get('x-desk-token')).toBe(TOKEN)
    expect(new Headers(init.headers).get('content-type')).toBe('application/json')

    // After a reload the fragment is gone; the kept token still works.
    const reloaded = createHttpBridge({ ...page(''), storage })
    await reloaded.api['clients.list']({ search: 'ana' })
    const [, again] = fetch.mock.calls[1] as unknown as [string, RequestInit]
    expect(new Headers(again.headers).get('x-desk-token')).toBe(TOKEN)
    expect(again.body).toBe(JSON.stringify({ search: 'ana' }))
  })

  it('passes Results through as they are, also a refused token (HTTP 401)', async () => {
    const refused = { ok: false, error: { code: 'app_unavailable', message: 'Token refused' } }
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(json(refused, 401))
      .mockResolvedValueOnce(json({ ok: false, error: { code: 'validation', message: 'Invalid', issues: [{ path: 'url', message: 'required' }] } }, 200))
    const bridge = createHttpBridge({ fetch, ...page(''), storage: memoryStorage() })
    expect(await bridge.api['app.status']({})).toEqual(refused)
    const validation = await bridge.api['portal.test']({ url: '', identifier: '', secret: '' })
    expect(validation.ok).toBe(false)
    if (!validation.ok) expect(validation.error.issues).toEqual([{ path: 'url', message: 'required' }])
  })

  it('turns a network failure or a foreign answer into app_unavailable', async () => {
    const fetch = vi
      .fn()
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockResolvedValueOnce(new Response('<html>proxy error</html>', { status: 502 }))
      .mockResolvedValueOnce(json({ hello: 'world' }))
    const bridge = createHttpBridge({ fetch, ...page(''), storage: memoryStorage() })
    for (let i = 0; i < 3; i++) {
      const result = await bridge.api['settings.get']({})
      expect(result.ok).toBe(false)
      if (!result.ok) expect(result.error.code).toBe('app_unavailable')
    }
  })

  it('reads newline-delimited events across chunk boundaries and ignores heartbeats and bad lines', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const stream = controllableStream()
    const fetch = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
      if (url === '/api/events') {
        expect(new Headers(init?.headers).get('x-desk-token')).toBe(TOKEN)
        return stream.response
      }
      return json({ ok: true, value: connectedStatus() })
    })
    const bridge = createHttpBridge({ fetch, ...page(`#token=${TOKEN}`), storage: memoryStorage() })
    const progress = vi.fn()
    const off = bridge.on('sync.progress', progress)
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledWith('/api/events', expect.anything()))

    const first = JSON.stringify({ event: 'sync.progress', payload: { phase: 'clients', done: 250, total: 1000, rate: 500 } })
    stream.write(first.slice(0, 17))
    stream.write(first.slice(17) + '\n\n')
    const last = new TextEncoder().encode(JSON.stringify({ event: 'sync.progress', payload: { phase: 'saving', done: 1000, total: 1000, rate: 900 } }) + '\n')
    stream.write('not json\n')
    stream.write(JSON.stringify({ event: 'sync.progress', payload: { phase: 'nonsense' } }) + '\n')
    stream.write(JSON.stringify({ event: 'unknown.event', payload: {} }) + '\n')
    stream.write(last.slice(0, 20))
    stream.write(last.slice(20))

    await vi.waitFor(() => expect(progress).toHaveBeenCalledTimes(2))
    expect(progress.mock.calls[0]?.[0]).toEqual({ phase: 'clients', done: 250, total: 1000, rate: 500 })
    expect(progress.mock.calls[1]?.[0]).toEqual({ phase: 'saving', done: 1000, total: 1000, rate: 900 })
    expect(warn).toHaveBeenCalledTimes(2) // the line that is not JSON, the payload that breaks the contract
    off()
    warn.mockRestore()
  })

  it('keeps words whole when a UTF-8 character spans two chunks', async () => {
    const stream = controllableStream()
    const fetch = vi.fn(async (url: RequestInfo | URL) => (url === '/api/events' ? stream.response : json({ ok: true, value: connectedStatus() })))
    const bridge = createHttpBridge({ fetch, ...page(''), storage: memoryStorage() })
    const statuses: AppStatus[] = []
    const off = bridge.on('status.changed', (status) => statuses.push(status))
    await vi.waitFor(() => expect(statuses).toHaveLength(1)) // the catch-up snapshot on open
    const status = connectedStatus({
      lastSync: {
        at: '2026-01-01T10:00:00.000Z',
        ok: false,
        error: { code: 'portal_error', message: 'Ação inválida', params: { portalMessage: 'Ação inválida' } },
        skipped: [],
      },
    })
    const bytes = new TextEncoder().encode(JSON.stringify({ event: 'status.changed', payload: status }) + '\n')
    const split = bytes.indexOf(0xc3) + 1 // between the two bytes of "ç"
    stream.write(bytes.slice(0, split))
    stream.write(bytes.slice(split))
    await vi.waitFor(() => expect(statuses).toHaveLength(2))
    expect(statuses[1]?.lastSync?.error?.message).toBe('Ação inválida')
    off()
  })

  it('reconnects when the stream ends, catches up on the status, and stops when nobody listens', async () => {
    const streams = [controllableStream(), controllableStream()]
    let opened = 0
    const fetch = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
      if (url !== '/api/events') return json({ ok: true, value: connectedStatus({ clientCount: 7 }) })
      const next = streams[opened++]
      if (!next) throw new Error('no more streams')
      init?.signal?.addEventListener('abort', () => next.end())
      return next.response
    })
    const bridge = createHttpBridge({ fetch, ...page(''), storage: memoryStorage(), reconnect: { initialMs: 5, maxMs: 20 } })
    const statuses: AppStatus[] = []
    const off = bridge.on('status.changed', (status) => statuses.push(status))
    await vi.waitFor(() => expect(statuses).toHaveLength(1))
    streams[0]?.end()
    await vi.waitFor(() => expect(opened).toBe(2))
    await vi.waitFor(() => expect(statuses).toHaveLength(2))
    expect(statuses[1]?.clientCount).toBe(7)
    off()
    const eventCalls = () => fetch.mock.calls.filter(([url]) => url === '/api/events').length
    const before = eventCalls()
    await new Promise((resolve) => setTimeout(resolve, 60))
    expect(eventCalls()).toBe(before)
  })

  it('refuses to subscribe to an event that is not in the contract', () => {
    const bridge = createHttpBridge({ fetch: vi.fn(), ...page(''), storage: memoryStorage() })
    expect(() => bridge.on('nope' as 'sync.progress', () => undefined)).toThrow(TypeError)
  })
})
