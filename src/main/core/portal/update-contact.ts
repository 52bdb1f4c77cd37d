// UpdateContact (docs/WHMCS.md §2.2): only the fields that changed.
// contactid=…&<changed fields under their wire names>[&email_preferences[general]=1…[affiliate]=0]
//   (7.x sub-account only:) [&subaccount=1|0][&password2=…][&permissions=profile,invoices]
// Answer: {"result":"success","contactid":"1"}.
// Refusals worth knowing: "Contact ID Not Found", "Duplicate Email Address", and the contact version of
// the ICANN message ("…To disable domain notifications, please enable domain notifications for the
// primary account holder or another contact"), each a portal_error with the portal's words.
// On 8.x, sub-account fields are answered with the warning "Sub Accounts are no longer supported.
// Please use UpdateUser", which is passed on.
import { z } from 'zod'
import { ContactFields } from '../../../shared/domain'
import type { Call, CallOptions } from './api-call'
import { contactParams } from './contact-fields'
import { idLike } from './decode'
import { badResponse } from './failures'
import { permissionsParam } from './permissions'
import { checkInput, positiveId, withoutPassword } from './request-checks'

export interface SubAccountChange {
  /** `subaccount=1|0`: whether the contact may log in to the client area. */
  enabled: boolean
  /** A new password (`password2`), only with `enabled`; never logged, stored or echoed back. */
  password?: string
  /** The full new list (`permissions`), only with `enabled`. */
  permissions?: readonly string[]
}

export interface UpdateContactParams extends CallOptions {
  contactId: number
  /** Only what changed. `emailPreferences`, when present, is sent whole (all six). */
  changes: Partial<ContactFields>
  /** WHMCS ≤ 7.10 only. */
  subAccount?: SubAccountChange
}

export interface UpdatedContact {
  contactId: number
  warnings: string[]
}

const Input = z
  .object({
    contactId: positiveId,
    changes: ContactFields.partial(),
    subAccount: z
      .object({ enabled: z.boolean(), password: z.string().min(1).optional(), permissions: z.array(z.string()).optional() })
      .refine((change) => change.enabled || (change.password === undefined && change.permissions === undefined), {
        message: 'a password or permissions can only be given to a contact that may log in',
      })
      .optional(),
  })
  .refine((input) => input.subAccount !== undefined || Object.values(input.changes).some((value) => value !== undefined), {
    message: 'nothing to change',
    path: ['changes'],
  })

const UpdateContactAnswer = z.looseObject({ contactid: idLike.optional() })

export async function updateContact(call: Call, params: UpdateContactParams): Promise<UpdatedContact> {
  const { contactId, changes, subAccount } = checkInput(Input, params, 'contact change')
  const subAccountParams = subAccount
    ? {
        subaccount: subAccount.enabled,
        password2: subAccount.password,
        permissions: subAccount.permissions && permissionsParam(subAccount.permissions, { field: 'subAccount.permissions', allowEmpty: true }),
      }
    : {}
  return withoutPassword(subAccount?.password, async () => {
    const { data, warnings } = await call(
      'UpdateContact',
      // `tax_id` is not listed for UpdateContact in the docs although AddContact takes it and the
      // ContactEdit hook reports it (docs/WHMCS.md §2.2, [unverified]): sent anyway, like every changed field.
      { contactid: contactId, ...contactParams(changes), ...subAccountParams },
      UpdateContactAnswer,
      { signal: params.signal },
    )
    if (data.contactid !== undefined && data.contactid !== contactId) {
      throw badResponse('UpdateContact', `it reports contact ${data.contactid} updated although contact ${contactId} was sent`)
    }
    return { contactId, warnings }
  })
}
