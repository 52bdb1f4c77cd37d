// Names of the keys the outbox, the conflicts and the audit log speak of (src/shared/record-keys.ts), and their
// values, in the user's words.
import type { TFunction } from 'i18next'
import type { Permission } from '../../../../shared/domain'
import { ACCESS_KEY, isTextField, parseAccessValue, preferenceCategory, WHOLE_RECORD } from '../../../../shared/record-keys'
import { categoryName, describeAccess, type NamedPreset } from '../access/labels'

export function keyLabel(t: TFunction, key: string): string {
  if (isTextField(key)) return t(`contact.fields.${key}`)
  const category = preferenceCategory(key)
  if (category) return categoryName(t, category)
  if (key === ACCESS_KEY) return t('fieldKeys.access')
  if (key === WHOLE_RECORD) return t('fieldKeys.record')
  if (key === 'emailPreferences') return t('emailPreferences.legend')
  return key
}

function isAccessObject(value: unknown): value is { enabled: boolean; permissions: Permission[] } {
  return (
    typeof value === 'object' &&
    value !== null &&
    'enabled' in value &&
    'permissions' in value &&
    Array.isArray((value as { permissions: unknown }).permissions)
  )
}

/** One value as text: yes/no, empty, access, lists and records. */
export function valueText(t: TFunction, key: string, value: unknown, presets: readonly NamedPreset[] = []): string {
  if (key === ACCESS_KEY) {
    const access = isAccessObject(value) ? value : parseAccessValue(value)
    if (access) return describeAccess(t, { enabled: access.enabled, permissions: [...access.permissions] }, presets, true)
    if (value === null) return t('values.unknown')
  }
  if (isAccessObject(value)) return describeAccess(t, { enabled: value.enabled, permissions: [...value.permissions] }, presets, true)
  if (value === null || value === undefined) return key === WHOLE_RECORD ? t('values.deleted') : t('values.empty')
  if (typeof value === 'boolean')
    return preferenceCategory(key) ? t(value ? 'values.receives' : 'values.doesNotReceive') : t(value ? 'values.yes' : 'values.no')
  if (typeof value === 'string') return value === '' ? t('values.empty') : value
  if (typeof value === 'number') return String(value)
  if (Array.isArray(value)) return value.map((each) => valueText(t, key, each, presets)).join(', ')
  if (typeof value === 'object') {
    return Object.entries(dottedRecord(value as Record<string, unknown>))
      .map(([inner, each]) => `${keyLabel(t, inner)}: ${valueText(t, inner, each, presets)}`)
      .join('; ')
  }
  return String(value)
}

/**
 * A value shown to staff (an audit row's before and after, a record inside a value) with its nested records as
 * dotted keys ({emailPreferences: {invoice: true}} → {"emailPreferences.invoice": true}) and any access object kept
 * whole. Not record-keys' `flatten`, which turns a whole contact state into the stored flat record.
 */
export function dottedRecord(record: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const flat: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(record)) {
    const path = prefix === '' ? key : `${prefix}.${key}`
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && !isAccessObject(value))
      Object.assign(flat, dottedRecord(value as Record<string, unknown>, path))
    else flat[path] = value
  }
  return flat
}
