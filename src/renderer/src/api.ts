// The renderer's one way to reach main: Electron's preload client (window.desk), or, in a plain browser,
// the same typed API over the loopback bridge (docs/ARCHITECTURE.md §3, §9.3).
import { z } from 'zod'
import {
  createApi,
  events,
  EVENTS_PATH,
  isEventName,
  methodPath,
  TOKEN_HEADER,
  transportError,
  type DeskBridge,
  type EventName,
  type MethodName,
} from '../../shared/contract'
import { DeskError, errorText, type Result } from '../../shared/errors'

/** Where the bridge token survives a reload of this tab (never a cookie, never the URL once read). */
export const TOKEN_STORAGE_KEY = 'contact-desk.bridge-token'

export interface HttpBridgeOptions {
  fetch?: typeof fetch
  location?: Pick<Location, 'hash' | 'pathname' | 'search'>
  history?: Pick<History, 'replaceState' | 'state'>
  storage?: Pick<Storage, 'getItem' | 'setItem'> | null
  /** Backoff between reconnections of the event stream. */
  reconnect?: { initialMs: number; maxMs: number }
}

const ResultEnvelope = z.union([z.object({ ok: z.literal(true), value: z.unknown() }), z.object({ ok: z.literal(false), error: DeskError })])
const EventLine = z.object({ event: z.string(), payload: z.unknown() })

/**
 * Takes the bridge token from the page's fragment (`#token=<hex>`), keeps it in sessionStorage so a reload
 * still works, and removes it from the address bar; without a fragment, the kept token is used.
 */
export function takeBridgeToken(
  location: Pick<Location, 'hash' | 'pathname' | 'search'>,
  history: Pick<History, 'replaceState' | 'state'>,
  storage: Pick<Storage, 'getItem' | 'setItem'> | null,
): string | null {
  const fromFragment = new URLSearchParams(location.hash.replace(/^#/, '')).get('token')
  if (fromFragment !== null) {
    history.replaceState(history.state, '', `${location.pathname}${location.search}`)
    if (/^[0-9a-f]+$/i.test(fromFragment)) {
      try {
        storage?.setItem(TOKEN_STORAGE_KEY, fromFragment)
      } catch {
        // Storage refused (private mode): the token still works until the tab reloads.
      }
      return fromFragment
    }
  }
  try {
    return storage?.getItem(TOKEN_STORAGE_KEY) ?? null
  } catch {
    return null
  }
}

export function createHttpBridge(options: HttpBridgeOptions = {}): DeskBridge {
  const doFetch: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init))
  const token = takeBridgeToken(
    options.location ?? window.location,
    options.history ?? window.history,
    options.storage === undefined ? safeSessionStorage() : options.storage,
  )
  const authHeaders: Record<string, string> = token ? { [TOKEN_HEADER]: token } : {}

  async function call(method: MethodName, input: unknown): Promise<Result<unknown>> {
    let response: Response
    try {
      response = await doFetch(methodPath(method), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...authHeaders },
        body: JSON.stringify(input),
      })
    } catch (error) {
      return transportError(`Contact Desk's bridge did not answer ${method}: ${errorText(error)}`)
    }
    // Every answer is a Result, also a refused token (HTTP 401); anything else means the bridge is not ours.
    let body: unknown
    try {
      body = await response.json()
    } catch (error) {
      return transportError(`Contact Desk's bridge answered ${method} with HTTP ${response.status} and no result: ${errorText(error)}`)
    }
    const parsed = ResultEnvelope.safeParse(body)
    if (!parsed.success) return transportError(`Contact Desk's bridge answered ${method} with HTTP ${response.status} and no result`)
    return parsed.data.ok ? { ok: true, value: parsed.data.value } : { ok: false, error: parsed.data.error }
  }

  const api = createApi(call)
  const stream = createEventStream({
    open: (signal) => doFetch(EVENTS_PATH, { headers: authHeaders, signal }),
    snapshot: async () => {
      const result = await api['app.status']({})
      return result.ok ? result.value : null
    },
    reconnect: options.reconnect ?? { initialMs: 500, maxMs: 15_000 },
  })
  return { api, on: stream.on }
}

type AnyListener = (payload: unknown) => void

interface EventStreamOptions {
  open: (signal: AbortSignal) => Promise<Response>
  /** The current status, delivered as `status.changed` whenever the stream (re)opens: events missed while it was down. */
  snapshot: () => Promise<unknown>
  reconnect: { initialMs: number; maxMs: number }
}

/** One NDJSON stream shared by every listener; opened with the first listener, closed with the last. */
function createEventStream(options: EventStreamOptions): Pick<DeskBridge, 'on'> {
  const listeners = new Map<EventName, Set<AnyListener>>()
  let controller: AbortController | null = null
  let statusEventsSeen = 0

  function deliver(event: EventName, payload: unknown): void {
    for (const listener of [...(listeners.get(event) ?? [])]) {
      try {
        listener(payload)
      } catch (error) {
        console.error(`A listener of ${event} failed`, error)
      }
    }
  }

  function onLine(line: string): void {
    if (line.trim() === '') return // heartbeat
    let message: unknown
    try {
      message = JSON.parse(line)
    } catch {
      console.warn('Contact Desk: an event line that is not JSON was ignored')
      return
    }
    const parsed = EventLine.safeParse(message)
    if (!parsed.success || !isEventName(parsed.data.event)) return
    const name = parsed.data.event
    const payload = events[name].safeParse(parsed.data.payload)
    if (!payload.success) {
      console.warn(`Contact Desk: a ${name} event with an unexpected payload was ignored`)
      return
    }
    if (name === 'status.changed') statusEventsSeen += 1
    deliver(name, payload.data)
  }

  async function catchUp(signal: AbortSignal): Promise<void> {
    if (!listeners.get('status.changed')?.size) return
    const seenBefore = statusEventsSeen
    const status = await options.snapshot()
    // A status event that arrived meanwhile is newer than this snapshot.
    if (signal.aborted || status === null || statusEventsSeen !== seenBefore) return
    const parsed = events['status.changed'].safeParse(status)
    if (parsed.success) deliver('status.changed', parsed.data)
  }

  async function run(signal: AbortSignal): Promise<void> {
    let failures = 0
    while (!signal.aborted) {
      try {
        const response = await options.open(signal)
        if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`)
        void catchUp(signal)
        await readLines(response.body, signal, (line) => {
          failures = 0
          onLine(line)
        })
      } catch (error) {
        if (signal.aborted) return
        if (failures === 0) console.warn(`Contact Desk: the event stream dropped (${errorText(error)}); reconnecting`)
      }
      if (signal.aborted) return
      const delay = Math.min(options.reconnect.maxMs, options.reconnect.initialMs * 2 ** failures)
      failures += 1
      await sleep(delay * (0.8 + Math.random() * 0.4), signal)
    }
  }

  return {
    on(event, listener) {
      if (!isEventName(event)) throw new TypeError(`Unknown event "${String(event)}"`)
      const set = listeners.get(event) ?? new Set<AnyListener>()
      listeners.set(event, set)
      const entry = listener as AnyListener
      set.add(entry)
      if (!controller) {
        const current = new AbortController()
        controller = current
        void run(current.signal)
      }
      return () => {
        set.delete(entry)
        const remaining = [...listeners.values()].reduce((sum, each) => sum + each.size, 0)
        if (remaining === 0 && controller) {
          controller.abort()
          controller = null
        }
      }
    },
  }
}

/** Splits a byte stream into lines, also when a line spans chunks (or a character spans chunks). */
async function readLines(body: ReadableStream<Uint8Array>, signal: AbortSignal, onLine: (line: string) => void): Promise<void> {
  const reader = body.getReader()
  const cancel = (): void => void reader.cancel().catch(() => undefined)
  signal.addEventListener('abort', cancel, { once: true })
  const decoder = new TextDecoder()
  let buffer = ''
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      buffer += decoder.decode(value, { stream: true })
      let newline = buffer.indexOf('\n')
      while (newline >= 0) {
        onLine(buffer.slice(0, newline))
        buffer = buffer.slice(newline + 1)
        newline = buffer.indexOf('\n')
      }
    }
    buffer += decoder.decode()
    if (buffer.trim() !== '') onLine(buffer)
  } finally {
    signal.removeEventListener('abort', cancel)
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', done, { once: true })
  })
}

function safeSessionStorage(): Storage | null {
  try {
    return window.sessionStorage
  } catch {
    return null
  }
}

/** Browser mode: no Electron preload, the page talks to the loopback bridge (said on screen). */
export const inBrowserMode = window.desk === undefined

/** The app's bridge: Electron's preload client when present, the loopback HTTP bridge otherwise. */
export const desk: DeskBridge = window.desk ?? createHttpBridge()
