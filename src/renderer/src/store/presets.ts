// Permission presets: the three everyone knows (Financeiro, Técnico, Acesso total) and the ones staff save.
// Saved presets live in this browser profile's localStorage for now (one computer, one staff member);
// the core has no place for them yet.
import { z } from 'zod'
import { createStore, type StoreApi } from 'zustand/vanilla'
import { Permission, PERMISSIONS } from '../../../shared/domain'

export const PRESETS_STORAGE_KEY = 'contact-desk.permission-presets.v1'

export type BuiltinPresetId = 'finance' | 'technical' | 'all'

export interface Preset {
  id: string
  /** Built-in presets are named by the language; saved ones by their author. */
  builtin: BuiltinPresetId | null
  name: string
  permissions: Permission[]
}

export const BUILTIN_PRESETS: readonly { id: BuiltinPresetId; permissions: readonly Permission[] }[] = [
  { id: 'finance', permissions: ['invoices', 'quotes', 'emails', 'orders'] },
  { id: 'technical', permissions: ['products', 'productsso', 'domains', 'managedomains', 'tickets'] },
  { id: 'all', permissions: PERMISSIONS },
]

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

const Saved = z.array(z.object({ id: z.string().min(1), name: z.string().min(1).max(80), permissions: z.array(Permission).min(1) }))
type SavedPreset = z.infer<typeof Saved>[number]

export interface PresetsState {
  saved: SavedPreset[]
  /** Saves (or replaces, by name) a preset; returns its id. */
  save(name: string, permissions: readonly Permission[]): string
  remove(id: string): void
}

type PresetStorage = Pick<Storage, 'getItem' | 'setItem'>

function defaultStorage(): PresetStorage | null {
  try {
    return window.localStorage
  } catch {
    return null
  }
}

export function createPresetsStore(storage: PresetStorage | null = defaultStorage()): StoreApi<PresetsState> {
  const read = (): SavedPreset[] => {
    try {
      const text = storage?.getItem(PRESETS_STORAGE_KEY)
      if (!text) return []
      const parsed = Saved.safeParse(JSON.parse(text))
      return parsed.success ? parsed.data.map((preset) => ({ ...preset, permissions: sortPermissions(preset.permissions) })) : []
    } catch {
      return []
    }
  }
  const write = (saved: SavedPreset[]): void => {
    try {
      storage?.setItem(PRESETS_STORAGE_KEY, JSON.stringify(saved))
    } catch {
      // Storage full or refused: the preset still works until the window closes.
    }
  }
  return createStore<PresetsState>()((set, get) => ({
    saved: read(),
    save(name, permissions) {
      const trimmed = name.trim()
      const existing = get().saved.find((preset) => preset.name.toLocaleLowerCase() === trimmed.toLocaleLowerCase())
      const id = existing?.id ?? `custom-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`
      const preset = { id, name: trimmed, permissions: sortPermissions(permissions) }
      const saved = existing ? get().saved.map((each) => (each.id === id ? preset : each)) : [...get().saved, preset]
      write(saved)
      set({ saved })
      return id
    },
    remove(id) {
      const saved = get().saved.filter((preset) => preset.id !== id)
      write(saved)
      set({ saved })
    },
  }))
}
