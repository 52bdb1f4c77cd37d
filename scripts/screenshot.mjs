#!/usr/bin/env node
// Refreshes the README's screenshot: browser mode on a scratch data dir, the demo portal, the client list.
// Run after `npm run build`: node scripts/screenshot.mjs
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { chromium } from 'playwright-core'

const dataDir = mkdtempSync(join(tmpdir(), 'contact-desk-shot-'))
const app = spawn(process.execPath, ['out/main/browser-mode.js', '--data-dir', dataDir, '--no-open', '--json'], { stdio: ['ignore', 'pipe', 'inherit'] })
const [line] = await createInterface({ input: app.stdout })[Symbol.asyncIterator]().next().then((r) => [r.value])
const { url } = JSON.parse(line)
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] })
try {
  const page = await browser.newPage({ locale: 'pt-BR', viewport: { width: 1280, height: 760 } })
  await page.goto(url)
  await page.getByRole('button', { name: 'Usar o portal de demonstração' }).click()
  await page.getByRole('status').getByText(/Sincronizado às/).waitFor()
  await page.getByRole('button', { name: 'Clientes', exact: true }).click()
  await page.getByLabel('Buscar cliente').fill('padaria')
  await page.getByText('Buscando…').or(page.getByText('Buscando...')).waitFor({ state: 'hidden' })
  await page.getByRole('option').first().waitFor()
  await page.screenshot({ path: 'docs/screenshot-clients.png' })
} finally {
  await browser.close()
  app.kill()
  rmSync(dataDir, { recursive: true, force: true })
}
