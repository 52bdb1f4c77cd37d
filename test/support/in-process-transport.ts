// An HttpTransport that hands each request to a demo portal in this process, without a socket: the same
// answers, credentials and faults as over loopback HTTP, at a fraction of the cost (property tests).
// A dropped or refused connection fails as fetch does ("fetch failed" with a coded cause); `hang` waits
// for the caller's deadline.
import type { HttpTransport } from '../../src/main/core/portal/transport'
import type { DemoPortal } from '../../src/main/demo-portal/server'

function fetchFailed(code: string): TypeError {
  const cause = Object.assign(new Error(code), { code })
  return new TypeError('fetch failed', { cause })
}

export function inProcessTransport(portal: Pick<DemoPortal, 'handleApiRequest'>): HttpTransport {
  return async (url, request) => {
    request.signal.throwIfAborted()
    const { pathname, search } = new URL(url)
    const header = (name: string) => Object.entries(request.headers).find(([key]) => key.toLowerCase() === name)?.[1] ?? ''
    const outcome = await portal.handleApiRequest({
      method: request.method,
      url: `${pathname}${search}`,
      contentType: header('content-type'),
      body: request.body,
      remoteIp: '127.0.0.1',
    })
    switch (outcome.kind) {
      case 'refused':
        throw fetchFailed('ECONNREFUSED')
      case 'dropped':
        throw fetchFailed('UND_ERR_SOCKET')
      case 'hang':
        return new Promise((_resolve, reject) => {
          if (request.signal.aborted) reject(request.signal.reason)
          request.signal.addEventListener('abort', () => reject(request.signal.reason), { once: true })
        })
      case 'answer': {
        const headers = new Headers({ 'content-type': outcome.contentType })
        return { status: outcome.status, headers, text: async () => outcome.body }
      }
    }
  }
}
