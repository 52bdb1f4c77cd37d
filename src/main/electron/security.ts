// The app's security perimeter (docs/ARCHITECTURE.md §9.1): the page's CSP, which URLs may leave for the system browser,
// which frames may call main, and what any web contents may spawn. The policy itself is in src/shared/csp.ts:
// the loopback bridge and the renderer's build send the same string.
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Session, Shell, WebContents } from 'electron'
import { APP_CSP } from '../../shared/csp'
import { errorText } from '../../shared/errors'

export { APP_CSP }

/** Where the app's own renderer is loaded from: the dev server (electron-vite dev) or the packaged index.html. */
export type RendererLocation = { rendererUrl: string; rendererFile?: undefined } | { rendererFile: string; rendererUrl?: undefined }

/** Sends APP_CSP with every response, replacing whatever policy a server sent. */
export function installCsp(session: Pick<Session, 'webRequest'>): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers: Record<string, string | string[]> = {}
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value
    }
    headers['Content-Security-Policy'] = [APP_CSP]
    callback({ responseHeaders: headers })
  })
}

// Copying an address to the clipboard is the one browser permission the app needs; reading the
// clipboard, camera, notifications, geolocation and the rest are refused.
const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write'])

/** Electron grants every permission by default; this refuses all but ALLOWED_PERMISSIONS. */
export function installPermissionPolicy(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(ALLOWED_PERMISSIONS.has(permission)))
  session.setPermissionCheckHandler((_contents, permission) => ALLOWED_PERMISSIONS.has(permission))
}

// Other schemes (file:, javascript:, smb:, ms-…:, custom handlers) can run local programs or leak
// credentials, so they never reach the OS.
const EXTERNAL_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:'])

/** The one way a URL leaves the app for the system browser. Returns whether it was handed over. */
export function safeOpenExternal(shell: Pick<Shell, 'openExternal'>, url: string): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  // user:password@host is a phishing shape ("https://bank.com@evil.example"); no link of ours needs it.
  if (!EXTERNAL_PROTOCOLS.has(parsed.protocol) || parsed.username !== '' || parsed.password !== '') return false
  // The URL itself is not logged: a portal link may carry a token.
  shell.openExternal(parsed.href).catch((error: unknown) => {
    console.warn(`Could not open a link in the system browser: ${errorText(error)}`)
  })
  return true
}

/**
 * Whether a frame URL is the app's own renderer: the packaged index.html itself (file URLs have no
 * usable origin, so the path is compared), or any page of the dev server's origin.
 * Used for IPC senders and for navigation: any other page, or no page at all, is a stranger.
 */
export function isTrustedSender(frameUrl: string | undefined, renderer: RendererLocation): boolean {
  if (!frameUrl) return false
  let parsed: URL
  try {
    parsed = new URL(frameUrl)
  } catch {
    return false
  }
  if (renderer.rendererUrl !== undefined) {
    const app = new URL(renderer.rendererUrl)
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.origin === app.origin
  }
  if (parsed.protocol !== 'file:' || parsed.host !== '') return false
  try {
    return samePath(fileURLToPath(parsed), resolve(renderer.rendererFile))
  } catch {
    // fileURLToPath refuses encoded separators ("%2F"): not a path the app ever loads.
    return false
  }
}

// Windows paths are case-insensitive; Chromium and Node may disagree on the drive letter's case.
function samePath(a: string, b: string): boolean {
  return process.platform === 'win32' ? a.toLowerCase() === b.toLowerCase() : a === b
}

/**
 * For every web contents the app creates: no <webview> may attach and no window.open may spawn a window.
 * The main window then installs its own, narrower handlers (createMainWindow).
 */
export function hardenWebContents(contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>): void {
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
}
