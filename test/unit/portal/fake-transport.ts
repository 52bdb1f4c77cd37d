// A scripted HttpTransport for the portal client's tests: records every request, answers from a function.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { HttpTransport, TransportRequest, TransportResponse } from '../../../src/main/core/portal/transport'

export interface RecordedRequest extends TransportRequest {
  url: string
  /** The body decoded, for assertions on single parameters. */
  form: URLSearchParams
}

export type Responder = (request: RecordedRequest) => TransportResponse | Promise<TransportResponse>

export function fakeTransport(respond: Responder): { transport: HttpTransport; requests: RecordedRequest[] } {
  const requests: RecordedRequest[] = []
  const transport: HttpTransport = async (url, request) => {
    const recorded = { ...request, url, form: new URLSearchParams(request.body) }
    requests.push(recorded)
    return respond(recorded)
  }
  return { transport, requests }
}

export function answer(status: number, body: string, headers: Record<string, string> = {}): TransportResponse {
  const lower = new Map(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]))
  return { status, headers: { get: (name) => lower.get(name.toLowerCase()) ?? null }, text: async () => body }
}

export function jsonAnswer(value: unknown, status = 200): TransportResponse {
  return answer(status, JSON.stringify(value), { 'content-type': 'application/json' })
}

/** Waits until the request's signal aborts, then rejects with its reason, as fetch does. */
export const waitForAbort: Responder = (request) =>
  new Promise((_resolve, reject) => {
    request.signal.addEventListener('abort', () => reject(request.signal.reason as Error), { once: true })
  })

export function fixture(name: string): string {
  return readFileSync(resolve(import.meta.dirname, '../../fixtures/whmcs', name), 'utf8')
}
