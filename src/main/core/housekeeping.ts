// LGPD-minded housekeeping of a portal's cache (issue 7, "data location and housekeeping").
//
// What a purge can really drop: sync mirrors the client list and every contact (and, with them, each
// client's domains) from the portal on every pass, so removing those here would be undone minutes later;
// they leave this computer only with "reset local data". What is read only when staff open a client — the
// owner's e-mail preferences and logins (client_details), the 8.x users' permissions (user_permissions) and the
// latest payment reminders of the e-mail log (email_log_reads, payment_reminders) — stays only for clients opened, or
// read again by the background check, in the last N days. Synced audit rows and resolved conflicts are kept N days.
// Never purged: anything of a client with an outbox entry (any state) or an open conflict, and the 8.x
// invites we sent (the portal cannot list them; they are what stops a second invite e-mail going out).
import { PurgeReport } from '../../shared/contract'
import type { Db } from './db/database'
import { purgeBefore, readLastPurge, writeLastPurge } from './db/purge'

const DAY_MS = 24 * 60 * 60 * 1000
/** Besides the run at start: once a day while the app runs. */
export const PURGE_INTERVAL_MS = DAY_MS

export function runPurge(db: Db, afterDays: number, now: Date): PurgeReport {
  const cutoff = new Date(now.getTime() - afterDays * DAY_MS).toISOString()
  const report: PurgeReport = { at: now.toISOString(), afterDays, ...purgeBefore(db, cutoff) }
  writeLastPurge(db, JSON.stringify(report))
  return report
}

export function lastPurge(db: Db): PurgeReport | null {
  const text = readLastPurge(db)
  if (text === null) return null
  // The cache is data from disk: an unreadable report is no report, not a crash of the settings page.
  const parsed = PurgeReport.safeParse(JSON.parse(text))
  return parsed.success ? parsed.data : null
}

/** Calls `run` once a day; the timer never keeps the process alive (the CLI, tests, a closing app). */
export function startDailyPurge(run: () => void, intervalMs = PURGE_INTERVAL_MS): () => void {
  const timer = setInterval(run, intervalMs)
  timer.unref()
  return () => clearInterval(timer)
}
