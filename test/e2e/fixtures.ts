// Each test gets its own browser-mode app (the built core + bridge) on a fresh data dir and a free port,
// exactly what `npm start` serves where Electron is missing. Its output is attached when a test fails.
// Options (test.use): the demo portal's latency and generation, its control endpoint (the demo portal then
// starts with the app and `desk.demoControlUrl` is its address), and whether main syncs by itself.
import { test as base, expect } from '@playwright/test'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'

export type DemoGeneration = '7' | '8'

export interface DeskApp {
  url: string
  origin: string
  dataDir: string
  /** The demo portal's control endpoint (GET /state, POST/DELETE /faults, POST /edit…), with `demoControl` only. */
  demoControlUrl?: string
}

export interface LaunchOptions {
  /** Delay the demo portal adds to each answer (ms). */
  demoLatencyMs?: number
  /** The demo portal's WHMCS generation; browser mode's own default (8) when left out. */
  demoGeneration?: DemoGeneration
  /** Start the demo portal at once, with its control endpoint. */
  demoControl?: boolean
  /** Main syncs by itself (on start, after edits, on a timer); false: the test drives every sync. */
  autoSync?: boolean
}

/** Starts browser mode; a number as second argument is the demo latency (the original signature). */
export async function launchApp(dataDir: string, options: number | LaunchOptions = {}): Promise<{ app: DeskApp; child: ChildProcess; output: () => string }> {
  const { demoLatencyMs = 250, demoGeneration, demoControl = false, autoSync = true } = typeof options === 'number' ? { demoLatencyMs: options } : options
  const args = [join('out', 'main', 'browser-mode.js'), '--data-dir', dataDir, '--port', '0', '--no-open', '--json', '--demo-latency-ms', String(demoLatencyMs)]
  if (demoGeneration) args.push('--demo-generation', demoGeneration)
  if (demoControl) args.push('--demo-control')
  if (!autoSync) args.push('--no-auto-sync')
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stderr!.on('data', (chunk: Buffer) => void (output += chunk.toString()))
  const line = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! })
    lines.once('line', resolve)
    child.once('exit', (code) => reject(new Error(`browser mode exited (${code}) before starting:\n${output}`)))
  })
  const started = JSON.parse(line) as { url: string; origin: string; demoControlUrl?: string }
  if (demoControl && !started.demoControlUrl) throw new Error(`browser mode started without a demo control endpoint: ${line}`)
  const app: DeskApp = { url: started.url, origin: started.origin, dataDir }
  if (started.demoControlUrl) app.demoControlUrl = started.demoControlUrl
  return { app, child, output: () => output }
}

export interface DeskOptions {
  /** Delay the demo portal adds to each answer: slow enough to watch the progress bar, or 0 for speed. */
  demoLatencyMs: number
  /** The demo portal's generation; undefined keeps browser mode's default (8). */
  demoGeneration: DemoGeneration | undefined
  /** Start the demo portal with the app and expose its control endpoint as `desk.demoControlUrl`. */
  demoControl: boolean
  /** false (`--no-auto-sync`): main never syncs by itself, the test clicks Sincronizar. */
  autoSync: boolean
}

export const test = base.extend<{ desk: DeskApp } & DeskOptions>({
  demoLatencyMs: [250, { option: true }],
  demoGeneration: [undefined, { option: true }],
  demoControl: [false, { option: true }],
  autoSync: [true, { option: true }],
  desk: async ({ demoLatencyMs, demoGeneration, demoControl, autoSync }, use, testInfo) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'contact-desk-e2e-'))
    const { app, child, output } = await launchApp(dataDir, { demoLatencyMs, demoGeneration, demoControl, autoSync })
    await use(app)
    child.kill('SIGTERM')
    await new Promise((resolve) => child.once('exit', resolve))
    if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach('app-output', { body: output(), contentType: 'text/plain' })
    rmSync(dataDir, { recursive: true, force: true })
  },
})

export { expect }
