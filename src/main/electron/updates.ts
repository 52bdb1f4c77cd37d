// Updates (issue 7): electron-updater against the release feed named in electron-builder.yml's
// `publish`. Never forced: nothing is downloaded until the user agrees, and the update is installed
// when the user quits, never by restarting the app under them. Off outside an installed app (nothing
// to replace) and while the demo portal is the current portal (a demo never reaches the internet).
import type { Language } from '../../shared/domain'
import type { Log } from './log/file-log'
import { errorText } from '../../shared/errors'

export type UpdatesOff = 'not-packaged' | 'demo' | 'unsupported'

export interface UpdateState {
  isPackaged: boolean
  portalIsDemo: boolean
}

/** Why updates are off right now, or null when they may be checked. */
export function updatesOffReason(state: UpdateState): UpdatesOff | null {
  if (!state.isPackaged) return 'not-packaged'
  if (state.portalIsDemo) return 'demo'
  return null
}

/** The part of electron-updater's AppUpdater the flow uses. */
export interface Updater {
  autoDownload: boolean
  autoInstallOnAppQuit: boolean
  /** null: this installation cannot update itself (e.g. a Linux build other than the AppImage). */
  checkForUpdates(): Promise<{ isUpdateAvailable: boolean; updateInfo: { version: string } } | null>
  downloadUpdate(): Promise<unknown>
}

export interface Question {
  message: string
  detail?: string
  /** The first button is the default; the last one is what closing the dialog means. */
  buttons: string[]
}

export interface UpdateFlowOptions {
  state: () => Promise<UpdateState>
  /** Loaded on the first check that may run, so development runs and tests never load electron-updater. */
  loadUpdater: () => Promise<Updater>
  /** Shows a dialog; answers the index of the button chosen. */
  ask: (question: Question) => Promise<number>
  language: () => Language
  currentVersion: string
  log: Log
}

export type CheckOrigin = 'startup' | 'menu'
export type UpdateOutcome = 'off' | 'busy' | 'up-to-date' | 'declined' | 'downloaded' | 'failed'

const TEXT = {
  'pt-BR': {
    ok: 'OK',
    off: {
      'not-packaged': 'As atualizações só são procuradas na versão instalada do Contact Desk.',
      demo: 'As atualizações ficam desligadas enquanto o portal de demonstração estiver em uso.',
      unsupported: 'Esta instalação do Contact Desk não se atualiza sozinha: baixe a nova versão na página de versões.',
    },
    failed: 'Não foi possível procurar atualizações agora.',
    upToDate: (version: string) => `O Contact Desk ${version} é a versão mais recente.`,
    available: (version: string) => `O Contact Desk ${version} está disponível. Baixar agora?`,
    availableDetail: 'O download acontece em segundo plano; a atualização é instalada quando você fechar o Contact Desk.',
    download: 'Baixar',
    later: 'Agora não',
    ready: (version: string) => `O Contact Desk ${version} foi baixado.`,
    readyDetail: 'Ele será instalado quando você fechar o Contact Desk.',
  },
  en: {
    ok: 'OK',
    off: {
      'not-packaged': 'Updates are checked only in the installed Contact Desk.',
      demo: 'Updates are off while the demo portal is in use.',
      unsupported: 'This installation of Contact Desk cannot update itself: download the new version from the releases page.',
    },
    failed: 'Could not check for updates right now.',
    upToDate: (version: string) => `Contact Desk ${version} is the latest version.`,
    available: (version: string) => `Contact Desk ${version} is available. Download it now?`,
    availableDetail: 'It downloads in the background and is installed when you quit Contact Desk.',
    download: 'Download',
    later: 'Not now',
    ready: (version: string) => `Contact Desk ${version} has been downloaded.`,
    readyDetail: 'It will be installed when you quit Contact Desk.',
  },
} as const

/** Checks at start (silently unless there is something to ask) and from the menu (always answers). */
export function createUpdateFlow(options: UpdateFlowOptions): { check(origin: CheckOrigin): Promise<UpdateOutcome> } {
  const { log } = options
  let updater: Promise<Updater> | null = null
  let busy = false
  let downloaded: string | null = null

  function loadUpdater(): Promise<Updater> {
    updater ??= options.loadUpdater().then(
      (loaded) => {
        // The policy itself: download only once asked, install on quit.
        loaded.autoDownload = false
        loaded.autoInstallOnAppQuit = true
        return loaded
      },
      (error: unknown) => {
        // Tried again on the next check.
        updater = null
        throw error
      },
    )
    return updater
  }

  async function run(origin: CheckOrigin): Promise<UpdateOutcome> {
    const text = TEXT[options.language()]
    const tell = async (message: string, detail?: string): Promise<void> => {
      if (origin === 'menu') await options.ask({ message, ...(detail ? { detail } : {}), buttons: [text.ok] })
    }

    const off = updatesOffReason(await options.state())
    if (off) {
      log.info(`Update check skipped: ${off}`)
      await tell(text.off[off])
      return 'off'
    }
    if (downloaded) {
      await tell(text.ready(downloaded), text.readyDetail)
      return 'downloaded'
    }

    let found: Awaited<ReturnType<Updater['checkForUpdates']>>
    let loaded: Updater
    try {
      loaded = await loadUpdater()
      found = await loaded.checkForUpdates()
    } catch (error) {
      log.warn('Update check failed:', error)
      await tell(text.failed, errorText(error))
      return 'failed'
    }
    if (found === null) {
      log.info('Update check skipped: unsupported')
      await tell(text.off.unsupported)
      return 'off'
    }
    if (!found.isUpdateAvailable) {
      log.info(`Update check: ${options.currentVersion} is the latest`)
      await tell(text.upToDate(options.currentVersion))
      return 'up-to-date'
    }

    const version = found.updateInfo.version
    const answer = await options.ask({ message: text.available(version), detail: text.availableDetail, buttons: [text.download, text.later] })
    if (answer !== 0) {
      log.info(`Update ${version} declined`)
      return 'declined'
    }
    log.info(`Downloading update ${version}`)
    try {
      await loaded.downloadUpdate()
    } catch (error) {
      log.warn(`Update ${version} could not be downloaded:`, error)
      await options.ask({ message: text.failed, detail: errorText(error), buttons: [text.ok] })
      return 'failed'
    }
    downloaded = version
    log.info(`Update ${version} downloaded; it installs when the app quits`)
    await options.ask({ message: text.ready(version), detail: text.readyDetail, buttons: [text.ok] })
    return 'downloaded'
  }

  return {
    async check(origin) {
      // A menu click during the start-up check (or a second click) does not start a second check.
      if (busy) return 'busy'
      busy = true
      try {
        return await run(origin)
      } finally {
        busy = false
      }
    },
  }
}
