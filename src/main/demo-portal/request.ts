// The request's values as PHP and WHMCS read them: integer casts, booleans, paging, the e-mail preference keys
// and permission lists.
import { stringParam, type FormArray, type FormValue } from './php-form'
import { EMAIL_CATEGORIES, PERMISSIONS, type EmailPreferences, type Permission } from './schema'

/** PHP's (int) cast: leading whitespace and digits count, anything else is 0. */
export function phpInt(text: string | undefined): number {
  const match = /^\s*([+-]?\d+)/.exec(text ?? '')
  return match?.[1] === undefined ? 0 : Number.parseInt(match[1], 10)
}

/** An id parameter: 0 when absent or not a number (no record has id 0). */
export function idParam(params: FormArray, name: string): number {
  return phpInt(stringParam(params, name))
}

/**
 * PHP's (bool) cast of a request value, as WHMCS reads flags: "" and "0" are false, anything else true,
 * "false" and "off" included (docs/WHMCS.md §5: never send "false"). undefined when the key is absent.
 */
export function phpBool(value: FormValue | undefined): boolean | undefined {
  if (value === undefined) return undefined
  if (typeof value === 'string') return value !== '' && value !== '0'
  return Object.keys(value).length > 0
}

/** True when the key was sent with a value PHP would call non-empty: how WHMCS notices a parameter. */
export function sent(params: FormArray, name: string): boolean {
  return phpBool(params[name]) === true
}

/** limitstart (default 0) and limitnum (default 25, no upper cap); 0, negative or nonsense means the default. */
export function paging(params: FormArray): { limitstart: number; limitnum: number } {
  const limitstart = Math.max(0, phpInt(stringParam(params, 'limitstart')))
  const requested = phpInt(stringParam(params, 'limitnum'))
  return { limitstart, limitnum: requested > 0 ? requested : 25 }
}

/**
 * The categories sent as `email_preferences[<key>]` (7.10+); only the keys sent, so an update changes
 * only those (docs/WHMCS.md §5 leaves the others unverified; keeping them is our choice).
 */
export function emailPreferencesParam(params: FormArray): Partial<EmailPreferences> {
  const sentPreferences = params.email_preferences
  const preferences: Partial<EmailPreferences> = {}
  if (sentPreferences === undefined || typeof sentPreferences === 'string') return preferences
  for (const key of EMAIL_CATEGORIES) {
    const value = phpBool(sentPreferences[key])
    if (value !== undefined) preferences[key] = value
  }
  return preferences
}

/** The same categories under their old names (`generalemails`, …; ≤ 7.9 and still on AddContact). */
export function legacyEmailFlagsParam(params: FormArray): Partial<EmailPreferences> {
  const preferences: Partial<EmailPreferences> = {}
  for (const key of EMAIL_CATEGORIES) {
    const value = phpBool(params[`${key}emails`])
    if (value !== undefined) preferences[key] = value
  }
  return preferences
}

const KNOWN_PERMISSIONS: ReadonlySet<string> = new Set(PERMISSIONS)

/**
 * A `permissions` parameter: a comma list ("profile,invoices"), or `permissions[]=…` entries. Names are
 * trimmed and matched exactly (lowercase). A name outside the 13 is DROPPED without a word: our choice
 * for what WHMCS leaves undocumented (docs/WHMCS.md §4); a list left empty that way counts as missing.
 * The answer is de-duplicated and in the canonical order.
 */
export function permissionsParam(value: FormValue | undefined): Permission[] {
  if (value === undefined) return []
  const parts = typeof value === 'string' ? value.split(',') : Object.values(value).flatMap((part) => (typeof part === 'string' ? part.split(',') : []))
  const names = new Set(parts.map((part) => part.trim()).filter((name) => KNOWN_PERMISSIONS.has(name)))
  return PERMISSIONS.filter((name) => names.has(name))
}

/** Loose on purpose (one "@", a dot in the domain, no spaces): WHMCS's own check is not documented. */
export function isValidEmail(email: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)
}
