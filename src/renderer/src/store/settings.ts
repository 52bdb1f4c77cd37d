// The user's settings (staff name, language, theme), applied at once and saved through settings.update.
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { DeskApi } from '../../../shared/contract'
import type { Settings } from '../../../shared/domain'
import type { DeskError, Result } from '../../../shared/errors'

export interface SettingsState {
  /** null until settings.get answered. */
  settings: Settings | null
  error: DeskError | null
  load(): Promise<void>
  /** Shows the change at once; on failure, shows what main has again. */
  update(patch: Partial<Settings>): Promise<Result<Settings>>
}

export function createSettingsStore(api: DeskApi): StoreApi<SettingsState> {
  // Only the answer to the latest update is shown: it carries every earlier change too.
  let latest = 0
  return createStore<SettingsState>()((set, get) => ({
    settings: null,
    error: null,
    async load() {
      const result = await api['settings.get']({})
      set(result.ok ? { settings: result.value, error: null } : { error: result.error })
    },
    async update(patch) {
      const current = get().settings
      if (current) set({ settings: { ...current, ...patch } })
      const request = ++latest
      const result = await api['settings.update'](patch)
      if (request !== latest) return result
      if (result.ok) set({ settings: result.value, error: null })
      else await get().load()
      return result
    },
  }))
}
