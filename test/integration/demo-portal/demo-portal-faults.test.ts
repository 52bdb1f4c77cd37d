// The demo portal's fault modes, each shown from a client's side over real sockets, and the control
// endpoint that switches them (only with --control).
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runDemoPortalCli } from '../../../src/main/demo-portal/main'
import { startDemoPortal, type DemoPortal, type DemoPortalOptions } from '../../../src/main/demo-portal/server'

const running: DemoPortal[] = []
const tempDirs: string[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((portal) => portal.close()))
  await Promise.all(tempDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
})

async function start(options: DemoPortalOptions = {}): Promise<DemoPortal> {
  const portal = await startDemoPortal({ port: 0, clients: 30, seed: 2, control: true, ...options })
  running.push(portal)
  return portal
}

interface Answer {
  status: number
  contentType: string | null
  text: string
}

function post(portal: DemoPortal, params: Record<string, string>, signal?: AbortSignal): Promise<Response> {
  return fetch(portal.apiUrl, {
    method: 'POST',
    body: new URLSearchParams({ identifier: portal.identifier, secret: portal.secret, responsetype: 'json', ...params }),
    signal,
  })
}

async function call(portal: DemoPortal, params: Record<string, string>): Promise<Answer> {
  const response = await post(portal, params)
  return { status: response.status, contentType: response.headers.get('content-type'), text: await response.text() }
}

/** How a request failed below HTTP: the error's name and its cause's code, as a client would classify it. */
async function networkFailure(request: Promise<unknown>): Promise<{ name: string; code: string | undefined }> {
  try {
    await request
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause
    return { name: (error as Error).name, code: cause?.code }
  }
  throw new Error('the request succeeded')
}

/** The control endpoint, as a test script drives it. */
async function control(portal: DemoPortal, method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(new URL(path, portal.controlUrl), {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: response.status, json: (await response.json()) as Record<string, unknown> }
}

const addContact = (email: string): Record<string, string> => ({ action: 'AddContact', clientid: '3', email, 'email_preferences[invoice]': '1' })
const hasContact = (portal: DemoPortal, email: string): boolean => portal.state.contacts.some((contact) => contact.email === email)

describe('the control endpoint', () => {
  it('exists only with control: true (--control); the API port never serves it', async () => {
    const plain = await start({ control: false })
    expect(plain.controlUrl).toBeUndefined()
    expect((await fetch(`${plain.url}faults`)).status).toBe(404)
    expect((await fetch(`${plain.url}state`)).status).toBe(404)

    const out: string[] = []
    const result = await runDemoPortalCli(['--port', '0', '--clients', '5'], { stdout: (line) => out.push(line), stderr: () => undefined })
    if (!result.ok) throw new Error('CLI failed')
    running.push(result.portal)
    expect(JSON.parse(out[0]!)).not.toHaveProperty('controlUrl')
  })

  it('is announced as controlUrl in the one JSON line with --control, on its own loopback port', async () => {
    const out: string[] = []
    const err: string[] = []
    const result = await runDemoPortalCli(['--port', '0', '--clients', '5', '--generation', '7', '--control'], {
      stdout: (line) => out.push(line),
      stderr: (line) => err.push(line),
    })
    if (!result.ok) throw new Error(`CLI failed: ${err.join('\n')}`)
    running.push(result.portal)
    expect(out).toHaveLength(1)
    const printed = JSON.parse(out[0]!) as Record<string, string>
    expect(printed.controlUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
    expect(new URL(printed.controlUrl!).port).not.toBe(new URL(printed.url!).port)
    const root = await fetch(printed.controlUrl!)
    expect(await root.json()).toMatchObject({ apiUrl: printed.apiUrl, generation: '7', routes: expect.arrayContaining(['POST /faults', 'POST /edit']) })

    const bad = await runDemoPortalCli(['--control-port', '0'], { stdout: () => undefined, stderr: (line) => err.push(line) })
    expect(bad).toEqual({ ok: false, exitCode: 2 })
    expect(err.at(-1)).toBe('demo-portal: --control-port needs --control')
  })

  it('answers only loopback Host names, takes only JSON bodies, and explains a bad fault', async () => {
    const portal = await start()
    const port = new URL(portal.controlUrl!).port
    // fetch will not send a Host of our choosing; node:http will, as a DNS-rebinding page's browser would.
    const rebound = await new Promise<number>((resolve, reject) => {
      request(portal.controlUrl!, { headers: { host: `evil.example:${port}` } }, (response) => {
        response.resume()
        resolve(response.statusCode ?? 0)
      })
        .on('error', reject)
        .end()
    })
    expect(rebound).toBe(403)
    const form = await fetch(new URL('faults', portal.controlUrl), { method: 'POST', body: new URLSearchParams({ kind: 'down' }) })
    expect(form.status).toBe(415)
    const emptyForm = await fetch(new URL('invites/1/accept', portal.controlUrl), { method: 'POST' })
    expect(emptyForm.status).toBe(415)
    const unknown = await control(portal, 'POST', 'faults', { kind: 'meteor' })
    expect(unknown.status).toBe(400)
    expect(unknown.json.error).toMatch(/kind/)
    const latencyWithoutMs = await control(portal, 'POST', 'faults', { kind: 'latency' })
    expect(latencyWithoutMs).toEqual({ status: 400, json: { error: expect.stringMatching(/^ms: /) } })
    expect((await control(portal, 'GET', 'nowhere')).status).toBe(404)
    await expect(portal.faults.add({ kind: 'down', count: 1 } as never)).rejects.toThrow()
    expect(portal.faults.list()).toEqual([])
  })

  it('shows the whole state, pending invites included, and accepts an invite as the invited person', async () => {
    const portal = await start()
    const state = await control(portal, 'GET', 'state')
    expect(Object.keys(state.json).sort()).toEqual(['activity', 'clients', 'contacts', 'domains', 'invites', 'products', 'seed', 'users', 'version'])
    expect(state.json.clients).toHaveLength(30)

    const outsider = portal.state.users.find((user) => !user.clients.some((link) => link.clientid === 4))!
    await call(portal, { action: 'CreateClientInvite', client_id: '4', email: 'socio@gmail.com', permissions: 'invoices,tickets' })
    const { json } = await control(portal, 'GET', 'invites')
    expect(json.invites).toEqual([{ id: 1, clientid: 4, email: 'socio@gmail.com', permissions: ['invoices', 'tickets'], created_at: expect.any(String) }])

    // Accepted with another existing login (anyone with the link can accept): that user is reused.
    const accepted = await control(portal, 'POST', 'invites/1/accept', { email: outsider.email.toUpperCase() })
    expect(accepted).toEqual({
      status: 200,
      json: { inviteId: 1, clientId: 4, userId: outsider.id, createdUser: false, email: outsider.email, permissions: ['invoices', 'tickets'] },
    })
    expect(outsider.clients).toContainEqual({ clientid: 4, owner: false, permissions: ['invoices', 'tickets'] })
    expect((await control(portal, 'POST', 'invites/1/accept', {})).status).toBe(404)

    // An invite older than 7 days no longer works.
    await call(portal, { action: 'CreateClientInvite', client_id: '4', email: 'tarde@gmail.com', permissions: 'invoices' })
    await portal.mutate((data) => {
      data.invites[0]!.created_at = new Date(Date.now() - 8 * 86_400_000).toISOString()
    })
    const expired = await control(portal, 'POST', 'invites/2/accept', {})
    expect(expired.status).toBe(410)
    expect(expired.json.error).toMatch(/expired/)
  })

  it('edits as another staff member: no credentials, no faults, saved', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'demo-portal-faults-'))
    tempDirs.push(dir)
    const stateFile = join(dir, 'state.json')
    const portal = await start({ stateFile })
    await portal.faults.set({ kind: 'auth-failed' }, { kind: 'http-500' })
    const edited = await control(portal, 'POST', 'edit', {
      action: 'UpdateContact',
      params: { contactid: portal.state.contacts[0]!.id, city: 'Caruaru', email_preferences: { invoice: 1 } },
    })
    expect(edited).toEqual({ status: 200, json: { result: 'success', contactid: String(portal.state.contacts[0]!.id) } })
    expect(portal.state.contacts[0]).toMatchObject({ city: 'Caruaru', invoiceemails: true })
    expect(await readFile(stateFile, 'utf8')).toContain('"city":"Caruaru"')
    const refused = await portal.control.edit('UpdateContact', { contactid: 999999 })
    expect(refused).toEqual({ result: 'error', message: 'Contact ID Not Found' })
    expect((await call(portal, { action: 'WhmcsDetails' })).status).toBe(403) // the API itself is still faulty
  })
})

describe('fault modes', () => {
  it('latency: delays only the actions named, for the next N requests', async () => {
    const portal = await start()
    await portal.faults.add({ kind: 'latency', ms: 300, actions: ['getclients'], count: 1 })
    const timed = async (action: string): Promise<number> => {
      const started = performance.now()
      expect((await call(portal, { action })).status).toBe(200)
      return performance.now() - started
    }
    expect(await timed('WhmcsDetails')).toBeLessThan(250)
    expect(await timed('GetClients')).toBeGreaterThanOrEqual(290)
    expect(await timed('GetClients')).toBeLessThan(250)
    expect(portal.faults.list()).toEqual([])
  })

  it('http-500: an empty 500 answer, then the portal is fine again', async () => {
    const portal = await start()
    const fault = await portal.faults.add({ kind: 'http-500', count: 2 })
    expect(fault).toMatchObject({ id: 1, kind: 'http-500', remaining: 2, hits: 0 })
    expect(await call(portal, { action: 'GetClients' })).toEqual({ status: 500, contentType: 'text/html; charset=utf-8', text: '' })
    expect(portal.faults.list()).toEqual([expect.objectContaining({ remaining: 1, hits: 1 })])
    expect((await call(portal, { action: 'GetClients' })).status).toBe(500)
    expect((await call(portal, { action: 'GetClients' })).status).toBe(200)
  })

  it('html: a 502 proxy page or a 200 PHP error page instead of JSON', async () => {
    const portal = await start()
    await control(portal, 'PUT', 'faults', [
      { kind: 'html', count: 1 },
      { kind: 'html', status: 200, count: 1 },
    ])
    const gateway = await call(portal, { action: 'GetClients' })
    expect(gateway).toMatchObject({ status: 502, contentType: 'text/html; charset=utf-8' })
    expect(gateway.text).toContain('<title>502 Bad Gateway</title>')
    const oops = await call(portal, { action: 'GetClients' })
    expect(oops).toMatchObject({ status: 200, contentType: 'text/html; charset=utf-8' })
    expect(oops.text).toContain('Oops! Something went wrong')
    expect(() => JSON.parse(oops.text)).toThrow()
  })

  it('hang: never answers, so the client’s own timeout fires; the next request is served', async () => {
    const portal = await start()
    await portal.faults.add({ kind: 'hang', count: 1 })
    const started = performance.now()
    const failure = await networkFailure(post(portal, { action: 'GetClients' }, AbortSignal.timeout(300)))
    expect(failure.name).toBe('TimeoutError')
    expect(performance.now() - started).toBeGreaterThanOrEqual(290)
    expect((await call(portal, { action: 'GetClients' })).status).toBe(200)
  })

  it('drop-before-commit: the connection is cut and nothing was written', async () => {
    const portal = await start()
    await portal.faults.add({ kind: 'drop-before-commit', actions: ['AddContact'] })
    const failure = await networkFailure(post(portal, addContact('antes@gmail.com')))
    expect(failure).toEqual({ name: 'TypeError', code: 'UND_ERR_SOCKET' })
    expect(hasContact(portal, 'antes@gmail.com')).toBe(false)
    expect((await call(portal, { action: 'GetClients' })).status).toBe(200) // other actions unaffected
  })

  it('drop-after-commit: the client sees a socket error, yet the contact was created and saved', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'demo-portal-faults-'))
    tempDirs.push(dir)
    const stateFile = join(dir, 'state.json')
    const portal = await start({ stateFile })
    await control(portal, 'POST', 'faults', { kind: 'drop-after-commit', actions: ['addcontact'], count: 1 })
    const failure = await networkFailure(post(portal, addContact('depois@gmail.com')))
    expect(failure).toEqual({ name: 'TypeError', code: 'UND_ERR_SOCKET' })
    expect(hasContact(portal, 'depois@gmail.com')).toBe(true)
    expect(await readFile(stateFile, 'utf8')).toContain('"email":"depois@gmail.com"')
    // The retry a naive client makes is refused: the write had happened.
    const retry = await call(portal, addContact('depois@gmail.com'))
    expect(JSON.parse(retry.text)).toEqual({ result: 'error', message: 'Duplicate Email Address' })
  })

  it('down: connections are refused, the control endpoint still answers, then the API is back on the same port', async () => {
    const portal = await start()
    const created = await control(portal, 'POST', 'faults', { kind: 'down' })
    expect(created).toEqual({ status: 201, json: { fault: { kind: 'down', id: 1, hits: 0 } } })
    expect(await networkFailure(post(portal, { action: 'GetClients' }))).toEqual({ name: 'TypeError', code: 'ECONNREFUSED' })
    expect((await control(portal, 'GET', 'faults')).json.faults).toEqual([{ kind: 'down', id: 1, hits: 0 }])
    // Edits by other staff go on while the API is down.
    await portal.control.edit('UpdateClient', { clientid: 2, city: 'Sobral' })

    expect(await control(portal, 'DELETE', 'faults')).toEqual({ status: 200, json: { faults: [] } })
    const back = await call(portal, { action: 'GetClientsDetails', clientid: '2' })
    expect(back.status).toBe(200)
    expect(JSON.parse(back.text)).toMatchObject({ city: 'Sobral' })

    // The in-process way, and removing just that fault.
    const down = await portal.faults.add({ kind: 'down' })
    expect(await networkFailure(post(portal, { action: 'GetClients' }))).toMatchObject({ code: 'ECONNREFUSED' })
    expect(await portal.faults.remove(down.id)).toBe(true)
    expect((await call(portal, { action: 'GetClients' })).status).toBe(200)
  })

  it('down: a portal closed while down closes cleanly, control endpoint included', async () => {
    const portal = await startDemoPortal({ port: 0, clients: 5, control: true })
    await portal.faults.add({ kind: 'down' })
    await portal.close()
    expect(await networkFailure(fetch(portal.controlUrl!))).toMatchObject({ code: 'ECONNREFUSED' })
    expect(await networkFailure(post(portal, { action: 'GetClients' }))).toMatchObject({ code: 'ECONNREFUSED' })
  })

  it('auth-failed: 403 Authentication Failed with the right credentials, only for the actions named', async () => {
    const portal = await start()
    await portal.faults.add({ kind: 'auth-failed', actions: ['AddContact'] })
    const refused = await call(portal, addContact('nunca@gmail.com'))
    expect(refused).toEqual({ status: 403, contentType: 'application/json', text: '{"result":"error","message":"Authentication Failed"}' })
    expect(hasContact(portal, 'nunca@gmail.com')).toBe(false)
    expect((await call(portal, { action: 'GetClients' })).status).toBe(200)
  })

  it('ip-refused: 403 Invalid IP with the caller’s address', async () => {
    const portal = await start()
    await portal.faults.add({ kind: 'ip-refused', count: 1 })
    expect(await call(portal, { action: 'GetClients' })).toEqual({
      status: 403,
      contentType: 'application/json',
      text: '{"result":"error","message":"Invalid IP 127.0.0.1"}',
    })
    expect((await call(portal, { action: 'GetClients' })).status).toBe(200)
  })

  it('unknown-action: 400 Invalid API Action for the actions named, as a portal without them answers', async () => {
    const portal = await start()
    await portal.faults.add({ kind: 'unknown-action', actions: ['GetClientsDomains'] })
    expect(await call(portal, { action: 'GetClientsDomains' })).toEqual({
      status: 400,
      contentType: 'application/json',
      text: '{"result":"error","message":"Invalid API Action: \\"getclientsdomains\\" is not a valid API action"}',
    })
    expect((await call(portal, { action: 'GetClients' })).status).toBe(200)
  })

  it('malformed: a success answer without the fields of the action', async () => {
    const portal = await start()
    await portal.faults.add({ kind: 'malformed', actions: ['GetClientsDomains'], count: 1 })
    const answer = await call(portal, { action: 'GetClientsDomains' })
    expect(answer.status).toBe(200)
    expect(JSON.parse(answer.text)).toEqual({ result: 'success', totalresults: 'many', numreturned: 'some' })
    expect(JSON.parse((await call(portal, { action: 'GetClientsDomains' })).text)).toHaveProperty('domains')
  })

  it('combines: latencies add up, the first failure added wins, and each can be removed or all cleared', async () => {
    const portal = await start()
    const [slow, , second] = await portal.faults.set({ kind: 'latency', ms: 150 }, { kind: 'http-500', actions: ['GetClients'] }, { kind: 'ip-refused' })
    const started = performance.now()
    expect((await call(portal, { action: 'GetClients' })).status).toBe(500)
    expect(performance.now() - started).toBeGreaterThanOrEqual(140)
    expect((await call(portal, { action: 'WhmcsDetails' })).text).toContain('Invalid IP')
    expect(portal.faults.list().map((fault) => [fault.kind, fault.hits])).toEqual([
      ['latency', 2],
      ['http-500', 1],
      ['ip-refused', 1],
    ])
    expect((await control(portal, 'DELETE', `faults/${second!.id}`)).json).toEqual({ removed: true })
    expect((await control(portal, 'DELETE', `faults/${second!.id}`)).status).toBe(404)
    expect(await portal.faults.remove(slow!.id)).toBe(true)
    await portal.faults.clear()
    expect((await call(portal, { action: 'GetClients' })).status).toBe(200)
  })
})
