// The loopback bridge (docs/ARCHITECTURE.md §9.3): serves the built renderer and the same contract as preload from one
// 127.0.0.1 origin, so the unchanged UI runs in a plain browser (tests, `npm start` without Electron).
// Every API call must carry the per-run token, which reaches the page only in the URL fragment.
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createReadStream, statSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, resolve, sep } from 'node:path'
import { EVENTS_PATH, methodNames, methodPath, TOKEN_HEADER, type MethodName } from '../../shared/contract'
import type { DeskError, Result } from '../../shared/errors'
import type { WireDispatch } from '../core/dispatch'
import type { EventHub } from '../core/events'
import { APP_CSP } from '../../shared/csp'

export interface BridgeOptions {
  dispatch: WireDispatch
  listen: EventHub['listen']
  /** The built renderer (out/renderer). */
  rendererDir: string
  port?: number
  /** Fixed token for tests; a random one otherwise. */
  token?: string
}

export interface Bridge {
  /** http://127.0.0.1:PORT */
  origin: string
  /** The page to open, with the token in the fragment. */
  url: string
  token: string
  close(): Promise<void>
}

const MAX_BODY_BYTES = 1024 * 1024
const HEARTBEAT_MS = 15_000
const METHOD_BY_PATH = new Map<string, MethodName>(methodNames.map((name) => [methodPath(name), name]))
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
}

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const token = options.token ?? randomBytes(32).toString('hex')
  const expected = Buffer.from(token)
  const rendererDir = resolve(options.rendererDir)
  const streams = new Set<ServerResponse>()
  let port = 0

  const tokenOk = (request: IncomingMessage) => {
    const given = Buffer.from(String(request.headers[TOKEN_HEADER] ?? ''))
    return given.length === expected.length && timingSafeEqual(given, expected)
  }
  // DNS rebinding: a page on another name that resolves to 127.0.0.1 must not reach the API.
  const hostOk = (request: IncomingMessage) => request.headers.host === `127.0.0.1:${port}` || request.headers.host === `localhost:${port}`
  // Another local page may POST to us; only our own origin (or none, for non-browser clients) is served.
  const originOk = (request: IncomingMessage) => {
    const origin = request.headers.origin
    return origin === undefined || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`
  }

  const server = createServer((request, response) => {
    void handle(request, response).catch(() => {
      if (!response.headersSent) sendResult(response, 500, { code: 'internal', message: 'The bridge failed to answer.' })
      else response.destroy()
    })
  })

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://bridge').pathname
    if (!hostOk(request)) return sendText(response, 421, 'Misdirected request')
    const method = METHOD_BY_PATH.get(path)
    if (method !== undefined) return handleCall(method, request, response)
    if (path === EVENTS_PATH) return handleEvents(request, response)
    if (path.startsWith('/api/')) return sendResult(response, 404, { code: 'validation', message: `Unknown API path ${path}` })
    return serveStatic(path, request, response)
  }

  async function handleCall(method: MethodName, request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'POST') return sendResult(response, 405, { code: 'validation', message: 'API calls are POST requests.' })
    if (!originOk(request)) return sendResult(response, 403, refused)
    if (!tokenOk(request)) return sendResult(response, 401, refused)
    if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendResult(response, 415, { code: 'validation', message: 'API calls send application/json.' })
    }
    const body = await readBody(request)
    if (body === null) return sendResult(response, 413, { code: 'validation', message: 'The request is too large.' })
    let input: unknown
    try {
      input = body.length === 0 ? {} : JSON.parse(body)
    } catch {
      return sendResult(response, 400, { code: 'validation', message: 'The request body is not valid JSON.' })
    }
    send(response, 200, await options.dispatch(method, input))
  }

  function handleEvents(request: IncomingMessage, response: ServerResponse): void {
    if (request.method !== 'GET') return sendResult(response, 405, { code: 'validation', message: 'The event stream is a GET request.' })
    if (!originOk(request)) return sendResult(response, 403, refused)
    if (!tokenOk(request)) return sendResult(response, 401, refused)
    response.writeHead(200, {
      'content-type': 'application/x-ndjson; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    })
    response.write('\n')
    streams.add(response)
    const stop = options.listen((event, payload) => response.write(`${JSON.stringify({ event, payload })}\n`))
    const heartbeat = setInterval(() => response.write('\n'), HEARTBEAT_MS)
    response.on('close', () => {
      clearInterval(heartbeat)
      stop()
      streams.delete(response)
    })
  }

  function serveStatic(path: string, request: IncomingMessage, response: ServerResponse): void {
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendText(response, 405, 'Method not allowed')
    let relative: string
    try {
      relative = decodeURIComponent(path === '/' ? '/index.html' : path)
    } catch {
      return sendText(response, 400, 'Bad path')
    }
    const file = resolve(join(rendererDir, relative))
    if (!file.startsWith(rendererDir + sep)) return sendText(response, 404, 'Not found')
    let size: number
    try {
      const stat = statSync(file)
      if (!stat.isFile()) return sendText(response, 404, 'Not found')
      size = stat.size
    } catch {
      return sendText(response, 404, 'Not found')
    }
    const isHtml = extname(file) === '.html'
    response.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': size,
      'content-security-policy': APP_CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': isHtml ? 'no-cache' : 'public, max-age=31536000, immutable',
    })
    if (request.method === 'HEAD') return void response.end()
    createReadStream(file).pipe(response)
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen())
  })
  port = (server.address() as AddressInfo).port
  const origin = `http://127.0.0.1:${port}`
  return {
    origin,
    url: `${origin}/#token=${token}`,
    token,
    close: () =>
      new Promise<void>((resolveClose) => {
        for (const stream of streams) stream.end()
        server.close(() => resolveClose())
        server.closeAllConnections()
      }),
  }
}

const refused: DeskError = {
  code: 'app_unavailable',
  message: 'Refused: this page was not opened by the running Contact Desk (its access token is missing or wrong). Open the address Contact Desk printed.',
}

function readBody(request: IncomingMessage): Promise<string | null> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let tooLarge = false
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) tooLarge = true
      else chunks.push(chunk)
    })
    request.on('end', () => resolveBody(tooLarge ? null : Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })
}

function send(response: ServerResponse, status: number, result: Result<unknown>): void {
  const body = JSON.stringify(result)
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  })
  response.end(body)
}

function sendResult(response: ServerResponse, status: number, error: DeskError): void {
  send(response, status, { ok: false, error })
}

function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' })
  response.end(text)
}
