import { spawnSync } from 'node:child_process'
import { afterEach, describe, expect, it, vi } from 'vitest'

afterEach(() => {
  vi.doUnmock('electron-updater')
  vi.resetModules()
})

const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() }

describe('loadAutoUpdater', () => {
  it("why it reads the module's default: Node's own import() of electron-updater has no named autoUpdater", () => {
    // Node's loader, as in the app (vitest's own interop would add the named export). `in` does not run
    // the getter, which would construct an updater and need a running Electron.
    const probe = "const ns = await import('electron-updater'); console.log(JSON.stringify(['autoUpdater' in ns, 'autoUpdater' in ns.default]))"
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8' })
    expect(run.stderr).toBe('')
    expect(JSON.parse(run.stdout)).toEqual([false, true])
  })

  it('takes autoUpdater from the CommonJS default and gives it the redacting log', async () => {
    const autoUpdater = { autoDownload: true, autoInstallOnAppQuit: false, logger: null as unknown, checkForUpdates: vi.fn(), downloadUpdate: vi.fn() }
    vi.doMock('electron-updater', () => ({ default: { autoUpdater } }))
    const { loadAutoUpdater } = await import('../../../src/main/electron/auto-updater')
    await expect(loadAutoUpdater(log)).resolves.toBe(autoUpdater)
    expect(autoUpdater.logger).toBe(log)
  })

  it('also takes a named export, where a bundler provides one', async () => {
    const autoUpdater = { logger: null as unknown }
    vi.doMock('electron-updater', () => ({ autoUpdater, default: undefined }))
    const { loadAutoUpdater } = await import('../../../src/main/electron/auto-updater')
    await expect(loadAutoUpdater(log)).resolves.toBe(autoUpdater)
  })
})
