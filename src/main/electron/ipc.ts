// IPC, derived from the contract: one handler per method, one channel per event, no name written by hand.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron'
import { eventChannel, methodChannel, methodNames, type Emit } from '../../shared/contract'
import type { Result } from '../../shared/errors'
import type { WireDispatch } from '../core/dispatch'
import type { Log } from './log/file-log'

const REFUSED: Result<never> = {
  ok: false,
  error: { code: 'app_unavailable', message: "Refused: this request did not come from Contact Desk's own window" },
}

// The channels each ipcMain serves through us. Serving one twice is a wiring bug that must fail loudly
// (docs/ARCHITECTURE.md §9.2), checked here before touching ipcMain rather than left to Electron's undocumented check.
const served = new WeakMap<object, Set<string>>()

/**
 * Serves every contract method on its channel. A call is answered only when it comes from a frame
 * `isTrusted` accepts; the dispatcher then validates the input. A refusal goes to the app's log (rotated,
 * redacted: logs/main.log), where support can find it, not to a console nobody sees in a packaged app.
 * Returns a function that stops serving.
 */
export function registerIpcHandlers(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  dispatch: WireDispatch,
  isTrusted: (frameUrl: string | undefined) => boolean,
  log: Pick<Log, 'warn'>,
): () => void {
  const channels = methodNames.map((method) => ({ method, channel: methodChannel(method) }))
  const taken = served.get(ipcMain) ?? new Set<string>()
  const duplicate = channels.find(({ channel }) => taken.has(channel))
  if (duplicate) throw new Error(`IPC channel "${duplicate.channel}" is already registered`)

  for (const { method, channel } of channels) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, input: unknown) => {
      // senderFrame is null once the frame navigated away or died: no known page, no answer.
      if (!isTrusted(event.senderFrame?.url)) {
        // The frame's URL stays out of the log: it may carry a query or fragment we did not put there.
        log.warn(`Refused a call to ${method} from a frame that is not Contact Desk's window`)
        return REFUSED
      }
      return dispatch(method, input)
    })
    taken.add(channel)
  }
  served.set(ipcMain, taken)

  return () => {
    for (const { channel } of channels) {
      ipcMain.removeHandler(channel)
      taken.delete(channel)
    }
  }
}

/** Pushes contract events to the given web contents, skipping those already destroyed. */
export function createIpcEmit(getWebContents: () => Pick<WebContents, 'send' | 'isDestroyed'>[]): Emit {
  return (event, payload) => {
    const channel = eventChannel(event)
    for (const contents of getWebContents()) {
      if (!contents.isDestroyed()) contents.send(channel, payload)
    }
  }
}
