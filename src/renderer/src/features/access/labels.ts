// How permissions, e-mail categories, presets and access read on screen, in the client area's own words.
import type { TFunction } from 'i18next'
import { PERMISSIONS, type Access, type EmailCategory, type EmailPreferences, type Permission } from '../../../../shared/domain'
import { EMAIL_CATEGORIES } from '../../../../shared/domain'
import { BUILTIN_PRESETS, samePermissions, type BuiltinPresetId } from '../../../../shared/presets'

export const permissionTitle = (t: TFunction, permission: Permission): string => t(`permissions.${permission}.title`)
export const permissionShort = (t: TFunction, permission: Permission): string => t(`permissions.${permission}.short`)
export const categoryLabel = (t: TFunction, category: EmailCategory): string => t(`emailCategories.${category}.label`)
export const categoryShort = (t: TFunction, category: EmailCategory): string => t(`emailCategories.${category}.short`)
export const categoryName = (t: TFunction, category: EmailCategory): string => t(`emailCategories.${category}.name`)
export const builtinPresetName = (t: TFunction, id: BuiltinPresetId): string => t(`presets.${id}`)

export interface NamedPreset {
  id: string
  name: string
  permissions: readonly Permission[]
}

/** Every preset to offer: the built-in three, then the saved ones. */
export function allPresets(t: TFunction, saved: readonly NamedPreset[]): NamedPreset[] {
  return [...BUILTIN_PRESETS.map((preset) => ({ id: preset.id, name: builtinPresetName(t, preset.id), permissions: preset.permissions })), ...saved]
}

export function matchingPreset(permissions: readonly Permission[], presets: readonly NamedPreset[]): NamedPreset | null {
  return presets.find((preset) => samePermissions(preset.permissions, permissions)) ?? null
}

/** "Financeiro", or "3 permissões" where no preset fits. */
export function permissionsSummary(t: TFunction, permissions: readonly Permission[], presets: readonly NamedPreset[]): string {
  const preset = matchingPreset(permissions, presets)
  if (preset) return preset.name
  return t('access.permissionCount', { count: permissions.length })
}

/** "Sem acesso" / "Financeiro (Ver e Pagar Faturas, …)". */
export function describeAccess(t: TFunction, access: Access | null, presets: readonly NamedPreset[], long = false): string {
  if (access === null) return t('access.unknown')
  if (!access.enabled) return t('access.none')
  const summary = permissionsSummary(t, access.permissions, presets)
  if (!long) return summary
  const titles = PERMISSIONS.filter((name) => access.permissions.includes(name)).map((name) => permissionTitle(t, name))
  return `${summary}: ${titles.join(', ')}`
}

/** The categories a person receives, by name ("E-mails de Faturas, E-mails Gerais"), or "nenhum e-mail". */
export function describePreferences(t: TFunction, preferences: EmailPreferences): string {
  const on = EMAIL_CATEGORIES.filter((category) => preferences[category])
  return on.length === 0 ? t('emailPreferences.none') : on.map((category) => categoryName(t, category)).join(', ')
}
