// The built-in demo portal as the app, browser mode and the CLI start it: on this machine only,
// on any free port, its data kept in the data directory so edits made against it survive a restart.
import { join } from 'node:path'
import { startDemoPortal } from './server'

export interface LocalDemoOptions {
  /** Delay before each answer, to show what sync looks like on a real network. */
  latencyMs?: number
  /** WHMCS 7 or 8 (8 by default). */
  generation?: '7' | '8'
  /** Also serve the control endpoint (faults, remote edits) — for tests and demonstrations. */
  control?: boolean
}

/** What the desk needs to connect to it (the core's LocalPortal has the same shape) and the control endpoint. */
export interface LocalDemoPortal {
  apiUrl: string
  identifier: string
  secret: string
  /** The control endpoint, when asked for. */
  controlUrl: string | undefined
  /** Stops it; safe to call more than once. */
  close: () => Promise<void>
}

export async function startLocalDemoPortal(dataDir: string, options: LocalDemoOptions = {}): Promise<LocalDemoPortal> {
  const portal = await startDemoPortal({
    port: 0,
    stateFile: join(dataDir, 'demo-portal.json'),
    latencyMs: options.latencyMs,
    generation: options.generation,
    control: options.control,
  })
  // Both the desk (once it used the demo) and its starter may close it: the first call does.
  let closing: Promise<void> | null = null
  return {
    apiUrl: portal.apiUrl,
    identifier: portal.identifier,
    secret: portal.secret,
    controlUrl: portal.controlUrl,
    close: () => (closing ??= portal.close()),
  }
}
