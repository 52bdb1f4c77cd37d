import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Desk } from '../../../src/main/core/desk'
import type { DeskThreadOptions } from '../../../src/main/desk-thread/host'
import { eventChannel, methodChannel, methodNames } from '../../../src/shared/contract'
import type { Result } from '../../../src/shared/errors'
import { APP_CSP } from '../../../src/main/electron/security'
import { makeTempDir } from '../../support/temp-dir'
import { createFakeElectron, FakeWebContents, type FakeElectron, type FakeElectronOptions } from '../../support/fake-electron'

// Where src/main/electron/main.ts looks for its siblings (its __dirname is src/main/electron under vitest; out/main once built).
const MAIN_DIR = resolve(import.meta.dirname, '../../../src/main/electron')
const RENDERER_FILE = join(MAIN_DIR, '../renderer/index.html')
const APP_URL = pathToFileURL(RENDERER_FILE).href

// The Node build of better-sqlite3 is the right build for this runtime (vitest runs under Node).
const NODE_BUILD = join(dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node')

let fake: FakeElectron
let desk: Desk & { dispatch: ReturnType<typeof vi.fn>; close: ReturnType<typeof vi.fn> }
let startDeskThread: ReturnType<typeof vi.fn<(options: DeskThreadOptions) => Desk>>
let dir: ReturnType<typeof makeTempDir>
let appPath: string
let userData: string

/** Puts a driver build where the unpackaged app looks for it (.electron-native/ under the app path). */
function placeDriver(bytes: Buffer = readFileSync(NODE_BUILD)): string {
  const file = join(appPath, '.electron-native', 'better_sqlite3.node')
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, bytes)
  return file
}

async function start(options: FakeElectronOptions = {}): Promise<void> {
  vi.resetModules()
  fake = createFakeElectron({ userData, appPath, ...options })
  desk = {
    dispatch: vi.fn(async (): Promise<Result<unknown>> => ({ ok: true, value: 'dispatched' })),
    close: vi.fn(async () => undefined),
  }
  startDeskThread = vi.fn((_options: DeskThreadOptions): Desk => desk)
  vi.doMock('electron', () => fake)
  vi.doMock('../../../src/main/desk-thread/host', () => ({ startDeskThread }))
  await import('../../../src/main/electron/main')
}

async function startReady(options: FakeElectronOptions = {}): Promise<void> {
  await start(options)
  await fake.app.becomeReady()
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1))
}

function deskOptions(): DeskThreadOptions {
  const options = startDeskThread.mock.calls[0]?.[0]
  if (!options) throw new Error('startDeskThread was not called')
  return options
}

beforeEach(() => {
  vi.stubEnv('ELECTRON_RENDERER_URL', undefined)
  // The unpackaged app echoes its log to the terminal; the file is what these tests read.
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
  dir = makeTempDir()
  appPath = join(dir.path, 'app')
  userData = join(dir.path, 'Contact Desk')
  placeDriver()
})

afterEach(() => {
  vi.doUnmock('electron')
  vi.doUnmock('../../../src/main/desk-thread/host')
  vi.restoreAllMocks()
  vi.unstubAllEnvs()
  Reflect.deleteProperty(process, 'resourcesPath')
  dir.remove()
})

/** A packaged app's resources folder (Electron's process.resourcesPath) with the driver unpacked beside app.asar. */
function packagedResources(): string {
  const resources = join(dir.path, 'resources')
  const unpacked = join(resources, 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node')
  mkdirSync(dirname(unpacked), { recursive: true })
  copyFileSync(NODE_BUILD, unpacked)
  Object.defineProperty(process, 'resourcesPath', { value: resources, configurable: true })
  return unpacked
}

function logText(): string {
  return readFileSync(join(userData, 'logs', 'main.log'), 'utf8')
}

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
    expect(startDeskThread).not.toHaveBeenCalled()
    expect(fake.windows).toHaveLength(0)
  })

  it('when ready: CSP and permissions on the session, the core opened in userData, one locked window', async () => {
    await startReady()
    expect(fake.session.defaultSession.respond({})).toEqual({ 'Content-Security-Policy': [APP_CSP] })
    expect(fake.session.defaultSession.request('media')).toBe(false)

    const options = deskOptions()
    expect(options.dataDir).toBe(userData)
    expect(options.autoSync).toBe(true)
    expect(options.secrets.persistent).toBe(true)
    expect(typeof options.startDemoPortal).toBe('function')
    // The core runs in its own thread, from the worker bundle built beside the entry.
    expect(options.workerFile).toBe(join(MAIN_DIR, 'desk-worker.js'))

    const [window] = fake.windows
    const webPreferences = window?.options.webPreferences as Record<string, unknown>
    expect(webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false })
    expect(webPreferences.preload).toBe(join(MAIN_DIR, '../preload/index.js'))
    expect(window?.loadedFile).toBe(RENDERER_FILE)
  })

  it("sends portal requests through Electron's net, never following a redirect", async () => {
    await startReady()
    const request = { method: 'POST' as const, headers: {}, body: 'action=GetClients', signal: new AbortController().signal }
    const answer = deskOptions().transport('https://portal.example/includes/api.php', request)
    expect(fake.net.request).toHaveBeenCalledExactlyOnceWith({ method: 'POST', url: 'https://portal.example/includes/api.php', redirect: 'manual' })
    fake.net.requests[0]?.redirect(308, 'https://elsewhere.example/api.php')
    expect((await answer)?.status).toBe(308)
  })

  it('opens the cache with the Electron build of the driver, checked before anything loads it', async () => {
    await startReady()
    expect(deskOptions().nativeBinding).toBe(join(appPath, '.electron-native', 'better_sqlite3.node'))
  })

  it('refuses to start on a driver built for another runtime, and says which and what to do', async () => {
    const node = readFileSync(NODE_BUILD).toString('latin1')
    const abi = process.versions.modules
    const other = String(Number(abi) + 35).padStart(abi.length, '0')
    placeDriver(Buffer.from(node.replaceAll(`node_register_module_v${abi}`, `node_register_module_v${other}`), 'latin1'))
    await start()
    await fake.app.becomeReady()
    await vi.waitFor(() => expect(fake.app.exit).toHaveBeenCalledWith(1))
    expect(startDeskThread).not.toHaveBeenCalled()
    const [title, message] = fake.dialog.showErrorBox.mock.calls[0] ?? []
    expect(title).toBe('Contact Desk could not start')
    expect(message).toContain(`built for module version ${other}`)
    expect(message).toContain(`needs module version ${abi}`)
    expect(message).toContain('npm start')
    expect(logText()).toContain(`built for module version ${other}`)
  })

  it('in a packaged app, uses the build unpacked beside app.asar', async () => {
    const unpacked = packagedResources()
    await startReady({ isPackaged: true })
    expect(deskOptions().nativeBinding).toBe(unpacked)
  })

  it('logs start-up, internal errors and shutdown in userData/logs, with no secret or e-mail in them', async () => {
    await startReady()
    deskOptions().onInternalError?.('sync.run', new Error('boom with secret=s3cr3t-value for ana.souza@padaria.com.br'))
    fake.app.quit()
    await vi.waitFor(() => expect(fake.app.quitted).toBe(true))
    const text = logText()
    expect(text).toMatch(/INFO {2}Contact Desk 0\.1\.0 starting/)
    expect(text).toMatch(/ERROR Internal error in sync\.run: Error: boom with secret=\[redacted\] for a\*\*\*@padaria\.com\.br/)
    expect(text).toContain('Closed cleanly')
    expect(text).not.toContain('s3cr3t-value')
    expect(text).not.toContain('ana.souza')
  })

  it('sets a menu in the language setting, or the system locale, and follows a change of the setting', async () => {
    const settings = { staffName: '', language: null as 'en' | 'pt-BR' | null, theme: 'system' }
    await start({ locale: 'en-US' })
    desk.dispatch.mockImplementation(async (method: string, input: unknown) => {
      if (method === 'settings.update') Object.assign(settings, input)
      return { ok: true, value: method === 'app.status' ? { portal: null } : settings }
    })
    await fake.app.becomeReady()
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1))
    const labels = () => (fake.Menu.setApplicationMenu.mock.lastCall?.[0]?.template as { label?: string }[]).map((item) => item.label)
    expect(labels()).toContain('Edit')

    await fake.ipcMain.invoke(methodChannel('settings.update'), APP_URL, { language: 'pt-BR' })
    await vi.waitFor(() => expect(labels()).toContain('Editar'))
  })

  it('never loads the updater in a development run: the menu check says updates are for the installed app', async () => {
    await startReady({ locale: 'en-US' })
    const template = fake.Menu.setApplicationMenu.mock.lastCall?.[0]?.template as { submenu?: { id?: string; click?: () => void }[] }[]
    const check = template.flatMap((item) => item.submenu ?? []).find((item) => item.id === 'check-for-updates')
    check?.click?.()
    await vi.waitFor(() => expect(fake.dialog.showMessageBox).toHaveBeenCalledOnce())
    expect(JSON.stringify(fake.dialog.showMessageBox.mock.calls[0])).toContain('only in the installed Contact Desk')
  })

  it('opens the data folder from the menu with the OS file manager', async () => {
    await startReady()
    const template = fake.Menu.setApplicationMenu.mock.lastCall?.[0]?.template as { submenu?: { id?: string; click?: () => void }[] }[]
    template
      .flatMap((item) => item.submenu ?? [])
      .find((item) => item.id === 'open-data-folder')
      ?.click?.()
    expect(fake.shell.openPath).toHaveBeenCalledExactlyOnceWith(userData)
    expect(fake.shell.openExternal).not.toHaveBeenCalled()
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
    // main itself reads the settings and status (menu language, update policy); only the page's calls count here.
    desk.dispatch.mockClear()
    for (const method of methodNames) {
      await expect(fake.ipcMain.invoke(methodChannel(method), 'https://evil.example/', {})).resolves.toMatchObject({ ok: false })
    }
    expect(desk.dispatch).not.toHaveBeenCalled()
    for (const method of methodNames) {
      await expect(fake.ipcMain.invoke(methodChannel(method), APP_URL, {})).resolves.toEqual({ ok: true, value: 'dispatched' })
      expect(desk.dispatch).toHaveBeenCalledWith(method, {})
    }
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

    packagedResources()
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
    startDeskThread.mockImplementation(() => {
      throw new Error('This cache was written by a newer Contact Desk')
    })
    await fake.app.becomeReady()
    await vi.waitFor(() => expect(fake.app.exit).toHaveBeenCalledWith(1))
    expect(fake.dialog.showErrorBox).toHaveBeenCalledWith('Contact Desk could not start', 'This cache was written by a newer Contact Desk')
    expect(fake.windows).toHaveLength(0)
  })
})
