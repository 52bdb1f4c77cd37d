// "Who gets what" as rows: the owner, every contact (with its login, when it has one: a 7.x sub-account
// is the contact itself; an 8.x user or invite is matched by contactLocalId), then every login that is
// no contact. One row per person, whatever the portal generation.
import type { ClientView, Login } from '../../../../shared/contract'
import type { Contact, EmailPreferences, Permission, SyncBadge } from '../../../../shared/domain'

export type PersonAccess =
  /** The account owner: every permission, always. */
  | { kind: 'owner' }
  | { kind: 'none' }
  /** Not read from the portal yet (8.x permissions are read when the client is opened online). */
  | { kind: 'unknown' }
  | { kind: 'enabled'; permissions: Permission[] }

/**
 * Where a person's client-area login stands:
 * queued — granted here, not sent yet (8.x: the invite leaves at the next sync; 7.x: the sub-account is switched on);
 * pending / expired / sending — an 8.x invite (sending: the portal never confirmed it);
 * active — they can log in (an 8.x user, a 7.x sub-account).
 */
export type LoginState = 'queued' | 'pending' | 'expired' | 'sending' | 'active' | null

export interface Person {
  key: string
  role: 'owner' | 'contact' | 'login'
  name: string
  email: string
  contact: Contact | null
  login: Login | null
  /** null: not known (the owner's preferences before the first online read); logins that are no contact get no e-mail. */
  emailPreferences: EmailPreferences | null
  access: PersonAccess
  loginState: LoginState
  sync: SyncBadge
}

export const fullName = (first: string, last: string): string => `${first} ${last}`.trim()

function contactAccess(contact: Contact, login: Login | null, loginsKnown: boolean): PersonAccess {
  if (contact.access) return contact.access.enabled ? { kind: 'enabled', permissions: contact.access.permissions } : { kind: 'none' }
  if (login) return { kind: 'enabled', permissions: login.permissions }
  return loginsKnown ? { kind: 'none' } : { kind: 'unknown' }
}

function loginStateOf(access: PersonAccess, login: Login | null, waiting: boolean): LoginState {
  if (access.kind !== 'enabled') return null
  if (login?.kind === 'invite') return login.inviteState ?? 'pending'
  if (login) return 'active'
  // No login on the portal yet: a grant waiting in the outbox, or (7.x) the contact itself is the login.
  return waiting ? 'queued' : 'active'
}

export function peopleOf(view: ClientView): Person[] {
  const { client } = view
  const logins = view.logins ?? []
  const loginsKnown = view.logins !== null
  const people: Person[] = [
    {
      key: `owner:${client.id}`,
      role: 'owner',
      name: fullName(client.firstName, client.lastName) || client.companyName,
      email: client.email,
      contact: null,
      login: logins.find((login) => login.kind === 'owner') ?? null,
      emailPreferences: view.ownerEmailPreferences,
      access: { kind: 'owner' },
      loginState: null,
      sync: view.ownerSync,
    },
  ]
  const matched = new Set<Login>()
  for (const contact of view.contacts) {
    const login = logins.find((each) => each.kind !== 'owner' && each.contactLocalId === contact.localId) ?? null
    if (login) matched.add(login)
    const access = contactAccess(contact, login, loginsKnown)
    const state = loginStateOf(access, login, contact.sync !== 'synced')
    people.push({
      key: `contact:${contact.localId}`,
      role: 'contact',
      name: fullName(contact.firstName, contact.lastName) || contact.companyName || contact.email,
      email: contact.email,
      contact,
      login,
      emailPreferences: contact.emailPreferences,
      access,
      loginState: state,
      sync: contact.sync,
    })
  }
  for (const login of logins) {
    if (login.kind === 'owner' || matched.has(login)) continue
    const access: PersonAccess = login.removing ? { kind: 'none' } : { kind: 'enabled', permissions: login.permissions }
    people.push({
      key: `login:${login.kind}:${login.email}`,
      role: 'login',
      name: login.name || login.email,
      email: login.email,
      contact: null,
      login,
      emailPreferences: null,
      access,
      loginState: loginStateOf(access, login, false),
      sync: login.sync,
    })
  }
  return people
}

/** The permissions a person holds, for "copy from" (the owner holds all of them). */
export function permissionsOf(person: Person, all: readonly Permission[]): Permission[] | null {
  if (person.access.kind === 'owner') return [...all]
  if (person.access.kind === 'enabled') return person.access.permissions
  return null
}
