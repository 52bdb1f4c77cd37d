// UpdateClient (docs/WHMCS.md §3.3), used here only for the owner's e-mail preferences:
// clientid=…&email_preferences[general]=1&…&email_preferences[affiliate]=0 (always all six).
// Answer: {"result":"success","clientid":"1"}.
//
// Turning the owner's domain e-mails off when no contact receives them is refused by the portal with
// the client version of the ICANN message ("You must have at least one email address enabled to receive
// domain related notifications as required by ICANN. To disable domain notifications, please create an
// alternative contact that is set to receive them"). It arrives as a portal_error with the portal's
// message in params.portalMessage, like every business error.
import { z } from 'zod'
import { EmailPreferences } from '../../../shared/domain'
import type { Call, CallOptions } from './api-call'
import { idLike } from './decode'
import { checkInput, positiveId, type WriteResult } from './request-checks'
import { preferencesParam } from './email-preferences'

export interface UpdateClientParams extends CallOptions {
  clientId: number
  /** The owner's preferences: all six categories, always sent together. */
  emailPreferences: EmailPreferences
}

const UpdateClientAnswer = z.looseObject({ clientid: idLike.optional() })

export async function updateClient(call: Call, params: UpdateClientParams): Promise<WriteResult> {
  const clientId = checkInput(positiveId, params.clientId, 'client id')
  const preferences = checkInput(EmailPreferences, params.emailPreferences, 'e-mail preferences')
  const { warnings } = await call('UpdateClient', { clientid: clientId, email_preferences: preferencesParam(preferences) }, UpdateClientAnswer, {
    signal: params.signal,
  })
  return { warnings }
}
