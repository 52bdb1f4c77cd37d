// Permission presets: the three everyone knows (Financeiro, Técnico, Acesso total) and the ones staff save.
// Saved presets are a setting (settings.permissionPresets, kept by main), not this page's localStorage: in
// browser mode the page's origin, and with it its localStorage, changes on every run.
import { z } from 'zod'
import { createStore, type StoreApi } from 'zustand/vanilla'
import { MAX_PERMISSION_PRESETS, Permission, PermissionPreset, presetNameKey } from '../../../shared/domain'
import { sortPermissions } from '../../../shared/presets'
import type { DeskError, Result } from '../../../shared/errors'
import type { SettingsState } from './settings'

/** Where versions before settings.permissionPresets kept saved presets; read once, then removed. */
export const LEGACY_PRESETS_STORAGE_KEY = 'contact-desk.permission-presets.v1'

/** Why a preset was not kept, beside main's own answers: the issue's message says which. */
export type PresetRefusal = 'too_many' | 'duplicate_name'
const refused = (reason: PresetRefusal, message: string): Result<never> => ({
  ok: false,
  error: { code: 'validation', message, issues: [{ path: 'permissionPresets', message: reason }] },
})
export const presetRefusal = (error: DeskError): PresetRefusal | null => {
  const reason = error.code === 'validation' ? error.issues?.[0]?.message : undefined
  return reason === 'too_many' || reason === 'duplicate_name' ? reason : null
}

export interface PresetsState {
  /** The saved presets, as settings hold them ([] until settings are read). */
  saved: PermissionPreset[]
  /** Saves a preset, or replaces the permissions of the one with that name; resolves to its id. */
  save(name: string, permissions: readonly Permission[]): Promise<Result<string>>
  rename(id: string, name: string): Promise<Result<string>>
  remove(id: string): Promise<Result<string>>
}

type LegacyStorage = Pick<Storage, 'getItem' | 'removeItem'>

function defaultStorage(): LegacyStorage | null {
  try {
    return window.localStorage
  } catch {
    return null
  }
}

const NONE: PermissionPreset[] = []
const savedOf = (state: SettingsState): PermissionPreset[] => state.settings?.permissionPresets ?? NONE

export function createPresetsStore(settings: StoreApi<SettingsState>, storage: LegacyStorage | null = defaultStorage()): StoreApi<PresetsState> {
  /** settings.update shows the change at once (so does this store) and puts main's answer back on failure. */
  const write = async (saved: PermissionPreset[], id: string): Promise<Result<string>> => {
    const result = await settings.getState().update({ permissionPresets: saved })
    return result.ok ? { ok: true, value: id } : result
  }
  const store = createStore<PresetsState>()((_set, get) => ({
    saved: savedOf(settings.getState()),
    async save(name, permissions) {
      const { saved } = get()
      const existing = saved.find((preset) => presetNameKey(preset.name) === presetNameKey(name))
      if (!existing && saved.length >= MAX_PERMISSION_PRESETS) return refused('too_many', `At most ${MAX_PERMISSION_PRESETS} saved presets.`)
      const id = existing?.id ?? `custom-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`
      const preset = { id, name: name.trim(), permissions: sortPermissions(permissions) }
      return write(existing ? saved.map((each) => (each.id === id ? preset : each)) : [...saved, preset], id)
    },
    async rename(id, name) {
      const { saved } = get()
      if (saved.some((preset) => preset.id !== id && presetNameKey(preset.name) === presetNameKey(name))) {
        return refused('duplicate_name', `Another preset is already called ${name.trim()}.`)
      }
      return write(
        saved.map((preset) => (preset.id === id ? { ...preset, name: name.trim() } : preset)),
        id,
      )
    },
    async remove(id) {
      return write(
        get().saved.filter((preset) => preset.id !== id),
        id,
      )
    },
  }))
  settings.subscribe((next, previous) => {
    const saved = savedOf(next)
    if (saved !== store.getState().saved) store.setState({ saved })
    if (previous.settings === null && next.settings !== null) void importLegacy(settings, storage)
  })
  return store
}

/**
 * Once, when settings are first read: presets an earlier version kept in localStorage (Electron's origin was
 * stable, so real users have them) move into settings, if settings hold none yet. The key is removed only once
 * main kept them; settings that already hold presets are never overwritten.
 */
async function importLegacy(settings: StoreApi<SettingsState>, storage: LegacyStorage | null): Promise<void> {
  const legacy = readLegacy(storage)
  if (legacy === null || (settings.getState().settings?.permissionPresets.length ?? 1) > 0) return
  if (legacy.length > 0 && !(await settings.getState().update({ permissionPresets: legacy })).ok) return
  try {
    storage?.removeItem(LEGACY_PRESETS_STORAGE_KEY)
  } catch {
    // Refused: the next start finds presets in settings and leaves the key alone.
  }
}

function readLegacy(storage: LegacyStorage | null): PermissionPreset[] | null {
  try {
    const text = storage?.getItem(LEGACY_PRESETS_STORAGE_KEY)
    if (!text) return null
    const parsed = z.array(PermissionPreset).safeParse(JSON.parse(text))
    if (!parsed.success) return null
    // The old store replaced by name already; a hand-edited list could still repeat one, and settings refuse that.
    const names = new Set<string>()
    return parsed.data
      .filter((preset) => !names.has(presetNameKey(preset.name)) && names.add(presetNameKey(preset.name)))
      .slice(0, MAX_PERMISSION_PRESETS)
      .map((preset) => ({ ...preset, permissions: sortPermissions(preset.permissions) }))
  } catch {
    return null
  }
}
