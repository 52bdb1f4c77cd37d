import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { fetchTransport, type HttpTransport } from '../../../../src/main/core/portal/transport'
import { createWhmcsClient, type WhmcsClient } from '../../../../src/main/core/portal/whmcs-client'
import { DeskFailure } from '../../../../src/shared/errors'
import { answer, fakeTransport, jsonAnswer, waitForAbort, type Responder } from './fake-transport'

const IDENTIFIER = 'ident-D3sk-4711'
const SECRET = 'S3cr3t&Value=With+Specials/é'
const ANY = z.looseObject({})

function client(respond: Responder, timeoutMs?: number): { portal: WhmcsClient; requests: ReturnType<typeof fakeTransport>['requests'] } {
  const { transport, requests } = fakeTransport(respond)
  const portal = createWhmcsClient({ apiUrl: 'https://portal.example.com/billing', identifier: IDENTIFIER, secret: SECRET, transport, timeoutMs })
  return { portal, requests }
}

/** The DeskFailure a call rejects with; also checks it gives nothing of the credentials away. */
async function failureOf(promise: Promise<unknown>): Promise<DeskFailure> {
  const error = await promise.then(
    () => {
      throw new Error('expected the call to fail')
    },
    (reason: unknown) => reason,
  )
  expect(error).toBeInstanceOf(DeskFailure)
  const failure = error as DeskFailure
  const everything = JSON.stringify(failure.toError())
  expect(everything).not.toContain(SECRET)
  expect(everything).not.toContain(encodeURIComponent(SECRET))
  return failure
}

async function callFailure(respond: Responder, action = 'GetClients'): Promise<DeskFailure> {
  return failureOf(client(respond).portal.call(action, {}, ANY))
}

describe('the request', () => {
  it('POSTs the form to api.php with the credentials only in the body', async () => {
    const { portal, requests } = client(() => jsonAnswer({ result: 'success' }))
    await portal.call('UpdateContact', { contactid: 5, email_preferences: { general: true, invoice: false } }, ANY)

    expect(portal.apiUrl).toBe('https://portal.example.com/billing/includes/api.php')
    const [request] = requests
    expect(request?.url).toBe('https://portal.example.com/billing/includes/api.php')
    expect(request?.url).not.toContain(IDENTIFIER)
    expect(request?.url).not.toContain(encodeURIComponent(SECRET))
    expect(request?.method).toBe('POST')
    expect(request?.headers).toEqual({ 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' })
    expect(request?.body).toMatch(/^action=UpdateContact&identifier=ident-D3sk-4711&secret=[^&]+&responsetype=json&contactid=5&/)
    expect(request?.body).toContain('email_preferences[general]=1&email_preferences[invoice]=0')
    expect(request?.form.get('secret')).toBe(SECRET)
    expect(request?.signal).toBeInstanceOf(AbortSignal)
  })

  it('refuses parameters that would replace the action or the credentials, before sending anything', async () => {
    const { portal, requests } = client(() => jsonAnswer({ result: 'success' }))
    for (const key of ['action', 'secret', 'Identifier', 'responsetype', 'username', 'password', 'accesskey']) {
      await expect(portal.call('GetClients', { [key]: 'x' }, ANY)).rejects.toThrow(TypeError)
    }
    expect(requests).toHaveLength(0)
  })

  it('refuses to create a client that would send the secret over plain http', () => {
    const { transport } = fakeTransport(() => jsonAnswer({ result: 'success' }))
    const create = (): WhmcsClient => createWhmcsClient({ apiUrl: 'http://example.com', identifier: 'i', secret: 's', transport })
    expect(create).toThrow(DeskFailure)
    expect(create).toThrow(/https:\/\//)
    const local = createWhmcsClient({ apiUrl: 'http://127.0.0.1:1234', identifier: 'i', secret: 's', transport })
    expect(local.apiUrl).toBe('http://127.0.0.1:1234/includes/api.php')
  })
})

describe('a successful answer', () => {
  it('is checked against the schema and returned', async () => {
    const { portal } = client(() => jsonAnswer({ result: 'success', contactid: '7' }))
    const { data, warnings } = await portal.call('AddContact', { clientid: 1 }, z.looseObject({ contactid: z.string() }))
    expect(data.contactid).toBe('7')
    expect(warnings).toEqual([])
  })

  it('may say so in `status` instead of `result` (GetPermissionsList)', async () => {
    const { portal } = client(() => jsonAnswer({ status: 'success', permissions: { permission: ['profile'] } }))
    await expect(portal.call('GetPermissionsList', {}, ANY)).resolves.toMatchObject({ data: { status: 'success' } })
  })

  it("surfaces the portal's warning instead of dropping it", async () => {
    const warning = 'Sub Accounts are no longer supported. Please use UpdateUser'
    const { portal } = client(() => jsonAnswer({ result: 'success', contactid: '1', warning }))
    expect((await portal.call('UpdateContact', { contactid: 1 }, ANY)).warnings).toEqual([warning])
  })

  it('keeps every warning when there are several', async () => {
    const { portal } = client(() => jsonAnswer({ result: 'success', warning: ['first', 'second'] }))
    expect((await portal.call('UpdateContact', {}, ANY)).warnings).toEqual(['first', 'second'])
  })

  it('that does not fit the schema is a bad_response naming the action and the path', async () => {
    const { portal } = client(() => jsonAnswer({ result: 'success', clients: { client: [{ id: 'abc' }] } }))
    const schema = z.looseObject({ clients: z.looseObject({ client: z.array(z.looseObject({ id: z.number() })) }) })
    const failure = await failureOf(portal.call('GetClients', {}, schema))
    expect(failure.code).toBe('bad_response')
    expect(failure.message).toContain('GetClients')
    expect(failure.message).toContain('clients.client.0.id')
    expect(failure.params).toMatchObject({ action: 'GetClients', path: 'clients.client.0.id' })
  })
})

describe('refusals with HTTP 403: the JSON reason decides', () => {
  it('Invalid IP → ip_not_allowed with the address (also at position 0 of the message)', async () => {
    const failure = await callFailure(() => jsonAnswer({ result: 'error', message: 'Invalid IP 203.0.113.7' }, 403))
    expect(failure.code).toBe('ip_not_allowed')
    expect(failure.params?.ip).toBe('203.0.113.7')
    expect(failure.message).toBe(
      "IP address not allowed: the portal refused this computer's IP address 203.0.113.7. Ask the portal's administrator to add it under API IP Access Restriction (Setup › General Settings › Security).",
    )
  })

  it('Invalid IP with an IPv6 address or inside a longer message', async () => {
    const v6 = await callFailure(() => jsonAnswer({ result: 'error', message: 'Invalid IP 2001:db8::7' }, 403))
    expect(v6.params?.ip).toBe('2001:db8::7')
    const inside = await callFailure(() => jsonAnswer({ result: 'error', message: 'Error: Invalid IP 198.51.100.2.' }, 403))
    expect(inside.code).toBe('ip_not_allowed')
    expect(inside.params?.ip).toBe('198.51.100.2')
    const bare = await callFailure(() => jsonAnswer({ result: 'error', message: 'Invalid IP Address' }, 403))
    expect(bare.code).toBe('ip_not_allowed')
    expect(bare.params?.ip).toBe('')
    expect(bare.message).toMatch(/^IP address not allowed: the portal refused this computer's IP address\. Ask/)
  })

  it('Authentication Failed → auth_failed', async () => {
    const failure = await callFailure(() => jsonAnswer({ result: 'error', message: 'Authentication Failed' }, 403))
    expect(failure.code).toBe('auth_failed')
    expect(failure.message).toMatch(/did not accept the API secret/)
  })

  it('Invalid or missing credentials → unknown_credential', async () => {
    const failure = await callFailure(() => jsonAnswer({ result: 'error', message: 'Invalid or missing credentials' }, 403))
    expect(failure.code).toBe('unknown_credential')
    expect(failure.message).toMatch(/does not know this API identifier/)
  })

  it('Invalid Permissions → permission_denied with the action', async () => {
    const failure = await callFailure(() => jsonAnswer({ result: 'error', message: 'Invalid Permissions: API action "getclients" is not allowed' }, 403))
    expect(failure.code).toBe('permission_denied')
    expect(failure.params?.action).toBe('getclients')
    expect(failure.message).toMatch(/not allowed to use the action "getclients"/)
  })

  it.each(['Invalid password provided', 'Administrator Account Disabled', 'Access Denied'])(
    "%s (another 4xx reason) → auth_failed with the portal's words",
    async (message) => {
      const failure = await callFailure(() => jsonAnswer({ result: 'error', message }, 403))
      expect(failure.code).toBe('auth_failed')
      expect(failure.params?.portalMessage).toBe(message)
      expect(failure.message).toContain(message)
    },
  )

  it('a 401 with a JSON reason is read the same way', async () => {
    const failure = await callFailure(() => jsonAnswer({ result: 'error', message: 'Authentication Failed' }, 401))
    expect(failure.code).toBe('auth_failed')
  })

  it('an unknown action is not a credential problem', async () => {
    const message = 'Invalid API Action: "getusers" is not a valid API action'
    const failure = await callFailure(() => jsonAnswer({ result: 'error', message }, 403), 'GetUsers')
    expect(failure.code).toBe('portal_error')
    expect(failure.params?.portalMessage).toBe(message)
  })

  it('a 403 HTML page (a proxy or firewall) → bad_response with a short excerpt', async () => {
    const page = '<!DOCTYPE html><html><head><title>403 Forbidden</title></head><body><h1>Forbidden</h1>' + 'x'.repeat(5000) + '</body></html>'
    const failure = await callFailure(() => answer(403, page, { 'content-type': 'text/html; charset=UTF-8' }))
    expect(failure.code).toBe('bad_response')
    expect(failure.message).toContain('HTTP 403, text/html, starting "403 Forbidden"')
    expect(failure.message.length).toBeLessThan(400)
    expect(failure.params?.status).toBe('403')
  })

  it('a 4xx JSON body with no reason and no error flag → bad_response', async () => {
    const failure = await callFailure(() => jsonAnswer({ detail: 'nope' }, 404))
    expect(failure.code).toBe('bad_response')
  })
})

describe('business errors (HTTP 200)', () => {
  it('result:"error" → portal_error with the portal\'s message verbatim', async () => {
    const failure = await callFailure(() => jsonAnswer({ result: 'error', message: 'Client ID Not Found' }), 'GetClientsDetails')
    expect(failure.code).toBe('portal_error')
    expect(failure.params?.portalMessage).toBe('Client ID Not Found')
    expect(failure.message).toBe('The portal refused GetClientsDetails: Client ID Not Found')
  })

  it('status:"error" (GetEmails) → portal_error', async () => {
    const failure = await callFailure(() => jsonAnswer({ status: 'error', message: 'Client ID Not Found' }), 'GetEmails')
    expect(failure.code).toBe('portal_error')
    expect(failure.params?.portalMessage).toBe('Client ID Not Found')
  })

  it('an error in either key wins over a success in the other', async () => {
    const failure = await callFailure(() => jsonAnswer({ result: 'success', status: 'error', message: 'Nope' }))
    expect(failure.code).toBe('portal_error')
  })

  it('keeps a warning that came with the error', async () => {
    const failure = await callFailure(() => jsonAnswer({ result: 'error', message: 'Contact ID Not Found', warning: 'Sub Accounts are no longer supported' }))
    expect(failure.params).toEqual({ portalMessage: 'Contact ID Not Found', warning: 'Sub Accounts are no longer supported' })
  })

  it('joins several messages from a validation hook', async () => {
    const failure = await callFailure(() => jsonAnswer({ result: 'error', message: ['CPF is invalid', 'Phone is required'] }))
    expect(failure.params?.portalMessage).toBe('CPF is invalid; Phone is required')
  })

  it('an error without a message still reads as a sentence', async () => {
    const failure = await callFailure(() => jsonAnswer({ result: 'error' }))
    expect(failure.code).toBe('portal_error')
    expect(failure.message).toBe('The portal refused GetClients without saying why.')
  })

  it('a credential refusal sent with HTTP 200 still stops the caller (auth_failed, not portal_error)', async () => {
    const failure = await callFailure(() => jsonAnswer({ result: 'error', message: 'Authentication Failed' }))
    expect(failure.code).toBe('auth_failed')
  })
})

describe('answers that are not WHMCS JSON', () => {
  it('an HTML login page with HTTP 200 → bad_response quoting its title', async () => {
    const page = '<html><head><title>Admin Login - WHMCS</title><script>var s = 1;</script></head><body>Login</body></html>'
    const failure = await callFailure(() => answer(200, page, { 'content-type': 'text/html' }))
    expect(failure.code).toBe('bad_response')
    expect(failure.message).toBe(
      'The portal\'s answer to GetClients is not a valid WHMCS API response: HTTP 200, text/html, starting "Admin Login - WHMCS". Check that the address is the WHMCS portal\'s.',
    )
  })

  it('the legacy non-JSON format → bad_response', async () => {
    const failure = await callFailure(() => answer(200, 'result=error;message=Authentication Failed;'))
    expect(failure.code).toBe('bad_response')
    expect(failure.message).toContain('starting "result=error;message=Authentication Failed;"')
  })

  it('PHP notices before the JSON → bad_response showing the notice', async () => {
    const failure = await callFailure(() => answer(200, '<br />\n<b>Warning</b>: Undefined index in x.php<br />\n{"result":"success"}'))
    expect(failure.code).toBe('bad_response')
    expect(failure.message).toContain('Warning : Undefined index')
  })

  it.each([
    ['an empty body', '', 'empty'],
    ['JSON that is not an object', '[]', 'starting "[]"'],
    ['JSON without result or status', '{"clients":[]}', 'does not say whether the request succeeded'],
  ])('%s → bad_response', async (_what, body, words) => {
    const failure = await callFailure(() => answer(200, body))
    expect(failure.code).toBe('bad_response')
    expect(failure.message).toContain(words)
  })

  it('never quotes the secret, even from a page that echoes the request', async () => {
    const failure = await callFailure((request) => answer(200, `<p>You sent: ${request.body}</p><p>raw: ${SECRET}</p>`))
    expect(failure.code).toBe('bad_response')
    expect(failure.message).toContain('[secret]')
  })

  it('a redirect → bad_response naming where it points', async () => {
    const failure = await callFailure(() => answer(301, '', { location: 'https://www.portal.example.com/billing/includes/api.php' }))
    expect(failure.code).toBe('bad_response')
    expect(failure.message).toContain('redirected (HTTP 301) to https://www.portal.example.com/billing/includes/api.php')
  })
})

describe('server and network failures', () => {
  it.each([500, 502, 503, 504])('HTTP %i → server_error with the status', async (status) => {
    const failure = await callFailure(() => answer(status, '<h1>Bad Gateway</h1>'))
    expect(failure.code).toBe('server_error')
    expect(failure.params?.status).toBe(String(status))
    expect(failure.message).toContain(`HTTP ${status}`)
  })

  const withCode = (code: string): Error => new TypeError('fetch failed', { cause: Object.assign(new Error(`connect ${code} 203.0.113.9:443`), { code }) })

  it.each([
    ['ECONNREFUSED', withCode('ECONNREFUSED'), /refused the connection/],
    ['ENOTFOUND', withCode('ENOTFOUND'), /name could not be found/],
    ['ECONNRESET', withCode('ECONNRESET'), /connection failed/],
    ['UND_ERR_SOCKET', withCode('UND_ERR_SOCKET'), /connection failed/],
    ['CERT_HAS_EXPIRED', withCode('CERT_HAS_EXPIRED'), /certificate is not trusted/],
    ['ERR_NAME_NOT_RESOLVED', new Error('net::ERR_NAME_NOT_RESOLVED'), /name could not be found/],
    ['network error', new TypeError('fetch failed'), /connection failed/],
  ])('a thrown %s → unreachable', async (reason, error, words) => {
    const failure = await callFailure(() => Promise.reject(error))
    expect(failure.code).toBe('unreachable')
    expect(failure.params).toEqual({ host: 'portal.example.com', reason })
    expect(failure.message).toMatch(words)
    expect(failure.message).toContain('portal.example.com')
  })

  it('a body that breaks off while being read → unreachable', async () => {
    const failure = await callFailure(() => ({
      status: 200,
      headers: { get: () => null },
      text: () => Promise.reject(withCode('ECONNRESET')),
    }))
    expect(failure.code).toBe('unreachable')
  })
})

describe('time limits and cancellation', () => {
  it('a portal that does not answer in time → timeout (the transport is aborted)', async () => {
    const { portal, requests } = client(waitForAbort, 20)
    const failure = await failureOf(portal.call('GetClients', {}, ANY))
    expect(failure.code).toBe('timeout')
    expect(failure.params).toMatchObject({ host: 'portal.example.com', timeoutMs: '20' })
    expect(failure.message).toMatch(/did not answer within 1 second/)
    expect(requests[0]?.signal.aborted).toBe(true)
  })

  it('times out even if the transport ignores the signal', async () => {
    const { portal } = client(() => new Promise(() => undefined), 20)
    expect((await failureOf(portal.call('GetClients', {}, ANY))).code).toBe('timeout')
  })

  it("times out when the answer's body stalls", async () => {
    const { portal } = client(() => ({ status: 200, headers: { get: () => null }, text: () => new Promise<string>(() => undefined) }), 20)
    expect((await failureOf(portal.call('GetClients', {}, ANY))).code).toBe('timeout')
  })

  it("a cancelled call rejects with the caller's abort reason, not a DeskFailure", async () => {
    const { portal, requests } = client(waitForAbort)
    const controller = new AbortController()
    const pending = portal.call('GetClients', {}, ANY, { signal: controller.signal })
    const reason = new Error('sync cancelled')
    controller.abort(reason)
    await expect(pending).rejects.toBe(reason)
    expect(requests[0]?.signal.aborted).toBe(true)
  })

  it('an already cancelled call sends nothing', async () => {
    const { portal, requests } = client(() => jsonAnswer({ result: 'success' }))
    await expect(portal.call('GetClients', {}, ANY, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' })
    expect(requests).toHaveLength(0)
  })
})

describe('through real fetch on this machine', () => {
  let server: Server | undefined
  afterEach(async () => {
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)))
    server = undefined
  })

  async function listen(handler: Parameters<typeof createServer>[1]): Promise<number> {
    server = createServer(handler)
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
    return (server.address() as AddressInfo).port
  }

  const realClient = (port: number, transport: HttpTransport = fetchTransport): WhmcsClient =>
    createWhmcsClient({ apiUrl: `http://127.0.0.1:${port}`, identifier: IDENTIFIER, secret: SECRET, transport, timeoutMs: 2000 })

  it('reads the reason from a real 403 and sends a body PHP can read', async () => {
    let received = ''
    const port = await listen((request, response) => {
      request.setEncoding('utf8')
      request.on('data', (chunk: string) => (received += chunk))
      request.on('end', () => {
        response.writeHead(403, { 'content-type': 'application/json' })
        response.end('{"result":"error","message":"Invalid IP 203.0.113.7"}')
      })
    })
    const failure = await failureOf(realClient(port).call('GetClients', { limitnum: 10 }, ANY))
    expect(failure.code).toBe('ip_not_allowed')
    expect(new URLSearchParams(received).get('secret')).toBe(SECRET)
    expect(new URLSearchParams(received).get('limitnum')).toBe('10')
  })

  it('a closed port → unreachable (ECONNREFUSED)', async () => {
    const port = await listen(() => undefined)
    await new Promise((resolve) => server?.close(resolve))
    server = undefined
    const failure = await failureOf(realClient(port).call('GetClients', {}, ANY))
    expect(failure.code).toBe('unreachable')
    expect(failure.params?.reason).toBe('ECONNREFUSED')
  })
})
