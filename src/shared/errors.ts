// Errors cross every boundary (IPC, bridge, CLI) as data, never as a rejected promise that loses its fields.
import { z } from 'zod'

/**
 * What went wrong, as a small closed set the UI and the CLI can act on.
 * The renderer words each code in the user's language from `params`; `message` is the English text for logs and the CLI.
 */
export const ErrorCode = z.enum([
  /** Input refused by a schema; `issues` names the fields. */
  'validation',
  /** No portal is connected yet. */
  'not_connected',
  /** The portal needs its secret again (not stored on this machine). */
  'secret_required',
  /** HTTPS is required for a portal that is not on this machine. */
  'insecure_url',
  /** 403 "Authentication Failed": the identifier exists, the secret is wrong (or missing). */
  'auth_failed',
  /** 403 "Invalid or missing credentials": the identifier is unknown. */
  'unknown_credential',
  /** 403 "Invalid IP …": this office's address is not on the portal's allow-list. params.ip */
  'ip_not_allowed',
  /** 403 "Invalid Permissions: API action … is not allowed". params.action */
  'permission_denied',
  /** The portal could not be reached (DNS, refused, reset). */
  'unreachable',
  /** The portal did not answer in time. */
  'timeout',
  /** The portal answered 5xx. params.status */
  'server_error',
  /** The portal answered something that is not a WHMCS API response. */
  'bad_response',
  /** The portal refused the request (HTTP 200, result=error). params.portalMessage */
  'portal_error',
  /** An 8.x invite to this person is pending, or its answer was lost: sending another means a second e-mail, so ask first. */
  'invite_outstanding',
  /** The account owner always has every permission and keeps access (docs/WHMCS.md §4). */
  'owner_locked',
  /** The cache on disk was written by a newer Contact Desk. */
  'database_too_new',
  /** A sync is already running. */
  'busy',
  /** Someone stopped the sync; what it already wrote stays written. */
  'cancelled',
  /** Resetting the local data would lose edits not yet on the portal or open conflicts. params.edits, params.conflicts */
  'pending_edits',
  /** The thing asked for does not exist in the cache. */
  'not_found',
  /** The app's own main process (IPC or the loopback bridge) did not answer. */
  'app_unavailable',
  /** A bug: something nobody planned for. */
  'internal',
])
export type ErrorCode = z.infer<typeof ErrorCode>

export const DeskError = z.strictObject({
  code: ErrorCode,
  message: z.string(),
  params: z.record(z.string(), z.string()).optional(),
  /** For `validation`: each field path and what is wrong with it. */
  issues: z.array(z.strictObject({ path: z.string(), message: z.string() })).optional(),
})
export type DeskError = z.infer<typeof DeskError>

export type Result<T> = { ok: true; value: T } | { ok: false; error: DeskError }

/** An expected failure thrown inside main; the dispatcher turns it into `{ok:false,error}`. */
export class DeskFailure extends Error {
  readonly code: ErrorCode
  readonly params: Record<string, string> | undefined
  readonly issues: DeskError['issues']
  constructor(code: ErrorCode, message: string, params?: Record<string, string>, issues?: DeskError['issues']) {
    super(message)
    this.name = 'DeskFailure'
    this.code = code
    this.params = params
    this.issues = issues
  }
  toError(): DeskError {
    return {
      code: this.code,
      message: this.message,
      ...(this.params ? { params: this.params } : {}),
      ...(this.issues ? { issues: this.issues } : {}),
    }
  }
}

/** The same failure rebuilt from its data (it crossed a thread or a process as a DeskError). */
export function failureOf(error: DeskError): DeskFailure {
  return new DeskFailure(error.code, error.message, error.params, error.issues)
}

/** What went wrong, as one line, whatever was thrown. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** A zod failure as a DeskError that names every field. */
export function validationError(error: z.ZodError, what: string): DeskError {
  const issues = error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(input)',
    message: issue.message,
  }))
  const summary = issues.map((i) => `${i.path}: ${i.message}`).join('; ')
  return { code: 'validation', message: `Invalid ${what}: ${summary}`, issues }
}

/** Errors that mean "stop and tell the user", never retried on a timer (docs/ARCHITECTURE.md §8.6). */
export const REFUSED_CODES: readonly ErrorCode[] = ['auth_failed', 'unknown_credential', 'ip_not_allowed', 'permission_denied']
/** Errors that a later attempt may fix by itself. */
export const RETRYABLE_CODES: readonly ErrorCode[] = ['unreachable', 'timeout', 'server_error']
