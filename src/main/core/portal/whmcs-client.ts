// The portal client the rest of the core uses. Each action is a module with its own schema
// (get-clients.ts, whmcs-details.ts, …) and a method here; `call` is open for the ones not wrapped yet.
import { createApiCall, type Call, type CallOptions } from './api-call'
import { getClients, type ClientsPage, type GetClientsParams } from './get-clients'
import type { HttpTransport } from './transport'
import { resolveApiUrl } from './url'
import { whmcsDetails, type WhmcsDetails } from './whmcs-details'

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
  }
}
