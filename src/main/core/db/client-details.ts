// The owner's e-mail preferences as read from GetClientsDetails (base) and as edited here (data).
import { z } from 'zod'
import { Login } from '../../../shared/contract'
import { EmailPreferences } from '../../../shared/domain'
import type { Db } from './database'

/** A login as the portal listed it when the client was last opened; caches from before user ids were kept have none. */
export const StoredLogin = Login.omit({ sync: true, removing: true }).extend({ userId: z.number().int().positive().nullable().default(null) })
export type StoredLogin = z.infer<typeof StoredLogin>

export interface StoredClientDetails {
  clientId: number
  data: EmailPreferences
  base: EmailPreferences | null
  /** GetClientsDetails `overideduenotices` as last read; null where it was not (read before it was kept, or not sent). */
  overdueNoticesOff: boolean | null
  /** Who could log in when last read; null if never read. */
  logins: StoredLogin[] | null
  fetchedAt: string | null
}

interface Row {
  client_id: number
  data: string
  base: string | null
  logins: string | null
  fetched_at: string | null
  overdue_notices_off: number | null
}

export function getClientDetails(db: Db, clientId: number): StoredClientDetails | null {
  const row = db.prepare('SELECT * FROM client_details WHERE client_id = ?').get(clientId) as Row | undefined
  if (!row) return null
  return {
    clientId: row.client_id,
    data: EmailPreferences.parse(JSON.parse(row.data)),
    base: row.base === null ? null : EmailPreferences.parse(JSON.parse(row.base)),
    overdueNoticesOff: row.overdue_notices_off === null ? null : row.overdue_notices_off === 1,
    logins: row.logins === null ? null : z.array(StoredLogin).parse(JSON.parse(row.logins)),
    fetchedAt: row.fetched_at,
  }
}

export function saveClientDetails(db: Db, details: StoredClientDetails): void {
  db.prepare(
    `INSERT INTO client_details (client_id, data, base, overdue_notices_off, logins, fetched_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (client_id) DO UPDATE SET data = excluded.data, base = excluded.base, overdue_notices_off = excluded.overdue_notices_off,
       logins = excluded.logins, fetched_at = excluded.fetched_at`,
  ).run(
    details.clientId,
    JSON.stringify(details.data),
    details.base === null ? null : JSON.stringify(details.base),
    details.overdueNoticesOff === null ? null : Number(details.overdueNoticesOff),
    details.logins === null ? null : JSON.stringify(details.logins),
    details.fetchedAt,
  )
}
