// The CLI end to end against the demo portal: in process for every case, and once as the built binary.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { EXIT, runCli } from '../../src/main/cli'
import { openDesk } from '../../src/main/core/desk'
import { createMemorySecretStore } from '../../src/main/core/secrets'
import { startDemoPortal, type DemoPortal } from '../../src/main/demo-portal/server'
import type { Client } from '../../src/shared/domain'
import { makeTempDir } from '../support/temp-dir'

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
    expect(JSON.parse(sync.stdout).clients).toEqual({ added: 120, updated: 0, removed: 0, unchanged: 0 })

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

  it('lists a client\'s contacts, the outbox and the conflicts', async () => {
    await cli(['connect', '--url', portal.url, '--identifier', portal.identifier, '--secret', portal.secret])
    await cli(['sync', '--secret', portal.secret])
    const clientId = Number(portal.state.contacts[0]!.userid)
    const contacts = await cli(['contacts', 'list', '--client', String(clientId), '--json'])
    expect(contacts.code).toBe(EXIT.ok)
    const listed = JSON.parse(contacts.stdout) as { email: string; sync: string }[]
    expect(listed.map((c) => c.email).sort()).toEqual(portal.state.contacts.filter((c) => Number(c.userid) === clientId).map((c) => c.email).sort())
    expect(listed.every((c) => c.sync === 'synced')).toBe(true)
    expect(JSON.parse((await cli(['outbox', 'list', '--json'])).stdout)).toEqual([])
    expect(JSON.parse((await cli(['conflicts', 'list', '--json'])).stdout)).toEqual([])
    expect((await cli(['contacts', 'list'])).code).toBe(EXIT.usage)
    expect((await cli(['status'])).stdout).toMatch(/Outbox: 0 pending/)
  })

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
    const insecure = await cli(['connect', '--url', 'http://portal.example.com', '--identifier', 'x', '--secret', 'y'])
    expect(insecure.code).toBe(EXIT.usage)
    expect(insecure.stderr).toMatch(/HTTPS/i)
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
        fields: {
          firstName: 'Dois',
          lastName: 'Processos',
          companyName: '',
          email: 'dois.processos@gmail.com',
          address1: '',
          address2: '',
          city: '',
          state: '',
          postcode: '',
          country: 'BR',
          phoneNumber: '',
          taxId: '',
          emailPreferences: { general: true, invoice: true, product: false, domain: false, support: false, affiliate: false },
        },
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
