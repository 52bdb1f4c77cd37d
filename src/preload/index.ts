// The preload: exposes the typed client as window.desk and nothing else (docs/ARCHITECTURE.md §3, §9.2). No logic lives here:
// main validates every input, and raw ipcRenderer never reaches the page.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { createApi, eventChannel, isEventName, methodChannel, transportError, type DeskBridge, type EventPayload } from '../shared/contract'
import { errorText, type Result } from '../shared/errors'

const bridge: DeskBridge = {
  api: createApi(async (method, input) => {
    try {
      return (await ipcRenderer.invoke(methodChannel(method), input)) as Result<unknown>
    } catch (error) {
      // Main answers every call with a Result; a rejection means it is gone or never registered the channel.
      return transportError(`Contact Desk's main process did not answer ${method}: ${errorText(error)}`)
    }
  }),
  on: (event, listener) => {
    // The page is untrusted input too: only contract events may be subscribed to.
    if (!isEventName(event)) throw new TypeError(`Unknown event "${String(event)}"`)
    const channel = eventChannel(event)
    const forward = (_ipcEvent: IpcRendererEvent, payload: EventPayload<typeof event>): void => listener(payload)
    ipcRenderer.on(channel, forward)
    return () => {
      ipcRenderer.removeListener(channel, forward)
    }
  },
}

contextBridge.exposeInMainWorld('desk', bridge)
