// The three permission presets helpdesk staff already name (Financeiro, Técnico, Acesso total): the renderer shows them, the command line takes them
// by name. Staff's own presets are a setting (Settings.permissionPresets).
import { PERMISSIONS, type Language, type Permission } from './domain'

export type BuiltinPresetId = 'finance' | 'technical' | 'all'

export const BUILTIN_PRESETS: readonly { id: BuiltinPresetId; permissions: readonly Permission[] }[] = [
  { id: 'finance', permissions: ['invoices', 'quotes', 'emails', 'orders'] },
  { id: 'technical', permissions: ['products', 'productsso', 'domains', 'managedomains', 'tickets'] },
  { id: 'all', permissions: PERMISSIONS },
]

/** Their names in each language the app speaks (the renderer's resources take them from here). */
export const BUILTIN_PRESET_NAMES: Record<Language, Record<BuiltinPresetId, string>> = {
  'pt-BR': { finance: 'Financeiro', technical: 'Técnico', all: 'Acesso total' },
  en: { finance: 'Billing', technical: 'Technical', all: 'Full access' },
}

/** Permissions in the portal's order, each once. */
export function sortPermissions(permissions: Iterable<Permission>): Permission[] {
  const set = new Set(permissions)
  return PERMISSIONS.filter((name) => set.has(name))
}

export function samePermissions(a: readonly Permission[], b: readonly Permission[]): boolean {
  const left = sortPermissions(a)
  const right = sortPermissions(b)
  return left.length === right.length && left.every((name, index) => name === right[index])
}
