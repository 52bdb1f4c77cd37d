// The demo portal: a WHMCS-compatible API endpoint over plain node:http (docs/WHMCS.md §1, §9). It
// powers the first-run demo, the integration and end-to-end tests and the benchmarks, so it copies the
// wire behaviour clients trip over: form bodies with bracket keys, 403s with a JSON reason, PHP's JSON
// escaping, a non-JSON answer when responsetype=json is forgotten. Faults (faults.ts) can be switched
// on while it runs, in process (`portal.faults`) or through the control endpoint (control.ts).
//
// Status codes: IP, credential and role refusals are 403 (as observed); an empty or unknown action is
// 400 (unverified on a real portal; a client must read the body whatever the status); business errors 200.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { ACTIONS, type ActionContext, type DemoGeneration, type JsonObject } from './actions'
import { acceptInvite } from './actions-users'
import { startControlServer, type ControlServer } from './control'
import type { ApiOutcome, ApiRequest, DemoControl, DemoFaults, DemoPortal, EditParams } from './portal-api'
import { DemoClient, generateDemoState, type DemoState } from './data'
import { FaultBook } from './faults'
import { parsePhpForm, stringParam, type FormArray } from './php-form'
import { phpJsonEncode, type JsonValue } from './php-json'
import { readStateFile, writeStateFile } from './state-file'
import { DemoStore } from './store'
import { errorText } from '../../shared/errors'

export type { ActiveFault, FaultSpec } from './faults'
export type { ApiOutcome, ApiRequest, DemoControl, DemoFaults, DemoPortal, EditParams, EditValue } from './portal-api'
export type { AcceptedInvite, AcceptInviteInput } from './actions-users'

export interface DemoPortalOptions {
  /** 0 (the default) takes any free port. */
  port?: number
  /** Default 127.0.0.1: the demo is for this machine. */
  host?: string
  /** Seed and size of generated data (defaults 1 and 1000); ignored when `stateFile` already exists. */
  seed?: number
  clients?: number
  /** Contacts per client on average (data.ts `contactsPerClient`); the demo's own mix (about 1.26) by default. */
  contactsPerClient?: number
  generation?: DemoGeneration
  /** false: GetEmails leaves out the delivery fields, as an install whose log lacks them (default true). */
  emailDelivery?: boolean
  identifier?: string
  secret?: string
  /** Loaded when it exists, else generated and written; saved after every change. */
  stateFile?: string
  /** Delay before every answer. */
  latencyMs?: number
  /** When set, other remote addresses get 403 "Invalid IP <ip>" (unless they send the access key). */
  allowedIps?: string[]
  /** Bypasses `allowedIps`, like $api_access_key in WHMCS's configuration.php. */
  accessKey?: string
  /** API-role simulation: these actions (any case) get 403 "Invalid Permissions". */
  deniedActions?: string[]
  /** Also serve the control endpoint (control.ts) on its own loopback port, given as `controlUrl`. */
  control?: boolean
  /** The control endpoint's port; 0 (the default) takes any free port. */
  controlPort?: number
}

const API_PATH = '/includes/api.php'
/** Far above any real request; a runaway client gets 413 instead of filling memory. */
const MAX_BODY_BYTES = 8 * 1024 * 1024

const DEFAULTS = {
  port: 0,
  host: '127.0.0.1',
  seed: 1,
  clients: 1000,
  generation: '8',
  identifier: 'demo-identifier',
  secret: 'demo-secret',
  latencyMs: 0,
} as const

interface Reply {
  status: number
  body: JsonObject
}

const HTML = 'text/html; charset=utf-8'
/** What a proxy in front of PHP answers when PHP is gone (the `html` fault, status 502). */
const BAD_GATEWAY_PAGE =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n' +
  '<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n'
/** WHMCS's own error page, served with 200 (the `html` fault, status 200). */
const OOPS_PAGE =
  '<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Oops! Something went wrong.</title></head>\n' +
  "<body><h1>Oops!</h1><p>Something went wrong and we couldn't process your request.</p>" +
  '<p>Please go back to the previous page and try again.</p></body>\n</html>\n'

export async function startDemoPortal(options: DemoPortalOptions = {}): Promise<DemoPortal> {
  const generation = options.generation ?? DEFAULTS.generation
  const identifier = options.identifier ?? DEFAULTS.identifier
  const secret = options.secret ?? DEFAULTS.secret
  const latencyMs = options.latencyMs ?? DEFAULTS.latencyMs
  const host = options.host ?? DEFAULTS.host
  const deniedActions = new Set((options.deniedActions ?? []).map((action) => action.toLowerCase()))
  const { stateFile } = options

  let state = stateFile === undefined ? undefined : await readStateFile(stateFile)
  if (state === undefined) {
    state = generateDemoState({
      seed: options.seed ?? DEFAULTS.seed,
      clients: options.clients ?? DEFAULTS.clients,
      contactsPerClient: options.contactsPerClient,
    })
    if (stateFile !== undefined) await writeStateFile(stateFile, state)
  }
  const data: DemoState = state
  const store = new DemoStore(data)
  const context: ActionContext = { store, generation, emailDelivery: options.emailDelivery ?? true, now: () => new Date() }
  const faultBook = new FaultBook()
  const served = new Map<string, number>()

  // Saves run one after another, each writing the state as it is by then; calls made while a save is
  // still waiting to start share it.
  let saving: Promise<void> = Promise.resolve()
  let queued: Promise<void> | undefined
  function save(): Promise<void> {
    if (stateFile === undefined) return Promise.resolve()
    if (queued !== undefined) return queued
    const write = saving.then(() => {
      queued = undefined
      return writeStateFile(stateFile, data)
    })
    queued = write
    saving = write.catch(() => undefined)
    return write
  }

  async function mutate<T>(change: (state: DemoState) => T): Promise<T> {
    const result = change(data)
    // A change may edit anything in place, so nothing cached about the data can be trusted any more.
    store.invalidate()
    await save()
    return result
  }

  /** Runs an action; the answer is the body WHMCS would send (an unknown action included). */
  function run(action: string, params: FormArray): { status: number; body: JsonObject } {
    const act = ACTIONS[generation].get(action)
    if (act === undefined) return unknownAction(action)
    return { status: 200, body: act(params, context) }
  }

  function unknownAction(action: string): Reply {
    return refuse(400, `Invalid API Action: "${action}" is not a valid API action`)
  }

  function answer(params: FormArray, action: string, remoteIp: string): Reply {
    const accessKeyMatches = options.accessKey !== undefined && stringParam(params, 'accesskey') === options.accessKey
    if (options.allowedIps !== undefined && !accessKeyMatches && !options.allowedIps.includes(remoteIp)) {
      return refuse(403, `Invalid IP ${remoteIp}`)
    }
    // API credentials are also accepted as username/password "for forwards compatibility"; some clients
    // send every credential field, the unused ones empty.
    const givenIdentifier = stringParam(params, 'identifier') || stringParam(params, 'username')
    const givenSecret = stringParam(params, 'secret') || stringParam(params, 'password')
    if (givenIdentifier !== identifier) return refuse(403, 'Invalid or missing credentials')
    if (givenSecret !== secret) return refuse(403, 'Authentication Failed')

    if (action === '') return refuse(400, 'Empty action request')
    if (deniedActions.has(action)) return refuse(403, `Invalid Permissions: API action "${action}" is not allowed`)
    return run(action, params)
  }

  /** Answers and saves: the answer leaves only once its change is on disk ("committed"). */
  async function commit(params: FormArray, action: string, remoteIp: string): Promise<Reply> {
    const before = store.revision
    const reply = answer(params, action, remoteIp)
    if (store.revision !== before) await save()
    return reply
  }

  /**
   * One API request, from its parsed parts to what the connection sees: an answer, a dropped connection
   * (before or after the change is saved), or no answer at all. The HTTP server and `handleApiRequest` share it.
   */
  async function exchange(request: ApiRequest): Promise<ApiOutcome> {
    const url = new URL(request.url, 'http://portal.invalid')
    if (latencyMs > 0) await sleep(latencyMs)
    if (request.method !== 'POST' || url.pathname !== API_PATH) return answered(404, 'text/plain; charset=utf-8', 'Not Found')
    if (request.body === undefined) return answered(413, 'text/plain; charset=utf-8', 'Request Entity Too Large')
    // Like PHP's $_REQUEST: query parameters count too, the body wins. Only a form body fills $_POST,
    // so a client that posts JSON is seen as sending no credentials at all.
    const form = isFormType(request.contentType) ? request.body : ''
    const params = parsePhpForm(`${url.search.slice(1)}&${form}`)
    const action = (stringParam(params, 'action') ?? '').toLowerCase()
    if (action !== '') served.set(action, (served.get(action) ?? 0) + 1)
    const json = stringParam(params, 'responsetype')?.toLowerCase() === 'json'
    const reply = (result: Reply): ApiOutcome =>
      json ? answered(result.status, 'application/json', phpJsonEncode(result.body)) : answered(result.status, HTML, legacyEncode(result.body))

    const plan = faultBook.take(action)
    if (plan.delayMs > 0) await sleep(plan.delayMs)
    switch (plan.failure?.kind) {
      case undefined:
        return reply(await commit(params, action, request.remoteIp))
      case 'hang':
        // No answer at all: the socket stays open until the client gives up or the portal closes.
        return { kind: 'hang' }
      case 'http-500':
        return answered(500, HTML, '')
      case 'html':
        return plan.failure.status === 200 ? answered(200, HTML, OOPS_PAGE) : answered(502, HTML, BAD_GATEWAY_PAGE)
      case 'drop-before-commit':
        return { kind: 'dropped' }
      case 'drop-after-commit':
        await commit(params, action, request.remoteIp)
        return { kind: 'dropped' }
      case 'auth-failed':
        return reply(refuse(403, 'Authentication Failed'))
      case 'ip-refused':
        return reply(refuse(403, `Invalid IP ${request.remoteIp}`))
      case 'unknown-action':
        return reply(unknownAction(action))
      case 'malformed':
        return reply({ status: 200, body: { result: 'success', totalresults: 'many', numreturned: 'some' } })
      case 'latency':
      case 'down':
        // Never chosen as a failure (faults.ts); listed so a new kind cannot be forgotten here.
        return reply(await commit(params, action, request.remoteIp))
    }
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request)
    const outcome = await exchange({
      method: request.method ?? 'GET',
      url: request.url ?? '/',
      contentType: request.headers['content-type'] ?? '',
      body,
      remoteIp: remoteAddress(request),
    })
    switch (outcome.kind) {
      case 'answer':
        send(response, outcome.status, outcome.contentType, outcome.body)
        return
      case 'hang':
        return
      case 'dropped':
      case 'refused':
        request.socket.destroy()
        return
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      // A bug in the simulator must be loud in the test that hit it, not look like a portal answer.
      const message = errorText(error)
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', `Demo portal internal error: ${message}`)
    })
  })
  const port = await listen(server, options.port ?? DEFAULTS.port, host)
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}/`

  // "down" closes the listening socket and drops every connection; clearing it listens again on the
  // same port. Transitions run one at a time, each bringing the server to what the faults say.
  let listening = true
  let closed = false
  let transition: Promise<void> = Promise.resolve()
  function settleListening(): Promise<void> {
    const step = transition.then(async () => {
      const wanted = !closed && !faultBook.down
      if (wanted === listening) return
      if (wanted) await listen(server, port, host)
      else await stopListening(server)
      listening = wanted
    })
    // A failed step (the port taken meanwhile) is reported to its caller, and the next one still runs.
    transition = step.catch(() => undefined)
    return step
  }

  const faults: DemoFaults = {
    async add(spec) {
      const fault = faultBook.add(spec)
      await settleListening()
      return fault
    },
    async set(...specs) {
      // Validate every spec before anything changes.
      const checked = new FaultBook()
      for (const spec of specs) checked.add(spec)
      faultBook.clear()
      const added = specs.map((spec) => faultBook.add(spec))
      await settleListening()
      return added
    },
    async remove(id) {
      const removed = faultBook.remove(id)
      await settleListening()
      return removed
    },
    async clear() {
      faultBook.clear()
      await settleListening()
    },
    list: () => faultBook.list(),
  }

  const control: DemoControl = {
    async edit(action, params = {}) {
      const before = store.revision
      const { body } = run(action.toLowerCase(), formArrayOf(params))
      if (store.revision !== before) await save()
      return body
    },
    async acceptInvite(input) {
      const accepted = acceptInvite(store, input, new Date())
      await save()
      return accepted
    },
    snapshot: () => structuredClone(data),
    calls: () => Object.fromEntries(served),
  }

  let controlServer: ControlServer | undefined
  const apiUrl = new URL(API_PATH.slice(1), url).href
  if (options.control === true) {
    try {
      controlServer = await startControlServer({ apiUrl, generation, faults, control }, options.controlPort ?? 0)
    } catch (error) {
      await stopListening(server)
      throw error
    }
  }

  let closing: Promise<void> | undefined
  return {
    url,
    apiUrl,
    controlUrl: controlServer?.url,
    identifier,
    secret,
    generation,
    state: data,
    faults,
    control,
    mutate,
    handleApiRequest: async (request) => (faultBook.down ? { kind: 'refused' } : exchange(request)),
    updateClient: (id, patch) =>
      mutate((current) => {
        const index = current.clients.findIndex((client) => client.id === id)
        const existing = current.clients[index]
        if (existing === undefined) throw new Error(`The demo portal has no client ${id}`)
        const updated = DemoClient.parse({ ...existing, ...patch, id })
        current.clients[index] = updated
        return updated
      }),
    close() {
      closing ??= (async () => {
        closed = true
        await Promise.all([settleListening(), controlServer?.close()])
        await saving
      })()
      return closing
    },
  }
}

/** The parameters of `control.edit` as PHP would have parsed them from a form. */
function formArrayOf(params: EditParams): FormArray {
  const form = Object.create(null) as FormArray
  const scalar = (value: string | number | boolean): string => (typeof value === 'boolean' ? (value ? '1' : '0') : String(value))
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === 'object') {
      const nested = Object.create(null) as FormArray
      for (const [inner, innerValue] of Object.entries(value)) nested[inner] = scalar(innerValue)
      form[key] = nested
    } else {
      form[key] = scalar(value)
    }
  }
  return form
}

/** Stops accepting connections and drops the open ones (hung requests included). */
function stopListening(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error && (error as NodeJS.ErrnoException).code !== 'ERR_SERVER_NOT_RUNNING' ? reject(error) : resolve()))
    server.closeAllConnections()
  })
}

function refuse(status: number, message: string): Reply {
  return { status, body: { result: 'error', message } }
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve((server.address() as AddressInfo).port)
    })
  })
}

/** The body as text, or undefined when it is larger than any real request. */
async function readBody(request: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size <= MAX_BODY_BYTES) chunks.push(chunk)
  }
  return size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')
}

function isFormType(contentType: string): boolean {
  return contentType.split(';')[0]?.trim().toLowerCase() === 'application/x-www-form-urlencoded'
}

function answered(status: number, contentType: string, body: string): ApiOutcome {
  return { kind: 'answer', status, contentType, body }
}

/** IPv4 clients of a dual-stack socket appear as "::ffff:1.2.3.4"; WHMCS lists and reports plain IPv4. */
function remoteAddress(request: IncomingMessage): string {
  return (request.socket.remoteAddress ?? '').replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '')
}

function send(response: ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) })
  response.end(body)
}

/**
 * The legacy answer a client gets when it forgets responsetype=json: "key=value;" pairs, nested keys in
 * bracket form. Its only job is to be plainly not JSON.
 */
function legacyEncode(body: JsonObject): string {
  const pairs: string[] = []
  const walk = (prefix: string, value: JsonValue): void => {
    if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) walk(prefix === '' ? key : `${prefix}[${key}]`, child)
    } else {
      pairs.push(`${prefix}=${value === null ? '' : String(value)};`)
    }
  }
  walk('', body)
  return pairs.join('')
}
