// Client-area access, one interface for both WHMCS generations (docs/ARCHITECTURE.md §2): the rest of the app speaks of
// a person on a client account who may log in with some permissions, and never of sub-accounts or users.
import type { Generation, Permission } from '../../../shared/domain'
import type { InviteState } from '../db/invites'

/** Who can log in to a client's area, and with which permissions. */
export type AccessHolder =
  /** The account holder: every permission, always. On 8.x the owner user; on 7.x the client itself. */
  | { kind: 'owner'; userId: number | null; name: string; email: string; permissions: Permission[] }
  /** 7.x: a contact that is a sub-account. */
  | { kind: 'subaccount'; contactId: number; name: string; email: string; permissions: Permission[] }
  /** 8.x: a user linked to the client. */
  | { kind: 'user'; userId: number; name: string; email: string; permissions: Permission[] }
  /** 8.x: an invite we sent that nobody has accepted (yet). */
  | { kind: 'invite'; email: string; permissions: Permission[]; state: Exclude<InviteState, 'accepted'>; sentAt: string }

/** A person on the account: its e-mail, and on 7.x the portal id of its contact. */
export interface Person {
  email: string
  contactId: number | null
}

/** What one person may do on one client: their login (or the owner's), an invite of ours, or nothing (null). */
export type PersonAccess = AccessHolder | null

export type GrantOutcome =
  /** 7.x: the contact is now a sub-account. */
  | { kind: 'subaccount' }
  /** 8.x: an invite went out; access starts when the person accepts it. */
  | { kind: 'invited' }
  /** 8.x: the person already had a login on this account; its permissions were set instead. */
  | { kind: 'updated' }

export interface GrantOptions {
  /** 7.x: the sub-account's password, sent once and never stored. Without it WHMCS keeps the contact's current one. */
  password?: string
  /** 8.x: send a new invite even though one is pending or its answer was lost (the staff member confirmed). */
  resendInvite?: boolean
  signal?: AbortSignal
}

export interface AccessAdapter {
  readonly generation: Generation
  /** Everyone who can log in to the client, their permissions read (8.x: one GetUserPermissions per login). */
  list(clientId: number, options?: { signal?: AbortSignal }): Promise<AccessHolder[]>
  /**
   * What this one person may do on the client, read for them alone (8.x: the client's users, then
   * GetUserPermissions for theirs only), matched by e-mail (or, for a login that is no contact, by its user id).
   */
  person(clientId: number, person: Person & { userId?: number }, options?: { signal?: AbortSignal }): Promise<PersonAccess>
  grant(clientId: number, person: Person, permissions: readonly Permission[], options?: GrantOptions): Promise<GrantOutcome>
  change(clientId: number, person: Person, permissions: readonly Permission[], options?: { signal?: AbortSignal }): Promise<void>
  revoke(clientId: number, person: Person, options?: { signal?: AbortSignal }): Promise<void>
}
