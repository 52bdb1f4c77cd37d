// What the screen specs share: the demo portal connected and synced, a client opened by e-mail, the demo
// portal's own state (what "the portal" holds), the axe check, and screenshots for the README.
import AxeBuilder from '@axe-core/playwright'
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, type DeskApp } from './fixtures'

export interface DemoClient {
  id: number
  firstname: string
  lastname: string
  companyname: string
  email: string
  domain: string
  email_preferences: Record<string, boolean>
}

export interface DemoContact {
  id: number
  userid: number
  firstname: string
  lastname: string
  email: string
  generalemails: boolean
  productemails: boolean
  domainemails: boolean
  invoiceemails: boolean
  supportemails: boolean
  affiliateemails: boolean
  subaccount: boolean
  /** A 7.x sub-account's password hash, or "". */
  password: string
  permissions: string[]
}

export interface DemoUser {
  id: number
  email: string
  clients: { clientid: number; owner: boolean; permissions: string[] }[]
}

export interface DemoInvite {
  id: number
  clientid: number
  email: string
  permissions: string[]
}

export interface DemoState {
  clients: DemoClient[]
  contacts: DemoContact[]
  users: DemoUser[]
  invites: DemoInvite[]
}

/** The demo portal's control endpoint (`demoControl: true` in test.use), or a clear failure without it. */
function controlUrl(desk: DeskApp, path: string): string {
  if (!desk.demoControlUrl) throw new Error('No demo control endpoint: test.use({ demoControl: true })')
  return new URL(path, desk.demoControlUrl).toString()
}

async function control(desk: DeskApp, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(controlUrl(desk, path), {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  })
  const text = await response.text()
  if (!response.ok) throw new Error(`${method} ${path} on the demo control endpoint: ${response.status} ${text}`)
  return JSON.parse(text) as unknown
}

/** The demo portal's whole state, straight from its control endpoint (GET /state). */
export async function controlState(desk: DeskApp): Promise<DemoState> {
  return (await control(desk, 'GET', '/state')) as DemoState
}

/** The invited person follows the invite's link (POST /invites/:id/accept): a login on that client, with its permissions. */
export async function acceptInvite(desk: DeskApp, inviteId: number, person: { firstname?: string; lastname?: string } = {}): Promise<void> {
  await control(desk, 'POST', `/invites/${inviteId}/accept`, person)
}

/** The demo portal's state as the JSON text the control endpoint sends (to look for what must not be there). */
export async function controlStateText(desk: DeskApp): Promise<string> {
  const response = await fetch(controlUrl(desk, '/state'))
  if (!response.ok) throw new Error(`GET /state on the demo control endpoint: ${response.status}`)
  return response.text()
}

/** The demo portal stops listening (its API port refuses connections) until `portalBack`. */
export async function portalDown(desk: DeskApp): Promise<void> {
  await control(desk, 'POST', '/faults', { kind: 'down' })
}

/** Clears every fault: a "down" portal listens again, on the same port. */
export async function portalBack(desk: DeskApp): Promise<void> {
  await control(desk, 'DELETE', '/faults')
}

/** The demo portal's state file: what the portal holds (it is written after every change). */
export function readDemo(desk: DeskApp): DemoState {
  return JSON.parse(readFileSync(join(desk.dataDir, 'demo-portal.json'), 'utf8')) as DemoState
}

export const domainOf = (email: string): string => email.split('@')[1]?.toLowerCase() ?? ''

/** Clients whose every invoice recipient is on their own domain: the help article's case. */
export function ownDomainOnly(state: DemoState): DemoClient[] {
  return state.clients.filter((client) => {
    const recipients = [
      ...(client.email_preferences.invoice ? [client.email] : []),
      ...state.contacts.filter((contact) => contact.userid === client.id && contact.invoiceemails).map((contact) => contact.email),
    ]
    return recipients.length > 0 && recipients.every((email) => domainOf(email) === domainOf(client.email))
  })
}

/** First run: the demo portal, then a full sync (the status bar says when it is done). */
export async function connectDemo(page: Page, desk: DeskApp, language: 'pt-BR' | 'en' = 'pt-BR'): Promise<void> {
  await page.setViewportSize({ width: 1440, height: 900 })
  await page.goto(desk.url)
  if (language === 'en') {
    await page.getByLabel('Idioma').selectOption({ label: 'English' })
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
    await page.getByRole('button', { name: 'Use the demo portal' }).click()
    await expect(page.getByRole('status')).toContainText(/Synced at \d{2}:\d{2}/, { timeout: 45_000 })
  } else {
    await page.getByRole('button', { name: 'Usar o portal de demonstração' }).click()
    await expect(page.getByRole('status')).toContainText(/Sincronizado às \d{2}:\d{2}/, { timeout: 45_000 })
  }
}

/** The client page's "who gets what" table: its rows are the people, apart from the payment reminders' rows that name them too. */
export const whoGetsWhat = (page: Page) => page.getByRole('table', { name: /^(Quem recebe o quê|Who gets what):/ })

/** Opens a client from the list, found by its e-mail (Ctrl+K, type, Enter). */
export async function openClient(page: Page, email: string, language: 'pt-BR' | 'en' = 'pt-BR'): Promise<void> {
  await page.keyboard.press('Control+k')
  const search = page.getByLabel(language === 'en' ? 'Search clients' : 'Buscar cliente')
  await expect(search).toBeFocused()
  await search.fill(email)
  await expect(page.getByRole('option')).toHaveCount(1)
  await search.press('Enter')
  await expect(page.getByRole('heading', { level: 2, name: language === 'en' ? 'Who gets what' : 'Quem recebe o quê' })).toBeVisible()
}

/**
 * Runs a sync from the status bar and waits for it to end well. Main also syncs by itself (after an edit,
 * on a timer): such a run is waited for first, and a click that meets one ("busy", or the button disabled
 * while it runs) is tried again.
 */
export async function syncNow(page: Page, language: 'pt-BR' | 'en' = 'pt-BR'): Promise<void> {
  const status = page.getByRole('status')
  const button = page.getByRole('button', { name: language === 'en' ? 'Send and receive' : 'Sincronizar', exact: true })
  for (let attempt = 0; ; attempt++) {
    if (attempt > 4) throw new Error('the sync never ran')
    await expect(status.getByRole('progressbar')).toHaveCount(0, { timeout: 45_000 })
    await expect(button).toHaveAttribute('aria-disabled', 'false')
    const sent = page.waitForRequest((request) => request.url().endsWith('/api/call/sync.run'), { timeout: 3_000 }).catch(() => null)
    await button.click()
    // No request: the click met a sync that had just started by itself; wait for it and click again.
    const request = await sent
    const response = await request?.response()
    if (!response) continue
    const body = (await response.json()) as { ok: boolean; error?: { code: string } }
    if (body.ok) break
    if (body.error?.code !== 'busy') throw new Error(`sync.run failed: ${JSON.stringify(body)}`)
  }
  await expect(status).toContainText(language === 'en' ? /Synced at \d{2}:\d{2}/ : /Sincronizado às \d{2}:\d{2}/, { timeout: 45_000 })
  await expect(status.getByRole('progressbar')).toHaveCount(0)
}

/** axe on what is on screen: serious and critical violations, one line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze()
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)
}

/**
 * A screenshot of a main screen: into docs/ (the README's pictures) with `npm run screenshots`, into
 * test-results/ on any other run, so a plain `npm test` leaves the committed pictures alone.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.DESK_SCREENSHOTS ? 'docs' : join('test-results', 'screenshots')
  mkdirSync(dir, { recursive: true })
  await page.screenshot({ path: join(dir, `screenshot-${name}.png`) })
}

/** The demo portal's API address, as the status bar shows it ("Portal: demonstração (127.0.0.1:PORT)"). */
export async function demoApiUrl(page: Page): Promise<string> {
  const text = (await page.getByRole('status').textContent()) ?? ''
  const host = /\((127\.0\.0\.1:\d+)\)/.exec(text)?.[1]
  if (!host) throw new Error(`No demo portal address in the status bar: ${text}`)
  return `http://${host}/includes/api.php`
}

/**
 * Someone working on the portal itself: one WHMCS API call to the demo portal with its built-in credentials
 * (the local demo portal accepts demo-identifier / demo-secret), as an admin's edit would arrive.
 */
export async function portalCall(page: Page, action: string, params: Record<string, string>): Promise<Record<string, unknown>> {
  const body = new URLSearchParams({ action, identifier: 'demo-identifier', secret: 'demo-secret', responsetype: 'json', ...params })
  const response = await fetch(await demoApiUrl(page), { method: 'POST', body })
  const answer = (await response.json()) as Record<string, unknown>
  if (answer.result !== 'success') throw new Error(`${action} failed: ${JSON.stringify(answer)}`)
  return answer
}
