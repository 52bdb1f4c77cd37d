// Fault injection: what a real portal, its proxy or the network do to a client on a bad day, switchable
// while the portal runs. A fault can be limited to some actions and to the next N matching requests;
// faults apply to API requests only (never to the control endpoint), before authentication.
import { z } from 'zod'

const filters = {
  /** Action names (any case) the fault applies to; absent = every request, unknown actions included. */
  actions: z.array(z.string().min(1)).min(1).optional(),
  /** Applies to the next N matching requests, then goes away; absent = until cleared. */
  count: z.number().int().positive().optional(),
}

export const FaultSpec = z.discriminatedUnion('kind', [
  /** Waits `ms` before handling the request (on top of the portal's --latency-ms; several add up). */
  z.strictObject({ kind: z.literal('latency'), ms: z.number().int().min(0).max(600_000), ...filters }),
  /** HTTP 500 with an empty text/html body: a PHP fatal error with display_errors off. */
  z.strictObject({ kind: z.literal('http-500'), ...filters }),
  /** An HTML page instead of JSON: 502 from a proxy, or 200 from a PHP error or maintenance page. */
  z.strictObject({ kind: z.literal('html'), status: z.union([z.literal(200), z.literal(502)]).default(502), ...filters }),
  /** Never answers: the connection stays open until the client gives up (or the portal closes). */
  z.strictObject({ kind: z.literal('hang'), ...filters }),
  /** The connection is dropped before the action runs: nothing changes. */
  z.strictObject({ kind: z.literal('drop-before-commit'), ...filters }),
  /** The action runs and its change is saved, then the connection is dropped: "applied but response lost". */
  z.strictObject({ kind: z.literal('drop-after-commit'), ...filters }),
  /** 403 `Authentication Failed`, whatever the credentials. */
  z.strictObject({ kind: z.literal('auth-failed'), ...filters }),
  /** 403 `Invalid IP <the caller's address>`. */
  z.strictObject({ kind: z.literal('ip-refused'), ...filters }),
  /** WHMCS's answer to an action it does not know (an older version, a module-less install): `Invalid API Action`. */
  z.strictObject({ kind: z.literal('unknown-action'), ...filters }),
  /** A success answer without the fields the action's answer holds (a module or proxy that rewrote it). */
  z.strictObject({ kind: z.literal('malformed'), ...filters }),
  /** The API port stops listening (connections refused) until this fault is removed; then it listens again on the same port. */
  z.strictObject({ kind: z.literal('down') }),
])
export type FaultSpec = z.input<typeof FaultSpec>
type ParsedFault = z.output<typeof FaultSpec>
export type FaultKind = ParsedFault['kind']

/** An active fault as listed: its spec, its id, and how many more requests it applies to. */
export type ActiveFault = ParsedFault & {
  id: number
  /** Requests it still applies to; absent = until cleared. */
  remaining?: number
  /** Requests it has applied to so far. */
  hits: number
}

/** What the faults say about one request: how long to wait first, then which failure (if any) to play. */
export interface FaultPlan {
  delayMs: number
  failure?: ActiveFault
}

export class FaultBook {
  private faults: ActiveFault[] = []
  private lastId = 0

  /** Validates and adds a fault; throws a ZodError for a bad spec. */
  add(spec: FaultSpec): ActiveFault {
    const parsed = FaultSpec.parse(spec)
    const fault: ActiveFault = { ...parsed, id: ++this.lastId, hits: 0 }
    if ('count' in parsed && parsed.count !== undefined) fault.remaining = parsed.count
    this.faults.push(fault)
    return { ...fault }
  }

  remove(id: number): boolean {
    const before = this.faults.length
    this.faults = this.faults.filter((fault) => fault.id !== id)
    return this.faults.length !== before
  }

  clear(): void {
    this.faults = []
  }

  list(): ActiveFault[] {
    return this.faults.map((fault) => ({ ...fault }))
  }

  get down(): boolean {
    return this.faults.some((fault) => fault.kind === 'down')
  }

  /**
   * Uses up the faults that apply to a request for `action` (lowercased): every matching latency fault
   * adds its delay, and the first matching failure (in the order added) is played. Each fault that
   * applies counts one request.
   */
  take(action: string): FaultPlan {
    const plan: FaultPlan = { delayMs: 0 }
    for (const fault of this.faults) {
      if (fault.kind === 'down' || !applies(fault, action)) continue
      if (fault.kind === 'latency') plan.delayMs += fault.ms
      else if (plan.failure === undefined) plan.failure = { ...fault }
      else continue
      fault.hits++
      if (fault.remaining !== undefined) fault.remaining--
    }
    this.faults = this.faults.filter((fault) => fault.remaining === undefined || fault.remaining > 0)
    return plan
  }
}

function applies(fault: Exclude<ActiveFault, { kind: 'down' }>, action: string): boolean {
  return fault.actions === undefined || fault.actions.some((name) => name.toLowerCase() === action)
}
