// The contact editor's rules, apart from the screen: what blocks a save (main's own ContactEdit rules plus
// the Brazilian formats), what only deserves a look, what is sent, and main's answer mapped to the fields.
import { ContactEdit } from '../../../../shared/contact-rules'
import { checkBrazilianContact, normalizeBrazilianContact, type BrazilHint, type BrazilIssue } from '../../../../shared/brazil'
import { CONTACT_TEXT_FIELDS, type ContactFields, type ContactTextField, type EmailPreferences } from '../../../../shared/domain'
import type { DeskError } from '../../../../shared/errors'

export type ProblemCode = 'required' | 'email' | 'country' | 'tooLong' | 'main' | 'password' | 'duplicate' | BrazilIssue['code']

/** A problem worded by the screen: `code` picks the sentence (contact.errors.<code>), params fill it. */
export interface Problem {
  code: ProblemCode
  params?: Record<string, string>
}

export type Hint = BrazilHint

export interface ContactCheck {
  /** What blocks the save, one per field. */
  errors: Partial<Record<ContactTextField, Problem>>
  /** What deserves a look and does not block. */
  hints: Partial<Record<ContactTextField, Hint[]>>
  /** Values the portal holds that these rules refuse, left as they are because nobody changed them. */
  legacy: Partial<Record<ContactTextField, Problem>>
}

const LENGTH = /^at most (\d+) characters$/

/** One of main's ContactEdit messages as a problem code. */
function problemOf(message: string): Problem {
  if (message === 'required') return { code: 'required' }
  if (message === 'a valid e-mail address') return { code: 'email' }
  if (message === 'a two-letter country code') return { code: 'country' }
  const length = LENGTH.exec(message)
  if (length) return { code: 'tooLong', params: { max: length[1] ?? '' } }
  return { code: 'main', params: { detail: message } }
}

/**
 * Checks a contact as staff type it. `original` is the contact before this edit: a value nobody changed is
 * never blocking (what the portal holds is taken as it is), only reported in `legacy`.
 */
export function checkContact(fields: ContactFields, options: { ownDomains: readonly string[]; original?: ContactFields | null }): ContactCheck {
  const raw: Partial<Record<ContactTextField, Problem>> = {}
  const parsed = ContactEdit.safeParse(fields)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path[0]
      if (typeof key === 'string' && (CONTACT_TEXT_FIELDS as readonly string[]).includes(key) && !raw[key as ContactTextField]) {
        raw[key as ContactTextField] = problemOf(issue.message)
      }
    }
  }
  const brazil = checkBrazilianContact(fields, options.ownDomains)
  for (const issue of brazil.issues) {
    if (raw[issue.path]) continue
    raw[issue.path] = issue.path === 'taxId' ? { code: issue.code, params: { kind: issue.kind ? issue.kind.toUpperCase() : 'CPF/CNPJ' } } : { code: issue.code }
  }
  const errors: ContactCheck['errors'] = {}
  const legacy: ContactCheck['legacy'] = {}
  for (const [key, problem] of Object.entries(raw) as [ContactTextField, Problem][]) {
    const unchanged = options.original && options.original[key] === fields[key] && problem.code !== 'required'
    if (unchanged) legacy[key] = problem
    else errors[key] = problem
  }
  const hints: ContactCheck['hints'] = {}
  for (const hint of brazil.hints) (hints[hint.path] ??= []).push(hint)
  return { errors, hints, legacy }
}

export const hasErrors = (check: ContactCheck): boolean => Object.keys(check.errors).length > 0

/** What is sent: trimmed, the e-mail lowercased, Brazilian values written the way WHMCS keeps them. */
export function contactToSave(fields: ContactFields): ContactFields {
  const trimmed: ContactFields = { ...fields, emailPreferences: { ...fields.emailPreferences } }
  for (const key of CONTACT_TEXT_FIELDS) trimmed[key] = fields[key].trim()
  trimmed.email = trimmed.email.toLowerCase()
  trimmed.country = trimmed.country.toUpperCase()
  return normalizeBrazilianContact(trimmed)
}

/** The fields an edit changes (contacts.update sends only those). */
export function changedFields(original: ContactFields, next: ContactFields): Partial<ContactFields> {
  const changes: Partial<ContactFields> = {}
  for (const key of CONTACT_TEXT_FIELDS) if (original[key] !== next[key]) changes[key] = next[key]
  const before = original.emailPreferences
  const after = next.emailPreferences
  if ((Object.keys(after) as (keyof EmailPreferences)[]).some((category) => before[category] !== after[category])) {
    changes.emailPreferences = { ...after }
  }
  return changes
}

/**
 * Main's validation answer on the fields (paths like `fields.email` or `changes.taxId`); what names no
 * field comes back under `form`.
 */
export function problemsFromMain(error: DeskError): { fields: Partial<Record<ContactTextField, Problem>>; form: Problem[] } {
  const fields: Partial<Record<ContactTextField, Problem>> = {}
  const form: Problem[] = []
  for (const issue of error.issues ?? []) {
    const key = issue.path.split('.').find((part) => (CONTACT_TEXT_FIELDS as readonly string[]).includes(part)) as ContactTextField | undefined
    if (key && !fields[key]) fields[key] = problemOf(issue.message)
    else if (!key) form.push(/password/.test(issue.path) ? { code: 'password', params: { detail: issue.message } } : problemOf(issue.message))
  }
  return { fields, form }
}
