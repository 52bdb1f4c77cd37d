// The 8.x user actions (docs/WHMCS.md §4): logins that reach clients with per-client permissions, the
// owner who holds them all, and invites that link nobody until the invited person accepts. Acceptance
// happens in the client area, which the API cannot do: tests trigger it through the control endpoint
// (acceptInvite below).
import { stringParam, type FormArray } from './php-form'
import { PERMISSIONS, type DemoInvite, type DemoUser, type DemoUserClient, type Permission } from './schema'
import { emailKey, type DemoStore } from './store'
import { foldCase } from './text'
import { DemoControlError, type ActionContext, type JsonObject } from './action'
import { failure, localDateTime, success } from './answer'
import { idParam, isValidEmail, paging, permissionsParam } from './request'

/** How long an invite link works (docs/WHMCS.md §4). */
export const INVITE_VALID_MS = 7 * 86_400_000

/**
 * Paged like every list, `search` a prefix of e-mail, first, last or full name (case- and
 * accent-insensitive). Unlike the other lists, `users` is a plain array (no `{"user":[…]}`) with
 * `clients:[{id,isOwner}]`, and an empty page still has `"users":[]` and integer counters (our
 * choice: this 8.1 action is built differently from the old list actions).
 */
export function getUsers(params: FormArray, context: ActionContext): JsonObject {
  const { store } = context
  const { limitstart, limitnum } = paging(params)
  const descending = stringParam(params, 'sorting')?.toUpperCase() === 'DESC'
  const search = foldCase((stringParam(params, 'search') ?? '').trim())
  const filtered = search === '' ? store.state.users : store.state.users.filter((user) => store.userSearchKeys(user).some((key) => key.startsWith(search)))
  const matches = store.inIdOrder(filtered, descending)
  const page = matches.slice(limitstart, limitstart + limitnum)
  return {
    result: 'success',
    totalresults: matches.length,
    startnumber: limitstart,
    numreturned: page.length,
    users: page.map((user) => ({
      id: user.id,
      firstname: user.firstname,
      lastname: user.lastname,
      email: user.email,
      datecreated: user.datecreated,
      validationdata: '',
      clients: user.clients.map((link) => ({ id: link.clientid, isOwner: link.owner })),
    })),
  }
}

/**
 * Records a pending invite and links nobody (docs/WHMCS.md §4, §9.14). Refuses, in this order:
 * `Email is required`, `Invalid client id`, `The email address entered is not valid`,
 * `User permissions are required` (also when every name given is unknown), `User already associated
 * with client` (a user linked to the client has that e-mail). Inviting the same address twice makes two
 * invites, as resending does.
 */
export function createClientInvite(params: FormArray, context: ActionContext): JsonObject {
  const { store } = context
  const email = (stringParam(params, 'email') ?? '').trim()
  if (email === '') return failure('Email is required')
  const client = store.client(idParam(params, 'client_id'))
  if (client === undefined) return failure('Invalid client id')
  if (!isValidEmail(email)) return failure('The email address entered is not valid')
  const permissions = permissionsParam(params.permissions)
  if (permissions.length === 0) return failure('User permissions are required')
  if (store.usersOf(client.id).some((user) => emailKey(user.email) === emailKey(email))) return failure('User already associated with client')
  store.addInvite({ clientid: client.id, email, permissions, created_at: context.now().toISOString() })
  return success()
}

/**
 * UNDOCUMENTED payload (docs/WHMCS.md §4: the docs example is `{"result":"success"}` alone). We answer
 * `{"result":"success","permissions":"profile,contacts,…"}`: a comma list in the canonical order, the
 * same shape the permissions are sent in; the owner gets all 13. Client decoders should also accept
 * an array or a `{"permission":[…]}` wrapper.
 */
export function getUserPermissions(params: FormArray, context: ActionContext): JsonObject {
  const found = userAndLink(params, context.store)
  if ('message' in found) return found
  const permissions: readonly Permission[] = found.link.owner ? PERMISSIONS : found.link.permissions
  return success({ permissions: permissions.join(',') })
}

/**
 * Refuses, in this order: `Invalid user id`, `Invalid client id`, `User is not associated with client`,
 * `Permissions cannot be set on a client owner`, `Missing permissions definition` (absent, empty, or
 * only unknown names). Replaces the link's permissions.
 */
export function updateUserPermissions(params: FormArray, context: ActionContext): JsonObject {
  const found = userAndLink(params, context.store)
  if ('message' in found) return found
  if (found.link.owner) return failure('Permissions cannot be set on a client owner')
  const permissions = permissionsParam(params.permissions)
  if (permissions.length === 0) return failure('Missing permissions definition')
  found.link.permissions = permissions
  context.store.usersChanged()
  return success()
}

/**
 * Removes a user's access to a client: `Invalid user id`, `Invalid client id`, `User is not associated
 * with client`, `You cannot remove the account owner`. The user itself stays (there is no DeleteUser).
 */
export function deleteUserClient(params: FormArray, context: ActionContext): JsonObject {
  const found = userAndLink(params, context.store)
  if ('message' in found) return found
  if (found.link.owner) return failure('You cannot remove the account owner')
  found.user.clients = found.user.clients.filter((link) => link !== found.link)
  context.store.usersChanged()
  return success()
}

function userAndLink(params: FormArray, store: DemoStore): { user: DemoUser; link: DemoUserClient } | { result: string; message: string } {
  const user = store.user(idParam(params, 'user_id'))
  if (user === undefined) return { result: 'error', message: 'Invalid user id' }
  const clientId = idParam(params, 'client_id')
  if (store.client(clientId) === undefined) return { result: 'error', message: 'Invalid client id' }
  const link = user.clients.find((candidate) => candidate.clientid === clientId)
  if (link === undefined) return { result: 'error', message: 'User is not associated with client' }
  return { user, link }
}

export interface AcceptInviteInput {
  inviteId: number
  /** Who accepts: by default the invited address; anyone with the link can accept with another one. */
  email?: string
  firstname?: string
  lastname?: string
}

export interface AcceptedInvite {
  inviteId: number
  clientId: number
  userId: number
  /** False when a user with that e-mail existed and was reused. */
  createdUser: boolean
  /** The linked user's e-mail. */
  email: string
  permissions: Permission[]
}

/**
 * What the invited person does in the client area: registers (or logs in, when a user has that e-mail)
 * and is linked to the client with the invite's permissions; the invite is then used up. Refused with
 * 404 (no such invite), 410 (older than 7 days), 400 (bad e-mail) or 409 (that user is already linked).
 */
export function acceptInvite(store: DemoStore, input: AcceptInviteInput, now: Date): AcceptedInvite {
  const invite: DemoInvite | undefined = store.invite(input.inviteId)
  if (invite === undefined) throw new DemoControlError(404, `There is no pending invite ${input.inviteId}`)
  if (now.getTime() - Date.parse(invite.created_at) > INVITE_VALID_MS) {
    throw new DemoControlError(410, `Invite ${invite.id} was sent ${invite.created_at} and has expired (invites are valid for 7 days)`)
  }
  const email = (input.email ?? invite.email).trim()
  if (!isValidEmail(email)) throw new DemoControlError(400, `"${email}" is not a valid e-mail address`)
  let user = store.userByEmail(email)
  if (user?.clients.some((link) => link.clientid === invite.clientid)) {
    throw new DemoControlError(409, 'User already associated with client')
  }
  const createdUser = user === undefined
  if (user === undefined) {
    const local = email.slice(0, email.indexOf('@'))
    user = store.addUser({
      firstname: input.firstname ?? local.charAt(0).toUpperCase() + local.slice(1),
      lastname: input.lastname ?? '',
      email,
      datecreated: localDateTime(now),
      clients: [],
    })
  }
  user.clients.push({ clientid: invite.clientid, owner: false, permissions: [...invite.permissions] })
  store.usersChanged()
  store.removeInvite(invite)
  return { inviteId: invite.id, clientId: invite.clientid, userId: user.id, createdUser, email: user.email, permissions: [...invite.permissions] }
}
