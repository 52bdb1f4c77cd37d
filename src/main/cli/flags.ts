// What the command line's edit commands read from their flags: contact fields by their WHMCS names in
// kebab-case, e-mail categories as a list, permissions or a preset by name, a conflict's edited value.
import { randomBytes } from 'node:crypto'
import { z } from 'zod'
import { EMAIL_CATEGORIES, Permission, type ContactFields, type EmailPreferences, type PermissionPreset } from '../../shared/domain'
import { BUILTIN_PRESET_NAMES, BUILTIN_PRESETS, sortPermissions } from '../../shared/presets'
import { ACCESS_KEY, accessValue, preferenceCategory } from '../../shared/record-keys'
import { foldText } from '../../shared/text'
import { UsageError, valued } from './command'

/** One flag per contact field: the WHMCS field name, kebab-case (tax_id → --tax-id). */
export const FIELD_FLAGS = {
  firstname: 'firstName',
  lastname: 'lastName',
  companyname: 'companyName',
  email: 'email',
  address1: 'address1',
  address2: 'address2',
  city: 'city',
  state: 'state',
  postcode: 'postcode',
  country: 'country',
  phonenumber: 'phoneNumber',
  'tax-id': 'taxId',
} as const satisfies Record<string, Exclude<keyof ContactFields, 'emailPreferences'>>

export type FieldFlag = keyof typeof FIELD_FLAGS
export const FIELD_FLAG_NAMES = Object.keys(FIELD_FLAGS) as FieldFlag[]

/** The usage lists the field flags under this name. */
export const FIELDS = 'FIELDS'

/** The flags of the commands that set a contact's fields: one per field, and the e-mail categories. */
export const CONTACT_FLAGS = {
  ...(Object.fromEntries(FIELD_FLAG_NAMES.map((flag) => [flag, z.string().meta({ group: FIELDS }).optional()])) as Record<
    FieldFlag,
    z.ZodOptional<z.ZodString>
  >),
  emails: valued(z.string(), 'LIST').optional(),
}

/** The fields the flags give (only those given). */
function fieldsFromFlags(flags: Partial<Record<FieldFlag, string>>): Partial<ContactFields> {
  const fields: Partial<Record<Exclude<keyof ContactFields, 'emailPreferences'>, string>> = {}
  for (const flag of FIELD_FLAG_NAMES) {
    const value = flags[flag]
    if (value !== undefined) fields[FIELD_FLAGS[flag]] = value
  }
  return fields
}

/** The fields the contact flags give, and the e-mail categories when --emails is given. */
export function contactFromFlags(flags: Partial<Record<FieldFlag | 'emails', string>>): Partial<ContactFields> {
  const fields = fieldsFromFlags(flags)
  return flags.emails === undefined ? fields : { ...fields, emailPreferences: emailsFromFlag(flags.emails) }
}

/** `--emails invoice,general`: those categories on, every other off; "none" (or nothing) turns all off. */
export function emailsFromFlag(list: string): EmailPreferences {
  const names = list
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '' && name !== 'none')
  const unknown = names.filter((name) => !(EMAIL_CATEGORIES as readonly string[]).includes(name))
  if (unknown.length > 0)
    throw new UsageError(
      `--emails: unknown categor${unknown.length === 1 ? 'y' : 'ies'} ${unknown.join(', ')} (known: ${EMAIL_CATEGORIES.join(', ')}, or none)`,
    )
  return Object.fromEntries(EMAIL_CATEGORIES.map((category) => [category, names.includes(category)])) as EmailPreferences
}

/** `--permissions invoices,tickets`: the portal's names, checked. */
export function permissionsFromFlag(list: string): Permission[] {
  const names = list
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '')
  const unknown = names.filter((name) => !Permission.safeParse(name).success)
  if (unknown.length > 0) throw new UsageError(`--permissions: unknown ${unknown.join(', ')} (known: ${Permission.options.join(', ')})`)
  if (names.length === 0) throw new UsageError('--permissions: name at least one permission (or use `access revoke`)')
  return sortPermissions(names as Permission[])
}

/** A preset is found however its name is typed ("tecnico", " Técnico "). */
const fold = (text: string) => foldText(text).trim()

/** `--preset NAME`: a built-in one by its id or its name in either language, or one saved in the settings. */
export function presetFromFlag(name: string, saved: readonly PermissionPreset[]): Permission[] {
  const wanted = fold(name)
  const builtin = BUILTIN_PRESETS.find(
    (preset) => preset.id === wanted || Object.values(BUILTIN_PRESET_NAMES).some((names) => fold(names[preset.id]) === wanted),
  )
  if (builtin) return [...builtin.permissions]
  const own = saved.find((preset) => fold(preset.name) === wanted)
  if (own) return [...own.permissions]
  const known = [...BUILTIN_PRESETS.map((preset) => BUILTIN_PRESET_NAMES['pt-BR'][preset.id]), ...saved.map((preset) => preset.name)]
  throw new UsageError(`--preset: no preset named "${name}" (known: ${known.join(', ')})`)
}

/** A conflict's edited value (`resolve ID --value V`), as the key holds it: text, yes/no, or access. */
export function conflictValueFromFlag(key: string, value: string): string | boolean {
  if (preferenceCategory(key) !== null) {
    const answer = fold(value)
    if (['yes', 'true', '1', 'on', 'sim'].includes(answer)) return true
    if (['no', 'false', '0', 'off', 'nao'].includes(answer)) return false
    throw new UsageError(`--value for ${key}: yes or no`)
  }
  if (key === ACCESS_KEY) {
    const enabled = !['off', 'none'].includes(fold(value))
    return accessValue({ enabled, permissions: enabled ? permissionsFromFlag(value) : [] })
  }
  return value
}

/**
 * A 7.x sub-account's password when staff give none: strong, random, never shown and never kept beyond this
 * process; the person sets their own with the client area's password reset.
 */
export function randomPassword(): string {
  return randomBytes(24).toString('base64url')
}
