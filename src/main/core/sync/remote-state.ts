// What the portal holds for a contact, as a ContactState: its fields, and its access as this generation
// expresses it (7.x: the sub-account on the contact; 8.x: a user with the same e-mail linked to the client).
import { contactFieldsOf, type Access, type Generation, type Permission, type RemoteContact } from '../../../shared/domain'
import type { Invite, InviteStore } from '../db/invites'
import type { Db } from '../db/database'
import { loginOn, permissionsOn } from '../db/users'
import type { ContactState } from '../../../shared/record-keys'

/** On 8.x, what is known of a client's logins: each looked up by e-mail, never by scanning them all. */
export interface UsersView {
  /** The login with this e-mail linked to the client (not as its owner), with its permissions once read (null: not yet). */
  login(clientId: number, email: string): { userId: number; permissions: readonly Permission[] | null } | null
  /** The invite we sent to this person for this client, if any. */
  invite(clientId: number, email: string): Pick<Invite, 'state' | 'permissions'> | null
}

/** The logins as the cache holds them (GetUsers, and the permissions read so far): what a pull judges contacts by. */
export function cachedUsersView(db: Db, invites: InviteStore): UsersView {
  return {
    login(clientId, email) {
      const user = loginOn(db, clientId, email)
      return user ? { userId: user.id, permissions: permissionsOn(db, clientId, user.id) } : null
    },
    invite: (clientId, email) => invites.find(clientId, email),
  }
}

export function remoteAccess(contact: RemoteContact, generation: Generation, view: UsersView | null): Access | null {
  if (generation === '7')
    return contact.subAccount ? { enabled: contact.subAccount.enabled, permissions: contact.subAccount.enabled ? contact.subAccount.permissions : [] } : null
  if (!view) return null
  const login = view.login(contact.clientId, contact.email)
  if (!login) {
    // An invite we sent is access given, from this side: it becomes a login once accepted. One whose answer
    // was lost may or may not exist: not known, so never taken for the portal's answer (the push holds its
    // entry until a person says whether to send it again, docs/ARCHITECTURE.md §8.5).
    const invite = view.invite(contact.clientId, contact.email)
    if (invite?.state === 'pending') return { enabled: true, permissions: [...invite.permissions] }
    if (invite?.state === 'sending') return null
    return { enabled: false, permissions: [] }
  }
  return login.permissions ? { enabled: true, permissions: [...login.permissions] } : null
}

export function remoteState(contact: RemoteContact, generation: Generation, view: UsersView | null): ContactState {
  return { fields: contactFieldsOf(contact), access: remoteAccess(contact, generation, view) }
}
