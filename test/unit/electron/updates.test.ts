import { describe, expect, it, vi } from 'vitest'
import { createUpdateFlow, updatesOffReason, type Question, type Updater, type UpdateState } from '../../../src/main/electron/updates'

/** electron-updater's AppUpdater as the flow sees it: a feed answer and a download, both scripted. */
function fakeUpdater(found: Awaited<ReturnType<Updater['checkForUpdates']>> | Error) {
  return {
    autoDownload: true,
    autoInstallOnAppQuit: false,
    checkForUpdates: vi.fn(async () => {
      if (found instanceof Error) throw found
      return found
    }),
    downloadUpdate: vi.fn(async () => ['/tmp/Contact Desk-Setup-0.2.0.exe']),
  }
}

const available = { isUpdateAvailable: true, updateInfo: { version: '0.2.0' } }

function flow(options: { state?: Partial<UpdateState>; updater?: ReturnType<typeof fakeUpdater>; answers?: number[] } = {}) {
  const updater = options.updater ?? fakeUpdater(available)
  const answers = [...(options.answers ?? [])]
  const asked: Question[] = []
  const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() }
  const loadUpdater = vi.fn(async () => updater)
  const updates = createUpdateFlow({
    state: async () => ({ isPackaged: true, portalIsDemo: false, ...options.state }),
    loadUpdater,
    ask: async (question) => {
      asked.push(question)
      return answers.shift() ?? question.buttons.length - 1
    },
    language: () => 'en',
    currentVersion: '0.1.0',
    log,
  })
  return { updates, updater, asked, log, loadUpdater }
}

describe('updatesOffReason', () => {
  it('is off outside an installed app and while the demo portal is current', () => {
    expect(updatesOffReason({ isPackaged: false, portalIsDemo: false })).toBe('not-packaged')
    expect(updatesOffReason({ isPackaged: false, portalIsDemo: true })).toBe('not-packaged')
    expect(updatesOffReason({ isPackaged: true, portalIsDemo: true })).toBe('demo')
    expect(updatesOffReason({ isPackaged: true, portalIsDemo: false })).toBeNull()
  })
})

describe('createUpdateFlow', () => {
  it.each([
    [{ isPackaged: false }, 'only in the installed Contact Desk'],
    [{ portalIsDemo: true }, 'off while the demo portal is in use'],
  ])('when off (%o), never loads electron-updater; the menu says why, start-up says nothing', async (state, reason) => {
    const { updates, asked, loadUpdater } = flow({ state })
    await expect(updates.check('startup')).resolves.toBe('off')
    expect(asked).toEqual([])
    await expect(updates.check('menu')).resolves.toBe('off')
    expect(asked).toHaveLength(1)
    expect(asked[0]?.message).toContain(reason)
    expect(loadUpdater).not.toHaveBeenCalled()
  })

  it('never downloads by itself: autoDownload off, install on quit', async () => {
    const { updates, updater } = flow()
    await updates.check('startup')
    expect(updater.autoDownload).toBe(false)
    expect(updater.autoInstallOnAppQuit).toBe(true)
  })

  it('asks before downloading; declining downloads nothing', async () => {
    const { updates, updater, asked } = flow({ answers: [1] })
    await expect(updates.check('startup')).resolves.toBe('declined')
    expect(asked).toHaveLength(1)
    expect(asked[0]).toMatchObject({ message: 'Contact Desk 0.2.0 is available. Download it now?', buttons: ['Download', 'Not now'] })
    expect(updater.downloadUpdate).not.toHaveBeenCalled()
  })

  it('downloads once the user agrees, then says it installs on quit (never restarts the app)', async () => {
    const { updates, updater, asked } = flow({ answers: [0, 0] })
    await expect(updates.check('startup')).resolves.toBe('downloaded')
    expect(updater.downloadUpdate).toHaveBeenCalledOnce()
    expect(asked[1]).toMatchObject({
      message: 'Contact Desk 0.2.0 has been downloaded.',
      detail: 'It will be installed when you quit Contact Desk.',
      buttons: ['OK'],
    })
    expect(Object.keys(updater)).not.toContain('quitAndInstall')

    // Asking again does not download again.
    await expect(updates.check('menu')).resolves.toBe('downloaded')
    expect(updater.downloadUpdate).toHaveBeenCalledOnce()
    expect(updater.checkForUpdates).toHaveBeenCalledOnce()
  })

  it('up to date: silent at start-up, answered from the menu', async () => {
    const { updates, asked } = flow({ updater: fakeUpdater({ isUpdateAvailable: false, updateInfo: { version: '0.1.0' } }) })
    await expect(updates.check('startup')).resolves.toBe('up-to-date')
    expect(asked).toEqual([])
    await expect(updates.check('menu')).resolves.toBe('up-to-date')
    expect(asked[0]?.message).toBe('Contact Desk 0.1.0 is the latest version.')
  })

  it('an installation that cannot update itself (electron-updater answers null) says so from the menu', async () => {
    const { updates, asked } = flow({ updater: fakeUpdater(null) })
    await expect(updates.check('menu')).resolves.toBe('off')
    expect(asked[0]?.message).toContain('cannot update itself')
  })

  it('a feed that cannot be reached is logged, silent at start-up, explained from the menu', async () => {
    const { updates, asked, log } = flow({ updater: fakeUpdater(new Error('net::ERR_INTERNET_DISCONNECTED')) })
    await expect(updates.check('startup')).resolves.toBe('failed')
    expect(asked).toEqual([])
    expect(log.warn).toHaveBeenCalledWith('Update check failed:', expect.any(Error))
    await expect(updates.check('menu')).resolves.toBe('failed')
    expect(asked[0]).toMatchObject({ message: 'Could not check for updates right now.', detail: 'net::ERR_INTERNET_DISCONNECTED' })
  })

  it('re-reads the state at every check: switching to the demo portal turns updates off', async () => {
    const state = { isPackaged: true, portalIsDemo: false }
    const updater = fakeUpdater({ isUpdateAvailable: false, updateInfo: { version: '0.1.0' } })
    const updates = createUpdateFlow({
      state: async () => state,
      loadUpdater: async () => updater,
      ask: async () => 0,
      language: () => 'pt-BR',
      currentVersion: '0.1.0',
      log: { info: vi.fn(), warn: vi.fn(), error: vi.fn() },
    })
    await expect(updates.check('startup')).resolves.toBe('up-to-date')
    state.portalIsDemo = true
    await expect(updates.check('startup')).resolves.toBe('off')
    expect(updater.checkForUpdates).toHaveBeenCalledOnce()
  })

  it('one check at a time: a menu click during the start-up check does not start another', async () => {
    let release: () => void = () => undefined
    const updater = fakeUpdater(available)
    updater.checkForUpdates.mockImplementation(
      () => new Promise((resolve) => (release = () => resolve({ isUpdateAvailable: false, updateInfo: { version: '0.1.0' } }))),
    )
    const { updates } = flow({ updater })
    const first = updates.check('startup')
    await vi.waitFor(() => expect(updater.checkForUpdates).toHaveBeenCalledOnce())
    await expect(updates.check('menu')).resolves.toBe('busy')
    release()
    await expect(first).resolves.toBe('up-to-date')
  })

  it('asks in pt-BR when that is the language', async () => {
    const asked: Question[] = []
    const updates = createUpdateFlow({
      state: async () => ({ isPackaged: true, portalIsDemo: false }),
      loadUpdater: async () => fakeUpdater(available),
      ask: async (question) => (asked.push(question), 1),
      language: () => 'pt-BR',
      currentVersion: '0.1.0',
      log: { info: vi.fn(), warn: vi.fn(), error: vi.fn() },
    })
    await updates.check('startup')
    expect(asked[0]).toMatchObject({ message: 'O Contact Desk 0.2.0 está disponível. Baixar agora?', buttons: ['Baixar', 'Agora não'] })
  })
})
