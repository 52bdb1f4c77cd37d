// Reads shared within one pass (a push, or opening a client): a client's contacts (GetContacts for that client)
// and its details (GetClientsDetails: the owner's preferences and, on 8.x, who logs in) are read once and reused by
// every entry of the pass that needs them, until a write through this same client changes them or they get old.
// So a bulk change of twenty contacts of five clients reads each client twice, not each contact five times, while
// every entry still compares against what the portal held moments before its write (fetch–compare–write).
// GetUserPermissions is never reused: it is the one read each access entry makes before and after its write.
import type { RemoteContact } from '../../../shared/domain'
import type { ClientDetailsResult } from './get-clients-details'
import type { WhmcsClient } from './whmcs-client'

/** Contacts per GetContacts page when reading one client's (the most a client usually has, in one call). */
export const CLIENT_PAGE = 500
/** A read older than this is made again: a long pass must not compare against what the portal held minutes ago. */
const MAX_AGE_MS = 30_000

export type PassPortal = WhmcsClient & {
  /** Every contact of one client, in pages of CLIENT_PAGE. */
  contactsOf(clientId: number, options?: { signal?: AbortSignal }): Promise<RemoteContact[]>
  /**
   * One contact read again after a write: only the page of its client's contacts this pass listed it on (a write
   * moves no contact in the portal's order), or the whole listing where it is not found there. null: gone.
   */
  contactAgain(clientId: number, contactId: number, options?: { signal?: AbortSignal }): Promise<RemoteContact | null>
}

interface Kept<T> {
  value: Promise<T>
  at: number
}

export function passReads(portal: WhmcsClient, now: () => number = Date.now): PassPortal {
  const contacts = new Map<number, Kept<RemoteContact[]>>()
  const details = new Map<number, Kept<ClientDetailsResult>>()
  /** Where this pass listed each contact: its client, and the offset of the page of that client's listing it was on. */
  const listedAt = new Map<number, { clientId: number; limitstart: number }>()

  function kept<T>(cache: Map<number, Kept<T>>, clientId: number, read: () => Promise<T>): Promise<T> {
    const hit = cache.get(clientId)
    if (hit && now() - hit.at <= MAX_AGE_MS) return hit.value
    const value = read()
    cache.set(clientId, { value, at: now() })
    // A failed read is not kept: the next entry asks again.
    value.catch(() => {
      if (cache.get(clientId)?.value === value) cache.delete(clientId)
    })
    return value
  }

  /** After a write to a contact: its client's listing is stale (every listing, if we cannot tell whose it is). */
  function contactWritten(contactId: number): void {
    const clientId = listedAt.get(contactId)?.clientId
    if (clientId === undefined) contacts.clear()
    else contacts.delete(clientId)
  }

  async function readContacts(clientId: number, signal?: AbortSignal): Promise<RemoteContact[]> {
    const listed: RemoteContact[] = []
    for (;;) {
      const page = await portal.getContacts({ clientId, limitstart: listed.length, limitnum: CLIENT_PAGE, signal })
      listed.push(...page.contacts)
      const limitstart = listed.length - page.contacts.length
      for (const contact of page.contacts) listedAt.set(contact.remoteId, { clientId, limitstart })
      if (page.contacts.length === 0 || listed.length >= page.total) return listed
    }
  }

  const contactsOf: PassPortal['contactsOf'] = (clientId, options = {}) => kept(contacts, clientId, () => readContacts(clientId, options.signal))

  async function contactAgain(clientId: number, contactId: number, options: { signal?: AbortSignal } = {}): Promise<RemoteContact | null> {
    const limitstart = listedAt.get(contactId)?.limitstart
    if (limitstart !== undefined && !contacts.has(clientId)) {
      const page = await portal.getContacts({ clientId, limitstart, limitnum: CLIENT_PAGE, signal: options.signal })
      // A client whose contacts fit one page: that page is its whole listing, for the pass's next entries too.
      if (limitstart === 0 && page.contacts.length >= page.total) contacts.set(clientId, { value: Promise.resolve(page.contacts), at: now() })
      const found = page.contacts.find((contact) => contact.remoteId === contactId)
      if (found) return found
    }
    return (await contactsOf(clientId, options)).find((contact) => contact.remoteId === contactId) ?? null
  }

  return {
    ...portal,
    contactsOf,
    contactAgain,
    getClientsDetails: (params) => kept(details, params.clientId, () => portal.getClientsDetails(params)),
    addContact: written(portal.addContact, (params) => contacts.delete(params.clientId)),
    updateContact: written(portal.updateContact, (params) => contactWritten(params.contactId)),
    deleteContact: written(portal.deleteContact, (params) => contactWritten(params.contactId)),
    updateClient: written(portal.updateClient, (params) => details.delete(params.clientId)),
    // The client's users changed.
    deleteUserClient: written(portal.deleteUserClient, (params) => details.delete(params.clientId)),
  }
}

/** A write through the portal that, whatever it answers or throws, then forgets the reads it made stale. */
function written<P, R>(write: (params: P) => Promise<R>, stale: (params: P) => void): (params: P) => Promise<R> {
  return async (params) => {
    try {
      return await write(params)
    } finally {
      stale(params)
    }
  }
}
