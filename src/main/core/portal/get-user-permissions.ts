// GetUserPermissions (WHMCS ≥ 8.0, docs/WHMCS.md §4): a user's permissions on one client.
// user_id=…&client_id=… → {"result":"success","permissions":…}
//
// UNDOCUMENTED PAYLOAD: the official example shows only {"result":"success"} ([unverified]; probe a real
// install). The list is read from `permissions` in every plausible shape (permissions.ts permissionNames):
// a comma string "profile,invoices" (the shape the portal takes as input), an array ["profile","invoices"],
// or the {"permission":[…]} wrapper GetPermissionsList uses (also a PHP list written as an object, or a
// map of flags). A name we do not know is dropped with a warning instead of failing the call. No
// `permissions` key at all is refused (bad_response) rather than read as "no permissions", which would
// look like the access had been revoked.
// Refusals (portal_error): "Invalid user id", "Invalid client id", "User is not associated with client"
// (also while an invite is pending).
import { z } from 'zod'
import type { Permission } from '../../../shared/domain'
import type { Call, CallOptions } from './api-call'
import { permissionNames, unknownPermissionWarnings } from './permissions'
import { checkInput, UserClientInput } from './request-checks'

export interface GetUserPermissionsParams extends CallOptions {
  userId: number
  clientId: number
}

export interface UserPermissions {
  /** In the portal's order of the 13 names. */
  permissions: Permission[]
  /** The portal's warnings, and one per permission name we do not know (dropped). */
  warnings: string[]
}

const GetUserPermissionsAnswer = z.looseObject({ permissions: permissionNames })

export async function getUserPermissions(call: Call, params: GetUserPermissionsParams): Promise<UserPermissions> {
  const { userId, clientId } = checkInput(UserClientInput, params, 'user and client')
  const { data, warnings } = await call('GetUserPermissions', { user_id: userId, client_id: clientId }, GetUserPermissionsAnswer, {
    signal: params.signal,
  })
  return {
    permissions: data.permissions.known,
    warnings: [...warnings, ...unknownPermissionWarnings(data.permissions.unknown, `user ${userId} of client ${clientId}`)],
  }
}
