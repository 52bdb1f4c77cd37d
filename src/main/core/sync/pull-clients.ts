// Pull of the client list (GetClients), through the shared pager.
import type { Client } from '../../../shared/domain'
import { pullPages, type PullOptions } from './pull-pages'

export interface ClientsSource {
  getClients(params: { limitstart: number; limitnum: number; signal?: AbortSignal }): Promise<{ total: number; clients: Client[] }>
}

export function pullClients(source: ClientsSource, options: Omit<PullOptions, 'phase'>): Promise<Client[]> {
  return pullPages(
    async (page) => {
      const { total, clients } = await source.getClients(page)
      return { total, items: clients }
    },
    (client) => client.id,
    { ...options, phase: 'clients' },
  )
}
