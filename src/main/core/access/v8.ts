// WHMCS ≥ 8: contacts cannot log in; access is a User linked to the client with per-client permissions,
// reached through an invite the person must accept (docs/WHMCS.md §4). The API cannot list invites, so
// the ones we send are remembered in the InviteStore, and one whose answer was lost is never re-sent unasked.
import { PERMISSIONS, type ClientUser } from '../../../shared/domain'
import { DeskFailure, REFUSED_CODES } from '../../../shared/errors'
import { sameEmail } from '../../../shared/text'
import { mapWithConcurrency } from '../sync/concurrency'
import type { WhmcsClient } from '../portal/whmcs-client'
import type { AccessAdapter, AccessHolder, Person } from './access'
import { INVITE_LIFETIME_MS, type InviteStore } from '../db/invites'

/** Give it a pass's reads (portal/pass-reads.ts) and each client's users are read once per pass, not per person. */
type PortalCalls = Pick<WhmcsClient, 'getClientsDetails' | 'getUserPermissions' | 'createClientInvite' | 'updateUserPermissions' | 'deleteUserClient'>

/** GetUserPermissions calls in flight while listing one client's users. */
const PERMISSION_LOOKUPS = 3

/** Failures after which the invite surely did not go out; any other may have been applied before the answer was lost. */
function certainlyNotSent(error: unknown): boolean {
  return error instanceof DeskFailure && (error.code === 'portal_error' || error.code === 'validation' || REFUSED_CODES.includes(error.code))
}

export function createV8Access(portal: PortalCalls, invites: InviteStore, now: () => Date = () => new Date()): AccessAdapter {
  async function linkedUsers(clientId: number, signal?: AbortSignal): Promise<ClientUser[]> {
    const { client } = await portal.getClientsDetails({ clientId, signal })
    return client.users ?? []
  }

  /** The person's login on this client, matched by e-mail (docs/ARCHITECTURE.md §2); the owner cannot be changed. */
  async function userOf(clientId: number, person: Person, signal?: AbortSignal): Promise<ClientUser | null> {
    const user = (await linkedUsers(clientId, signal)).find((candidate) => sameEmail(candidate.email, person.email)) ?? null
    if (user?.isOwner) throw new DeskFailure('owner_locked', 'The account owner always has every permission and cannot be changed or removed.')
    return user
  }

  function outstanding(clientId: number, email: string): DeskFailure {
    const invite = invites.find(clientId, email)
    const state = invite?.state === 'sending' ? 'was sent but the portal never confirmed it' : 'is still waiting to be accepted'
    return new DeskFailure(
      'invite_outstanding',
      `An invite to ${email} for this account ${state}. Sending another e-mails the person again; confirm before resending.`,
      { email },
    )
  }

  return {
    generation: '8',
    async list(clientId, options = {}) {
      const users = await linkedUsers(clientId, options.signal)
      const holders = await mapWithConcurrency(users, PERMISSION_LOOKUPS, async (user): Promise<AccessHolder> => {
        if (user.isOwner) return { kind: 'owner', userId: user.userId, name: user.name, email: user.email, permissions: [...PERMISSIONS] }
        const { permissions } = await portal.getUserPermissions({ userId: user.userId, clientId, signal: options.signal })
        return { kind: 'user', userId: user.userId, name: user.name, email: user.email, permissions }
      })
      // An invite is accepted once a user with its e-mail is linked to the client.
      for (const invite of invites.list(clientId)) {
        const user = users.find((candidate) => sameEmail(candidate.email, invite.email))
        if (user && invite.state !== 'accepted') invites.accepted(clientId, invite.email, user.userId)
        if (user || invite.state === 'accepted') continue
        holders.push({ kind: 'invite', email: invite.email, permissions: invite.permissions, state: invite.state, sentAt: invite.sentAt })
      }
      return holders
    },
    async person(clientId, person, options = {}) {
      const users = await linkedUsers(clientId, options.signal)
      const user = users.find((candidate) => (person.userId !== undefined ? candidate.userId === person.userId : sameEmail(candidate.email, person.email)))
      if (user?.isOwner) return { kind: 'owner', userId: user.userId, name: user.name, email: user.email, permissions: [...PERMISSIONS] }
      if (user) {
        const invited = invites.find(clientId, user.email)
        if (invited && invited.state !== 'accepted') invites.accepted(clientId, invited.email, user.userId)
        const { permissions } = await portal.getUserPermissions({ userId: user.userId, clientId, signal: options.signal })
        return { kind: 'user', userId: user.userId, name: user.name, email: user.email, permissions }
      }
      const invite = invites.find(clientId, person.email)
      if (!invite || invite.state === 'accepted') return null
      return { kind: 'invite', email: invite.email, permissions: invite.permissions, state: invite.state, sentAt: invite.sentAt }
    },
    async grant(clientId, person, permissions, options = {}) {
      const user = await userOf(clientId, person, options.signal)
      if (user) {
        await portal.updateUserPermissions({ userId: user.userId, clientId, permissions: [...permissions], signal: options.signal })
        return { kind: 'updated' }
      }
      const previous = invites.find(clientId, person.email)
      if (previous && previous.state !== 'accepted' && previous.state !== 'expired' && !options.resendInvite) {
        throw outstanding(clientId, person.email)
      }
      invites.sending(clientId, person.email, permissions, now())
      try {
        await portal.createClientInvite({ clientId, email: person.email, permissions: [...permissions], signal: options.signal })
      } catch (error) {
        if (certainlyNotSent(error)) invites.forget(clientId, person.email)
        throw error
      }
      invites.sent(clientId, person.email)
      return { kind: 'invited' }
    },
    async change(clientId, person, permissions, options = {}) {
      const user = await userOf(clientId, person, options.signal)
      if (!user) throw outstandingOrMissing(clientId, person.email)
      await portal.updateUserPermissions({ userId: user.userId, clientId, permissions: [...permissions], signal: options.signal })
    },
    async revoke(clientId, person, options = {}) {
      const user = await userOf(clientId, person, options.signal)
      if (!user) throw outstandingOrMissing(clientId, person.email)
      await portal.deleteUserClient({ userId: user.userId, clientId, signal: options.signal })
    },
  }

  /** No login to change: only an invite (which the API can neither change nor cancel), or nothing at all. */
  function outstandingOrMissing(clientId: number, email: string): DeskFailure {
    const invite = invites.find(clientId, email)
    if (invite?.state === 'pending' || invite?.state === 'sending') {
      const expiresOn = new Date(Date.parse(invite.sentAt) + INVITE_LIFETIME_MS).toISOString()
      return new DeskFailure(
        'invite_outstanding',
        `${email} has not accepted the invite to this account yet, and WHMCS cannot change or cancel an invite through its API. The invite expires on ${expiresOn.slice(0, 10)}.`,
        { email, expiresOn },
      )
    }
    return new DeskFailure('not_found', `Nobody with the e-mail ${email} can log in to this account.`, { email })
  }
}
