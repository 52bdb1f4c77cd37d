// The three-way merge, field by field (docs/ARCHITECTURE.md §8.3): a record is flattened into keys — each text field,
// each e-mail category, and access as one key — and each key is judged on base, mine and theirs.
import { CONTACT_TEXT_FIELDS, EMAIL_CATEGORIES, PERMISSIONS, type Access, type ContactFields, type ContactTextField, type EmailPreferences } from '../../../shared/domain'

/** A contact's syncable state: its fields and its client-area access (null: not known). */
export interface ContactState {
  fields: ContactFields
  access: Access | null
}

export type FlatValue = string | boolean | null
export type Flat = Record<string, FlatValue>

export const preferenceKey = (category: (typeof EMAIL_CATEGORIES)[number]) => `emailPreferences.${category}`
export const PREFERENCE_KEYS = EMAIL_CATEGORIES.map(preferenceKey)
export const ACCESS_KEY = 'access'
export const FIELD_KEYS: readonly string[] = [...CONTACT_TEXT_FIELDS, ...PREFERENCE_KEYS]

/** Access as one comparable value: "off", or "on:" and the permissions in the portal's order. */
export function accessValue(access: Access | null): string | null {
  if (access === null) return null
  if (!access.enabled) return 'off'
  return `on:${PERMISSIONS.filter((name) => access.permissions.includes(name)).join(',')}`
}

export function accessFrom(value: FlatValue): Access | null {
  if (value === null || typeof value !== 'string') return null
  if (value === 'off') return { enabled: false, permissions: [] }
  const names = value.slice('on:'.length).split(',')
  return { enabled: true, permissions: PERMISSIONS.filter((name) => names.includes(name)) }
}

export function flattenPreferences(preferences: EmailPreferences): Flat {
  return Object.fromEntries(EMAIL_CATEGORIES.map((category) => [preferenceKey(category), preferences[category]]))
}

export function flatten(state: ContactState): Flat {
  const flat: Flat = { ...flattenPreferences(state.fields.emailPreferences), [ACCESS_KEY]: accessValue(state.access) }
  for (const key of CONTACT_TEXT_FIELDS) flat[key] = state.fields[key]
  return flat
}

/** Sets flat keys back onto a state. */
export function withValues(state: ContactState, values: Flat): ContactState {
  const fields: ContactFields = { ...state.fields, emailPreferences: { ...state.fields.emailPreferences } }
  let access = state.access
  for (const [key, value] of Object.entries(values)) {
    if (key === ACCESS_KEY) access = accessFrom(value)
    else if (key.startsWith('emailPreferences.')) {
      const category = key.slice('emailPreferences.'.length) as keyof EmailPreferences
      fields.emailPreferences[category] = value === true
    } else if ((CONTACT_TEXT_FIELDS as readonly string[]).includes(key)) {
      fields[key as ContactTextField] = typeof value === 'string' ? value : ''
    }
  }
  return { fields, access }
}

export type Verdict =
  /** Only the portal changed it (or nobody did): take theirs. */
  | 'theirs'
  /** Only this computer changed it: keep mine, it still has to be sent. */
  | 'mine'
  /** Both ended at the same value: nothing to send. */
  | 'same'
  /** Both changed it, differently: a person decides. */
  | 'conflict'

/**
 * Judges one key. For access, null means "not known" (8.x permissions not read yet): an unknown portal side
 * is never taken as a change, and against an unknown base only what the portal has now can be compared.
 */
export function judge(key: string, base: FlatValue, mine: FlatValue, theirs: FlatValue): Verdict {
  if (key === ACCESS_KEY && theirs === null) theirs = base
  if (key === ACCESS_KEY && base === null) base = theirs
  if (mine === theirs) return 'same'
  if (mine === base) return 'theirs'
  if (theirs === base) return 'mine'
  return 'conflict'
}

/**
 * The base to judge a key against. A portal value that one of our own attempts sent is that write landing with
 * its answer lost, not another person's change: it is the base then, so a later edit here (even back to the old
 * value) is sent, and the same value is simply "same" — never a conflict with ourselves.
 */
export function baseFor(base: FlatValue, sent: readonly FlatValue[] | undefined, theirs: FlatValue): FlatValue {
  if (!sent || sent.length === 0) return base
  // What the portal has is not known (8.x access not read): an attempt may have landed, so the base is not known either.
  if (theirs === null) return null
  return sent.includes(theirs) ? theirs : base
}

/** The keys whose values differ between two flat states. */
export function changedKeys(from: Flat, to: Flat): string[] {
  return Object.keys(to).filter((key) => from[key] !== to[key])
}
