// The CLI end to end against the demo portal: in process for every case, and once as the built binary.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { COMMANDS } from '../../../src/main/cli/commands'
import { EXIT, runCli } from '../../../src/main/cli/main'
import { openDesk } from '../../../src/main/core/desk'
import { createMemorySecretStore } from '../../../src/main/core/secrets'
import { startDemoPortal, type DemoPortal } from '../../../src/main/demo-portal/server'
import type { Client } from '../../../src/shared/domain'
import { makeTempDir } from '../../support/temp-dir'
import { newContactFields } from '../../../src/shared/contact-rules'

let dir: ReturnType<typeof makeTempDir>
let portal: DemoPortal

beforeEach(async () => {
  dir = makeTempDir()
  portal = await startDemoPortal({ port: 0, clients: 120, seed: 3 })
})
afterEach(async () => {
  await portal.close()
  dir.remove()
})

async function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(['--data-dir', dir.path, ...args], {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    env,
  })
  return { code, stdout, stderr }
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

describe('contact-desk CLI', () => {
  it('connects, syncs and lists clients as JSON', async () => {
    const connect = await cli(['connect', '--url', portal.url, '--identifier', portal.identifier, '--json'], { DESK_API_SECRET: portal.secret })
    expect(connect.stderr).toBe('')
    expect(connect.code).toBe(EXIT.ok)
    expect(JSON.parse(connect.stdout)).toMatchObject({ clientCount: 120, portal: { apiUrl: portal.apiUrl } })

    const sync = await cli(['sync', '--secret', portal.secret, '--json'])
    expect(sync.code).toBe(EXIT.ok)
    expect(JSON.parse(sync.stdout).pulled.clients).toEqual({ added: 120, updated: 0, removed: 0, unchanged: 0 })

    const list = await cli(['clients', 'list', '--json'])
    expect(list.code).toBe(EXIT.ok)
    const clients = JSON.parse(list.stdout) as Client[]
    expect(clients).toHaveLength(120)

    const someone = portal.state.clients[10]!
    const search = await cli(['clients', 'list', '--search', someone.email.split('@')[0]!, '--json'])
    expect((JSON.parse(search.stdout) as Client[]).map((c) => c.id)).toContain(Number(someone.id))

    const text = await cli(['clients', 'list', '--limit', '3'])
    expect(text.stdout.trim().split('\n')).toHaveLength(3)
  })

  it("lists a client's contacts, the outbox and the conflicts", async () => {
    await cli(['connect', '--url', portal.url, '--identifier', portal.identifier, '--secret', portal.secret])
    await cli(['sync', '--secret', portal.secret])
    const clientId = Number(portal.state.contacts[0]!.userid)
    const contacts = await cli(['contacts', 'list', '--client', String(clientId), '--json'])
    expect(contacts.code).toBe(EXIT.ok)
    const listed = JSON.parse(contacts.stdout) as { email: string; sync: string }[]
    expect(listed.map((c) => c.email).sort()).toEqual(
      portal.state.contacts
        .filter((c) => Number(c.userid) === clientId)
        .map((c) => c.email)
        .sort(),
    )
    expect(listed.every((c) => c.sync === 'synced')).toBe(true)
    expect(JSON.parse((await cli(['outbox', 'list', '--json'])).stdout)).toEqual([])
    expect(JSON.parse((await cli(['conflicts', 'list', '--json'])).stdout)).toEqual([])
    expect((await cli(['contacts', 'list'])).code).toBe(EXIT.usage)
    expect((await cli(['status'])).stdout).toMatch(/Outbox: 0 pending/)
  })

  it('sync and status name a read the pull went without, and the pass still succeeds', async () => {
    await portal.faults.add({ kind: 'unknown-action', actions: ['GetClientsDomains'] })
    await cli(['connect', '--url', portal.url, '--identifier', portal.identifier, '--secret', portal.secret])
    const sync = await cli(['sync', '--secret', portal.secret])
    expect(sync.code).toBe(EXIT.ok)
    expect(sync.stdout).toMatch(/^Warning: the sync went without GetClientsDomains \(.+\); the rest of it landed/m)
    expect(sync.stdout).toMatch(/120 clients added/)
    expect((await cli(['status'])).stdout).toMatch(/^Warning: the sync went without GetClientsDomains/m)
    await portal.faults.clear()
    await cli(['sync', '--secret', portal.secret])
    expect((await cli(['status'])).stdout).not.toMatch(/Warning/)
  })

  it('audit reachability lists the clients at risk, as JSON items with clientId, rules and severity, or as CSV rows', async () => {
    await cli(['connect', '--url', portal.url, '--identifier', portal.identifier, '--secret', portal.secret])
    await cli(['sync', '--secret', portal.secret])
    const audit = await cli(['audit', 'reachability', '--json'])
    expect(audit.code).toBe(EXIT.ok)
    const items = JSON.parse(audit.stdout) as { clientId: number; rules: string[]; severity: string }[]
    expect(items.length).toBeGreaterThan(0)
    for (const item of items) expect(item).toMatchObject({ clientId: expect.any(Number), rules: expect.any(Array), severity: expect.any(String) })
    const typos = JSON.parse((await cli(['audit', 'reachability', '--rule', 'own_domain_only', '--json'])).stdout) as { rules: string[] }[]
    expect(typos.every((item) => item.rules.includes('own_domain_only'))).toBe(true)
    const csv = (await cli(['audit', 'reachability', '--csv'])).stdout.trim().split(/\r?\n/)
    expect(csv[0]).toBe('clientId,name,status,severity,rules,recipients,notChecked')
    expect(csv).toHaveLength(items.length + 1)
    expect((await cli(['audit', 'reachability', '--rule', 'nope'])).code).toBe(EXIT.usage)
  })

  it('audit reachability refuses --json with --csv', async () => {
    const both = await cli(['audit', 'reachability', '--json', '--csv'])
    expect(both.code).toBe(EXIT.usage)
    expect(JSON.parse(both.stderr)).toMatchObject({ error: { code: 'validation', message: 'audit reachability takes --json or --csv, not both' } })
  })

  it('audit reachability --deep checks every client not checked yet, goes on where a stopped one left, and finds overdue notices off', async () => {
    // Seed 4's first twelve clients: 4 and 8 get no overdue notices. 7.x: two calls a client (details, contacts).
    const small = await startDemoPortal({ port: 0, clients: 12, seed: 4, generation: '7' })
    const detailsRead = () =>
      Object.entries(small.control.calls())
        .filter(([action]) => action.toLowerCase() === 'getclientsdetails')
        .reduce((sum, [, n]) => sum + n, 0)
    try {
      await cli(['connect', '--url', small.url, '--identifier', small.identifier, '--secret', small.secret])
      await cli(['sync', '--secret', small.secret])
      // The fastest pace the settings allow, and three clients checked already (as by the app's background check).
      const desk = openDesk({ dataDir: dir.path, secrets: createMemorySecretStore(), emit: () => undefined })
      expect((await desk.dispatch('settings.update', { checkCallsPerSecond: 5 })).ok).toBe(true)
      await desk.dispatch('portal.unlock', { secret: small.secret })
      for (let step = 0; step < 3; step++)
        expect(await desk.dispatch('reachability.checkNext', {})).toMatchObject({ ok: true, value: { remaining: 11 - step } })
      await desk.close()
      expect(detailsRead()).toBe(3)

      // A portal that does not know GetClientsDetails: a warning, and the audit as it stands.
      const fault = await small.faults.add({ kind: 'unknown-action', actions: ['GetClientsDetails'] })
      const stopped = await cli(['audit', 'reachability', '--deep', '--json', '--secret', small.secret])
      expect(stopped.code).toBe(EXIT.ok)
      expect(stopped.stderr).toMatch(/^Warning: the check went without GetClientsDetails/m)
      expect(JSON.parse(stopped.stdout)).toEqual(expect.any(Array))
      await small.faults.remove(fault.id)

      const started = Date.now()
      const deep = await cli(['audit', 'reachability', '--deep', '--json', '--secret', small.secret])
      expect(deep.code).toBe(EXIT.ok)
      // Exactly the nine not checked yet, two calls each at five a second at most.
      expect(detailsRead()).toBe(3 + 1 + 9)
      expect(Date.now() - started).toBeGreaterThanOrEqual(((9 * 2 - 1) / 5) * 1000)
      const progress = deep.stderr.trim().split('\n')
      expect(progress).toHaveLength(9)
      expect(progress.at(-1)).toMatch(/^Checked client \d+: 9 done, 0 to go\.$/)
      const items = JSON.parse(deep.stdout) as { clientId: number; rules: string[]; notChecked: string[] }[]
      expect(items.filter((item) => item.rules.includes('overdue_notices_off')).map((item) => item.clientId)).toEqual([4, 8])
      expect(items.every((item) => !item.notChecked.includes('overdue_notices_off'))).toBe(true)

      // Everything is checked: a second --deep reads nothing.
      const again = await cli(['audit', 'reachability', '--deep', '--secret', small.secret])
      expect(again.stderr).toBe('')
      expect(detailsRead()).toBe(13)
      expect(again.stdout).toMatch(/; 12 checked, the oldest on \d{4}-/)
    } finally {
      await small.close()
    }
  }, 60_000)

  it('exits 3 with "authentication failed" for a wrong secret', async () => {
    const result = await cli(['connect', '--url', portal.url, '--identifier', portal.identifier, '--secret', 'not-the-secret'])
    expect(result.code).toBe(EXIT.refused)
    expect(result.stderr.trim().split('\n')).toHaveLength(1)
    expect(result.stderr.toLowerCase()).toContain('authentication failed')
    expect(result.stdout).toBe('')
  })

  it('exits 3 for an unknown identifier, with its own reason', async () => {
    const result = await cli(['connect', '--url', portal.url, '--identifier', 'nobody', '--secret', portal.secret])
    expect(result.code).toBe(EXIT.refused)
    expect(result.stderr).toMatch(/identifier/i)
  })

  it('exits 4 when the portal is unreachable', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/`
    const result = await cli(['connect', '--url', url, '--identifier', 'x', '--secret', 'y', '--json'])
    expect(result.code).toBe(EXIT.unreachable)
    expect(JSON.parse(result.stderr)).toMatchObject({ error: { code: 'unreachable' } })
  })

  it('exits 2 on bad usage, with the reason', async () => {
    expect((await cli([])).code).toBe(EXIT.usage)
    expect((await cli(['frobnicate'])).stderr).toMatch(/unknown command "frobnicate"/)
    expect((await cli(['--bogus'])).code).toBe(EXIT.usage)
    expect((await cli(['connect', '--url', portal.url])).stderr).toMatch(/--identifier/)
    const noSecret = await cli(['connect', '--url', portal.url, '--identifier', portal.identifier])
    expect(noSecret.code).toBe(EXIT.usage)
    expect(noSecret.stderr).toMatch(/DESK_API_SECRET/)
    expect((await cli(['clients', 'list', '--limit', 'many'])).code).toBe(EXIT.usage)
    // A flag of another command, well formed or not, is refused rather than dropped.
    for (const flag of [
      ['--limit', '5'],
      ['--limit', 'many'],
    ]) {
      const foreign = await cli(['outbox', 'list', ...flag])
      expect(foreign.code, flag.join(' ')).toBe(EXIT.usage)
      expect(foreign.stderr).toMatch(/outbox list does not take --limit/)
    }
    const insecure = await cli(['connect', '--url', 'http://portal.example.com', '--identifier', 'x', '--secret', 'y'])
    expect(insecure.code).toBe(EXIT.usage)
    expect(insecure.stderr).toMatch(/HTTPS/i)
  })

  it('audit duplicates: as JSON every group with its holders, each carrying its clientId; as text one line per holder', async () => {
    const [first, second] = portal.control.snapshot().clients
    await portal.mutate((state) => {
      state.clients.find((client) => client.id === second!.id)!.email = ` ${first!.email.toUpperCase()}`
    })
    await cli(['connect', '--url', portal.url, '--identifier', portal.identifier, '--secret', portal.secret])
    await cli(['sync', '--secret', portal.secret])
    const json = await cli(['audit', 'duplicates', '--json'])
    expect(json.stderr).toBe('')
    expect(json.code).toBe(EXIT.ok)
    const groups = JSON.parse(json.stdout) as { kind: string; key: string; accountant: boolean; holders: { clientId: number; localId: string | null }[] }[]
    expect(groups.length).toBeGreaterThan(0)
    for (const group of groups) for (const holder of group.holders) expect(holder.clientId).toEqual(expect.any(Number))
    const pair = groups.find((group) => group.kind === 'email' && group.key === first!.email.toLowerCase())
    expect(pair).toMatchObject({
      accountant: false,
      holders: [
        { clientId: first!.id, localId: null },
        { clientId: second!.id, localId: null },
      ],
    })

    const phones = await cli(['audit', 'duplicates', '--kind', 'phone', '--json'])
    expect((JSON.parse(phones.stdout) as { kind: string }[]).every((group) => group.kind === 'phone')).toBe(true)
    const text = await cli(['audit', 'duplicates', '--kind', 'email'])
    expect(text.code).toBe(EXIT.ok)
    const lines = text.stdout.trimEnd().split('\n')
    const at = lines.findIndex((line) => line.startsWith(`email\t${first!.email.toLowerCase()}\tduplicate, on 2 clients`))
    expect(at).toBeGreaterThanOrEqual(0)
    expect(lines[at + 1]!.split('\t').slice(1, 3)).toEqual([String(first!.id).padStart(6), '-'])
    expect((await cli(['audit', 'duplicates', '--kind', 'fax'])).code).toBe(EXIT.usage)
  })

  it('--help lists every command of the table once, and the README shows it as it is', async () => {
    const help = await cli(['--help'])
    expect(help.code).toBe(EXIT.ok)
    for (const { names } of COMMANDS) expect(help.stdout.match(new RegExp(`^  ${names[0]}( |$)`, 'gm')), names[0]).toHaveLength(1)
    const commands = /^Commands:\n([\s\S]*?)\n\n/m.exec(help.stdout)?.[1]
    expect(commands).toMatch(/^ {2}connect /)
    const readme = readFileSync(join(process.cwd(), 'README.md'), 'utf8')
    expect(/### Command line[\s\S]*?```text\n([\s\S]*?)\n```/.exec(readme)?.[1]).toBe(help.stdout.trimEnd())
  })

  it('two processes syncing the same cache at once: one drains, the other says so; nothing is duplicated', async () => {
    const slow = await startDemoPortal({ port: 0, clients: 40, seed: 5, latencyMs: 40 })
    try {
      await cli(['connect', '--url', slow.url, '--identifier', slow.identifier, '--secret', slow.secret])
      await cli(['sync', '--secret', slow.secret])
      const clientId = Number(slow.state.contacts[0]!.userid)
      const desk = openDesk({ dataDir: dir.path, secrets: createMemorySecretStore(), emit: () => undefined })
      const queued = await desk.dispatch('contacts.create', {
        clientId,
        fields: { ...newContactFields(), firstName: 'Dois', lastName: 'Processos', email: 'dois.processos@gmail.com' },
      })
      expect(queued.ok).toBe(true)
      await desk.close()
      const binary = join(process.cwd(), 'out', 'main', 'cli.js')
      const run = () =>
        new Promise<{ code: number | null; stderr: string }>((resolve) => {
          const child = spawn(process.execPath, [binary, '--data-dir', dir.path, 'sync', '--secret', slow.secret], { stdio: ['ignore', 'ignore', 'pipe'] })
          let stderr = ''
          child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()))
          child.on('exit', (code) => resolve({ code, stderr }))
        })
      const results = await Promise.all([run(), run()])
      expect(results.some((r) => r.code === 0)).toBe(true)
      for (const r of results.filter((r) => r.code !== 0)) expect(r.stderr).toMatch(/syncing this cache/)
      expect((await cli(['sync', '--secret', slow.secret])).code).toBe(EXIT.ok)
      expect(slow.state.contacts.filter((c) => c.email === 'dois.processos@gmail.com')).toHaveLength(1)
      expect(JSON.parse((await cli(['outbox', 'list', '--json'])).stdout)).toEqual([])
    } finally {
      await slow.close()
    }
  })

  it('runs as the built binary with node', () => {
    const binary = join(process.cwd(), 'out', 'main', 'cli.js')
    expect(existsSync(binary), 'run `npm run build` first').toBe(true)
    const run = spawnSync(process.execPath, [binary, '--data-dir', dir.path, 'status', '--json'], { encoding: 'utf8' })
    expect(run.status).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({ portal: null, clientCount: 0 })
    const usage = spawnSync(process.execPath, [binary, '--data-dir', dir.path, 'nope'], { encoding: 'utf8' })
    expect(usage.status).toBe(2)
  })
})

describe('contact-desk CLI: editing (issue 5)', () => {
  const json = <T>(text: string) => JSON.parse(text) as T
  type Delivered = {
    contact: { localId: string; email: string; remoteId: number | null } | null
    delivery: { state: string; error: { code: string; message: string } | null }
  }
  const secret = () => ['--secret', portal.secret]
  async function connected() {
    await cli(['connect', '--url', portal.url, '--identifier', portal.identifier, ...secret()])
    await cli(['sync', ...secret()])
    return Number(portal.state.contacts[0]!.userid)
  }
  const onPortal = (email: string) => portal.control.snapshot().contacts.filter((contact) => contact.email === email)

  it('adds, edits, gives access with a preset, takes it back and deletes a contact, each sent at once', async () => {
    const clientId = await connected()
    const added = await cli([
      'contacts',
      'add',
      '--client',
      String(clientId),
      '--email',
      'segundo.contato@gmail.com',
      '--firstname',
      'Segundo',
      '--lastname',
      'Contato',
      '--emails',
      'invoice,support',
      '--json',
      ...secret(),
    ])
    expect(added.code, added.stderr).toBe(EXIT.ok)
    const { contact, delivery } = json<Delivered>(added.stdout)
    expect(delivery).toEqual({ state: 'sent', error: null })
    expect(onPortal('segundo.contato@gmail.com')).toMatchObject([{ firstname: 'Segundo', invoiceemails: true, supportemails: true, generalemails: false }])
    const listed = (await cli(['contacts', 'list', '--client', String(clientId)])).stdout
    expect(
      listed
        .split('\n')
        .find((line) => line.includes('segundo.contato@gmail.com'))
        ?.split('\t')[0],
    ).toBe(contact!.localId)

    const edited = await cli([
      'contacts',
      'edit',
      contact!.localId,
      '--city',
      'Recife',
      '--tax-id',
      '529.982.247-25',
      '--phonenumber',
      '+55 81 98765-4321',
      ...secret(),
    ])
    expect(edited.code, edited.stderr).toBe(EXIT.ok)
    expect(edited.stdout).toMatch(/changed\. Sent to the portal\./)
    expect(onPortal('segundo.contato@gmail.com')[0]).toMatchObject({ city: 'Recife', tax_id: '529.982.247-25' })

    expect((await cli(['access', 'grant', contact!.localId, '--preset', 'financeiro', ...secret()])).code).toBe(EXIT.ok)
    const invite = portal.control.snapshot().invites.find((each) => each.email === 'segundo.contato@gmail.com')
    expect(invite?.permissions.slice().sort()).toEqual(['emails', 'invoices', 'orders', 'quotes'])
    expect((await cli(['access', 'revoke', contact!.localId, ...secret()])).code).toBe(EXIT.ok)

    const deleted = await cli(['contacts', 'delete', contact!.localId, '--json', ...secret()])
    expect(json<Delivered>(deleted.stdout).delivery.state).toBe('sent')
    expect(onPortal('segundo.contato@gmail.com')).toEqual([])
    expect(json<unknown[]>((await cli(['outbox', '--json'])).stdout)).toEqual([])
  })

  it('an edit command asks the portal only what that edit needs: 3 calls, not a pull of the whole portal', async () => {
    const clientId = await connected()
    const local = json<{ localId: string; remoteId: number }[]>((await cli(['contacts', 'list', '--client', String(clientId), '--json'])).stdout)[0]!
    const before = portal.control.calls()
    const edited = await cli(['contacts', 'edit', local.localId, '--city', 'Recife', ...secret()])
    expect(edited.code, edited.stderr).toBe(EXIT.ok)
    const made = Object.fromEntries(
      Object.entries(portal.control.calls()).flatMap(([action, n]) => (n > (before[action] ?? 0) ? [[action, n - (before[action] ?? 0)]] : [])),
    )
    // The client's contacts read before and after the write (was 23 calls at 2,000 clients: a whole pull first);
    // besides the edit's own 3, the one activity-log entry of its client (outside the per-edit budget).
    expect(made).toEqual({ getcontacts: 2, updatecontact: 1, logactivity: 1 })
    expect(portal.control.snapshot().contacts.find((each) => each.id === local.remoteId)?.city).toBe('Recife')
  })

  it('queues an edit while the portal is unreachable (or no secret is given), says so, and the next sync sends it', async () => {
    const clientId = await connected()
    const local = json<{ localId: string; remoteId: number }[]>((await cli(['contacts', 'list', '--client', String(clientId), '--json'])).stdout)[0]!
    await portal.faults.add({ kind: 'down' })
    const offline = await cli(['contacts', 'edit', local.localId, '--city', 'Natal', ...secret()])
    expect(offline.code, offline.stderr).toBe(EXIT.ok)
    expect(offline.stdout).toMatch(/Queued in the local cache, not sent: .*unreachable|Queued in the local cache, not sent: Could not reach/)
    await portal.faults.clear()
    const noSecret = await cli(['contacts', 'edit', local.localId, '--state', 'RN', '--json'])
    expect(json<Delivered>(noSecret.stdout).delivery).toMatchObject({ state: 'queued', error: { code: 'secret_required' } })
    expect(json<{ op: string }[]>((await cli(['outbox', '--json'])).stdout)).toHaveLength(1)
    expect((await cli(['sync', ...secret()])).code).toBe(EXIT.ok)
    expect(portal.control.snapshot().contacts.find((each) => each.id === local.remoteId)).toMatchObject({ city: 'Natal', state: 'RN' })
  })

  it('sync --push sends what waits without pulling: only the reads each edit needs', async () => {
    const clientId = await connected()
    const local = json<{ localId: string; remoteId: number }[]>((await cli(['contacts', 'list', '--client', String(clientId), '--json'])).stdout)[0]!
    // No secret given: the edit waits in the cache.
    await cli(['contacts', 'edit', local.localId, '--city', 'Natal', '--json'])
    const before = portal.control.calls()
    const pass = await cli(['sync', '--push', ...secret(), '--json'])
    expect(pass.code, pass.stderr).toBe(EXIT.ok)
    const made = Object.fromEntries(
      Object.entries(portal.control.calls()).flatMap(([action, n]) => (n > (before[action] ?? 0) ? [[action, n - (before[action] ?? 0)]] : [])),
    )
    // The edit's own reads and write, and its client's activity-log entry.
    expect(made).toEqual({ getcontacts: 2, updatecontact: 1, logactivity: 1 })
    expect(json<{ scope: string; pulled: unknown; pushed: { sent: number } }>(pass.stdout)).toMatchObject({ scope: 'push', pulled: null, pushed: { sent: 1 } })
    expect((await cli(['sync', '--push', ...secret()])).stdout).toMatch(/^Pushed in .*nothing pulled\. Sent 0 edits/m)
    expect(portal.control.snapshot().contacts.find((each) => each.id === local.remoteId)?.city).toBe('Natal')
  })

  it('exits 5 when the pass ends with a conflict or a rejected entry; resolve with a value settles it', async () => {
    const clientId = await connected()
    const [local] = json<{ localId: string; remoteId: number; email: string }[]>(
      (await cli(['contacts', 'list', '--client', String(clientId), '--json'])).stdout,
    )
    await portal.control.edit('UpdateContact', { contactid: local!.remoteId, city: 'Olinda' })
    await portal.faults.add({ kind: 'down' })
    await cli(['contacts', 'edit', local!.localId, '--city', 'Caruaru', ...secret()])
    await portal.faults.clear()
    const pass = await cli(['sync', ...secret()])
    expect(pass.code).toBe(EXIT.attention)
    expect(pass.stdout).toMatch(/1 open conflicts/)
    const conflicts = json<{ id: number; key: string; mine: string; theirs: string }[]>((await cli(['conflicts', '--json'])).stdout)
    expect(conflicts).toMatchObject([{ key: 'city', mine: 'Caruaru', theirs: 'Olinda' }])
    expect((await cli(['resolve', String(conflicts[0]!.id), ...secret()])).code).toBe(EXIT.usage)
    const resolved = await cli(['resolve', String(conflicts[0]!.id), '--value', 'Garanhuns', ...secret()])
    expect(resolved.code, resolved.stderr).toBe(EXIT.ok)
    expect(portal.control.snapshot().contacts.find((each) => each.id === local!.remoteId)?.city).toBe('Garanhuns')

    // The client already has that address: the portal refuses it, and says why.
    const refused = await cli(['contacts', 'add', '--client', String(clientId), '--email', local!.email, '--firstname', 'Repetido', '--json', ...secret()])
    expect(refused.code).toBe(EXIT.attention)
    expect(json<Delivered>(refused.stdout).delivery).toMatchObject({ state: 'rejected', error: { message: expect.stringMatching(/Duplicate Email Address/) } })
  })

  it('on 7.x gives a sub-account a strong random password it never shows or keeps, unless --password is given', async () => {
    await portal.close()
    portal = await startDemoPortal({ port: 0, clients: 30, seed: 3, generation: '7' })
    const clientId = await connected()
    const local = json<{ localId: string; remoteId: number }[]>((await cli(['contacts', 'list', '--client', String(clientId), '--json'])).stdout)[0]!
    const granted = await cli(['access', 'grant', local.localId, '--permissions', 'tickets,invoices', ...secret()])
    expect(granted.code, granted.stderr).toBe(EXIT.ok)
    const sub = portal.control.snapshot().contacts.find((each) => each.id === local.remoteId)!
    expect(sub).toMatchObject({ subaccount: true, permissions: ['invoices', 'tickets'] })
    expect(sub.password).not.toBe('')
    expect(granted.stdout).not.toMatch(/password|senha/i)
  })

  it('exits 2 on a bad edit, naming what is wrong, and queues nothing', async () => {
    const clientId = await connected()
    const localId = json<{ localId: string }[]>((await cli(['contacts', 'list', '--client', String(clientId), '--json'])).stdout)[0]!.localId
    const cases: [string[], RegExp][] = [
      [['contacts', 'edit'], /local id/],
      [['contacts', 'edit', localId], /at least one field/],
      [['contacts', 'edit', localId, '--emails', 'invoice,spam'], /unknown category spam/],
      [['contacts', 'edit', localId, '--email', 'not-an-address'], /e-mail/],
      [['contacts', 'add', '--client', String(clientId)], /--email/],
      [['access', 'grant', localId], /--permissions a,b or --preset NAME/],
      [['access', 'grant', localId, '--preset', 'nope'], /no preset named "nope"/],
      [['access', 'grant', localId, '--permissions', 'invoices', '--password', 'Segredo-123'], /WHMCS 7/],
      [['resolve', 'x', '--mine'], /conflict id/],
      [['outbox', 'list', 'extra'], /unknown command/],
    ]
    for (const [args, message] of cases) {
      const result = await cli(args)
      expect(result.code, args.join(' ')).toBe(EXIT.usage)
      expect(result.stderr, args.join(' ')).toMatch(message)
    }
    expect(json<unknown[]>((await cli(['outbox', '--json'])).stdout)).toEqual([])
  })
})
