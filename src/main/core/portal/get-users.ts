// GetUsers (WHMCS ≥ 8.1, docs/WHMCS.md §4): one page of logins, each with the clients it can reach.
// Unlike the other lists, `users` is a PLAIN array (no {"user":[…]} wrapper), and the owner flag is
// camelCase `isOwner` (GetClientsDetails says `is_owner`):
// {"result":"success","totalresults":1,"startnumber":0,"numreturned":1,"users":[{"id":1,"firstname":"John",
//   "lastname":"Smith","email":"john@example.com","datecreated":"2020-12-15 15:29:49","validationdata":"",
//   "clients":[{"id":1,"isOwner":true}]}]}
// The wrapped form, a single object and a missing key on an empty list are read too (decode.ts listOf).
import { z } from 'zod'
import { PortalUser } from '../../../shared/domain'
import type { Call, CallOptions } from './api-call'
import { count, dateTimeOrNull, flag, idLike, listOf, text } from './decode'
import { checkInput, paging } from './request-checks'
import { checkPage } from './answer-fields'

export interface GetUsersParams extends CallOptions {
  limitstart: number
  limitnum: number
  /** Prefix match on e-mail, first, last or full name (the portal's rule). */
  search?: string
}

export interface UsersPage {
  /** How many users match in all, across pages. */
  total: number
  /** The offset of this page, as the portal echoes it. */
  start: number
  users: PortalUser[]
  warnings: string[]
}

const UserClientWire = z.looseObject({ id: idLike, isOwner: flag.optional(), is_owner: flag.optional() }).transform((wire, ctx) => {
  const isOwner = wire.isOwner ?? wire.is_owner
  if (isOwner === undefined) {
    ctx.addIssue({ code: 'custom', message: 'the link does not say whether the user owns the client', path: ['isOwner'], input: wire })
    return z.NEVER
  }
  return { clientId: wire.id, isOwner }
})

const UserWire = z
  .looseObject({
    id: idLike,
    firstname: text,
    lastname: text,
    email: text,
    datecreated: dateTimeOrNull,
    ...listOf('clients', 'client', UserClientWire),
  })
  .transform((wire): PortalUser => ({
    id: wire.id,
    firstName: wire.firstname,
    lastName: wire.lastname,
    email: wire.email,
    createdAt: wire.datecreated,
    clients: wire.clients,
  }))
  .pipe(PortalUser)

const GetUsersAnswer = z.looseObject({
  totalresults: count,
  startnumber: count.optional(),
  ...listOf('users', 'user', UserWire),
})

const Input = z.object({ ...paging, search: z.string().optional() })

export async function getUsers(call: Call, params: GetUsersParams): Promise<UsersPage> {
  const { limitstart, limitnum, search } = checkInput(Input, params, 'user listing')
  const { data, warnings } = await call(
    'GetUsers',
    // An empty search is left out rather than sent as `search=`.
    { limitstart, limitnum, search: search || undefined },
    GetUsersAnswer,
    { signal: params.signal },
  )
  const start = data.startnumber ?? limitstart
  checkPage('GetUsers', 'users', data.users.length, start, data.totalresults)
  return { total: data.totalresults, start, users: data.users, warnings }
}
