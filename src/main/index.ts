// The Electron entry: wires the core to Electron and nothing more. Everything that matters lives in ./core.
import { join } from 'node:path'
import { app, BrowserWindow, dialog, ipcMain, net, safeStorage, session, shell } from 'electron'
import { openDesk, type Desk } from './core/desk'
import { createIpcEmit, registerIpcHandlers } from './ipc'
import { createSafeStorageSecretStore } from './safe-storage-secrets'
import { hardenWebContents, installCsp, installPermissionPolicy, isTrustedSender, type RendererLocation } from './security'
import { createMainWindow } from './window'

// A hung close must not keep the app from quitting; the cache's WAL makes an abrupt end safe.
const SHUTDOWN_TIMEOUT_MS = 5_000

function main(): void {
  // A second instance would open the same cache and race the first for the portal: hand over and leave.
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return
  }

  // electron-vite dev sets this; a packaged app ignores it, or anyone able to set an environment
  // variable could load a page of their choosing with window.desk in it.
  const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL
  const renderer: RendererLocation = devServerUrl
    ? { rendererUrl: devServerUrl }
    : { rendererFile: join(__dirname, '../renderer/index.html') }
  const preloadPath = join(__dirname, '../preload/index.js')

  let desk: Desk | undefined
  let unregisterIpc: (() => void) | undefined

  const openWindow = (): BrowserWindow => createMainWindow({ BrowserWindow, shell }, { preloadPath, ...renderer })

  // The desk stops sync, closes the cache, and stops the demo portal if it started one.
  const shutdown = (): Promise<void> => {
    unregisterIpc?.()
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, SHUTDOWN_TIMEOUT_MS).unref())
    return Promise.race([desk?.close(), timeout]).catch((error: unknown) => {
      console.error('Contact Desk did not close cleanly:', error)
    })
  }

  app.on('second-instance', () => {
    const window = BrowserWindow.getAllWindows()[0]
    if (!window) return
    if (window.isMinimized()) window.restore()
    window.focus()
  })

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents))

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
    .then(() => {
      installCsp(session.defaultSession)
      installPermissionPolicy(session.defaultSession)
      const dataDir = app.getPath('userData')
      desk = openDesk({
        dataDir,
        secrets: createSafeStorageSecretStore(safeStorage, join(dataDir, 'secrets.json')),
        // net.fetch, so the system proxy and the OS trust store apply (DESIGN §6).
        transport: (url, request) => net.fetch(url, request),
        emit: createIpcEmit(() => BrowserWindow.getAllWindows().map((window) => window.webContents)),
        // Loaded on first use: most runs never start the demo portal.
        startDemoPortal: () => import('./demo-portal/local').then((demo) => demo.startLocalDemoPortal(dataDir)),
        onInternalError: (where, error) => console.error(`[contact-desk] internal error in ${where}:`, error),
      })
      unregisterIpc = registerIpcHandlers(ipcMain, desk.dispatch, (frameUrl) => isTrustedSender(frameUrl, renderer))
      openWindow()
    })
    .catch((error: unknown) => {
      // Nothing works without the core (a cache from a newer version, an unwritable data directory): say so and leave.
      dialog.showErrorBox('Contact Desk could not start', error instanceof Error ? error.message : String(error))
      void shutdown().then(() => app.exit(1))
    })
}

main()
