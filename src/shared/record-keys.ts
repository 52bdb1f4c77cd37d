// The flattened record: the keys the outbox, the conflicts, the audit log and the merge speak of ("email",
// "emailPreferences.invoice", "access", "*"), and the one encoding of access as a value ("off", "on:a,b").
// Main's cache stores these strings, so the encoding here is the one on disk.
import {
  CONTACT_TEXT_FIELDS,
  EMAIL_CATEGORIES,
  PERMISSIONS,
  type Access,
  type ContactFields,
  type ContactTextField,
  type EmailCategory,
  type EmailPreferences,
  type Permission,
} from './domain'

/** A contact's syncable state: its fields and its client-area access (null: not known). */
export interface ContactState {
  fields: ContactFields
  access: Access | null
}

export type FlatValue = string | boolean | null
export type Flat = Record<string, FlatValue>

const PREFERENCE_PREFIX = 'emailPreferences.'
export const preferenceKey = (category: EmailCategory) => `${PREFERENCE_PREFIX}${category}`
export const PREFERENCE_KEYS = EMAIL_CATEGORIES.map(preferenceKey)
export const ACCESS_KEY = 'access'
/** The key of a "deleted on one side, edited on the other" conflict. */
export const WHOLE_RECORD = '*'
export const FIELD_KEYS: readonly string[] = [...CONTACT_TEXT_FIELDS, ...PREFERENCE_KEYS]

/** The category a preference key names ("emailPreferences.invoice" → "invoice"), or null for any other key. */
export function preferenceCategory(key: string): EmailCategory | null {
  if (!key.startsWith(PREFERENCE_PREFIX)) return null
  const category = key.slice(PREFERENCE_PREFIX.length)
  return EMAIL_CATEGORIES.find((each) => each === category) ?? null
}

export function isTextField(key: string): key is ContactTextField {
  return (CONTACT_TEXT_FIELDS as readonly string[]).includes(key)
}

const ACCESS_OFF = 'off'
const ACCESS_ON = 'on:'

/** Access as one comparable value: "off", or "on:" and the permissions in the portal's order. */
export function accessValue(access: Readonly<{ enabled: boolean; permissions: readonly Permission[] }>): string
export function accessValue(access: Access | null): string | null
export function accessValue(access: Readonly<{ enabled: boolean; permissions: readonly Permission[] }> | null): string | null {
  if (access === null) return null
  if (!access.enabled) return ACCESS_OFF
  return `${ACCESS_ON}${PERMISSIONS.filter((name) => access.permissions.includes(name)).join(',')}`
}

const permissionsIn = (list: string): Permission[] => {
  const names = list.split(',')
  return PERMISSIONS.filter((name) => names.includes(name))
}

/** Access read back from its value, or null when the value is not one accessValue writes. */
export function parseAccessValue(value: unknown): Access | null {
  if (typeof value !== 'string') return null
  if (value === ACCESS_OFF) return { enabled: false, permissions: [] }
  if (!value.startsWith(ACCESS_ON)) return null
  return { enabled: true, permissions: permissionsIn(value.slice(ACCESS_ON.length)) }
}

/**
 * Access read back from a flat value main holds. Main only ever stores what accessValue wrote, so any other
 * string is read as "on" rather than refused (as it always has been read).
 */
export function accessFrom(value: FlatValue): Access | null {
  if (typeof value !== 'string') return null
  return parseAccessValue(value) ?? { enabled: true, permissions: permissionsIn(value.slice(ACCESS_ON.length)) }
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
    const category = preferenceCategory(key)
    if (key === ACCESS_KEY) access = accessFrom(value)
    else if (category) fields.emailPreferences[category] = value === true
    else if (isTextField(key)) fields[key] = typeof value === 'string' ? value : ''
  }
  return { fields, access }
}
