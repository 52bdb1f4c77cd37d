// The record of sync attempts, read back as "last sync" by the status bar and the CLI.
import { z } from 'zod'
import { DeskError } from '../../../shared/errors'
import type { LastSync } from '../../../shared/contract'
import { SkippedRead, type Generation, type SyncSummary } from '../../../shared/domain'
import type { Db } from './database'

export interface SyncRun {
  startedAt: string
  finishedAt: string
  ok: boolean
  summary: SyncSummary | null
  error: DeskError | null
}

export function recordSyncRun(db: Db, run: SyncRun): void {
  db.prepare('INSERT INTO sync_runs (started_at, finished_at, ok, summary, error) VALUES (?, ?, ?, ?, ?)').run(
    run.startedAt,
    run.finishedAt,
    run.ok ? 1 : 0,
    run.summary ? JSON.stringify(run.summary) : null,
    run.error ? JSON.stringify(run.error) : null,
  )
}

const StoredError = z.string().transform((text) => DeskError.parse(JSON.parse(text)))
const StoredSkipped = z
  .string()
  .nullable()
  .transform((text) => z.array(SkippedRead).parse(text === null ? [] : JSON.parse(text)))

export function lastSyncRun(db: Db): LastSync | null {
  const row = db.prepare("SELECT finished_at, ok, error, json_extract(summary, '$.pushed.skipped') AS pushed FROM sync_runs ORDER BY id DESC LIMIT 1").get() as
    { finished_at: string; ok: number; error: string | null; pushed: string | null } | undefined
  if (!row) return null
  const skipped = db
    .prepare("SELECT json_extract(summary, '$.pulled.skipped') FROM sync_runs WHERE json_extract(summary, '$.pulled') IS NOT NULL ORDER BY id DESC LIMIT 1")
    .pluck()
    .get() as string | null | undefined
  return {
    at: row.finished_at,
    ok: row.ok === 1,
    error: row.error === null ? null : StoredError.parse(row.error),
    // The last pull's auxiliary reads, and the last pass's activity log (push.ts): one warning each.
    skipped: [...StoredSkipped.parse(skipped ?? null), ...StoredSkipped.parse(row.pushed)],
  }
}

/** When the last whole-portal pull that went through ended (passes recorded before push-only ones existed were all whole). */
export function lastFullPullAt(db: Db): string | null {
  return (
    (db
      .prepare("SELECT finished_at FROM sync_runs WHERE ok = 1 AND coalesce(json_extract(summary, '$.scope'), 'full') = 'full' ORDER BY id DESC LIMIT 1")
      .pluck()
      .get() as string | undefined) ?? null
  )
}

/** How many records the cache holds of each list a whole-portal pull reads: clients, contacts, domains, hosting services, and users on 8.x. */
export function pulledListSizes(db: Db, generation: Generation): number[] {
  const lists = ['clients', 'contacts WHERE remote_id IS NOT NULL', 'client_domains', 'client_products', ...(generation === '8' ? ['portal_users'] : [])]
  return lists.map((list) => db.prepare(`SELECT count(*) FROM ${list}`).pluck().get() as number)
}

/** Why sync stopped for good (authentication, IP, API role), kept until settings change or the user asks again. */
export function readRefusal(db: Db): DeskError | null {
  const text = db.prepare("SELECT value FROM meta WHERE key = 'sync_refused'").pluck().get() as string | undefined
  return text === undefined ? null : DeskError.parse(JSON.parse(text))
}

export function writeRefusal(db: Db, error: DeskError | null): void {
  if (error === null) db.prepare("DELETE FROM meta WHERE key = 'sync_refused'").run()
  else db.prepare("INSERT INTO meta (key, value) VALUES ('sync_refused', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(JSON.stringify(error))
}
