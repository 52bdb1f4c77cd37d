// Loads electron-updater's autoUpdater for the update flow. Loaded on demand: it needs a packaged app
// (its app-update.yml), so development runs and tests never load it.
import type { Log } from './log/file-log'
import type { Updater } from './updates'

type ElectronUpdater = typeof import('electron-updater')

export async function loadAutoUpdater(log: Log): Promise<Updater> {
  // electron-updater is CommonJS and defines autoUpdater as a getter, which import() does not expose as
  // a named export: under Node's loader it is only on the module's default (module.exports).
  const loaded = (await import('electron-updater')) as ElectronUpdater & { default?: ElectronUpdater }
  const { autoUpdater } = loaded.default ?? loaded
  autoUpdater.logger = log
  return autoUpdater
}
