// The built-in demo portal as the app, browser mode and the CLI start it: on this machine only,
// on any free port, its data kept in the data directory so edits made against it survive a restart.
import { join } from 'node:path'
import type { LocalPortal } from '../core/desk'
import { startDemoPortal } from './server'

export async function startLocalDemoPortal(dataDir: string): Promise<LocalPortal> {
  const portal = await startDemoPortal({ port: 0, stateFile: join(dataDir, 'demo-portal.json') })
  return { apiUrl: portal.apiUrl, identifier: portal.identifier, secret: portal.secret, close: () => portal.close() }
}
