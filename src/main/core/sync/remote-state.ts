// What the portal holds for a contact, as a ContactState: its fields, and its access as this generation
// expresses it (7.x: the sub-account on the contact; 8.x: a user with the same e-mail linked to the client).
import { contactFieldsOf, type Access, type Generation, type PortalUser, type RemoteContact } from '../../../shared/domain'
import type { Invite } from '../access/invites'
import type { ContactState } from './merge'

export const sameEmail = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase()

/** On 8.x, what is known of each client's logins: who is linked, and (once read) their permissions. */
export interface UsersView {
  users: readonly PortalUser[]
  /** Permissions read with GetUserPermissions, by `${clientId}:${userId}`; missing means not read yet. */
  permissions: ReadonlyMap<string, Access['permissions']>
  /** The invite we sent to this person for this client, if any. */
  invite(clientId: number, email: string): Pick<Invite, 'state' | 'permissions'> | null
}

export function remoteAccess(contact: RemoteContact, generation: Generation, view: UsersView | null): Access | null {
  if (generation === '7') return contact.subAccount ? { enabled: contact.subAccount.enabled, permissions: contact.subAccount.enabled ? contact.subAccount.permissions : [] } : null
  if (!view) return null
  const user = view.users.find((candidate) => sameEmail(candidate.email, contact.email) && candidate.clients.some((link) => link.clientId === contact.clientId && !link.isOwner))
  if (!user) {
    // An invite we sent is access given, from this side: it becomes a login once accepted. One whose answer
    // was lost may or may not exist: not known, so never taken for the portal's answer (the push holds its
    // entry until a person says whether to send it again, DESIGN §6).
    const invite = view.invite(contact.clientId, contact.email)
    if (invite?.state === 'pending') return { enabled: true, permissions: [...invite.permissions] }
    if (invite?.state === 'sending') return null
    return { enabled: false, permissions: [] }
  }
  const permissions = view.permissions.get(`${contact.clientId}:${user.id}`)
  return permissions ? { enabled: true, permissions: [...permissions] } : null
}

export function remoteState(contact: RemoteContact, generation: Generation, view: UsersView | null): ContactState {
  return { fields: contactFieldsOf(contact), access: remoteAccess(contact, generation, view) }
}
