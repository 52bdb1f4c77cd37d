// When sync runs by itself (docs/ARCHITECTURE.md §8.7). A whole-portal pull on start and then at an interval that grows with the
// portal (pull-interval.ts); an edit sends itself soon in a push-only pass, which reads only what its entries
// need. While the portal is unreachable, the pass that failed is tried again and again with backoff, so the queue
// never waits for a click once it is back; when it answers again after failures, at once. A pull that failed
// part-way is not run again before the calls it made are paid for at an idle desktop's rate (pull-interval.ts):
// a portal that times out under load is not pulled again and again by every desktop. After a refusal
// (authentication, IP, API role) nothing runs until the settings change or someone asks (`succeeded`).
import type { SyncScope } from '../../../shared/domain'
import { DeskFailure, REFUSED_CODES } from '../../../shared/errors'
import { retryDelayMs } from './backoff'
import { paidForMs } from './pull-interval'

export interface SchedulerOptions {
  /** One pass; rejects on failure. */
  run: (scope: SyncScope) => Promise<unknown>
  /** Whether a sync can run at all now (a portal connected, its secret at hand). */
  ready: () => boolean
  /** How long after a whole-portal pull the next one is due; asked after each. */
  pullInterval: () => number
  /** When the first pull is due after start (ms from now): 0, unless the cache was pulled recently. */
  firstPullIn?: () => number
  /** How soon after a local edit its push goes. */
  afterEditMs: number
  retryDelay?: (failures: number) => number
  /** The portal calls the passes have made so far (a running count): what a failed pull spent. */
  callsMade?: () => number
  setTimer?: (run: () => void, ms: number) => unknown
  clearTimer?: (timer: unknown) => void
  now?: () => number
}

export interface Scheduler {
  /** Starts (again): a pull when due, then on the schedule. Also what a settings change calls. */
  start(): void
  stop(): void
  /** A local edit was saved: push it soon. */
  edited(): void
  /** A pass run outside the schedule (asked for) went through: a refusal is over, and a full one counts as the pull. */
  succeeded(scope: SyncScope): void
  /** The portal answered again after being unreachable: the failed pass now rather than at the next backoff step. */
  reconnected(): void
  /** When the next whole-portal pull is due (ms since the epoch); null when none is scheduled. */
  nextPullAt(): number | null
}

export function createScheduler(options: SchedulerOptions): Scheduler {
  const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms))
  const clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as NodeJS.Timeout))
  const retryDelay = options.retryDelay ?? retryDelayMs
  const now = options.now ?? Date.now
  let timer: unknown = null
  let pullAt = Number.POSITIVE_INFINITY
  let pushAt = Number.POSITIVE_INFINITY
  let failures = 0
  let failed: SyncScope | null = null
  /** Before this, a failed pull is not run again (its calls are not paid for yet). */
  let paidAt = Number.NEGATIVE_INFINITY
  let stopped = true
  let refused = false
  let running = false

  function schedule(): void {
    if (timer !== null) clearTimer(timer)
    timer = null
    if (stopped || refused || running) return
    const at = Math.min(pullAt, pushAt)
    if (at === Number.POSITIVE_INFINITY) return
    timer = setTimer(() => void tick(), Math.max(0, at - now()))
  }

  async function tick(): Promise<void> {
    timer = null
    if (stopped || !options.ready()) return
    const scope: SyncScope = now() >= pullAt ? 'full' : 'push'
    // A full pass pushes too: whatever waited goes with it.
    pushAt = Number.POSITIVE_INFINITY
    running = true
    const callsBefore = options.callsMade?.() ?? 0
    try {
      await options.run(scope)
      failures = 0
      failed = null
      if (scope === 'full') pullAt = now() + options.pullInterval()
    } catch (error) {
      const code = error instanceof DeskFailure ? error.code : 'internal'
      if (REFUSED_CODES.includes(code)) refused = true
      else if (code === 'cancelled') {
        // Someone stopped it: it comes back on the schedule, not in seconds.
        if (scope === 'full') pullAt = now() + options.pullInterval()
      } else if (code === 'busy') {
        // Another pass (asked for here, or the command line's) holds the cache: this one again shortly.
        if (scope === 'full') pullAt = now() + retryDelay(1)
        else pushAt = Math.min(pushAt, now() + retryDelay(1))
      } else {
        // Unreachable or failing: this pass again, after a growing while.
        failures++
        failed = scope
        const interval = options.pullInterval()
        if (scope === 'full') {
          paidAt = now() + Math.min(paidForMs((options.callsMade?.() ?? 0) - callsBefore), interval)
          pullAt = Math.max(paidAt, now() + Math.min(retryDelay(failures), interval))
        } else pushAt = Math.min(pushAt, now() + Math.min(retryDelay(failures), interval))
      }
    } finally {
      running = false
      schedule()
    }
  }

  return {
    start() {
      stopped = false
      refused = false
      failures = 0
      failed = null
      pullAt = now() + (options.firstPullIn?.() ?? 0)
      pushAt = Number.POSITIVE_INFINITY
      schedule()
    },
    stop() {
      stopped = true
      schedule()
    },
    edited() {
      pushAt = Math.min(pushAt, now() + options.afterEditMs)
      schedule()
    },
    succeeded(scope) {
      refused = false
      failures = 0
      failed = null
      if (scope === 'full') pullAt = now() + options.pullInterval()
      schedule()
    },
    reconnected() {
      if (refused || failures === 0) return
      failures = 0
      if (failed === 'full') pullAt = Math.max(now(), paidAt)
      else pushAt = now()
      failed = null
      schedule()
    },
    nextPullAt: () => (stopped || refused || pullAt === Number.POSITIVE_INFINITY ? null : pullAt),
  }
}
