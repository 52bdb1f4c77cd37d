// The main window: the one place its options live, and the navigation rules that keep it on the app.
import type { BrowserWindow, BrowserWindowConstructorOptions, Event as ElectronEvent } from 'electron'
import { isTrustedSender, safeOpenExternal, type RendererLocation } from './security'
import { errorText } from '../../shared/errors'

/** The main window's options. The renderer gets no Node, runs sandboxed and isolated from the preload. */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    title: 'Contact Desk',
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    // Shown on ready-to-show, so the user never sees a blank white frame.
    show: false,
    backgroundColor: '#f5f6f8',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // A dropped file would otherwise replace the app with that file.
      navigateOnDragDrop: false,
      // Spellcheck would send typed text (names, e-mail addresses) to a dictionary service on some platforms.
      spellcheck: false,
    },
  }
}

export type MainWindowOptions = { preloadPath: string } & RendererLocation

/**
 * Builds the main window, keeps it on the app's own page, and loads the renderer.
 * Links the renderer opens with window.open go to the system browser (http and https only); nothing opens in-app.
 */
export function createMainWindow(electron: Pick<typeof import('electron'), 'BrowserWindow' | 'shell'>, opts: MainWindowOptions): BrowserWindow {
  const window = new electron.BrowserWindow(mainWindowOptions(opts.preloadPath))
  const renderer: RendererLocation = opts.rendererUrl !== undefined ? { rendererUrl: opts.rendererUrl } : { rendererFile: opts.rendererFile }

  window.once('ready-to-show', () => window.show())

  const contents = window.webContents
  const stayOnApp = (event: ElectronEvent<{ url: string }>): void => {
    if (!isTrustedSender(event.url, renderer)) event.preventDefault()
  }
  contents.on('will-navigate', stayOnApp)
  contents.on('will-redirect', stayOnApp)
  contents.setWindowOpenHandler(({ url }) => {
    safeOpenExternal(electron.shell, url)
    return { action: 'deny' }
  })

  const loading = renderer.rendererUrl !== undefined ? window.loadURL(renderer.rendererUrl) : window.loadFile(renderer.rendererFile)
  loading.catch((error: unknown) => {
    console.error(`Could not load Contact Desk's window: ${errorText(error)}`)
  })
  return window
}
