// UpdateUserPermissions (WHMCS ≥ 8.0, docs/WHMCS.md §4): replaces a user's permissions on one client.
// user_id=…&client_id=…&permissions=profile,invoices → {"result":"success"}
// Refusals (portal_error): "Invalid user id", "Invalid client id", "Permissions cannot be set on a client
// owner", "Missing permissions definition", "User is not associated with client".
import { z } from 'zod'
import type { Call, CallOptions } from './api-call'
import { permissionsParam } from './permissions'
import { checkInput, UserClientInput, type WriteResult } from './request-checks'

export interface UpdateUserPermissionsParams extends CallOptions {
  userId: number
  clientId: number
  /** The full new list: at least one of the 13 names; an unknown name is refused before sending. */
  permissions: readonly string[]
}

const UpdateUserPermissionsAnswer = z.looseObject({})

export async function updateUserPermissions(call: Call, params: UpdateUserPermissionsParams): Promise<WriteResult> {
  const { userId, clientId } = checkInput(UserClientInput, params, 'user and client')
  const permissions = permissionsParam(params.permissions)
  const { warnings } = await call('UpdateUserPermissions', { user_id: userId, client_id: clientId, permissions }, UpdateUserPermissionsAnswer, {
    signal: params.signal,
  })
  return { warnings }
}
