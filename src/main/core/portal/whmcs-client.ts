// The portal client the rest of the core uses. Each action is a module with its own wire schema
// (get-clients.ts, get-contacts.ts, …) and a typed method here; `call` stays open for anything else.
// Every method rejects only with a DeskFailure (or, when cancelled, the caller's abort reason), and
// checks its own input first: a refused input is a `validation` DeskFailure and nothing is sent.
import { addContact, type AddContactParams, type AddedContact } from './add-contact'
import { createApiCall, type Call, type CallOptions } from './api-call'
import { createClientInvite, type ClientInviteParams } from './create-client-invite'
import { deleteContact, type DeleteContactParams } from './delete-contact'
import { deleteUserClient, type DeleteUserClientParams } from './delete-user-client'
import { getClients, type ClientsPage, type GetClientsParams } from './get-clients'
import { getClientsDetails, type ClientDetailsResult, type GetClientsDetailsParams } from './get-clients-details'
import { getClientsDomains, type DomainsPage, type GetClientsDomainsParams } from './get-clients-domains'
import { getClientsProducts, type GetClientsProductsParams, type ProductsPage } from './get-clients-products'
import { getContacts, type ContactsPage, type GetContactsParams } from './get-contacts'
import { getEmails, type EmailsPage, type GetEmailsParams } from './get-emails'
import { getUserPermissions, type GetUserPermissionsParams, type UserPermissions } from './get-user-permissions'
import { getUsers, type GetUsersParams, type UsersPage } from './get-users'
import type { HttpTransport } from './transport'
import { updateClient, type UpdateClientParams } from './update-client'
import { updateContact, type UpdateContactParams, type UpdatedContact } from './update-contact'
import { updateUserPermissions, type UpdateUserPermissionsParams } from './update-user-permissions'
import { logActivity, type LogActivityParams } from './log-activity'
import { resolveApiUrl } from './url'
import { whmcsDetails, type WhmcsDetails } from './whmcs-details'
import type { WriteResult } from './request-checks'

export interface WhmcsClientConfig {
  /** A base URL or the api.php URL; resolved (and refused if insecure) here too. */
  apiUrl: string
  identifier: string
  secret: string
  transport: HttpTransport
  /** Per request, including reading the answer. Default 30 s. */
  timeoutMs?: number
}

export interface WhmcsClient {
  /** The normalized …/includes/api.php. */
  readonly apiUrl: string
  call: Call
  whmcsDetails(options?: CallOptions): Promise<WhmcsDetails>
  getClients(params: GetClientsParams): Promise<ClientsPage>
  /** The owner's details and e-mail preferences; on 8.x also the client's users (null on 7.x). */
  getClientsDetails(params: GetClientsDetailsParams): Promise<ClientDetailsResult>
  /** The owner's e-mail preferences (all six, always). */
  updateClient(params: UpdateClientParams): Promise<WriteResult>
  getContacts(params: GetContactsParams): Promise<ContactsPage>
  addContact(params: AddContactParams): Promise<AddedContact>
  updateContact(params: UpdateContactParams): Promise<UpdatedContact>
  deleteContact(params: DeleteContactParams): Promise<WriteResult>
  /** WHMCS ≥ 8.1. */
  getUsers(params: GetUsersParams): Promise<UsersPage>
  /** WHMCS ≥ 8.0. */
  createClientInvite(params: ClientInviteParams): Promise<WriteResult>
  /** WHMCS ≥ 8.0; the answer's shape is undocumented (see get-user-permissions.ts). */
  getUserPermissions(params: GetUserPermissionsParams): Promise<UserPermissions>
  /** WHMCS ≥ 8.0. */
  updateUserPermissions(params: UpdateUserPermissionsParams): Promise<WriteResult>
  /** WHMCS ≥ 8.0. */
  deleteUserClient(params: DeleteUserClientParams): Promise<WriteResult>
  getClientsDomains(params: GetClientsDomainsParams): Promise<DomainsPage>
  /** Hosting services, for their domains. */
  getClientsProducts(params: GetClientsProductsParams): Promise<ProductsPage>
  /** Appends one line to the portal's activity log (the API role must allow it). */
  logActivity(params: LogActivityParams): Promise<WriteResult>
  /** A client's e-mail log, newest first, without the bodies. */
  getEmails(params: GetEmailsParams): Promise<EmailsPage>
}

export const DEFAULT_TIMEOUT_MS = 30_000

/** Throws DeskFailure `insecure_url` / `validation` for an address that must not be used. */
export function createWhmcsClient(config: WhmcsClientConfig): WhmcsClient {
  // Resolved again so that no caller can send the secret over plain http to another machine.
  const apiUrl = resolveApiUrl(config.apiUrl)
  const call = createApiCall({
    apiUrl,
    identifier: config.identifier,
    secret: config.secret,
    transport: config.transport,
    timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  })
  return {
    apiUrl,
    call,
    whmcsDetails: (options) => whmcsDetails(call, options),
    getClients: (params) => getClients(call, params),
    getClientsDetails: (params) => getClientsDetails(call, params),
    updateClient: (params) => updateClient(call, params),
    getContacts: (params) => getContacts(call, params),
    addContact: (params) => addContact(call, params),
    updateContact: (params) => updateContact(call, params),
    deleteContact: (params) => deleteContact(call, params),
    getUsers: (params) => getUsers(call, params),
    createClientInvite: (params) => createClientInvite(call, params),
    getUserPermissions: (params) => getUserPermissions(call, params),
    updateUserPermissions: (params) => updateUserPermissions(call, params),
    deleteUserClient: (params) => deleteUserClient(call, params),
    getClientsDomains: (params) => getClientsDomains(call, params),
    getClientsProducts: (params) => getClientsProducts(call, params),
    logActivity: (params) => logActivity(call, params),
    getEmails: (params) => getEmails(call, params),
  }
}
