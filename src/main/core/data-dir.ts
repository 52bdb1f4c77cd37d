// Where Contact Desk keeps its data when no --data-dir is given: the same folder Electron's
// app.getPath('userData') gives the app, so the CLI and the app share settings and caches.
import { homedir } from 'node:os'
import { join } from 'node:path'

export const PRODUCT_NAME = 'Contact Desk'

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.DESK_DATA_DIR) return env.DESK_DATA_DIR
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME)
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME)
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), PRODUCT_NAME)
}
