// Pieces several actions share: client status, the e-mail preference encodings, paging checks and the
// client-side checks of what we are about to send (so a bad request fails here, before the network).
import { z } from 'zod'
import { ClientStatus, EMAIL_CATEGORIES, type EmailCategory, type EmailPreferences } from '../../../shared/domain'
import { DeskFailure, validationError } from '../../../shared/errors'
import { badResponse } from './failures'
import { count, flag } from './decode'
import { percentEncode } from './encode'

/** The portal writes "Active"; a differently cased status still means the same. */
export const clientStatus = z.preprocess(
  (value) => (typeof value === 'string' ? value.trim().charAt(0).toUpperCase() + value.trim().slice(1).toLowerCase() : value),
  ClientStatus,
)

/** A client's group: none is 0, and a portal that leaves the key out means the same. */
export const groupId = z.preprocess((value) => (value === undefined || value === null || value === '' ? 0 : value), count)

/**
 * `email_preferences[general]=1&email_preferences[product]=0…`: always all six keys, in the portal's
 * order, as 1/0 (docs/WHMCS.md §5: what the portal does with a key left out is unverified; the official
 * theme sends all six on every save, and so do we).
 */
export function preferencesParam(preferences: EmailPreferences): Record<EmailCategory, 0 | 1> {
  return Object.fromEntries(EMAIL_CATEGORIES.map((category) => [category, preferences[category] ? 1 : 0])) as Record<
    EmailCategory,
    0 | 1
  >
}

/**
 * GetClientsDetails' `email_preferences` object: "1"/"0" strings (7.x and 8.x alike). Every key must be
 * there: a missing one is refused rather than guessed. The ClientEdit hook spells `invoice` as
 * `invoices` (docs/WHMCS.md §5); that spelling is read too, in case a portal ever leaks it.
 */
export const preferencesObject = z.preprocess(
  (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return value
    const record = value as Record<string, unknown>
    return record.invoice === undefined && record.invoices !== undefined ? { ...record, invoice: record.invoices } : record
  },
  z.looseObject(
    { general: flag, product: flag, domain: flag, invoice: flag, support: flag, affiliate: flag },
    { error: (issue) => (issue.input === undefined ? 'the portal sent no e-mail preferences (WHMCS before 7.10 has none)' : undefined) },
  ),
)

/** GetContacts' flags, under the old names (docs/WHMCS.md §2.4): bool in 8.x, "1"/"0"/"" in 7.x. */
export const preferenceFlags = {
  generalemails: flag,
  productemails: flag,
  domainemails: flag,
  invoiceemails: flag,
  supportemails: flag,
  affiliateemails: flag,
}

export function preferencesFromFlags(wire: Record<keyof typeof preferenceFlags, boolean>): EmailPreferences {
  return {
    general: wire.generalemails,
    product: wire.productemails,
    domain: wire.domainemails,
    invoice: wire.invoiceemails,
    support: wire.supportemails,
    affiliate: wire.affiliateemails,
  }
}

/** What a write answers: nothing but the portal's warnings, which must reach the user. */
export interface WriteResult {
  warnings: string[]
}

/**
 * Refuses an empty page that contradicts the total: taken at face value it would say the records are
 * gone, and a sync must not act on that.
 */
export function checkPage(action: string, what: string, listed: number, start: number, total: number): void {
  if (listed === 0 && start < total) {
    throw badResponse(action, `it lists no ${what} from ${start} although it reports ${total}`)
  }
}

/** The input a method was given, checked by `schema`; a refusal is a `validation` DeskFailure naming each field. */
export function checkInput<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const parsed = schema.safeParse(input)
  if (parsed.success) return parsed.data
  const error = validationError(parsed.error, what)
  throw new DeskFailure('validation', error.message, undefined, error.issues)
}

/** A portal record id we are about to send. */
export const positiveId = z.number().int().positive()

/** The user and the client of an 8.x user-client link (`user_id`, `client_id`). */
export const UserClientInput = z.object({ userId: positiveId, clientId: positiveId })

/** Paging we are about to send. */
export const paging = {
  limitstart: z.number().int().nonnegative(),
  limitnum: z.number().int().positive(),
}

/**
 * Runs a call that carries a password (a 7.x sub-account's `password2`) and makes sure no failure
 * quotes it: a proxy page or a PHP notice may echo the request back, and failures end up on screen and
 * in logs. Every spelling it can have in a body is replaced by "[password]".
 */
export async function withoutPassword<T>(password: string | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (password === undefined || password === '' || !(error instanceof DeskFailure)) throw error
    const forms = [...new Set([password, percentEncode(password), encodeURIComponent(password)])]
      // Longest first, so a form that contains another is replaced whole.
      .sort((a, b) => b.length - a.length)
    const clean = (text: string): string => forms.reduce((out, form) => out.split(form).join('[password]'), text)
    const params = error.params && Object.fromEntries(Object.entries(error.params).map(([key, value]) => [key, clean(value)]))
    const issues = error.issues?.map((issue) => ({ path: issue.path, message: clean(issue.message) }))
    throw new DeskFailure(error.code, clean(error.message), params, issues)
  }
}
