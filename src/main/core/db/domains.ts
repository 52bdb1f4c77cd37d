// Each client's domains, as GetClientsDomains lists them: mirrored by each whole-portal pull.
import type { ClientDomain } from '../../../shared/domain'
import type { Db } from './database'
import { mirroredTable } from './mirrored-table'

export const domainTable = mirroredTable<ClientDomain>('client_domains', ['client_id', 'domain', 'status', 'expiry_date', 'next_due'], (domain) => [
  domain.clientId,
  domain.domain.toLowerCase(),
  domain.status,
  domain.expiryDate,
  domain.nextDueDate,
])
export const { apply: applyDomain, ids: domainIds, remove: removeDomain } = domainTable

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
