// Browser mode: where the Electron binary is missing (this build machine, CI), `npm start` serves the
// same UI and the same core through the loopback bridge, with the built-in demo portal one click away.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { startBridge, type Bridge } from './bridge'
import type { Desk } from '../core/desk'
import { fetchTransport } from '../core/portal/transport'
import { startDeskThread } from '../desk-thread/host'
import { createEventHub } from '../core/events'
import { createMemorySecretStore } from '../core/secrets'
import { defaultDataDir } from '../core/data-dir'
import { startLocalDemoPortal, type LocalDemoOptions } from '../demo-portal/local'
import { errorText } from '../../shared/errors'

export interface BrowserModeOptions {
  dataDir: string
  rendererDir: string
  port?: number
  /** The built-in demo portal's options (latency, generation, control endpoint). */
  demo?: LocalDemoOptions
  /** Sync by itself (the default); off for tests that drive every sync. */
  autoSync?: boolean
}

export interface BrowserMode {
  bridge: Bridge
  desk: Desk
  /** The demo portal's control endpoint, when asked for (it then starts with browser mode). */
  demoControlUrl: string | undefined
  close(): Promise<void>
}

export async function startBrowserMode(options: BrowserModeOptions): Promise<BrowserMode> {
  const hub = createEventHub()
  // With a control endpoint the demo starts now, so its address can be printed; otherwise on first use.
  const eager = options.demo?.control ? await startLocalDemoPortal(options.dataDir, options.demo) : null
  // The same arrangement as the app: the core in a worker thread, the network and the bridge on this one.
  const desk = startDeskThread({
    workerFile: join(__dirname, 'desk-worker.js'),
    dataDir: options.dataDir,
    // No OS keychain here: a portal's secret lives for this run only, and the UI says so.
    secrets: createMemorySecretStore(),
    transport: fetchTransport,
    emit: hub.emit,
    startDemoPortal: () => (eager ? Promise.resolve(eager) : startLocalDemoPortal(options.dataDir, options.demo)),
    onInternalError: (where, error) => console.error(`[contact-desk] internal error in ${where}:`, error),
    autoSync: options.autoSync ?? true,
  })
  const bridge = await startBridge({ dispatch: desk.dispatch, listen: hub.listen, rendererDir: options.rendererDir, port: options.port })
  return {
    bridge,
    desk,
    demoControlUrl: eager?.controlUrl,
    async close() {
      await bridge.close()
      await desk.close()
      await eager?.close?.()
    },
  }
}

const Flags = z.strictObject({
  'data-dir': z.string().min(1).optional(),
  port: z.coerce.number().int().min(0).max(65535).default(0),
  'no-open': z.boolean().default(false),
  'demo-latency-ms': z.coerce.number().int().min(0).max(60_000).default(0),
  'demo-generation': z.enum(['7', '8']).default('8'),
  'demo-control': z.boolean().default(false),
  'no-auto-sync': z.boolean().default(false),
  json: z.boolean().default(false),
})

/** Opens the system browser where there is one; a headless machine just keeps the printed address. */
function openInBrowser(url: string): void {
  const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY)
  if (!hasDisplay || process.env.CI) return
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]]
  const child = spawn(command as string, args as string[], { detached: true, stdio: 'ignore' })
  child.on('error', () => undefined)
  child.unref()
}

async function main(argv: string[]): Promise<void> {
  const parsed = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      'no-open': { type: 'boolean' },
      json: { type: 'boolean' },
      'demo-latency-ms': { type: 'string' },
      'demo-generation': { type: 'string' },
      'demo-control': { type: 'boolean' },
      'no-auto-sync': { type: 'boolean' },
    },
  })
  const checked = Flags.safeParse(parsed.values)
  if (!checked.success) {
    process.stderr.write(`contact-desk browser mode: ${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}\n`)
    process.exitCode = 2
    return
  }
  const flags = checked.data
  const dataDir = flags['data-dir'] ?? defaultDataDir()
  const mode = await startBrowserMode({
    dataDir,
    rendererDir: join(__dirname, '../renderer'),
    port: flags.port,
    demo: { latencyMs: flags['demo-latency-ms'], generation: flags['demo-generation'], control: flags['demo-control'] },
    autoSync: !flags['no-auto-sync'],
  })
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ url: mode.bridge.url, origin: mode.bridge.origin, dataDir, demoControlUrl: mode.demoControlUrl })}\n`)
  } else {
    process.stdout.write(
      [
        'Contact Desk is running in browser mode: the Electron binary is not installed on this machine,',
        'so the same app is served to your browser from this computer only. Open:',
        '',
        `  ${mode.bridge.url}`,
        '',
        `Data: ${dataDir}`,
        'Press Ctrl+C to stop.',
        '',
      ].join('\n'),
    )
  }
  if (!flags['no-open']) openInBrowser(mode.bridge.url)
  const stop = () => void mode.close().then(() => process.exit(0))
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

if (process.argv[1] && /browser-mode\.(js|cjs|mjs)$/.test(process.argv[1])) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`contact-desk browser mode: ${errorText(error)}\n`)
    process.exitCode = 1
  })
}
