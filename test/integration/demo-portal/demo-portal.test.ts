import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
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
  const portal = await startDemoPortal({ port: 0, ...options })
  running.push(portal)
  return portal
}

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'demo-portal-'))
  tempDirs.push(dir)
  return dir
}

interface Answer {
  status: number
  contentType: string | null
  text: string
  body: Record<string, unknown>
}

/** One API call as a WHMCS client makes it: a form POST with credentials and responsetype=json. */
async function call(portal: DemoPortal, params: Record<string, string>, init: { credentials?: boolean } = {}): Promise<Answer> {
  const credentials: Record<string, string> = init.credentials === false ? {} : { identifier: portal.identifier, secret: portal.secret }
  const response = await fetch(portal.apiUrl, {
    method: 'POST',
    body: new URLSearchParams({ ...credentials, responsetype: 'json', ...params }),
  })
  const text = await response.text()
  const contentType = response.headers.get('content-type')
  return { status: response.status, contentType, text, body: contentType === 'application/json' ? JSON.parse(text) : {} }
}

type ListedClient = Record<string, unknown>
/** The listed clients; an empty page has no `clients` key at all. */
const listed = (answer: Answer): ListedClient[] => (answer.body.clients as { client: ListedClient[] } | undefined)?.client ?? []

describe('demo portal over HTTP', () => {
  it('pages through 1,000 clients 250 at a time, every id exactly once', async () => {
    const portal = await start({ clients: 1000 })
    const ids: unknown[] = []
    for (let start = 0; start < 1000; start += 250) {
      const page = await call(portal, { action: 'GetClients', limitstart: String(start), limitnum: '250' })
      expect(page.status).toBe(200)
      expect(page.body).toMatchObject({ result: 'success', totalresults: 1000, startnumber: start, numreturned: 250 })
      ids.push(...listed(page).map((client) => client.id))
    }
    expect(ids).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1))
    const past = await call(portal, { action: 'GetClients', limitstart: '1000', limitnum: '250' })
    expect(past.body).toEqual({ result: 'success', totalresults: 1000, startnumber: 1000, numreturned: 0 })
  })

  it('answers 8.x typed and 7.x with every scalar a string', async () => {
    const v8 = await start({ clients: 30, seed: 5 })
    const v7 = await start({ clients: 30, seed: 5, generation: '7' })
    const typed = await call(v8, { action: 'GetClients', limitnum: '2' })
    const stringly = await call(v7, { action: 'GetClients', limitnum: '2' })
    const first = v8.state.clients[0]!
    const expected = {
      id: first.id,
      firstname: first.firstname,
      lastname: first.lastname,
      companyname: first.companyname,
      email: first.email,
      datecreated: first.datecreated,
      groupid: first.groupid,
      status: first.status,
    }
    expect(typed.body).toMatchObject({ totalresults: 30, startnumber: 0, numreturned: 2 })
    expect(listed(typed)[0]).toEqual(expected)
    expect(stringly.body).toMatchObject({ totalresults: '30', startnumber: '0', numreturned: '2' })
    expect(listed(stringly)[0]).toEqual({ ...expected, id: String(first.id), groupid: String(first.groupid) })
    expect(stringly.text).toContain(`"id":"${first.id}"`)

    expect((await call(v8, { action: 'WhmcsDetails' })).body).toEqual({
      result: 'success',
      whmcs: { version: '8.10.1', canonicalversion: '8.10.1-release.1' },
    })
    expect((await call(v7, { action: 'WhmcsDetails' })).body).toEqual({
      result: 'success',
      whmcs: { version: '7.10.3', canonicalversion: '7.10.3-release.1' },
    })
  })

  it('leaves out the clients key and sends totalresults "0" when nothing matches, in both generations', async () => {
    for (const generation of ['7', '8'] as const) {
      const portal = await start({ clients: 20, generation })
      const empty = await call(portal, { action: 'GetClients', search: 'zzz-nobody' })
      expect(empty.status).toBe(200)
      expect(empty.text).toBe('{"result":"success","totalresults":"0","startnumber":0,"numreturned":0}')
    }
  })

  it('searches by prefix of e-mail, names, full name and company, ignoring case and accents', async () => {
    const portal = await start({ clients: 300, seed: 11 })
    const client = portal.state.clients.find((c) => c.companyname !== '' && /[\u0080-\uffff]/.test(c.firstname))!
    const idsFor = async (search: string): Promise<unknown[]> => listed(await call(portal, { action: 'GetClients', search, limitnum: '1000' })).map((c) => c.id)

    expect(await idsFor(client.email.slice(0, 6).toUpperCase())).toContain(client.id)
    expect(await idsFor(`${client.firstname} ${client.lastname.slice(0, 3)}`.toLowerCase())).toContain(client.id)
    expect(await idsFor(client.lastname)).toContain(client.id)
    expect(await idsFor(client.companyname.slice(0, 8))).toContain(client.id)
    const unaccented = client.firstname.normalize('NFD').replace(/[\u0300-\u036f]/g, '')
    expect(await idsFor(unaccented)).toContain(client.id)
    // A prefix match, not a substring match.
    expect(await idsFor(client.email.slice(1))).not.toContain(client.id)

    const matches = await idsFor('ma')
    for (const id of matches) {
      const c = portal.state.clients.find((candidate) => candidate.id === id)!
      const texts = [c.email, c.firstname, c.lastname, c.companyname].map((t) => t.normalize('NFD').toLowerCase())
      expect(texts.some((t) => t.startsWith('ma'))).toBe(true)
    }
  })

  it('filters by status, sorts DESC, and pages 25 by default', async () => {
    const portal = await start({ clients: 400 })
    const closed = await call(portal, { action: 'GetClients', status: 'Closed', limitnum: '1000' })
    const expectedClosed = portal.state.clients.filter((c) => c.status === 'Closed').map((c) => c.id)
    expect(listed(closed).map((c) => c.id)).toEqual(expectedClosed)
    expect(closed.body.totalresults).toBe(expectedClosed.length)

    const descending = await call(portal, { action: 'GetClients', sorting: 'DESC' })
    expect(descending.body.numreturned).toBe(25)
    expect(listed(descending).map((c) => c.id)).toEqual(Array.from({ length: 25 }, (_, i) => 400 - i))
  })

  it('refuses with HTTP 403 and the WHMCS reason: unknown identifier, wrong or missing secret', async () => {
    const portal = await start({ clients: 5 })
    const unknown = await call(portal, { action: 'GetClients', identifier: 'nobody', secret: portal.secret }, { credentials: false })
    expect(unknown.status).toBe(403)
    expect(unknown.text).toBe('{"result":"error","message":"Invalid or missing credentials"}')

    const wrong = await call(portal, { action: 'GetClients', secret: 'not-the-secret' })
    expect(wrong.status).toBe(403)
    expect(wrong.text).toBe('{"result":"error","message":"Authentication Failed"}')

    const missing = await call(portal, { action: 'GetClients', identifier: portal.identifier }, { credentials: false })
    expect(missing.status).toBe(403)
    expect(missing.body.message).toBe('Authentication Failed')
  })

  it('refuses an address off the allow-list before authenticating, unless the access key is sent', async () => {
    const portal = await start({ clients: 5, allowedIps: ['203.0.113.7'], accessKey: 'k3y!@#' })
    const refused = await call(portal, { action: 'WhmcsDetails', secret: 'also-wrong' })
    expect(refused.status).toBe(403)
    expect(refused.text).toBe('{"result":"error","message":"Invalid IP 127.0.0.1"}')
    const withKey = await call(portal, { action: 'WhmcsDetails', accesskey: 'k3y!@#' })
    expect(withKey.status).toBe(200)
    expect(withKey.body.result).toBe('success')
  })

  it('refuses an action the API role does not allow, quoting it lowercased', async () => {
    const portal = await start({ clients: 5, deniedActions: ['GetClients'] })
    const denied = await call(portal, { action: 'GETCLIENTS' })
    expect(denied.status).toBe(403)
    expect(denied.text).toBe('{"result":"error","message":"Invalid Permissions: API action \\"getclients\\" is not allowed"}')
    expect((await call(portal, { action: 'WhmcsDetails' })).status).toBe(200)
  })

  it('takes action names in any case, and says so for an unknown or missing action', async () => {
    const portal = await start({ clients: 5 })
    expect((await call(portal, { action: 'gEtClIeNtS' })).body).toMatchObject({ result: 'success', totalresults: 5 })
    const unknown = await call(portal, { action: 'NoSuchThing' })
    expect(unknown.status).toBe(400)
    expect(unknown.body).toEqual({ result: 'error', message: 'Invalid API Action: "nosuchthing" is not a valid API action' })
    const empty = await call(portal, {})
    expect(empty.status).toBe(400)
    expect(empty.body).toEqual({ result: 'error', message: 'Empty action request' })
  })

  it('accepts the credentials as username/password too', async () => {
    const portal = await start({ clients: 5 })
    const answer = await call(
      portal,
      { action: 'GetClients', username: portal.identifier, password: portal.secret, identifier: '', secret: '' },
      { credentials: false },
    )
    expect(answer.status).toBe(200)
    expect(answer.body.totalresults).toBe(5)
  })

  it('answers a non-JSON legacy body when responsetype=json is left out', async () => {
    const portal = await start({ clients: 5 })
    const response = await fetch(portal.apiUrl, {
      method: 'POST',
      body: new URLSearchParams({ identifier: portal.identifier, secret: portal.secret, action: 'WhmcsDetails' }),
    })
    const text = await response.text()
    expect(response.headers.get('content-type')).not.toContain('json')
    expect(() => JSON.parse(text)).toThrow()
    expect(text).toBe('result=success;whmcs[version]=8.10.1;whmcs[canonicalversion]=8.10.1-release.1;')
  })

  it('sees a JSON request body as no credentials at all, and serves nothing but POST /includes/api.php', async () => {
    const portal = await start({ clients: 5 })
    const json = await fetch(portal.apiUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identifier: portal.identifier, secret: portal.secret, action: 'WhmcsDetails', responsetype: 'json' }),
    })
    expect(json.status).toBe(403)
    expect((await fetch(portal.apiUrl)).status).toBe(404)
    expect((await fetch(`${portal.url}api.php`, { method: 'POST' })).status).toBe(404)
  })

  it('encodes like PHP: non-ASCII as \\uXXXX', async () => {
    const portal = await start({ clients: 3 })
    await portal.updateClient(1, { firstname: 'João', companyname: 'Padaria São José Ltda' })
    const answer = await call(portal, { action: 'GetClients', limitnum: '1' })
    expect(answer.text).toContain('"firstname":"Jo\\u00e3o"')
    expect(listed(answer)[0]).toMatchObject({ firstname: 'João', companyname: 'Padaria São José Ltda' })
  })

  it('waits latencyMs before answering', async () => {
    const portal = await start({ clients: 1, latencyMs: 150 })
    const started = performance.now()
    await call(portal, { action: 'WhmcsDetails' })
    expect(performance.now() - started).toBeGreaterThanOrEqual(140)
  })

  it('keeps remote edits in the state file across a restart', async () => {
    const stateFile = join(await tempDir(), 'portal.json')
    const first = await start({ clients: 50, seed: 3, stateFile })
    const updated = await first.updateClient(7, { email: 'novo.email@exemplo.com.br', status: 'Inactive' })
    expect(updated).toMatchObject({ id: 7, email: 'novo.email@exemplo.com.br', status: 'Inactive' })
    await first.close()

    // Another seed and size: the file wins.
    const second = await start({ clients: 10, seed: 99, stateFile })
    expect(second.state).toEqual(first.state)
    const found = await call(second, { action: 'GetClients', search: 'novo.email@' })
    expect(listed(found)).toEqual([expect.objectContaining({ id: 7, status: 'Inactive' })])
    expect(await readdir(join(stateFile, '..'))).toEqual(['portal.json']) // no temporary file left behind
  })

  it('refuses a bad client patch without changing anything', async () => {
    const portal = await start({ clients: 3 })
    const before = structuredClone(portal.state.clients[0])
    await expect(portal.updateClient(1, { groupid: -1 })).rejects.toThrow()
    await expect(portal.updateClient(999, { firstname: 'X' })).rejects.toThrow(/no client 999/)
    expect(portal.state.clients[0]).toEqual(before)
  })

  it('says clearly when the state file is corrupt', async () => {
    const dir = await tempDir()
    const notJson = join(dir, 'broken.json')
    await writeFile(notJson, '{"version":1,"clie')
    await expect(startDemoPortal({ port: 0, stateFile: notJson })).rejects.toThrow(`Demo portal state file ${notJson} is corrupt: it is not JSON`)

    const wrongShape = join(dir, 'wrong.json')
    await writeFile(wrongShape, JSON.stringify({ version: 1, seed: 1, clients: [{ id: 'x' }], contacts: [] }))
    await expect(startDemoPortal({ port: 0, stateFile: wrongShape })).rejects.toThrow(/wrong\.json is corrupt: clients\.0\.id: .*\(and \d+ more\)/)
  })
})

describe('runDemoPortalCli', () => {
  function capture() {
    const out: string[] = []
    const err: string[] = []
    return { out, err, io: { stdout: (line: string) => out.push(line), stderr: (line: string) => err.push(line) } }
  }

  it('prints exactly one JSON line describing the running portal', async () => {
    const { out, err, io } = capture()
    const result = await runDemoPortalCli(['--port', '0', '--clients', '40', '--seed', '9', '--generation', '7', '--secret', 's3cret'], io)
    if (!result.ok) throw new Error(`CLI failed: ${err.join('\n')}`)
    running.push(result.portal)
    expect(err).toEqual([])
    expect(out).toHaveLength(1)
    const printed = JSON.parse(out[0]!) as Record<string, unknown>
    expect(Object.keys(printed).sort()).toEqual(['apiUrl', 'clients', 'generation', 'identifier', 'secret', 'url'])
    expect(printed).toMatchObject({ clients: 40, generation: '7', identifier: 'demo-identifier', secret: 's3cret' })
    expect(printed.apiUrl).toBe(`${String(printed.url)}includes/api.php`)
    expect((await call(result.portal, { action: 'GetClients' })).body.totalresults).toBe('40')
  })

  it('refuses a bad flag with one line on stderr and exit code 2', async () => {
    for (const argv of [['--port', 'abc'], ['--generation', '9'], ['--clients', '-1'], ['--nope']]) {
      const { out, err, io } = capture()
      const result = await runDemoPortalCli(argv, io)
      expect(result).toEqual({ ok: false, exitCode: 2 })
      expect(out).toEqual([])
      expect(err).toHaveLength(1)
      expect(err[0]).toMatch(/^demo-portal: /)
      expect(err[0]).not.toContain('\n')
    }
  })
})
