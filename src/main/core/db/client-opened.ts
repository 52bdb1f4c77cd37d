// When staff last opened each client: the clock of the LGPD purge (housekeeping.ts). Kept apart from
// the clients table, which sync rewrites and deletes from on every pass (replaceClients).
import type { Db } from './database'

export function markClientOpened(db: Db, clientId: number, at: Date): void {
  db.prepare(
    `INSERT INTO client_opened (client_id, opened_at) VALUES (?, ?)
     ON CONFLICT (client_id) DO UPDATE SET opened_at = excluded.opened_at`,
  ).run(clientId, at.toISOString())
}

export function clientOpenedAt(db: Db, clientId: number): string | null {
  return (db.prepare('SELECT opened_at FROM client_opened WHERE client_id = ?').pluck().get(clientId) as string | undefined) ?? null
}
