// What crosses between the thread that serves the UI (Electron's main, or browser mode's) and the worker thread
// that runs the core (the SQLite cache and the CPU work of sync). Main keeps what only it can do: the network
// (Electron's `net`), the OS keychain (safeStorage) and the demo portal; the worker asks for them by message.
// Both sides check every message against these schemas.
import { z } from 'zod'
import { DeskError } from '../../shared/errors'

const Id = z.number().int().positive()

/** A contract answer as it crosses: checked in full by the contract on the worker's side already. */
const AnyResult = z.union([z.strictObject({ ok: z.literal(true), value: z.unknown() }), z.strictObject({ ok: z.literal(false), error: DeskError })])

/** What the worker needs to open the core: plain data only (functions stay on main, behind messages). */
export const WorkerStart = z.strictObject({
  dataDir: z.string().min(1),
  nativeBinding: z.string().optional(),
  autoSync: z.boolean(),
  timeoutMs: z.number().int().positive().optional(),
  pull: z.strictObject({ pageSize: z.number().int().positive().optional(), chunkRows: z.number().int().positive().optional() }).optional(),
  /** The secrets main holds, decrypted, and whether they outlive a restart; the worker writes back through main. */
  secrets: z.strictObject({ persistent: z.boolean(), values: z.record(z.string(), z.string()) }),
  /** Whether main can start the built-in demo portal. */
  demo: z.boolean(),
})
export type WorkerStart = z.infer<typeof WorkerStart>

/** The answer headers the portal client reads. */
export const FORWARDED_HEADERS = ['content-type', 'location'] as const

export const NetworkFailure = z.strictObject({
  message: z.string(),
  /** The error's code and its cause's (ECONNREFUSED, net::ERR_…), which the core explains to the user. */
  code: z.string().optional(),
  causeCode: z.string().optional(),
})
export type NetworkFailure = z.infer<typeof NetworkFailure>

export const ToWorker = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('call'), id: Id, method: z.string(), input: z.unknown() }),
  z.strictObject({ kind: z.literal('http-answer'), id: Id, status: z.number().int(), headers: z.record(z.string(), z.string()), body: z.string() }),
  z.strictObject({ kind: z.literal('http-failure'), id: Id, error: NetworkFailure }),
  z.strictObject({ kind: z.literal('demo-started'), id: Id, portal: z.strictObject({ apiUrl: z.string(), identifier: z.string(), secret: z.string() }) }),
  z.strictObject({ kind: z.literal('demo-failed'), id: Id, error: DeskError }),
  z.strictObject({ kind: z.literal('close') }),
])
export type ToWorker = z.infer<typeof ToWorker>

export const FromWorker = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('result'), id: Id, result: AnyResult }),
  z.strictObject({ kind: z.literal('event'), event: z.string(), payload: z.unknown() }),
  z.strictObject({ kind: z.literal('http'), id: Id, url: z.string(), method: z.literal('POST'), headers: z.record(z.string(), z.string()), body: z.string() }),
  z.strictObject({ kind: z.literal('http-abort'), id: Id }),
  z.strictObject({ kind: z.literal('secret-set'), key: z.string(), value: z.string() }),
  z.strictObject({ kind: z.literal('secret-delete'), key: z.string() }),
  z.strictObject({ kind: z.literal('demo-start'), id: Id }),
  z.strictObject({ kind: z.literal('internal-error'), where: z.string(), message: z.string(), stack: z.string().optional() }),
  z.strictObject({ kind: z.literal('closed') }),
])
export type FromWorker = z.infer<typeof FromWorker>
