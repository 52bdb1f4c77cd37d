// One WHMCS API call: encode, POST through the injected transport with a deadline, read the envelope,
// check the answer against the action's schema. Every failure leaves as a DeskFailure (see failures.ts),
// except a cancellation by the caller, which rethrows the caller's abort reason as fetch does.
import type { z } from 'zod'
import { encodeForm, percentEncode } from './encode'
import { readEnvelope, type RawAnswer } from './envelope'
import { badResponse, timedOut, unreachable } from './failures'
import type { HttpTransport } from './transport'

export interface CallOptions {
  /** Cancels the request (e.g. the user stopped a sync); the call then rejects with `signal.reason`. */
  signal?: AbortSignal
}

export interface CallResult<T> {
  data: T
  /** The portal's `warning`s, to show the user. */
  warnings: string[]
}

/** `schema` reads the whole answer object (`result` and `warning` included; extra keys are expected). */
export type Call = <T>(action: string, params: Readonly<Record<string, unknown>>, schema: z.ZodType<T>, options?: CallOptions) => Promise<CallResult<T>>

export interface ApiCallConfig {
  /** Already resolved by resolveApiUrl. */
  apiUrl: string
  identifier: string
  secret: string
  transport: HttpTransport
  timeoutMs: number
}

/** Parameters the call sets itself; also WHMCS's legacy credential names, which would override ours. */
const RESERVED = new Set(['action', 'identifier', 'secret', 'responsetype', 'username', 'password', 'accesskey'])

export function createApiCall(config: ApiCallConfig): Call {
  const { apiUrl, identifier, secret, transport, timeoutMs } = config
  const host = new URL(apiUrl).host
  const secretForms = [...new Set([secret, percentEncode(secret)])].filter((form) => form !== '')
  const redact = (text: string): string => secretForms.reduce((out, form) => out.split(form).join('[secret]'), text)

  return async (action, params, schema, options = {}) => {
    const clash = Object.keys(params).find((key) => RESERVED.has(key.toLowerCase()))
    if (clash !== undefined) throw new TypeError(`"${clash}" is set by the portal client, not by ${action}'s parameters`)
    // The credentials travel only in the body, never in the URL (which ends up in access logs).
    const body = encodeForm({ action, identifier, secret, responsetype: 'json', ...params })
    const answer = await send(body, options.signal)
    const envelope = readEnvelope(answer, { action, host, redact })
    const parsed = schema.safeParse(envelope.body)
    if (!parsed.success) throw shapeFailure(action, parsed.error, redact)
    return { data: parsed.data, warnings: envelope.warnings }
  }

  async function send(body: string, cancel: AbortSignal | undefined): Promise<RawAnswer> {
    cancel?.throwIfAborted()
    const deadline = AbortSignal.timeout(timeoutMs)
    const signal = cancel ? AbortSignal.any([cancel, deadline]) : deadline
    try {
      // Raced against the signal too, so a transport that ignores it (or a body that stalls) cannot hang the call.
      return await untilAborted(signal, async () => {
        const response = await transport(apiUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body,
          signal,
        })
        return {
          status: response.status,
          contentType: response.headers.get('content-type'),
          location: response.headers.get('location'),
          body: await response.text(),
        }
      })
    } catch (error) {
      if (cancel?.aborted) throw cancel.reason
      if (deadline.aborted) throw timedOut(host, timeoutMs)
      throw unreachable(host, error)
    }
  }
}

function untilAborted<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    work()
      .then(resolve, reject)
      .finally(() => signal.removeEventListener('abort', onAbort))
  })
}

/** Names the action and the first field that did not fit, e.g. `clients.client.3.id`. */
function shapeFailure(action: string, error: z.ZodError, redact: (text: string) => string): Error {
  const [first] = error.issues
  const path = first && first.path.length > 0 ? first.path.map(String).join('.') : '(answer)'
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : ''
  return badResponse(action, redact(`unexpected value at ${path}: ${first?.message ?? 'invalid'}${more}`), { path })
}
