// GetContacts (docs/WHMCS.md §2.4): one page of contacts, of one client (`userid` is the CLIENT id here)
// or of every client, mapped to RemoteContact.
//
// {"result":"success","totalresults":1,"startnumber":0,"numreturned":1,"contacts":{"contact":[{
//   "id":1,"userid":1,"firstname":…,"lastname":…,"companyname":…,"email":…,"address1":…,"address2":…,
//   "city":…,"state":…,"postcode":…,"country":"BR","phonenumber":…,"tax_id":…,
//   "generalemails":true,"productemails":true,"domainemails":true,"invoiceemails":true,
//   "supportemails":true,"affiliateemails":true,
//   "created_at":"0000-00-00 00:00:00","updated_at":"2024-05-02 13:14:15"}]}}
// 7.x: every value a string, the flags "1"/"0"/"", plus "subaccount":"1", "permissions":"profile,invoices",
// "password":"$2y$10$…" (a hash, never read), "pwresetkey", "pwresetexpiry". No match: no `contacts` key
// and "totalresults":"0" next to integer counts.
import { z } from 'zod'
import { RemoteContact } from '../../../shared/domain'
import type { Call, CallOptions } from './api-call'
import { contactFieldsFrom, contactTextWire } from './contact-fields'
import { count, dateTimeOrNull, flag, idLike, listOf } from './decode'
import { badResponse } from './failures'
import { permissionNames, unknownPermissionWarnings } from './permissions'
import { checkInput, paging, positiveId } from './request-checks'
import { checkPage } from './answer-fields'
import { preferenceFlags, preferencesFromFlags } from './email-preferences'

export interface GetContactsParams extends CallOptions {
  /** Only this client's contacts; all contacts when left out. */
  clientId?: number
  limitstart: number
  limitnum: number
}

export interface ContactsPage {
  /** How many contacts match in all, across pages. */
  total: number
  /** The offset of this page, as the portal echoes it. */
  start: number
  contacts: RemoteContact[]
  warnings: string[]
}

const ContactWire = z
  .looseObject({
    id: idLike,
    userid: idLike,
    ...contactTextWire,
    ...preferenceFlags,
    // 7.x sub-account fields; an 8.x answer without `subaccount` has no sub-account (null).
    subaccount: flag.optional(),
    permissions: permissionNames.optional(),
    // `password` (a hash) is deliberately not read: it must never reach our types.
    created_at: dateTimeOrNull,
    updated_at: dateTimeOrNull,
  })
  .transform((wire) => ({
    ...contactFieldsFrom(wire, preferencesFromFlags(wire)),
    remoteId: wire.id,
    clientId: wire.userid,
    subAccount: wire.subaccount === undefined ? null : { enabled: wire.subaccount, permissions: wire.permissions?.known ?? [] },
    createdAt: wire.created_at,
    updatedAt: wire.updated_at,
    // Carried to the page's warnings, then dropped.
    unknownPermissions: wire.permissions?.unknown ?? [],
  }))
  // What leaves is a RemoteContact, or the page is refused naming the field.
  .pipe(RemoteContact.extend({ unknownPermissions: z.array(z.string()) }))

const GetContactsAnswer = z.looseObject({
  totalresults: count,
  startnumber: count.optional(),
  ...listOf('contacts', 'contact', ContactWire),
})

const Input = z.object({ clientId: positiveId.optional(), ...paging })

export async function getContacts(call: Call, params: GetContactsParams): Promise<ContactsPage> {
  const { clientId, limitstart, limitnum } = checkInput(Input, params, 'contact listing')
  const { data, warnings } = await call('GetContacts', { userid: clientId, limitstart, limitnum }, GetContactsAnswer, {
    signal: params.signal,
  })
  const start = data.startnumber ?? limitstart
  checkPage('GetContacts', 'contacts', data.contacts.length, start, data.totalresults)
  const stray = data.contacts.find((contact) => clientId !== undefined && contact.clientId !== clientId)
  if (stray) {
    // A portal that ignored the filter: these contacts must not be filed under the client asked for.
    throw badResponse('GetContacts', `it lists contact ${stray.remoteId} of client ${stray.clientId} among client ${clientId}'s`)
  }
  const contacts = data.contacts.map(({ unknownPermissions: _unknown, ...contact }) => contact)
  const permissionWarnings = data.contacts.flatMap((contact) => unknownPermissionWarnings(contact.unknownPermissions, `contact ${contact.remoteId}`))
  return { total: data.totalresults, start, contacts, warnings: [...warnings, ...permissionWarnings] }
}
