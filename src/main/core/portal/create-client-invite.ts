// CreateClientInvite (WHMCS ≥ 8.0, docs/WHMCS.md §4): e-mails a one-time link (valid 7 days) that links
// a user, new or existing, to the client with these permissions once accepted.
// client_id=…&email=…&permissions=profile,invoices → {"result":"success"}
// The invite creates NO association until it is accepted, which the API cannot trigger or list: callers
// track pending invites themselves (docs/ARCHITECTURE.md §2). Refusals (portal_error): "Email is required",
// "Invalid client id", "The email address entered is not valid", "User permissions are required",
// "User already associated with client".
import { z } from 'zod'
import type { Call, CallOptions } from './api-call'
import { permissionsParam } from './permissions'
import { checkInput, positiveId, type WriteResult } from './request-checks'

export interface ClientInviteParams extends CallOptions {
  clientId: number
  email: string
  /** At least one of the 13 names; an unknown name is refused before sending. */
  permissions: readonly string[]
}

const Input = z.object({ clientId: positiveId, email: z.string().trim().min(1, 'enter an e-mail address') })

const CreateClientInviteAnswer = z.looseObject({})

export async function createClientInvite(call: Call, params: ClientInviteParams): Promise<WriteResult> {
  const { clientId, email } = checkInput(Input, params, 'invite')
  const permissions = permissionsParam(params.permissions)
  const { warnings } = await call('CreateClientInvite', { client_id: clientId, email, permissions }, CreateClientInviteAnswer, {
    signal: params.signal,
  })
  return { warnings }
}
