// The control endpoint (started only with --control / `control: true`): inspection of the portal's
// state, fault injection, edits "by another staff member" and invite acceptance, for tests and demos.
// It listens on its own loopback port, so no fault (not even "down") can cut it off.
//
// No token: it only ever listens on 127.0.0.1, it answers only requests whose Host is 127.0.0.1 or
// localhost (so a web page cannot reach it by DNS rebinding), every request with a body must be
// application/json (a cross-site page cannot send that without a CORS preflight, which is never
// granted), and it sends no CORS headers (a page cannot read its answers). The data is demo data.
//
//   GET    /                      what the portal is: { apiUrl, generation, routes }
//   GET    /state                 the whole state (clients, contacts, users, domains, products, invites)
//   GET    /invites               { invites: [...] } the pending 8.x invites
//   GET    /calls                 { calls: { action: n } } the API requests received so far, by action
//   POST   /invites/:id/accept    { email?, firstname?, lastname? } → { inviteId, clientId, userId, createdUser, email, permissions }
//   GET    /faults                { faults: [...] } the active faults
//   POST   /faults                one fault spec (faults.ts) → 201 { fault }
//   PUT    /faults                [fault specs] → { faults }: replaces them all
//   DELETE /faults                clears every fault (a "down" portal listens again) → { faults: [] }
//   DELETE /faults/:id            removes one → { removed: true }, or 404
//   POST   /edit                  { action, params? } → the action's WHMCS answer, run without faults or credentials
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { z } from 'zod'
import { FaultSpec } from './faults'
import type { DemoControl, DemoFaults } from './portal-api'
import { DemoControlError, type DemoGeneration } from './action'
import { errorText } from '../../shared/errors'

export interface ControlTarget {
  apiUrl: string
  generation: DemoGeneration
  faults: DemoFaults
  control: DemoControl
}

export interface ControlServer {
  /** e.g. http://127.0.0.1:PORT/ */
  readonly url: string
  close(): Promise<void>
}

const HOST = '127.0.0.1'
const MAX_BODY_BYTES = 1024 * 1024

const ROUTES = [
  'GET /',
  'GET /state',
  'GET /invites',
  'GET /calls',
  'POST /invites/:id/accept',
  'GET /faults',
  'POST /faults',
  'PUT /faults',
  'DELETE /faults',
  'DELETE /faults/:id',
  'POST /edit',
]

const Scalar = z.union([z.string(), z.number(), z.boolean()])
const EditBody = z.strictObject({
  action: z.string().min(1),
  params: z.record(z.string(), z.union([Scalar, z.record(z.string(), Scalar)])).optional(),
})
const AcceptBody = z.strictObject({
  email: z.string().optional(),
  firstname: z.string().optional(),
  lastname: z.string().optional(),
})

interface Answer {
  status: number
  body: unknown
}

export async function startControlServer(target: ControlTarget, port: number): Promise<ControlServer> {
  let actualPort = port
  const server = createServer((request, response) => {
    route(request, target, actualPort).then(
      (answer) => sendJson(response, answer),
      (error: unknown) => sendJson(response, failureOf(error)),
    )
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, HOST, () => {
      server.off('error', reject)
      resolve()
    })
  })
  actualPort = (server.address() as AddressInfo).port
  return {
    url: `http://${HOST}:${actualPort}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

async function route(request: IncomingMessage, target: ControlTarget, port: number): Promise<Answer> {
  const hostHeader = (request.headers.host ?? '').toLowerCase()
  if (hostHeader !== `${HOST}:${port}` && hostHeader !== `localhost:${port}`) {
    return { status: 403, body: { error: `The control endpoint answers only ${HOST}:${port} or localhost:${port}` } }
  }
  const method = request.method ?? 'GET'
  const path = new URL(request.url ?? '/', `http://${HOST}`).pathname.replace(/\/+$/, '') || '/'
  const body = await readJson(request)
  const idIn = (pattern: RegExp): number | undefined => {
    const match = pattern.exec(path)
    return match?.[1] === undefined ? undefined : Number(match[1])
  }

  if (method === 'GET' && path === '/') return ok({ apiUrl: target.apiUrl, generation: target.generation, routes: ROUTES })
  if (method === 'GET' && path === '/state') return ok(target.control.snapshot())
  if (method === 'GET' && path === '/invites') return ok({ invites: target.control.snapshot().invites })
  if (method === 'GET' && path === '/calls') return ok({ calls: target.control.calls() })
  const inviteId = idIn(/^\/invites\/(\d+)\/accept$/)
  if (method === 'POST' && inviteId !== undefined) {
    return ok(await target.control.acceptInvite({ inviteId, ...AcceptBody.parse(body ?? {}) }))
  }
  if (path === '/faults') {
    if (method === 'GET') return ok({ faults: target.faults.list() })
    if (method === 'POST') return { status: 201, body: { fault: await target.faults.add(FaultSpec.parse(body)) } }
    if (method === 'PUT') return ok({ faults: await target.faults.set(...z.array(FaultSpec).parse(body)) })
    if (method === 'DELETE') {
      await target.faults.clear()
      return ok({ faults: [] })
    }
  }
  const faultId = idIn(/^\/faults\/(\d+)$/)
  if (method === 'DELETE' && faultId !== undefined) {
    return (await target.faults.remove(faultId)) ? ok({ removed: true }) : { status: 404, body: { error: `No active fault ${faultId}` } }
  }
  if (method === 'POST' && path === '/edit') {
    const edit = EditBody.parse(body)
    return ok(await target.control.edit(edit.action, edit.params))
  }
  return { status: 404, body: { error: `No route ${method} ${path}; see GET /` } }
}

function ok(body: unknown): Answer {
  return { status: 200, body }
}

/**
 * The JSON body, undefined when there is none. POST and PUT must say application/json even with an
 * empty body: that is what keeps a cross-site page from sending them without a preflight.
 */
async function readJson(request: IncomingMessage): Promise<unknown> {
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase()
  const mustBeJson = request.method === 'POST' || request.method === 'PUT'
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_BODY_BYTES) throw new DemoControlError(413, 'Request body too large')
    chunks.push(chunk)
  }
  if (mustBeJson && type !== 'application/json') throw new DemoControlError(415, 'Send POST and PUT requests as application/json')
  if (size === 0) return undefined
  if (type !== 'application/json') throw new DemoControlError(415, 'Send the body as application/json')
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch {
    throw new DemoControlError(400, 'The body is not JSON')
  }
}

function failureOf(error: unknown): Answer {
  if (error instanceof DemoControlError) return { status: error.status, body: { error: error.message } }
  if (error instanceof z.ZodError) {
    const issue = error.issues[0]
    const where = issue === undefined || issue.path.length === 0 ? '' : `${issue.path.join('.')}: `
    return { status: 400, body: { error: `${where}${issue?.message ?? 'invalid request'}` } }
  }
  return { status: 500, body: { error: errorText(error) } }
}

function sendJson(response: ServerResponse, { status, body }: Answer): void {
  const text = JSON.stringify(body)
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) })
  response.end(text)
}
