// The one Content-Security-Policy of the app's pages: Electron's main, the loopback bridge and the page's <meta> send it.
/**
 * The renderer's Content-Security-Policy: everything from the app itself, nothing inline, no eval,
 * no plugins, no frames, no forms posting elsewhere. The bridge sends this same string.
 */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')
