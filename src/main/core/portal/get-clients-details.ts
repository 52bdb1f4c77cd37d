// GetClientsDetails (docs/WHMCS.md §3.2): the owner's own details (address, tax id, e-mail preferences)
// and, on 8.x, the users linked to the client.
//
// Read from the `client` object; the same data is repeated at the top level of the answer ("deprecated
// and may be removed"), which is the fallback for every key the `client` object lacks (and all there is
// when a portal sends no `client` object).
//
// 8.x: {"result":"success","client":{"id":1,"client_id":1,"owner_user_id":1,"firstname":…,"status":"Active",
//   "countrycode":"BR","tax_id":"…","email_preferences":{"general":"1",…,"affiliate":"0"},
//   "overideduenotices":false, "users":{"user":[{"id":1,"name":"…","email":"…","is_owner":true}]}, …}, "id":1, …}
// 7.x: every scalar a string, false as "", and no `users`.
import { z } from 'zod'
import { ClientDetails, type ClientUser } from '../../../shared/domain'
import type { Call, CallOptions } from './api-call'
import { dateOrNull, flag, idLike, listOf, text } from './decode'
import { badResponse } from './failures'
import { checkInput, positiveId } from './request-checks'
import { clientStatus, groupId } from './answer-fields'
import { preferencesObject } from './email-preferences'

export interface GetClientsDetailsParams extends CallOptions {
  clientId: number
}

export interface ClientDetailsResult {
  client: ClientDetails
  warnings: string[]
}

const UserWire = z.looseObject({
  id: idLike,
  name: text,
  // Not in the documented shape; read in case a portal splits the name.
  firstname: text,
  lastname: text,
  email: text,
  is_owner: flag.optional(),
  isOwner: flag.optional(),
})

const ClientWire = z.looseObject({
  id: idLike,
  // Only a fallback for `is_owner`; none (absent, "", 0, null) is simply not used.
  owner_user_id: z.preprocess((value) => (value === '' || value === 0 || value === '0' || value === null ? undefined : value), idLike.optional()),
  firstname: text,
  lastname: text,
  companyname: text,
  email: text,
  status: clientStatus,
  datecreated: dateOrNull,
  groupid: groupId,
  address1: text,
  address2: text,
  city: text,
  state: text,
  postcode: text,
  countrycode: text,
  country: text,
  phonenumber: text,
  tax_id: text,
  email_preferences: preferencesObject,
  // A yes/no as `flag` reads it (false, "" on 7.x); absent is not known, anything else refuses the answer.
  overideduenotices: flag.optional(),
  // Absent (7.x) is null; present but empty is an empty list.
  users: listOf('users', 'user', UserWire).users.nullable().optional(),
})

/** The `client` object over the top-level copy, and the id under whichever name the portal used. */
function clientSource(answer: unknown): unknown {
  if (typeof answer !== 'object' || answer === null) return answer
  const top = answer as Record<string, unknown>
  const inner = top.client
  const merged: Record<string, unknown> =
    typeof inner === 'object' && inner !== null && !Array.isArray(inner) ? { ...top, ...(inner as Record<string, unknown>) } : { ...top }
  if (merged.id === undefined) merged.id = merged.client_id ?? merged.userid
  return merged
}

const GetClientsDetailsAnswer = z
  .preprocess(clientSource, ClientWire)
  .transform((wire, ctx): ClientDetails => {
    const users = wire.users == null ? null : wire.users.map((user, index) => toUser(user, index))
    return {
      id: wire.id,
      firstName: wire.firstname,
      lastName: wire.lastname,
      companyName: wire.companyname,
      email: wire.email,
      status: wire.status,
      createdOn: wire.datecreated,
      groupId: wire.groupid,
      address1: wire.address1,
      address2: wire.address2,
      city: wire.city,
      state: wire.state,
      postcode: wire.postcode,
      country: (wire.countrycode || wire.country).trim().toUpperCase(),
      phoneNumber: wire.phonenumber,
      taxId: wire.tax_id,
      emailPreferences: {
        general: wire.email_preferences.general,
        product: wire.email_preferences.product,
        domain: wire.email_preferences.domain,
        invoice: wire.email_preferences.invoice,
        support: wire.email_preferences.support,
        affiliate: wire.email_preferences.affiliate,
      },
      overdueNoticesOff: wire.overideduenotices ?? null,
      users,
    }

    function toUser(user: z.output<typeof UserWire>, index: number): ClientUser {
      // `is_owner` as documented; `isOwner` as GetUsers spells it; else the client's owner_user_id.
      const isOwner = user.is_owner ?? user.isOwner ?? (wire.owner_user_id === undefined ? undefined : user.id === wire.owner_user_id)
      if (isOwner === undefined) {
        ctx.addIssue({ code: 'custom', message: 'the user does not say whether it owns the client', path: ['users', index, 'is_owner'], input: user })
      }
      const name = user.name.trim() !== '' ? user.name : `${user.firstname} ${user.lastname}`.trim()
      return { userId: user.id, name, email: user.email, isOwner: isOwner ?? false }
    }
  })
  .pipe(ClientDetails)

export async function getClientsDetails(call: Call, params: GetClientsDetailsParams): Promise<ClientDetailsResult> {
  const clientId = checkInput(positiveId, params.clientId, 'client id')
  const { data, warnings } = await call('GetClientsDetails', { clientid: clientId }, GetClientsDetailsAnswer, { signal: params.signal })
  if (data.id !== clientId) {
    // Never store one client's preferences or users under another's id.
    throw badResponse('GetClientsDetails', `it describes client ${data.id} although client ${clientId} was asked for`)
  }
  return { client: data, warnings }
}
