import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Desk, DeskOptions } from '../../../src/main/core/desk'
import { eventChannel, methodChannel, methodNames } from '../../../src/shared/contract'
import type { Result } from '../../../src/shared/errors'
import { APP_CSP } from '../../../src/main/security'
import { createFakeElectron, FakeWebContents, type FakeElectron, type FakeElectronOptions } from './fake-electron'

// Where src/main/index.ts looks for its siblings (its __dirname is src/main under vitest).
const MAIN_DIR = resolve(import.meta.dirname, '../../../src/main')
const RENDERER_FILE = join(MAIN_DIR, '../renderer/index.html')
const APP_URL = pathToFileURL(RENDERER_FILE).href

let fake: FakeElectron
let desk: Desk & { dispatch: ReturnType<typeof vi.fn>; close: ReturnType<typeof vi.fn> }
let openDesk: ReturnType<typeof vi.fn<(options: DeskOptions) => Desk>>

async function start(options: FakeElectronOptions = {}): Promise<void> {
  vi.resetModules()
  fake = createFakeElectron(options)
  desk = {
    handlers: {} as Desk['handlers'],
    dispatch: vi.fn(async (): Promise<Result<unknown>> => ({ ok: true, value: 'dispatched' })),
    close: vi.fn(async () => undefined),
  }
  openDesk = vi.fn((_options: DeskOptions): Desk => desk)
  vi.doMock('electron', () => fake)
  vi.doMock('../../../src/main/core/desk', () => ({ openDesk }))
  await import('../../../src/main/index')
}

async function startReady(options: FakeElectronOptions = {}): Promise<void> {
  await start(options)
  await fake.app.becomeReady()
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1))
}

function deskOptions(): DeskOptions {
  const options = openDesk.mock.calls[0]?.[0]
  if (!options) throw new Error('openDesk was not called')
  return options
}

beforeEach(() => {
  vi.stubEnv('ELECTRON_RENDERER_URL', undefined)
})

afterEach(() => {
  vi.doUnmock('electron')
  vi.doUnmock('../../../src/main/core/desk')
  vi.restoreAllMocks()
  vi.unstubAllEnvs()
})

describe('the Electron entry', () => {
  it('leaves at once when another instance holds the lock', async () => {
    await start({ singleInstanceLock: false })
    expect(fake.app.quit).toHaveBeenCalledOnce()
    expect(fake.app.whenReady).not.toHaveBeenCalled()
    expect(fake.app.listenerCount('second-instance')).toBe(0)
  })

  it('touches nothing (keychain, core, windows) before Electron is ready', async () => {
    await start()
    expect(fake.safeStorage.isEncryptionAvailable).not.toHaveBeenCalled()
    expect(openDesk).not.toHaveBeenCalled()
    expect(fake.windows).toHaveLength(0)
  })

  it('when ready: CSP and permissions on the session, the core opened in userData, one locked window', async () => {
    await startReady({ userData: '/home/staff/.config/Contact Desk' })
    expect(fake.session.defaultSession.respond({})).toEqual({ 'Content-Security-Policy': [APP_CSP] })
    expect(fake.session.defaultSession.request('media')).toBe(false)

    const options = deskOptions()
    expect(options.dataDir).toBe('/home/staff/.config/Contact Desk')
    expect(options.secrets.persistent).toBe(true)
    expect(typeof options.startDemoPortal).toBe('function')

    const [window] = fake.windows
    const webPreferences = window?.options.webPreferences as Record<string, unknown>
    expect(webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false })
    expect(webPreferences.preload).toBe(join(MAIN_DIR, '../preload/index.js'))
    expect(window?.loadedFile).toBe(RENDERER_FILE)
  })

  it('sends portal requests through net.fetch', async () => {
    await startReady()
    const request = { method: 'POST' as const, headers: {}, body: 'action=GetClients', signal: new AbortController().signal }
    await deskOptions().transport?.('https://portal.example/includes/api.php', request)
    expect(fake.net.fetch).toHaveBeenCalledExactlyOnceWith('https://portal.example/includes/api.php', request)
  })

  it("pushes the core's events to the window", async () => {
    await startReady()
    const progress = { phase: 'clients', done: 1, total: 2, rate: 1 } as const
    deskOptions().emit('sync.progress', progress)
    expect(fake.windows[0]?.webContents.sent).toEqual([{ channel: eventChannel('sync.progress'), args: [progress] }])
  })

  it("serves every method to the app's own page only", async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    await startReady()
    expect(fake.ipcMain.handlers.size).toBe(methodNames.length)
    for (const method of methodNames) {
      await expect(fake.ipcMain.invoke(methodChannel(method), APP_URL, {})).resolves.toEqual({ ok: true, value: 'dispatched' })
      await expect(fake.ipcMain.invoke(methodChannel(method), 'https://evil.example/', {})).resolves.toMatchObject({ ok: false })
    }
    expect(desk.dispatch).toHaveBeenCalledTimes(methodNames.length)
  })

  it('refuses webviews and window.open in any web contents', async () => {
    await start()
    const stray = new FakeWebContents()
    fake.app.emit('web-contents-created', {}, stray)
    expect(stray.attachWebview()).toBe(false)
    expect(stray.openWindow('https://evil.example/')).toBe('deny')
  })

  it('focuses the first window when a second instance starts', async () => {
    await startReady()
    const [window] = fake.windows
    if (!window) throw new Error('no window')
    window.minimized = true
    fake.app.emit('second-instance')
    expect(window.minimized).toBe(false)
    expect(window.focused).toBe(true)
  })

  it('uses the dev server only in an unpackaged app', async () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173/')
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    await startReady({ isPackaged: false })
    expect(fake.windows[0]?.loadedUrl).toBe('http://localhost:5173/')

    await startReady({ isPackaged: true })
    expect(fake.windows[0]?.loadedUrl).toBeUndefined()
    expect(fake.windows[0]?.loadedFile).toBe(RENDERER_FILE)
    await expect(fake.ipcMain.invoke(methodChannel('app.status'), 'http://localhost:5173/', {})).resolves.toMatchObject({ ok: false })
  })

  it('closes the core before quitting, then quits for real', async () => {
    await startReady()
    let finishClose: () => void = () => undefined
    desk.close.mockImplementation(() => new Promise<void>((resolve) => (finishClose = resolve)))

    fake.app.quit()
    expect(fake.app.quitted).toBe(false)
    expect(desk.close).toHaveBeenCalledOnce()
    expect(fake.ipcMain.handlers.size).toBe(0)

    fake.app.quit()
    expect(desk.close).toHaveBeenCalledOnce()

    finishClose()
    await vi.waitFor(() => expect(fake.app.quitted).toBe(true))
  })

  it('quits when the last window closes, except on macOS', async () => {
    await startReady()
    const platform = Object.getOwnPropertyDescriptor(process, 'platform')
    try {
      Object.defineProperty(process, 'platform', { value: 'darwin' })
      fake.app.emit('window-all-closed')
      expect(fake.app.quit).not.toHaveBeenCalled()
      Object.defineProperty(process, 'platform', { value: 'linux' })
      fake.app.emit('window-all-closed')
      expect(fake.app.quit).toHaveBeenCalled()
    } finally {
      if (platform) Object.defineProperty(process, 'platform', platform)
    }
  })

  it('says why and exits when the core cannot open', async () => {
    await start()
    openDesk.mockImplementation(() => {
      throw new Error('This cache was written by a newer Contact Desk')
    })
    await fake.app.becomeReady()
    await vi.waitFor(() => expect(fake.app.exit).toHaveBeenCalledWith(1))
    expect(fake.dialog.showErrorBox).toHaveBeenCalledWith('Contact Desk could not start', 'This cache was written by a newer Contact Desk')
    expect(fake.windows).toHaveLength(0)
  })
})
