// Every way a portal call can fail, as the DeskFailure codes the UI, the CLI and the sync act on
// (src/shared/errors.ts, docs/ARCHITECTURE.md §8.6). Messages are English sentences for helpdesk staff; they name the
// host and the action, never the request body (which holds the secret).
import { DeskFailure } from '../../../shared/errors'

/**
 * A reason the portal gave in `message`. Its text decides the code, not the HTTP status: IP, credential
 * and role refusals must stop the scheduler (docs/ARCHITECTURE.md §8.6) even from a portal that sends them with HTTP 200.
 * - 4xx with any other reason: the credentials were refused ("Administrator Account Disabled", …)
 * - otherwise: a business error ("Client ID Not Found"), kept verbatim in params.portalMessage
 */
export function refusal(portalMessage: string, action: string, status: number, warnings: string[] = []): DeskFailure {
  // Not anchored to the start: darthsoup's `strpos(...)` truthiness bug missed a match at position 0.
  const ip = /Invalid IP\b(.*)/i.exec(portalMessage)
  if (ip) {
    const address = IP_ADDRESS.exec(ip[1] ?? '')?.[0] ?? ''
    return new DeskFailure(
      'ip_not_allowed',
      `IP address not allowed: the portal refused this computer's IP address${address ? ` ${address}` : ''}. Ask the portal's administrator to add it under API IP Access Restriction (Setup › General Settings › Security).`,
      { ip: address, portalMessage },
    )
  }
  if (/Authentication Failed/i.test(portalMessage)) {
    return new DeskFailure(
      'auth_failed',
      'Authentication failed: the portal did not accept the API secret for this identifier. Check the secret, or create a new one under Manage API Credentials.',
      { portalMessage },
    )
  }
  if (/Invalid or missing credentials/i.test(portalMessage)) {
    return new DeskFailure(
      'unknown_credential',
      "Unknown API identifier: the portal does not know this API identifier. Check the identifier under Manage API Credentials in the portal's admin area.",
      { portalMessage },
    )
  }
  const permission = /Invalid Permissions: API action "([^"]*)"/i.exec(portalMessage)
  if (permission) {
    // The portal quotes the action lowercased; fall back to ours if it ever does not.
    const denied = permission[1] || action.toLowerCase()
    return new DeskFailure(
      'permission_denied',
      `Action not permitted: the API credential is not allowed to use the action "${denied}". Ask the portal's administrator to allow it in the credential's API role.`,
      { action: denied, portalMessage },
    )
  }
  // An action this WHMCS version does not have (e.g. GetUsers on 7.x) is not a credential problem.
  if (status >= 400 && status < 500 && !/Invalid API Action/i.test(portalMessage)) {
    return new DeskFailure('auth_failed', `Authentication failed: the portal refused the API credentials: "${portalMessage || 'no reason given'}".`, {
      portalMessage,
    })
  }
  return new DeskFailure(
    'portal_error',
    portalMessage ? `The portal refused ${action}: ${portalMessage}` : `The portal refused ${action} without saying why.`,
    { portalMessage, ...(warnings.length > 0 ? { warning: warnings.join('\n') } : {}) },
  )
}

/** The transport threw: DNS, refused, reset, TLS. `error` is only mined for a code, never echoed. */
export function unreachable(host: string, error: unknown): DeskFailure {
  const code = networkCode(error)
  return new DeskFailure('unreachable', `Could not reach the portal at ${host}: ${explain(code)} (${code})`, {
    host,
    reason: code,
  })
}

export function timedOut(host: string, timeoutMs: number): DeskFailure {
  const seconds = Math.max(1, Math.round(timeoutMs / 1000))
  return new DeskFailure(
    'timeout',
    `The portal at ${host} did not answer within ${seconds} second${seconds === 1 ? '' : 's'}. It may be busy; try again later.`,
    { host, timeoutMs: String(timeoutMs) },
  )
}

export function serverError(host: string, status: number): DeskFailure {
  return new DeskFailure(
    'server_error',
    `The portal at ${host} had an internal error (HTTP ${status}). Try again later; if it keeps happening, tell the portal's administrator.`,
    { host, status: String(status) },
  )
}

/** The answer is not a WHMCS API response; `detail` says what it was instead (already made safe). */
export function badResponse(action: string, detail: string, params: Record<string, string> = {}): DeskFailure {
  return new DeskFailure(
    'bad_response',
    `The portal's answer to ${action} is not a valid WHMCS API response: ${detail}. Check that the address is the WHMCS portal's.`,
    { action, ...params },
  )
}

/** An IPv4 or IPv6 address as the portal quotes it (not validated further: it is only shown). */
const IP_ADDRESS = /\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f]*:[0-9a-f:.]*[0-9a-f]/i

const NETWORK_CODE = /^(E[A-Z]+|UND_ERR_[A-Z_]+|ERR_[A-Z_]+|CERT_[A-Z_]+|UNABLE_TO_[A-Z_]+|[A-Z_]*SELF_SIGNED[A-Z_]*)$/

/** The most specific error code in `error` or its causes (Node: `cause.code`; Electron: "net::ERR_…"). */
function networkCode(error: unknown): string {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    const code: unknown = (current as Error & { code?: unknown }).code
    if (typeof code === 'string' && NETWORK_CODE.test(code)) return code
    const chromium = /net::(ERR_[A-Z_]+)/.exec(current.message)
    if (chromium?.[1] !== undefined) return chromium[1]
  }
  return 'network error'
}

function explain(code: string): string {
  if (/NOTFOUND|NAME_NOT_RESOLVED|EAI_AGAIN/.test(code)) {
    return "its name could not be found. Check the address for typos and this computer's network connection"
  }
  if (/REFUSED/.test(code)) return 'it refused the connection. Check the address and port, and that the portal is running'
  if (/CERT|TLS|SSL|UNABLE_TO_|SELF_SIGNED/.test(code)) {
    return "its security certificate is not trusted by this computer (expired, self-signed or for another name). Ask the portal's administrator to fix the certificate"
  }
  return "the connection failed. Check this computer's network connection and try again"
}
