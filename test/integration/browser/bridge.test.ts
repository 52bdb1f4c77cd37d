import { mkdirSync, writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startBridge, type Bridge } from '../../../src/main/browser/bridge'
import { createDispatch, type Handlers } from '../../../src/main/core/dispatch'
import { createEventHub, type EventHub } from '../../../src/main/core/events'
import { EVENTS_PATH, methodPath, TOKEN_HEADER } from '../../../src/shared/contract'
import type { Settings } from '../../../src/shared/domain'
import { DEFAULT_SETTINGS } from '../../../src/main/core/app-state'
import { makeTempDir } from '../../support/temp-dir'

let dir: ReturnType<typeof makeTempDir>
let bridge: Bridge
let hub: EventHub
let settings: Settings
let updates: unknown[]

beforeEach(async () => {
  dir = makeTempDir()
  const rendererDir = join(dir.path, 'renderer')
  mkdirSync(join(rendererDir, 'assets'), { recursive: true })
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Contact Desk</title>')
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)')
  writeFileSync(join(dir.path, 'secret.txt'), 'outside the renderer')
  settings = { ...DEFAULT_SETTINGS, staffName: 'Ana' }
  updates = []
  const handlers = {
    'settings.get': async () => settings,
    'settings.update': async (patch: Partial<Settings>) => {
      updates.push(patch)
      settings = { ...settings, ...patch }
      return settings
    },
  } as unknown as Handlers
  hub = createEventHub()
  bridge = await startBridge({ dispatch: createDispatch(handlers), listen: hub.listen, rendererDir })
})
afterEach(async () => {
  await bridge.close()
  dir.remove()
})

const call = (method: Parameters<typeof methodPath>[0], body: unknown, headers: Record<string, string> = { [TOKEN_HEADER]: bridge.token }) =>
  fetch(bridge.origin + methodPath(method), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })

describe('loopback bridge', () => {
  it('listens on 127.0.0.1 and hands the token only in the URL fragment', () => {
    expect(bridge.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(bridge.url).toBe(`${bridge.origin}/#token=${bridge.token}`)
    expect(bridge.token).toMatch(/^[0-9a-f]{64}$/)
  })

  it('answers a contract call with a Result', async () => {
    const response = await call('settings.get', {})
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ ok: true, value: settings })
  })

  it('refuses a call without the token, or with a wrong one, and changes nothing', async () => {
    const attempts: Record<string, string>[] = [{}, { [TOKEN_HEADER]: 'f'.repeat(64) }, { [TOKEN_HEADER]: bridge.token.slice(1) }]
    for (const headers of attempts) {
      const response = await call('settings.update', { staffName: 'Mallory' }, headers)
      expect(response.status).toBe(401)
      const body = (await response.json()) as { ok: boolean; error: { message: string } }
      expect(body.ok).toBe(false)
      expect(body.error.message).toMatch(/token is missing or wrong/)
    }
    expect(updates).toEqual([])
    expect(settings.staffName).toBe('Ana')
  })

  it('refuses invalid input with an error naming the field, and changes nothing', async () => {
    const response = await call('settings.update', { theme: 'purple', staffName: 7 })
    const body = (await response.json()) as { ok: false; error: { code: string; issues: { path: string }[] } }
    expect(body.ok).toBe(false)
    expect(body.error.code).toBe('validation')
    expect(body.error.issues.map((i) => i.path).sort()).toEqual(['staffName', 'theme'])
    expect(updates).toEqual([])
  })

  it('refuses unknown fields, bad JSON and non-JSON bodies', async () => {
    const unknown = (await (await call('settings.update', { isAdmin: true })).json()) as { error: { code: string; message: string } }
    expect(unknown.error).toMatchObject({ code: 'validation' })
    expect(unknown.error.message).toMatch(/isAdmin/)
    const bad = await fetch(bridge.origin + methodPath('settings.get'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: bridge.token },
      body: '{not json',
    })
    expect(bad.status).toBe(400)
    const form = await fetch(bridge.origin + methodPath('settings.get'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', [TOKEN_HEADER]: bridge.token },
      body: 'a=1',
    })
    expect(form.status).toBe(415)
  })

  it('refuses calls from another origin and requests for another host name', async () => {
    const foreign = await call('settings.get', {}, { [TOKEN_HEADER]: bridge.token, origin: 'http://evil.example' })
    expect(foreign.status).toBe(403)
    const port = new URL(bridge.origin).port
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/', headers: { host: `rebound.example:${port}` } }, (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      })
      req.on('error', reject)
      req.end()
    })
    expect(status).toBe(421)
  })

  it('serves the renderer with the strict CSP, and nothing outside it', async () => {
    const page = await fetch(`${bridge.origin}/`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('Contact Desk')
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'/)
    expect((await fetch(`${bridge.origin}/assets/app.js`)).headers.get('content-type')).toMatch(/javascript/)
    expect((await fetch(`${bridge.origin}/..%2fsecret.txt`)).status).toBe(404)
    expect((await fetch(`${bridge.origin}/assets/..%2f..%2fsecret.txt`)).status).toBe(404)
    expect((await fetch(`${bridge.origin}/missing.js`)).status).toBe(404)
  })

  it('streams events as newline-delimited JSON to holders of the token only', async () => {
    expect((await fetch(bridge.origin + EVENTS_PATH)).status).toBe(401)
    const response = await fetch(bridge.origin + EVENTS_PATH, { headers: { [TOKEN_HEADER]: bridge.token } })
    expect(response.headers.get('content-type')).toMatch(/ndjson/)
    const reader = response.body!.getReader()
    await reader.read() // the opening newline: the stream is live
    hub.emit('sync.progress', { phase: 'clients', done: 500, total: 1000, rate: 250 })
    let text = ''
    while (!text.includes('}\n')) text += new TextDecoder().decode((await reader.read()).value)
    expect(JSON.parse(text.trim())).toEqual({ event: 'sync.progress', payload: { phase: 'clients', done: 500, total: 1000, rate: 250 } })
    await reader.cancel()
  })
})
