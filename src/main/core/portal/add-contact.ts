// AddContact (docs/WHMCS.md §2.1): a new contact on a client.
// clientid=…&firstname=…&lastname=…&companyname=…&email=…&address1=…&address2=…&city=…&state=…
//   &postcode=…&country=BR&phonenumber=…&tax_id=…&email_preferences[general]=1…[affiliate]=0
//   (7.x sub-account only:) &password2=…&permissions=profile,invoices
// Answer: {"result":"success","contactid":"1"} (the id is a string in real answers).
// On 8.x, sub-account fields are not rejected but answered with the warning "Sub Accounts are no longer
// supported. Please use AddUser and CreateClientInvite", which is passed on.
import { z } from 'zod'
import { ContactFields } from '../../../shared/domain'
import type { Call, CallOptions } from './api-call'
import { contactParams } from './contact-fields'
import { idLike } from './decode'
import { permissionsParam } from './permissions'
import { checkInput, positiveId, withoutPassword } from './request-checks'

export interface NewSubAccount {
  /** Sent only in the request body as `password2`; never logged, stored or echoed back. */
  password: string
  permissions: readonly string[]
}

export interface AddContactParams extends CallOptions {
  clientId: number
  fields: ContactFields
  /** WHMCS ≤ 7.10 only: the contact may also log in to the client area with these permissions. */
  subAccount?: NewSubAccount
}

export interface AddedContact {
  contactId: number
  warnings: string[]
}

const Input = z.object({
  clientId: positiveId,
  fields: ContactFields,
  subAccount: z.object({ password: z.string().min(1), permissions: z.array(z.string()) }).optional(),
})

const AddContactAnswer = z.looseObject({ contactid: idLike })

export async function addContact(call: Call, params: AddContactParams): Promise<AddedContact> {
  const { clientId, fields, subAccount } = checkInput(Input, params, 'new contact')
  const subAccountParams = subAccount
    ? {
        password2: subAccount.password,
        permissions: permissionsParam(subAccount.permissions, { field: 'subAccount.permissions', allowEmpty: true }),
      }
    : {}
  return withoutPassword(subAccount?.password, async () => {
    const { data, warnings } = await call('AddContact', { clientid: clientId, ...contactParams(fields), ...subAccountParams }, AddContactAnswer, {
      signal: params.signal,
    })
    return { contactId: data.contactid, warnings }
  })
}
