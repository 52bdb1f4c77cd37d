// DeleteUserClient (WHMCS ≥ 8.0, docs/WHMCS.md §4): removes a user's access to one client (the user
// itself stays: there is no DeleteUser). user_id=…&client_id=… → {"result":"success"}
// Refusals (portal_error): "Invalid user id", "Invalid client id", "User is not associated with client",
// "You cannot remove the account owner".
import { z } from 'zod'
import type { Call, CallOptions } from './api-call'
import { checkInput, UserClientInput, type WriteResult } from './request-checks'

export interface DeleteUserClientParams extends CallOptions {
  userId: number
  clientId: number
}

const DeleteUserClientAnswer = z.looseObject({})

export async function deleteUserClient(call: Call, params: DeleteUserClientParams): Promise<WriteResult> {
  const { userId, clientId } = checkInput(UserClientInput, params, 'user and client')
  const { warnings } = await call('DeleteUserClient', { user_id: userId, client_id: clientId }, DeleteUserClientAnswer, {
    signal: params.signal,
  })
  return { warnings }
}
