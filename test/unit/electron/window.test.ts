import { pathToFileURL } from 'node:url'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { WebPreferences } from 'electron'
import { createMainWindow, mainWindowOptions, type MainWindowOptions } from '../../../src/main/electron/window'
import { createFakeElectron, type FakeBrowserWindow } from '../../support/fake-electron'

const preloadPath = '/app/out/preload/index.js'
const rendererFile = '/app/out/renderer/index.html'
const appUrl = pathToFileURL(rendererFile).href

/** The settings without which a renderer bug becomes code running on the user's machine. */
function expectLockedDown(webPreferences: WebPreferences | undefined): void {
  expect(webPreferences?.contextIsolation, 'contextIsolation').toBe(true)
  expect(webPreferences?.sandbox, 'sandbox').toBe(true)
  expect(webPreferences?.nodeIntegration, 'nodeIntegration').toBe(false)
  expect(webPreferences?.nodeIntegrationInWorker, 'nodeIntegrationInWorker').toBe(false)
  expect(webPreferences?.nodeIntegrationInSubFrames, 'nodeIntegrationInSubFrames').toBe(false)
  expect(webPreferences?.webSecurity, 'webSecurity').toBe(true)
  expect(webPreferences?.allowRunningInsecureContent, 'allowRunningInsecureContent').toBe(false)
  expect(webPreferences?.webviewTag, 'webviewTag').toBe(false)
  expect(webPreferences?.spellcheck, 'spellcheck').toBe(false)
}

afterEach(() => {
  vi.restoreAllMocks()
})

function openWindow(opts: Partial<MainWindowOptions> = {}) {
  const fake = createFakeElectron()
  const electron = fake as unknown as Parameters<typeof createMainWindow>[0]
  const returned = createMainWindow(electron, { preloadPath, rendererFile, ...opts } as MainWindowOptions)
  const window = fake.windows[0] as FakeBrowserWindow
  return { fake, window, returned }
}

describe('mainWindowOptions', () => {
  it('locks the renderer down', () => {
    const options = mainWindowOptions(preloadPath)
    expectLockedDown(options.webPreferences)
    expect(options.webPreferences?.preload).toBe(preloadPath)
  })

  it('waits for ready-to-show and names the window', () => {
    const options = mainWindowOptions(preloadPath)
    expect(options.show).toBe(false)
    expect(options.title).toBe('Contact Desk')
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i)
    expect(options.minWidth).toBeLessThanOrEqual(options.width ?? 0)
    expect(options.minHeight).toBeLessThanOrEqual(options.height ?? 0)
  })
})

describe('createMainWindow', () => {
  it('builds exactly one window from those options, locked down as built', () => {
    const { fake, window, returned } = openWindow()
    expect(fake.windows).toHaveLength(1)
    expect(returned).toBe(window)
    expect(window.options).toEqual(mainWindowOptions(preloadPath))
    expectLockedDown(window.options.webPreferences as WebPreferences)
  })

  it('shows the window only once it is ready to show', () => {
    const { window } = openWindow()
    expect(window.shown).toBe(false)
    window.emit('ready-to-show')
    expect(window.shown).toBe(true)
  })

  it('loads the packaged renderer, or the dev server when given', () => {
    expect(openWindow().window.loadedFile).toBe(rendererFile)
    const dev = openWindow({ rendererUrl: 'http://localhost:5173/', rendererFile: undefined }).window
    expect(dev.loadedUrl).toBe('http://localhost:5173/')
    expect(dev.loadedFile).toBeUndefined()
  })

  it('reports a renderer that fails to load', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const fake = createFakeElectron()
    vi.spyOn(fake.BrowserWindow.prototype, 'loadFile').mockRejectedValue(new Error('ERR_FILE_NOT_FOUND'))
    createMainWindow(fake as unknown as Parameters<typeof createMainWindow>[0], { preloadPath, rendererFile })
    await vi.waitFor(() => expect(error).toHaveBeenCalledOnce())
    expect(String(error.mock.calls[0])).toContain('ERR_FILE_NOT_FOUND')
  })

  it.each(['will-navigate', 'will-redirect'] as const)('%s: only to the app itself', (kind) => {
    const contents = openWindow().window.webContents
    expect(contents.navigate(`${appUrl}#/settings`, kind)).toBe(true)
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'file:///app/out/renderer/other.html', 'javascript:alert(1)', 'data:text/html,x']) {
      expect(contents.navigate(url, kind), url).toBe(false)
    }
  })

  it('keeps a dev window on the dev server', () => {
    const contents = openWindow({ rendererUrl: 'http://localhost:5173/', rendererFile: undefined }).window.webContents
    expect(contents.navigate('http://localhost:5173/other')).toBe(true)
    expect(contents.navigate('http://localhost:8080/')).toBe(false)
    expect(contents.navigate(appUrl)).toBe(false)
  })

  it('denies every window.open; web links go to the system browser, nothing else does', () => {
    const { fake, window } = openWindow()
    const contents = window.webContents
    for (const url of ['https://docs.whmcs.com/', 'about:blank', 'javascript:alert(1)', 'file:///etc/passwd', 'smb://host/share', appUrl]) {
      expect(contents.openWindow(url), url).toBe('deny')
    }
    expect(fake.shell.openExternal).toHaveBeenCalledExactlyOnceWith('https://docs.whmcs.com/')
    expect(fake.windows).toHaveLength(1)
  })
})
