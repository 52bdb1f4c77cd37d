// DeleteContact (docs/WHMCS.md §2.3): contactid=… → {"result":"success","contactid":"1"}. Permanent.
// "Contact ID Not Found" is a portal_error (the caller decides whether "already gone" is fine).
import { z } from 'zod'
import type { Call, CallOptions } from './api-call'
import { idLike } from './decode'
import { checkInput, positiveId, type WriteResult } from './request-checks'

export interface DeleteContactParams extends CallOptions {
  contactId: number
}

const DeleteContactAnswer = z.looseObject({ contactid: idLike.optional() })

export async function deleteContact(call: Call, params: DeleteContactParams): Promise<WriteResult> {
  const contactId = checkInput(positiveId, params.contactId, 'contact id')
  const { warnings } = await call('DeleteContact', { contactid: contactId }, DeleteContactAnswer, { signal: params.signal })
  return { warnings }
}
