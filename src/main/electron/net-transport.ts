// The core's HTTP transport in the app (docs/ARCHITECTURE.md §9.5): Chromium's network stack through Electron's `net`,
// so the system proxy and the OS trust store apply. Like fetchTransport under Node, it never follows
// a redirect (a 307/308 would carry the body, identifier and secret included, to wherever the portal
// points) and answers the 3xx itself, so the core can tell the user where the portal moved.
// net.request rather than net.fetch: with redirect 'manual', net.fetch rejects every redirect with
// "Redirect was cancelled" (electron/electron#43715), which the core could only report as a network failure.
import type { ClientRequest, IncomingMessage, Net } from 'electron'
import type { HttpTransport, TransportResponse } from '../core/portal/transport'

type Headers = Record<string, string | string[] | undefined>

function headerReader(headers: Headers): TransportResponse['headers'] {
  const lowered = new Map(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]))
  return {
    get(name) {
      const value = lowered.get(name.toLowerCase())
      if (value === undefined) return null
      return Array.isArray(value) ? value.join(', ') : value
    },
  }
}

function readBody(response: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    response.on('data', (chunk: Buffer) => chunks.push(chunk))
    response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    response.on('error', reject)
  })
}

export function createNetTransport(net: Pick<Net, 'request'>): HttpTransport {
  return (url, { method, headers, body, signal }) =>
    new Promise<TransportResponse>((resolve, reject) => {
      signal.throwIfAborted()
      const request: ClientRequest = net.request({ method, url, redirect: 'manual' })
      let settled = false
      const settle = (finish: () => void): void => {
        if (settled) return
        settled = true
        signal.removeEventListener('abort', onAbort)
        finish()
      }
      const onAbort = (): void => {
        request.abort()
        settle(() => reject(signal.reason))
      }
      signal.addEventListener('abort', onAbort, { once: true })

      request.on('redirect', (statusCode: number, _method: string, _redirectUrl: string, responseHeaders: Headers) => {
        // Not followed: aborting here is what keeps the request from going on.
        request.abort()
        settle(() => resolve({ status: statusCode, headers: headerReader(responseHeaders), text: async () => '' }))
      })
      request.on('response', (response: IncomingMessage) => {
        const text = readBody(response)
        // Read now, so nothing is lost before the core asks; a failure surfaces when it does.
        text.catch(() => undefined)
        settle(() => resolve({ status: response.statusCode, headers: headerReader(response.headers), text: () => text }))
      })
      request.on('error', (error: Error) => settle(() => reject(error)))

      for (const [name, value] of Object.entries(headers)) request.setHeader(name, value)
      request.end(body)
    })
}
