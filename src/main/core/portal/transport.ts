// The core's HTTP transport is injected (docs/ARCHITECTURE.md §9.5): plain fetch under Node, Electron's net.fetch in the app.

export interface TransportRequest {
  method: 'POST'
  headers: Record<string, string>
  body: string
  signal: AbortSignal
}

export interface TransportResponse {
  status: number
  headers: { get(name: string): string | null }
  text(): Promise<string>
}

export type HttpTransport = (url: string, request: TransportRequest) => Promise<TransportResponse>

/** Never follows redirects: a redirected POST turns into a GET without its body, so the 3xx is reported instead. */
export const fetchTransport: HttpTransport = (url, request) => fetch(url, { ...request, redirect: 'manual' })
