// The worker thread that runs the core: the SQLite cache and all of sync's CPU work live here, so that neither a
// 100,000-client pull nor a slow query can hold up the thread that serves the windows. Main owns this thread (and
// so still owns the cache); what only main can do — the network through Electron's `net`, the OS keychain, the
// demo portal — the core reaches through messages (protocol.ts).
import { parentPort, workerData } from 'node:worker_threads'
import { errorText, failureOf } from '../../shared/errors'
import { openDesk, type LocalPortal } from '../core/desk'
import type { HttpTransport, TransportResponse } from '../core/portal/transport'
import type { SecretStore } from '../core/secrets'
import { FromWorker, ToWorker, WorkerStart, type NetworkFailure } from './protocol'

const port = parentPort
if (!port) throw new Error('desk-worker.js runs as a worker thread of Contact Desk, not on its own')
const start = WorkerStart.parse(workerData)

const send = (message: FromWorker): void => port.postMessage(FromWorker.parse(message))

interface Waiting<T> {
  resolve: (value: T) => void
  reject: (reason: unknown) => void
}
let lastId = 0
const nextId = () => ++lastId
const requests = new Map<number, Waiting<TransportResponse>>()
const demos = new Map<number, Waiting<LocalPortal>>()

/** Secrets as main handed them over; every change goes back to main, which keeps them (encrypted where it can). */
function mirroredSecrets(given: WorkerStart['secrets']): SecretStore {
  const values = new Map(Object.entries(given.values))
  return {
    persistent: given.persistent,
    get: (key) => values.get(key) ?? null,
    set(key, value) {
      values.set(key, value)
      send({ kind: 'secret-set', key, value })
    },
    delete(key) {
      values.delete(key)
      send({ kind: 'secret-delete', key })
    },
    keys: () => [...values.keys()],
  }
}

/** The portal's requests go out through main's transport; a cancel here cancels them there. */
const transport: HttpTransport = (url, request) =>
  new Promise<TransportResponse>((resolve, reject) => {
    request.signal.throwIfAborted()
    const id = nextId()
    const onAbort = () => {
      requests.delete(id)
      send({ kind: 'http-abort', id })
      reject(request.signal.reason)
    }
    request.signal.addEventListener('abort', onAbort, { once: true })
    const done = () => request.signal.removeEventListener('abort', onAbort)
    requests.set(id, {
      resolve: (response) => {
        done()
        resolve(response)
      },
      reject: (reason) => {
        done()
        reject(reason)
      },
    })
    send({ kind: 'http', id, url, method: request.method, headers: request.headers, body: request.body })
  })

/** A network failure as main saw it, rebuilt with its codes so the core can say what went wrong. */
function networkError(failure: NetworkFailure): Error {
  const cause = failure.causeCode === undefined ? undefined : Object.assign(new Error(failure.causeCode), { code: failure.causeCode })
  return Object.assign(new Error(failure.message, cause ? { cause } : undefined), failure.code === undefined ? {} : { code: failure.code })
}

const desk = openDesk({
  dataDir: start.dataDir,
  nativeBinding: start.nativeBinding,
  autoSync: start.autoSync,
  timeoutMs: start.timeoutMs,
  pull: start.pull,
  secrets: mirroredSecrets(start.secrets),
  transport,
  emit: (event, payload) => send({ kind: 'event', event, payload }),
  startDemoPortal: start.demo
    ? () =>
        new Promise<LocalPortal>((resolve, reject) => {
          const id = nextId()
          demos.set(id, { resolve, reject })
          send({ kind: 'demo-start', id })
        })
    : undefined,
  onInternalError: (where, error) =>
    send({ kind: 'internal-error', where, message: errorText(error), ...(error instanceof Error && error.stack ? { stack: error.stack } : {}) }),
})

function settle<T>(waiting: Map<number, Waiting<T>>, id: number, outcome: { value: T } | { error: unknown }): void {
  const entry = waiting.get(id)
  waiting.delete(id)
  if (!entry) return
  if ('value' in outcome) entry.resolve(outcome.value)
  else entry.reject(outcome.error)
}

port.on('message', (raw: unknown) => {
  const parsed = ToWorker.safeParse(raw)
  if (!parsed.success) {
    send({ kind: 'internal-error', where: 'desk thread', message: `A message main sent could not be read: ${parsed.error.message}` })
    return
  }
  const message = parsed.data
  switch (message.kind) {
    case 'call':
      void desk.dispatch(message.method, message.input).then((result) => send({ kind: 'result', id: message.id, result }))
      return
    case 'http-answer': {
      const headers = new Map(Object.entries(message.headers))
      const body = message.body
      settle(requests, message.id, {
        value: { status: message.status, headers: { get: (name) => headers.get(name.toLowerCase()) ?? null }, text: async () => body },
      })
      return
    }
    case 'http-failure':
      settle(requests, message.id, { error: networkError(message.error) })
      return
    case 'demo-started':
      settle(demos, message.id, { value: message.portal })
      return
    case 'demo-failed':
      settle(demos, message.id, { error: failureOf(message.error) })
      return
    case 'close':
      void desk.close().then(() => {
        send({ kind: 'closed' })
        port.close()
      })
      return
  }
})
