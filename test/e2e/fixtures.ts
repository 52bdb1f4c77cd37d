// Each test gets its own browser-mode app (the built core + bridge) on a fresh data dir and a free port,
// exactly what `npm start` serves where Electron is missing. Its output is attached when a test fails.
import { test as base, expect } from '@playwright/test'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'

export interface DeskApp {
  url: string
  origin: string
  dataDir: string
}

export async function launchApp(dataDir: string, demoLatencyMs = 250): Promise<{ app: DeskApp; child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, [join('out', 'main', 'browser-mode.js'), '--data-dir', dataDir, '--port', '0', '--no-open', '--json', '--demo-latency-ms', String(demoLatencyMs)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stderr!.on('data', (chunk: Buffer) => void (output += chunk.toString()))
  const line = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! })
    lines.once('line', resolve)
    child.once('exit', (code) => reject(new Error(`browser mode exited (${code}) before starting:\n${output}`)))
  })
  const started = JSON.parse(line) as { url: string; origin: string }
  return { app: { ...started, dataDir }, child, output: () => output }
}

export const test = base.extend<{ desk: DeskApp; demoLatencyMs: number }>({
  /** Delay the demo portal adds to each answer: slow enough to watch the progress bar, or 0 for speed. */
  demoLatencyMs: [250, { option: true }],
  desk: async ({ demoLatencyMs }, use, testInfo) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'contact-desk-e2e-'))
    const { app, child, output } = await launchApp(dataDir, demoLatencyMs)
    await use(app)
    child.kill('SIGTERM')
    await new Promise((resolve) => child.once('exit', resolve))
    if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach('app-output', { body: output(), contentType: 'text/plain' })
    rmSync(dataDir, { recursive: true, force: true })
  },
})

export { expect }
