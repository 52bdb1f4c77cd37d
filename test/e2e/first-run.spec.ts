// A newcomer's first run, from an empty data dir in a pt-BR browser: the demo portal, a sync,
// a client found by part of its name, then the whole UI in English.
import AxeBuilder from '@axe-core/playwright'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'

interface DemoClient {
  id: number | string
  firstname: string
  lastname: string
  companyname: string
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze()
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

test('connect to the demo portal, sync, find and open a client, then switch to English', async ({ page, desk }) => {
  await page.goto(desk.url)
  // The token travels in the fragment only, and leaves the address bar at once.
  await expect(page).not.toHaveURL(/token=/)

  // First run lands on the settings, in Portuguese.
  await expect(page.getByRole('heading', { level: 1, name: 'Configurações' })).toBeVisible()
  // Without Electron, the page says plainly that it runs in browser mode.
  await expect(page.getByText('Modo navegador: Electron não instalado neste computador')).toBeVisible()
  expect(await seriousViolations(page)).toEqual([])

  await page.getByRole('button', { name: 'Usar o portal de demonstração' }).click()
  const status = page.getByRole('status')
  // The sync's progress shows in the status bar while it runs (the demo answers slowly on purpose here)…
  await expect(status.getByRole('progressbar', { name: 'Progresso da sincronização' })).toBeVisible()
  // (its step, what it reads, and how far: a list of 1,000 clients is one page, so the later lists show the counting)
  await expect(status).toContainText(/Etapa \d de \d: [^…]+…[\d.]+ de [\d.]+/)
  // …and its end.
  await expect(status).toContainText(/Sincronizado às \d{2}:\d{2} — 1\.000 clientes/, { timeout: 30_000 })
  await expect(status.getByRole('progressbar')).toHaveCount(0)
  await expect(status).toContainText('Online')
  await expect(page.getByText('Conectado: WHMCS 8.10.1, 1.000 clientes')).toBeVisible()

  await page.getByRole('button', { name: 'Clientes', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Clientes' })).toBeVisible()
  await expect(page.getByText('1.000 clientes').first()).toBeVisible()
  expect(await seriousViolations(page)).toEqual([])

  // A client far down the alphabet, found by typing part of its name.
  const demo = JSON.parse(readFileSync(join(desk.dataDir, 'demo-portal.json'), 'utf8')) as { clients: DemoClient[] }
  const target = [...demo.clients].sort((a, b) => a.lastname.localeCompare(b.lastname)).at(-3)!
  const fullName = `${target.firstname} ${target.lastname}`
  await page.keyboard.press('Control+k')
  const search = page.getByLabel('Buscar cliente')
  await expect(search).toBeFocused()
  await search.pressSequentially(`${target.firstname.slice(0, 4)} ${target.lastname.slice(0, 5)}`)
  const row = page.getByRole('option', { name: new RegExp(`^${fullName}`) })
  await expect(row).toBeVisible()
  await row.click()
  await expect(page.getByRole('heading', { level: 1, name: fullName })).toBeVisible()

  // Switch to English: the labels follow at once, without a reload.
  await page.getByRole('button', { name: 'Configurações' }).click()
  await page.getByLabel('Idioma').selectOption({ label: 'English' })
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
  await expect(page.getByText('Browser mode: Electron is not installed on this computer')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Clients', exact: true })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await expect(status).toContainText(/Synced at .* — 1,000 clients/)
  await page.getByRole('button', { name: 'Clients', exact: true }).click()
  await expect(page.getByLabel('Search clients')).toBeVisible()
  await expect(page.getByText('1,000 clients').first()).toBeVisible()
  expect(await seriousViolations(page)).toEqual([])
})

test('a page opened without the token is refused by the bridge and says so', async ({ page, desk }) => {
  await page.goto(desk.origin + '/')
  await expect(page.getByRole('alert').first()).toContainText(/endereço que o Contact Desk mostrou/)
})
