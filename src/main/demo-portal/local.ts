// The built-in demo portal as the app, browser mode and the CLI start it: on this machine only,
// on any free port, its data kept in the data directory so edits made against it survive a restart.
import { join } from 'node:path'
import type { LocalPortal } from '../core/desk'
import { startDemoPortal } from './server'

export interface LocalDemoOptions {
  /** Delay before each answer, to show what sync looks like on a real network. */
  latencyMs?: number
}

export async function startLocalDemoPortal(dataDir: string, options: LocalDemoOptions = {}): Promise<LocalPortal> {
  const portal = await startDemoPortal({ port: 0, stateFile: join(dataDir, 'demo-portal.json'), latencyMs: options.latencyMs })
  return { apiUrl: portal.apiUrl, identifier: portal.identifier, secret: portal.secret, close: () => portal.close() }
}
