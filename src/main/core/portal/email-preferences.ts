// The e-mail preferences on the wire: the six-key object clients send and GetClientsDetails answers, and
// GetContacts' old per-category flags.
import { z } from 'zod'
import { EMAIL_CATEGORIES, type EmailCategory, type EmailPreferences } from '../../../shared/domain'
import { flag } from './decode'

/**
 * `email_preferences[general]=1&email_preferences[product]=0…`: always all six keys, in the portal's
 * order, as 1/0 (docs/WHMCS.md §5: what the portal does with a key left out is unverified; the official
 * theme sends all six on every save, and so do we).
 */
export function preferencesParam(preferences: EmailPreferences): Record<EmailCategory, 0 | 1> {
  return Object.fromEntries(EMAIL_CATEGORIES.map((category) => [category, preferences[category] ? 1 : 0])) as Record<EmailCategory, 0 | 1>
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
