// Each client's domains, as GetClientsDomains lists them: replaced from each pull.
import type { ClientDomain } from '../../../shared/domain'
import type { Db } from './database'

/** Makes the cache hold exactly these domains for one client (read when the client is opened). */
export function replaceDomainsOf(db: Db, clientId: number, domains: readonly ClientDomain[]): void {
  db.prepare('DELETE FROM client_domains WHERE client_id = ?').run(clientId)
  insertDomains(db, domains)
}

export function replaceDomains(db: Db, domains: readonly ClientDomain[]): void {
  db.prepare('DELETE FROM client_domains').run()
  insertDomains(db, domains)
}

function insertDomains(db: Db, domains: readonly ClientDomain[]): void {
  const insert = db.prepare('INSERT OR REPLACE INTO client_domains (id, client_id, domain, status, expiry_date, next_due) VALUES (?, ?, ?, ?, ?, ?)')
  for (const domain of domains) insert.run(domain.id, domain.clientId, domain.domain.toLowerCase(), domain.status, domain.expiryDate, domain.nextDueDate)
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
  return rows.map((row) => ({ id: row.id, clientId: row.client_id, domain: row.domain, status: row.status, expiryDate: row.expiry_date, nextDueDate: row.next_due }))
}
