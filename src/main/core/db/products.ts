// Each client's hosting services, as GetClientsProducts lists them: mirrored by each whole-portal pull, for the
// domains they are on (the client's own, even where GetClientsDomains does not list them).
import type { ClientProduct } from '../../../shared/domain'
import type { Db } from './database'
import { mirroredTable } from './mirrored-table'

export const productTable = mirroredTable<ClientProduct>('client_products', ['client_id', 'domain', 'status', 'name'], (product) => [
  product.clientId,
  product.domain.toLowerCase(),
  product.status,
  product.name,
])

export function productsOf(db: Db, clientId: number): ClientProduct[] {
  const rows = db.prepare('SELECT id, client_id, domain, status, name FROM client_products WHERE client_id = ? ORDER BY domain, id').all(clientId) as {
    id: number
    client_id: number
    domain: string
    status: string
    name: string
  }[]
  return rows.map((row) => ({ id: row.id, clientId: row.client_id, domain: row.domain, status: row.status, name: row.name }))
}
