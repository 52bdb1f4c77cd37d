// Each client's domains, as GetClientsDomains lists them: mirrored by each whole-portal pull.
import type { ClientDomain } from '../../../shared/domain'
import type { Applied } from './clients'
import type { Db } from './database'

/** Writes a domain as GetClientsDomains lists it; a row that already holds exactly that is not touched. */
export function applyDomain(db: Db, domain: ClientDomain): Applied {
  const row = [domain.clientId, domain.domain.toLowerCase(), domain.status, domain.expiryDate, domain.nextDueDate] as const
  const previous = db.prepare('SELECT client_id, domain, status, expiry_date, next_due FROM client_domains WHERE id = ?').raw().get(domain.id) as
    unknown[] | undefined
  if (previous && previous.every((value, index) => value === row[index])) return 'unchanged'
  insertDomain(db, domain)
  return previous ? 'updated' : 'added'
}

/** The ids held, in order, a batch at a time: those after `after`, at most `limit`. */
export function domainIds(db: Db, after: number, limit: number): number[] {
  return db.prepare('SELECT id FROM client_domains WHERE id > ? ORDER BY id LIMIT ?').pluck().all(after, limit) as number[]
}

export function removeDomain(db: Db, id: number): void {
  db.prepare('DELETE FROM client_domains WHERE id = ?').run(id)
}

function insertDomain(db: Db, domain: ClientDomain): void {
  db.prepare('INSERT OR REPLACE INTO client_domains (id, client_id, domain, status, expiry_date, next_due) VALUES (?, ?, ?, ?, ?, ?)').run(
    domain.id,
    domain.clientId,
    domain.domain.toLowerCase(),
    domain.status,
    domain.expiryDate,
    domain.nextDueDate,
  )
}

export function domainsOf(db: Db, clientId: number): ClientDomain[] {
  const rows = db.prepare('SELECT * FROM client_domains WHERE client_id = ? ORDER BY domain').all(clientId) as {
    id: number
    client_id: number
    domain: string
    status: string
    expiry_date: string | null
    next_due: string | null
  }[]
  return rows.map((row) => ({
    id: row.id,
    clientId: row.client_id,
    domain: row.domain,
    status: row.status,
    expiryDate: row.expiry_date,
    nextDueDate: row.next_due,
  }))
}
