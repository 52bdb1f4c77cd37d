// When sync runs by itself (DESIGN §5): on start, every few minutes, soon after a local edit, and — while the
// portal is unreachable — again and again with backoff, so the queue never waits for a click once it is back.
// After a refusal (authentication, IP, API role) nothing runs until the settings change or someone asks (a
// sync asked for that goes through: `succeeded`). When the portal answers again after failures, soon.
import { DeskFailure, REFUSED_CODES } from '../../../shared/errors'
import { retryDelayMs } from './backoff'

export interface SchedulerOptions {
  /** One sync; rejects on failure. */
  run: () => Promise<unknown>
  /** Whether a sync can run at all now (a portal connected, its secret at hand). */
  ready: () => boolean
  intervalMs: number
  /** How soon after a local edit. */
  afterEditMs: number
  retryDelay?: (failures: number) => number
  setTimer?: (run: () => void, ms: number) => unknown
  clearTimer?: (timer: unknown) => void
}

export interface Scheduler {
  /** Starts (again): a sync now, then on the schedule. Also what a settings change calls. */
  start(): void
  stop(): void
  /** A local edit was saved: sync soon. */
  edited(): void
  /** A sync run outside the schedule (asked for) went through: a refusal is over, the schedule goes on. */
  succeeded(): void
  /** The portal answered again after being unreachable: a sync now rather than at the next backoff step. */
  reconnected(): void
}

export function createScheduler(options: SchedulerOptions): Scheduler {
  const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms))
  const clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as NodeJS.Timeout))
  const retryDelay = options.retryDelay ?? retryDelayMs
  let timer: unknown = null
  let dueAt = Number.POSITIVE_INFINITY
  let failures = 0
  let stopped = true
  let refused = false

  function schedule(ms: number): void {
    if (stopped || refused) return
    const at = Date.now() + ms
    if (timer !== null && at >= dueAt) return
    if (timer !== null) clearTimer(timer)
    dueAt = at
    timer = setTimer(() => void tick(), ms)
  }

  async function tick(): Promise<void> {
    timer = null
    dueAt = Number.POSITIVE_INFINITY
    if (stopped || !options.ready()) return
    try {
      await options.run()
      failures = 0
      schedule(options.intervalMs)
    } catch (error) {
      const code = error instanceof DeskFailure ? error.code : 'internal'
      if (REFUSED_CODES.includes(code)) {
        refused = true
        return
      }
      // Another run holds the cache, or someone stopped this one: it simply comes back on the schedule.
      if (code === 'busy' || code === 'cancelled') return schedule(options.intervalMs)
      failures++
      schedule(Math.min(retryDelay(failures), options.intervalMs))
    }
  }

  return {
    start() {
      stopped = false
      refused = false
      failures = 0
      schedule(0)
    },
    stop() {
      stopped = true
      if (timer !== null) clearTimer(timer)
      timer = null
      dueAt = Number.POSITIVE_INFINITY
    },
    edited: () => schedule(options.afterEditMs),
    succeeded() {
      refused = false
      failures = 0
      schedule(options.intervalMs)
    },
    reconnected() {
      if (refused || failures === 0) return
      failures = 0
      schedule(0)
    },
  }
}
