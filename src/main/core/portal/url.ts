// Turns what a helpdesk user types as "the portal's address" into the one WHMCS API endpoint,
// refusing addresses that would send the API secret in the clear (docs/WHMCS.md §1, docs/ARCHITECTURE.md §9.5).
import { DeskFailure } from '../../../shared/errors'

const API_PATH = '/includes/api.php'

/** Example shown in every "not a valid address" message, so the user sees what is expected. */
const EXAMPLE = 'https://portal.example.com/billing'

/**
 * The portal's `…/includes/api.php` for a base URL (`https://portal.example.com/`, `https://x/billing`)
 * or for the api.php URL itself. An address without a scheme is taken as https.
 * Throws DeskFailure `insecure_url` for plain http to anything but this machine, `validation` for the rest.
 */
export function resolveApiUrl(input: string): string {
  const url = parse(input.trim())
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw invalid(`Only https:// addresses can be used for a portal, not ${url.protocol}. Example: ${EXAMPLE}`)
  }
  if (url.username !== '' || url.password !== '') {
    // Not echoed back: whatever sits before the @ may be a password.
    throw invalid('The portal address must not contain a user name or password. Enter the API identifier and secret in their own fields.')
  }
  if (url.search !== '' || url.hash !== '') {
    throw invalid(`The portal address must not contain "?" or "#". Enter only the portal's address, for example ${EXAMPLE}`)
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new DeskFailure(
      'insecure_url',
      `The portal at ${url.host} must be reached over https://. Plain http:// is only allowed for a portal on this computer, because the API secret would travel unencrypted.`,
      { host: url.host },
    )
  }
  const path = url.pathname.replace(/\/+$/, '')
  if (path.toLowerCase().endsWith(API_PATH)) return `${url.origin}${path}`
  const lastSegment = path.slice(path.lastIndexOf('/') + 1)
  if (lastSegment.toLowerCase().endsWith('.php')) {
    // e.g. a pasted …/clientarea.php: appending includes/api.php to it would never reach the API.
    throw invalid(`"${lastSegment}" is a page of the portal, not its address. Enter the address without it, for example ${EXAMPLE}`)
  }
  return `${url.origin}${path}${API_PATH}`
}

/** Whether `host` is this machine: localhost, 127.0.0.0/8 or ::1 (with or without brackets). */
export function isLoopbackHost(host: string): boolean {
  const name = host
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '')
  if (name === 'localhost' || name === '::1') return true
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(name)
  return octets !== null && octets.slice(1).every((octet) => Number(octet) <= 255)
}

function parse(text: string): URL {
  if (text === '') throw invalid(`Enter the portal's address, for example ${EXAMPLE}`)
  // "portal.example.com/billing" is how people copy addresses; "localhost:8080" is host:port, not a scheme.
  const hasScheme = /^[a-z][a-z0-9+.-]*:(?!\d)/i.test(text)
  try {
    return new URL(hasScheme ? text : `https://${text}`)
  } catch {
    throw invalid(`This is not a valid web address. Enter the portal's address, for example ${EXAMPLE}`)
  }
}

function invalid(message: string): DeskFailure {
  return new DeskFailure('validation', message, undefined, [{ path: 'url', message }])
}
