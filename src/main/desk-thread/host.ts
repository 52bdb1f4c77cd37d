// Main's side of the core's thread (worker.ts): the same Desk the rest of main has always called — dispatch and
// close — with the core running in a worker thread that main owns. Main does for it what only main can: sends its
// portal requests (Electron's `net`, or fetch), keeps its secrets (safeStorage), starts the demo portal, and passes
// its events on. If the thread dies, waiting calls are answered with the failure and a new thread takes over.
import { Worker } from 'node:worker_threads'
import { events, isEventName, type Emit } from '../../shared/contract'
import { errorText, type DeskError, type Result } from '../../shared/errors'
import type { Desk, DeskOptions, LocalPortal } from '../core/desk'
import { checkedDispatch, type WireDispatch } from '../core/dispatch'
import type { HttpTransport } from '../core/portal/transport'
import { FORWARDED_HEADERS, FromWorker, ToWorker, type NetworkFailure, type WorkerStart } from './protocol'

export interface DeskThreadOptions extends Pick<DeskOptions, 'dataDir' | 'secrets' | 'nativeBinding' | 'autoSync' | 'timeoutMs' | 'pull' | 'onInternalError'> {
  /** The built worker (out/main/desk-worker.js). */
  workerFile: string
  /** Main's transport: Electron's `net` in the app, fetch in browser mode. */
  transport: HttpTransport
  emit: Emit
  /** Starts the built-in demo portal here on main; closed with the desk. */
  startDemoPortal?: () => Promise<LocalPortal>
}

/** A thread that dies this often within a minute is not started again: every call then says why. */
const MAX_RESTARTS_PER_MINUTE = 3

const unavailable = (message: string): Result<never> => ({ ok: false, error: { code: 'app_unavailable', message } })

function failureOf(error: unknown): NetworkFailure {
  const code = (error as { code?: unknown } | null)?.code
  const causeCode = ((error as { cause?: { code?: unknown } } | null)?.cause as { code?: unknown } | undefined)?.code
  return {
    message: errorText(error),
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof causeCode === 'string' ? { causeCode } : {}),
  }
}

function asDeskError(error: unknown): DeskError {
  const code = (error as { toError?: () => DeskError } | null)?.toError
  return typeof code === 'function' ? code.call(error) : { code: 'internal', message: errorText(error) }
}

export function startDeskThread(options: DeskThreadOptions): Desk {
  const calls = new Map<number, (result: Result<unknown>) => void>()
  const requests = new Map<number, AbortController>()
  let lastCall = 0
  let worker: Worker
  let closing: Promise<void> | null = null
  let closed: (() => void) | null = null
  let demo: Promise<LocalPortal> | null = null
  const deaths: number[] = []
  let given: string | null = null

  const internal = (where: string, error: unknown) => options.onInternalError?.(where, error)
  const post = (message: ToWorker) => worker.postMessage(ToWorker.parse(message))

  function spawn(): Worker {
    const { secrets } = options
    const start: WorkerStart = {
      dataDir: options.dataDir,
      nativeBinding: options.nativeBinding,
      autoSync: options.autoSync ?? false,
      timeoutMs: options.timeoutMs,
      pull: options.pull,
      secrets: {
        persistent: secrets.persistent,
        values: Object.fromEntries(secrets.keys().flatMap((key) => (secrets.get(key) === null ? [] : [[key, secrets.get(key) as string]]))),
      },
      demo: options.startDemoPortal !== undefined,
    }
    const thread = new Worker(options.workerFile, { workerData: start, name: 'contact-desk-core' })
    thread.on('message', (raw: unknown) => receive(raw))
    thread.on('error', (error) => internal('the core thread', error))
    thread.on('exit', (code) => ended(thread, code))
    return thread
  }

  function receive(raw: unknown): void {
    const parsed = FromWorker.safeParse(raw)
    if (!parsed.success) return internal('the core thread', new Error(`A message from the core could not be read: ${parsed.error.message}`))
    const message = parsed.data
    switch (message.kind) {
      case 'result':
        calls.get(message.id)?.(message.result)
        calls.delete(message.id)
        return
      case 'event': {
        const { event, payload } = message
        if (!isEventName(event)) return internal('the core thread', new Error(`The core sent an event main does not know: ${event}`))
        const checked = events[event].safeParse(payload)
        if (!checked.success)
          return internal('the core thread', new Error(`The core sent a ${event} event that does not fit the contract: ${checked.error.message}`))
        options.emit(event, checked.data as never)
        return
      }
      case 'http':
        return void request(message)
      case 'http-abort':
        requests.get(message.id)?.abort(new Error('cancelled by the core'))
        requests.delete(message.id)
        return
      case 'secret-set':
        return options.secrets.set(message.key, message.value)
      case 'secret-delete':
        return options.secrets.delete(message.key)
      case 'demo-start':
        return void startDemo(message.id)
      case 'internal-error':
        return internal(message.where, Object.assign(new Error(message.message), message.stack ? { stack: message.stack } : {}))
      case 'closed':
        closed?.()
        return
    }
  }

  async function request(message: Extract<FromWorker, { kind: 'http' }>): Promise<void> {
    const controller = new AbortController()
    requests.set(message.id, controller)
    try {
      const response = await options.transport(message.url, { method: message.method, headers: message.headers, body: message.body, signal: controller.signal })
      const body = await response.text()
      const headers: Record<string, string> = {}
      for (const name of FORWARDED_HEADERS) {
        const value = response.headers.get(name)
        if (value !== null) headers[name] = value
      }
      if (requests.delete(message.id)) post({ kind: 'http-answer', id: message.id, status: response.status, headers, body })
    } catch (error) {
      if (requests.delete(message.id)) post({ kind: 'http-failure', id: message.id, error: failureOf(error) })
    }
  }

  async function startDemo(id: number): Promise<void> {
    try {
      demo ??= (options.startDemoPortal as () => Promise<LocalPortal>)().catch((error: unknown) => {
        demo = null
        throw error
      })
      const { apiUrl, identifier, secret } = await demo
      post({ kind: 'demo-started', id, portal: { apiUrl, identifier, secret } })
    } catch (error) {
      post({ kind: 'demo-failed', id, error: asDeskError(error) })
    }
  }

  function ended(thread: Worker, code: number): void {
    if (thread !== worker) return
    for (const controller of requests.values()) controller.abort(new Error('the core thread ended'))
    requests.clear()
    if (closing) {
      closed?.()
      return
    }
    const message = `Contact Desk's core stopped unexpectedly (exit code ${code}); what it had saved is safe.`
    internal('the core thread', new Error(message))
    for (const answer of calls.values()) answer(unavailable(`${message} Try again.`))
    calls.clear()
    const now = Date.now()
    deaths.push(now)
    while (deaths.length > 0 && (deaths[0] as number) < now - 60_000) deaths.shift()
    if (deaths.length > MAX_RESTARTS_PER_MINUTE) {
      given = `${message} It stopped ${deaths.length} times within a minute, so it is not started again: restart Contact Desk, and if it keeps happening, send its log to support.`
      return
    }
    worker = spawn()
  }

  worker = spawn()

  // Answered by the core's own createDispatch on the far side, which checked every answer against the contract.
  const dispatch: WireDispatch = (method, input) => {
    if (closing) return Promise.resolve(unavailable('Contact Desk is closing.'))
    if (given !== null) return Promise.resolve(unavailable(given))
    const id = ++lastCall
    return new Promise<Result<unknown>>((resolve) => {
      calls.set(id, resolve)
      try {
        post({ kind: 'call', id, method, input })
      } catch (error) {
        calls.delete(id)
        resolve({ ok: false, error: { code: 'validation', message: `The input to ${method} cannot be sent to the core: ${errorText(error)}` } })
      }
    })
  }

  return {
    dispatch: checkedDispatch(dispatch),
    close() {
      closing ??= (async () => {
        if (given === null) {
          await new Promise<void>((resolve) => {
            closed = resolve
            post({ kind: 'close' })
          })
        }
        await worker.terminate()
        for (const answer of calls.values()) answer(unavailable('Contact Desk is closing.'))
        calls.clear()
        const local = await demo?.catch(() => null)
        await local?.close?.()
      })()
      return closing
    },
  }
}
