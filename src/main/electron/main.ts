// The Electron entry: wires the core to Electron and nothing more. Everything that matters lives in ./core.
import { join } from 'node:path'
import { app, BrowserWindow, dialog, ipcMain, Menu, net, safeStorage, session, shell } from 'electron'
import { createApi, type DeskApi } from '../../shared/contract'
import type { Language } from '../../shared/domain'
import { loadAutoUpdater } from './auto-updater'
import type { Desk } from '../core/desk'
import type { WireDispatch } from '../core/dispatch'
import { startDeskThread } from '../desk-thread/host'
import { createIpcEmit, registerIpcHandlers } from './ipc'
import { openFileLog } from './log/file-log'
import { mainLanguage } from './main-language'
import { applicationMenuTemplate } from './menu'
import { checkNativeBinding, electronNativeBinding } from './native-binding'
import { createNetTransport } from './net-transport'
import { createSafeStorageSecretStore } from './safe-storage-secrets'
import { hardenWebContents, installCsp, installPermissionPolicy, isTrustedSender, type RendererLocation } from './security'
import { createUpdateFlow } from './updates'
import { createMainWindow } from './window'
import { errorText, type Result } from '../../shared/errors'

// A hung close must not keep the app from quitting; the cache's WAL makes an abrupt end safe.
const SHUTDOWN_TIMEOUT_MS = 5_000
// The start-up update check waits until the window is up and the first sync had its chance.
const STARTUP_UPDATE_CHECK_DELAY_MS = 10_000

/** An answer's value; a failed call, or none, counts as no answer (main then falls back: the system locale, no demo). */
const valueOf = <T>(answer: Result<T> | undefined): T | null => (answer?.ok ? answer.value : null)

function main(): void {
  // A second instance would open the same cache and race the first for the portal: hand over and leave.
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return
  }

  const dataDir = app.getPath('userData')
  const log = openFileLog({
    dir: join(dataDir, 'logs'),
    // Unpackaged (`npm start`), the terminal shows the same redacted lines.
    ...(app.isPackaged ? {} : { echo: (line: string) => process.stderr.write(line) }),
  })
  log.info(
    `Contact Desk ${app.getVersion()} starting (Electron ${process.versions.electron ?? '?'}, ${process.platform}-${process.arch}, ${app.isPackaged ? 'packaged' : 'development'})`,
  )

  // electron-vite dev sets this; a packaged app ignores it, or anyone able to set an environment
  // variable could load a page of their choosing with window.desk in it.
  const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL
  const renderer: RendererLocation = devServerUrl ? { rendererUrl: devServerUrl } : { rendererFile: join(__dirname, '../renderer/index.html') }
  const preloadPath = join(__dirname, '../preload/index.js')

  let desk: Desk | undefined
  let unregisterIpc: (() => void) | undefined

  const openWindow = (): BrowserWindow => createMainWindow({ BrowserWindow, shell }, { preloadPath, ...renderer })

  /** Main's own calls to the core, through the typed client, once the core has started. */
  let core: DeskApi | undefined

  // Set from the settings and the system locale once Electron is ready (app.getLocale needs it).
  let language: Language = 'pt-BR'
  const updates = createUpdateFlow({
    state: async () => ({ isPackaged: app.isPackaged, portalIsDemo: valueOf(await core?.['app.status']({}))?.portal?.demo === true }),
    loadUpdater: () => loadAutoUpdater(log),
    ask: async (question) => {
      const parent = BrowserWindow.getAllWindows()[0]
      const options = { type: 'info' as const, noLink: true, defaultId: 0, cancelId: question.buttons.length - 1, ...question }
      return (await (parent ? dialog.showMessageBox(parent, options) : dialog.showMessageBox(options))).response
    },
    language: () => language,
    currentVersion: app.getVersion(),
    log,
  })
  const checkForUpdates = (origin: 'startup' | 'menu'): void => {
    updates.check(origin).catch((error: unknown) => log.error('Update check failed:', error))
  }

  async function refreshMenu(): Promise<void> {
    language = mainLanguage(valueOf(await core?.['settings.get']({}))?.language, app.getLocale())
    const template = applicationMenuTemplate(
      {
        checkForUpdates: () => checkForUpdates('menu'),
        // A local folder, not a URL: shell.openPath, never safeOpenExternal.
        openDataFolder: () => void shell.openPath(dataDir).then((failure) => failure && log.warn(`Could not open the data folder: ${failure}`)),
      },
      { language, platform: process.platform, isPackaged: app.isPackaged },
    )
    Menu.setApplicationMenu(Menu.buildFromTemplate(template))
  }

  // The desk stops sync, closes the cache, and stops the demo portal if it started one.
  const shutdown = (): Promise<void> => {
    log.info('Closing')
    unregisterIpc?.()
    let timedOut = false
    const timeout = new Promise<void>((resolve) =>
      setTimeout(() => {
        timedOut = true
        resolve()
      }, SHUTDOWN_TIMEOUT_MS).unref(),
    )
    return Promise.race([desk?.close(), timeout])
      .then(() => log.info(timedOut ? `Closed without waiting for the core (over ${SHUTDOWN_TIMEOUT_MS} ms)` : 'Closed cleanly'))
      .catch((error: unknown) => log.error('Contact Desk did not close cleanly:', error))
  }

  app.on('second-instance', () => {
    const window = BrowserWindow.getAllWindows()[0]
    if (!window) return
    if (window.isMinimized()) window.restore()
    window.focus()
  })

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents))

  app.on('render-process-gone', (_event, _contents, details) =>
    log.error(`The window's renderer process is gone: ${details.reason} (exit code ${details.exitCode})`),
  )

  app.on('window-all-closed', () => {
    // macOS apps stay in the dock until quit explicitly.
    if (process.platform !== 'darwin') app.quit()
  })

  app.on('activate', () => {
    if (desk && BrowserWindow.getAllWindows().length === 0) openWindow()
  })

  let shutdownState: 'running' | 'closing' | 'closed' = 'running'
  app.on('before-quit', (event) => {
    if (shutdownState === 'closed') return
    // Quitting waits for the cache to close cleanly; the second quit below goes through.
    event.preventDefault()
    if (shutdownState === 'closing') return
    shutdownState = 'closing'
    void shutdown().then(() => {
      shutdownState = 'closed'
      app.quit()
    })
  })

  app
    .whenReady()
    .then(async () => {
      installCsp(session.defaultSession)
      installPermissionPolicy(session.defaultSession)
      // Checked before better-sqlite3 ever loads it: a build for another runtime would crash the app.
      const nativeBinding = checkNativeBinding(electronNativeBinding(app, process.resourcesPath))
      // The cache and sync's work run in a worker thread main owns: the windows never wait for a pull.
      desk = startDeskThread({
        workerFile: join(__dirname, 'desk-worker.js'),
        dataDir,
        nativeBinding,
        // The app syncs by itself (on start, periodically, after edits), as browser mode does.
        autoSync: true,
        secrets: createSafeStorageSecretStore(safeStorage, join(dataDir, 'secrets.json')),
        transport: createNetTransport(net),
        emit: createIpcEmit(() => BrowserWindow.getAllWindows().map((window) => window.webContents)),
        // Loaded on first use: most runs never start the demo portal.
        startDemoPortal: () => import('../demo-portal/local').then((demo) => demo.startLocalDemoPortal(dataDir)),
        onInternalError: (where, error) => log.error(`Internal error in ${where}:`, error),
      })
      const opened = desk
      core = createApi(opened.dispatch)
      // The menu follows the language setting as soon as the renderer changes it.
      const dispatch: WireDispatch = async (method, input) => {
        const answer = await opened.dispatch(method, input)
        if (method === 'settings.update' && answer.ok) refreshMenu().catch((error: unknown) => log.error('Could not rebuild the menu:', error))
        return answer
      }
      unregisterIpc = registerIpcHandlers(ipcMain, dispatch, (frameUrl) => isTrustedSender(frameUrl, renderer), log)
      await refreshMenu()
      openWindow()
      log.info('Ready')
      setTimeout(() => checkForUpdates('startup'), STARTUP_UPDATE_CHECK_DELAY_MS).unref()
    })
    .catch((error: unknown) => {
      // Nothing works without the core (a cache from a newer version, an unwritable data directory,
      // a driver built for another runtime): say so and leave.
      log.error('Contact Desk could not start:', error)
      dialog.showErrorBox('Contact Desk could not start', errorText(error))
      void shutdown().then(() => app.exit(1))
    })
}

main()
