// WHMCS ≤ 7.10: client-area access is the contact itself, made a sub-account (docs/WHMCS.md §2.5).
import { PERMISSIONS, type RemoteContact } from '../../../shared/domain'
import { DeskFailure } from '../../../shared/errors'
import type { PassPortal } from '../portal/pass-reads'
import type { AccessAdapter, AccessHolder, Person } from './access'
import { sameEmail } from '../../../shared/text'

type PortalCalls = Pick<PassPortal, 'getClientsDetails' | 'contactsOf' | 'updateContact'>

/** A contact's sub-account as an access holder; null when it is none. */
function subAccountOf(contact: RemoteContact): AccessHolder | null {
  if (!contact.subAccount?.enabled) return null
  return {
    kind: 'subaccount',
    contactId: contact.remoteId,
    name: `${contact.firstName} ${contact.lastName}`.trim(),
    email: contact.email,
    permissions: contact.subAccount.permissions,
  }
}

export function createV7Access(portal: PortalCalls): AccessAdapter {
  const contactsOf = (clientId: number, signal?: AbortSignal) => portal.contactsOf(clientId, { signal })

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
      const [{ client }, contacts] = await Promise.all([portal.getClientsDetails({ clientId, signal: options.signal }), contactsOf(clientId, options.signal)])
      const owner: AccessHolder = {
        kind: 'owner',
        userId: null,
        name: `${client.firstName} ${client.lastName}`.trim(),
        email: client.email,
        permissions: [...PERMISSIONS],
      }
      return [owner, ...contacts.flatMap((contact) => subAccountOf(contact) ?? [])]
    },
    async person(clientId, person, options = {}) {
      // A sub-account is the contact itself: its own listing says it all (the owner logs in as the client).
      const contact = (await contactsOf(clientId, options.signal)).find((candidate) =>
        person.contactId !== null ? candidate.remoteId === person.contactId : sameEmail(candidate.email, person.email),
      )
      return contact ? subAccountOf(contact) : null
    },
    async grant(_clientId, person, permissions, options = {}) {
      // The password goes out once, in this request's body, and is kept nowhere (docs/ARCHITECTURE.md §9.4).
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
