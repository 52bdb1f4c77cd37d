// A scripted HttpTransport for the portal client's tests: records every request, answers from a function.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { HttpTransport, TransportRequest, TransportResponse } from '../../../../src/main/core/portal/transport'
import { createWhmcsClient, type WhmcsClient } from '../../../../src/main/core/portal/whmcs-client'

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
  return readFileSync(resolve(import.meta.dirname, '../../../fixtures/whmcs', name), 'utf8')
}

/** Answers every request with a fixture's body, as the portal sends it. */
export const fromFixture =
  (name: string, status = 200): Responder =>
  () =>
    answer(status, fixture(name), { 'content-type': 'application/json' })

/** A portal client over a fake transport, with the requests it sent. */
export function portalAnswering(respond: Responder, secret = 'secret'): { portal: WhmcsClient; requests: RecordedRequest[] } {
  const { transport, requests } = fakeTransport(respond)
  const portal = createWhmcsClient({ apiUrl: 'https://portal.example.com/', identifier: 'id', secret, transport })
  return { portal, requests }
}

/** What a promise rejected with (fails the test if it resolved). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`)
    },
    (reason: unknown) => reason,
  )
}
