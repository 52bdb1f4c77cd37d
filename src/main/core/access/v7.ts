// WHMCS ≤ 7.10: client-area access is the contact itself, made a sub-account (whmcs-api.md §2.5).
import { PERMISSIONS, type RemoteContact } from '../../../shared/domain'
import { DeskFailure } from '../../../shared/errors'
import type { WhmcsClient } from '../portal/whmcs-client'
import type { AccessAdapter, AccessHolder, Person } from './access'

type PortalCalls = Pick<WhmcsClient, 'getClientsDetails' | 'getContacts' | 'updateContact'>

const PAGE = 250

export function createV7Access(portal: PortalCalls): AccessAdapter {
  async function contactsOf(clientId: number, signal?: AbortSignal): Promise<RemoteContact[]> {
    const contacts: RemoteContact[] = []
    for (;;) {
      const page = await portal.getContacts({ clientId, limitstart: contacts.length, limitnum: PAGE, signal })
      contacts.push(...page.contacts)
      if (page.contacts.length === 0 || contacts.length >= page.total) return contacts
    }
  }

  /** The person's contact: sub-accounts live on contacts, so 7.x needs one that exists on the portal. */
  function contactId(person: Person): number {
    if (person.contactId === null) {
      throw new DeskFailure('validation', 'On WHMCS 7 client-area access belongs to a contact: save the contact to the portal first.', undefined, [
        { path: 'contactId', message: 'required' },
      ])
    }
    return person.contactId
  }

  return {
    generation: '7',
    async list(clientId, options = {}) {
      const [{ client }, contacts] = await Promise.all([
        portal.getClientsDetails({ clientId, signal: options.signal }),
        contactsOf(clientId, options.signal),
      ])
      const owner: AccessHolder = {
        kind: 'owner',
        userId: null,
        name: `${client.firstName} ${client.lastName}`.trim(),
        email: client.email,
        permissions: [...PERMISSIONS],
      }
      const subAccounts = contacts
        .filter((contact) => contact.subAccount?.enabled)
        .map(
          (contact): AccessHolder => ({
            kind: 'subaccount',
            contactId: contact.remoteId,
            name: `${contact.firstName} ${contact.lastName}`.trim(),
            email: contact.email,
            permissions: contact.subAccount?.permissions ?? [],
          }),
        )
      return [owner, ...subAccounts]
    },
    async grant(_clientId, person, permissions, options = {}) {
      // The password goes out once, in this request's body, and is kept nowhere (DESIGN §6).
      await portal.updateContact({
        contactId: contactId(person),
        changes: {},
        subAccount: { enabled: true, permissions: [...permissions], ...(options.password ? { password: options.password } : {}) },
        signal: options.signal,
      })
      return { kind: 'subaccount' }
    },
    async change(_clientId, person, permissions, options = {}) {
      await portal.updateContact({
        contactId: contactId(person),
        changes: {},
        subAccount: { enabled: true, permissions: [...permissions] },
        signal: options.signal,
      })
    },
    async revoke(_clientId, person, options = {}) {
      await portal.updateContact({ contactId: contactId(person), changes: {}, subAccount: { enabled: false }, signal: options.signal })
    },
  }
}
