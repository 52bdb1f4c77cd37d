// window.desk: the typed client the preload exposes in Electron; absent in a plain browser (the bridge is used there).
import type { DeskBridge } from './contract'

declare global {
  interface Window {
    desk?: DeskBridge
  }
}

export {}
