// Pull of every client's domains (GetClientsDomains without clientid), so a search by domain finds any
// client, not only the ones opened once.
import type { ClientDomain } from '../../../shared/domain'
import { DeskFailure } from '../../../shared/errors'
import { pullPages, type PullOptions } from './pull-pages'

export interface DomainsSource {
  getClientsDomains(params: { limitstart: number; limitnum: number; signal?: AbortSignal }): Promise<{ total: number; domains: ClientDomain[] }>
}

/**
 * Every domain the portal lists; null when the API role does not allow GetClientsDomains. Domains only help
 * search, so such a portal still syncs its contacts (the cache keeps the domains it read when clients were
 * opened) instead of the whole sync being refused.
 */
export async function pullDomains(source: DomainsSource, options: Omit<PullOptions, 'phase'>): Promise<ClientDomain[] | null> {
  try {
    return await pullPages(
      async (page) => {
        const { total, domains } = await source.getClientsDomains(page)
        return { total, items: domains }
      },
      (domain) => domain.id,
      { ...options, phase: 'domains' },
    )
  } catch (error) {
    if (error instanceof DeskFailure && error.code === 'permission_denied') return null
    throw error
  }
}
