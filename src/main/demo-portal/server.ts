// The demo portal: a WHMCS-compatible API endpoint over plain node:http (whmcs-api.md §1, §9). It
// powers the first-run demo, the integration and end-to-end tests and the benchmarks, so it copies the
// wire behaviour clients trip over: form bodies with bracket keys, 403s with a JSON reason, PHP's JSON
// escaping, a non-JSON answer when responsetype=json is forgotten.
//
// Status codes: IP, credential and role refusals are 403 (as observed); an empty or unknown action is
// 400 (unverified on a real portal; a client must read the body whatever the status); business errors 200.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { ACTIONS, clientSearchKeys, type ActionContext, type DemoGeneration, type JsonObject } from './actions'
import { DemoClient, generateDemoState, type DemoState } from './data'
import { parsePhpForm, stringParam, type FormArray } from './php-form'
import { phpJsonEncode, type JsonValue } from './php-json'
import { readStateFile, writeStateFile } from './state-file'

export interface DemoPortalOptions {
  /** 0 (the default) takes any free port. */
  port?: number
  /** Default 127.0.0.1: the demo is for this machine. */
  host?: string
  /** Seed and size of generated data (defaults 1 and 1000); ignored when `stateFile` already exists. */
  seed?: number
  clients?: number
  generation?: DemoGeneration
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
}

export interface DemoPortal {
  /** Base URL, e.g. http://127.0.0.1:PORT/ */
  readonly url: string
  /** The API endpoint, `${url}includes/api.php`. */
  readonly apiUrl: string
  readonly identifier: string
  readonly secret: string
  readonly generation: DemoGeneration
  /** The live data; change it only through `mutate` or `updateClient` so it is saved. */
  readonly state: DemoState
  /**
   * Changes the data as someone working on the portal would, then saves it. The change runs at once
   * (before the returned promise settles); the promise settles when the state file is written.
   */
  mutate<T>(change: (state: DemoState) => T): Promise<T>
  /** Edits one client's fields; the result is validated, so a bad patch throws and changes nothing. */
  updateClient(id: number, patch: Partial<Omit<DemoClient, 'id'>>): Promise<DemoClient>
  /** Stops listening, drops open connections, and waits for the last save. */
  close(): Promise<void>
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

export async function startDemoPortal(options: DemoPortalOptions = {}): Promise<DemoPortal> {
  const generation = options.generation ?? DEFAULTS.generation
  const identifier = options.identifier ?? DEFAULTS.identifier
  const secret = options.secret ?? DEFAULTS.secret
  const latencyMs = options.latencyMs ?? DEFAULTS.latencyMs
  const deniedActions = new Set((options.deniedActions ?? []).map((action) => action.toLowerCase()))
  const { stateFile } = options

  let state = stateFile === undefined ? undefined : await readStateFile(stateFile)
  if (state === undefined) {
    state = generateDemoState({ seed: options.seed ?? DEFAULTS.seed, clients: options.clients ?? DEFAULTS.clients })
    if (stateFile !== undefined) await writeStateFile(stateFile, state)
  }
  const data: DemoState = state

  // Folding every client's text on every search is the slow part of a search over 100k clients.
  let searchKeyCache = new WeakMap<DemoClient, readonly string[]>()
  const context: ActionContext = {
    state: data,
    generation,
    searchKeys(client) {
      let keys = searchKeyCache.get(client)
      if (keys === undefined) searchKeyCache.set(client, (keys = clientSearchKeys(client)))
      return keys
    },
  }

  // Saves run one after another, each writing the state as it is by then.
  let saving: Promise<void> = Promise.resolve()
  function save(): Promise<void> {
    if (stateFile === undefined) return Promise.resolve()
    const write = saving.then(() => writeStateFile(stateFile, data))
    saving = write.catch(() => undefined)
    return write
  }

  async function mutate<T>(change: (state: DemoState) => T): Promise<T> {
    const result = change(data)
    // A change may edit clients in place, so nothing cached about them can be trusted any more.
    searchKeyCache = new WeakMap()
    await save()
    return result
  }

  function answer(params: FormArray, remoteIp: string): Reply {
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

    const action = (stringParam(params, 'action') ?? '').toLowerCase()
    if (action === '') return refuse(400, 'Empty action request')
    if (deniedActions.has(action)) return refuse(403, `Invalid Permissions: API action "${action}" is not allowed`)
    const run = ACTIONS.get(action)
    if (run === undefined) return refuse(400, `Invalid API Action: "${action}" is not a valid API action`)
    return { status: 200, body: run(params, context) }
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://portal.invalid')
    const body = await readBody(request)
    if (latencyMs > 0) await sleep(latencyMs)
    if (request.method !== 'POST' || url.pathname !== API_PATH) {
      send(response, 404, 'text/plain; charset=utf-8', 'Not Found')
      return
    }
    if (body === undefined) {
      send(response, 413, 'text/plain; charset=utf-8', 'Request Entity Too Large')
      return
    }
    // Like PHP's $_REQUEST: query parameters count too, the body wins. Only a form body fills $_POST,
    // so a client that posts JSON is seen as sending no credentials at all.
    const form = isFormBody(request) ? body : ''
    const params = parsePhpForm(`${url.search.slice(1)}&${form}`)
    const reply = answer(params, remoteAddress(request))
    if (stringParam(params, 'responsetype')?.toLowerCase() === 'json') {
      send(response, reply.status, 'application/json', phpJsonEncode(reply.body))
    } else {
      send(response, reply.status, 'text/html; charset=utf-8', legacyEncode(reply.body))
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      // A bug in the simulator must be loud in the test that hit it, not look like a portal answer.
      const message = error instanceof Error ? error.message : String(error)
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', `Demo portal internal error: ${message}`)
    })
  })
  const port = await listen(server, options.port ?? DEFAULTS.port, options.host ?? DEFAULTS.host)
  const host = options.host ?? DEFAULTS.host
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}/`

  let closing: Promise<void> | undefined
  return {
    url,
    apiUrl: new URL(API_PATH.slice(1), url).href,
    identifier,
    secret,
    generation,
    state: data,
    mutate,
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
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }).then(() => saving)
      return closing
    },
  }
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

function isFormBody(request: IncomingMessage): boolean {
  const type = request.headers['content-type'] ?? ''
  return type.split(';')[0]?.trim().toLowerCase() === 'application/x-www-form-urlencoded'
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
