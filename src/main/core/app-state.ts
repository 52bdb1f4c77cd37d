// What outlives a restart besides the caches: the current portal and the user's settings (never a secret).
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import {
  DEFAULT_CHECK_CALLS_PER_SECOND,
  DEFAULT_PULL_INTERVAL_MINUTES,
  DEFAULT_PURGE_AFTER_DAYS,
  DEFAULT_RECHECK_AFTER_DAYS,
  DEFAULT_REMINDER_SUBJECTS,
  PortalInfo,
  Settings,
} from '../../shared/domain'

export const DEFAULT_SETTINGS: Settings = {
  staffName: '',
  language: null,
  theme: 'system',
  permissionPresets: [],
  purgeAfterDays: DEFAULT_PURGE_AFTER_DAYS,
  pullIntervalMinutes: DEFAULT_PULL_INTERVAL_MINUTES,
  recordActivity: true,
  reminderSubjects: [...DEFAULT_REMINDER_SUBJECTS],
  backgroundCheck: true,
  checkCallsPerSecond: DEFAULT_CHECK_CALLS_PER_SECOND,
  recheckAfterDays: DEFAULT_RECHECK_AFTER_DAYS,
}

const AppStateFile = z.strictObject({
  version: z.literal(1),
  portal: PortalInfo.nullable(),
  // A file written before a setting existed lacks its key: that setting takes its default, the rest stays.
  settings: z.preprocess((stored) => (isRecord(stored) ? { ...DEFAULT_SETTINGS, ...stored } : stored), Settings),
})
export type AppState = z.infer<typeof AppStateFile>

const FILE_NAME = 'settings.json'

export interface LoadedAppState {
  state: AppState
  /** Set when the file was unreadable: it was kept aside under this name, nothing deleted. */
  setAside: string | null
}

export function loadAppState(dataDir: string, now: () => Date = () => new Date()): LoadedAppState {
  const file = join(dataDir, FILE_NAME)
  const fresh: AppState = { version: 1, portal: null, settings: DEFAULT_SETTINGS }
  if (!existsSync(file)) return { state: fresh, setAside: null }
  const text = readFileSync(file, 'utf8')
  const parsed = safeJson(text)
  const checked = parsed.ok ? AppStateFile.safeParse(parsed.value) : null
  if (checked?.success) return { state: checked.data, setAside: null }
  // A damaged settings file must not stop the app, nor be lost: keep it beside, start clean.
  const aside = `${file}.unreadable-${now().toISOString().replace(/[:.]/g, '-')}`
  renameSync(file, aside)
  return { state: fresh, setAside: aside }
}

export function saveAppState(dataDir: string, state: AppState): void {
  mkdirSync(dataDir, { recursive: true })
  const file = join(dataDir, FILE_NAME)
  const temporary = `${file}.${process.pid}.tmp`
  writeFileSync(temporary, `${JSON.stringify(AppStateFile.parse(state), null, 2)}\n`, { mode: 0o600 })
  renameSync(temporary, file)
}

function safeJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    return { ok: false }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
