// The background check (issue 15, item 2): what only a per-client read knows (the owner's invoice preference, the
// overdue-notice switch) read for every client in turn, so the audit stops saying "not checked yet". Through the
// same read as opening a client (views/client.ts readClient), one client at a time, the likeliest at risk first, at
// a pace that counts every portal call; paused while a sync pass runs or the portal is failing, and a client read
// again after the re-check period. A read the portal refuses, does not know or answers unreadably stops the check
// for the session with a warning, as a pull skips an auxiliary read: nothing else fails for it.
import type { ReachabilityCheckStep } from '../../../shared/contract'
import type { Generation, SkippedRead } from '../../../shared/domain'
import { DeskFailure } from '../../../shared/errors'
import { countDueChecks, nextClientToCheck } from '../db/client-checks'
import type { Db } from '../db/database'
import { beforeEachCall } from '../portal/each-call'
import type { WhmcsClient } from '../portal/whmcs-client'
import { isSkippable } from '../sync/pull'
import { readClient } from '../views/client'
import { refreshReachability } from '../views/reachability'
import { createPace, type Pace } from './pace'

const DAY_MS = 86_400_000
/** How long the loop waits before looking again when paused, when nothing is due, or after a failure. */
export const CHECK_IDLE_MS = 60_000

/** The cache to check and its portal. */
export interface CheckTarget {
  db: Db
  portal: WhmcsClient
  generation: Generation
  /** Which e-mails of the portal's log are payment reminders (Settings `reminderSubjects`). */
  reminderSubjects: readonly string[]
}

export interface ClientCheckOptions {
  /** Whether the loop may read: on in the settings, a portal it can call without asking anyone (connected, its secret at hand). */
  ready: () => boolean
  /** The current cache and portal; throws (not_connected, secret_required) when there is none to call. */
  target: () => Promise<CheckTarget>
  callsPerSecond: () => number
  recheckAfterDays: () => number
  /** A sync pass runs or the portal is failing: no call of the check goes (a read under way stops at its next call). */
  paused: () => boolean
  /** Runs a read, noting whether the portal answered (the session's online state). */
  reach?: <T>(read: Promise<T>) => Promise<T>
  /** Told of failures that are bugs. */
  onInternalError?: (error: unknown) => void
  now?: () => Date
  pace?: Pace
  setTimer?: (run: () => void, ms: number) => unknown
  clearTimer?: (timer: unknown) => void
}

export interface ClientCheck {
  /** Reads the next client due (at the pace, which the background loop shares): what `reachability.checkNext` runs. */
  step(): Promise<ReachabilityCheckStep>
  /** Why the check stopped for this session; null while it may run. */
  stopped(): SkippedRead | null
  /** Starts the background loop (again, after a new portal: a stop is forgotten). */
  start(): void
  stop(): void
  /** Something that paused it is over (a sync pass ended): look again now rather than at the next idle tick. */
  wake(): void
}

/** A read stopped at its next call by a pause: not the portal's doing, so not a DeskFailure the online state reads. */
class Paused extends Error {}

/** WHMCS's name of a client method (getClientsDetails → GetClientsDetails). */
const actionOf = (method: string) => method.charAt(0).toUpperCase() + method.slice(1)

export function createClientCheck(options: ClientCheckOptions): ClientCheck {
  const now = options.now ?? (() => new Date())
  const pace = options.pace ?? createPace({ callsPerSecond: options.callsPerSecond, now: () => now().getTime() })
  const reach = options.reach ?? (<T>(read: Promise<T>) => read)
  const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms).unref())
  const clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as NodeJS.Timeout))
  let stoppedBy: SkippedRead | null = null
  let timer: unknown = null
  let looping = false
  let running = false
  /** Woken while a step ran: the next look is at once, whatever that step found. */
  let woken = false

  const dueBefore = () => new Date(now().getTime() - options.recheckAfterDays() * DAY_MS).toISOString()

  async function step(): Promise<ReachabilityCheckStep> {
    const target = await options.target()
    const { db } = target
    await refreshReachability(db)
    const clientId = stoppedBy ? null : nextClientToCheck(db, dueBefore())
    if (clientId === null) return { clientId: null, remaining: countDueChecks(db, dueBefore()), stopped: stoppedBy }
    let action = 'GetClientsDetails'
    const portal = beforeEachCall(target.portal, async (method) => {
      await pace.take()
      if (options.paused()) throw new Paused()
      action = actionOf(method)
    })
    try {
      await reach(readClient({ db, portal, generation: target.generation, reminderSubjects: target.reminderSubjects, now }, clientId))
    } catch (error) {
      if (error instanceof Paused) throw new DeskFailure('busy', 'The client check waits while a sync runs or the portal is failing.')
      if (!isSkippable(error)) throw error
      stoppedBy = { action, error: error.toError() }
    }
    await refreshReachability(db)
    return { clientId: stoppedBy ? null : clientId, remaining: countDueChecks(db, dueBefore()), stopped: stoppedBy }
  }

  function schedule(ms: number): void {
    if (timer !== null) clearTimer(timer)
    timer = looping && !stoppedBy ? setTimer(() => void tick(), ms) : null
  }

  async function tick(): Promise<void> {
    timer = null
    if (!looping || running || stoppedBy) return
    if (!options.ready() || options.paused()) return schedule(CHECK_IDLE_MS)
    running = true
    woken = false
    let next = CHECK_IDLE_MS
    try {
      const { clientId } = await step()
      // The pace spaces the calls: the next client at once, or a look again later when none was due.
      if (clientId !== null) next = 0
    } catch (error) {
      // Paused mid-read, the portal unreachable, a refusal the sync reports: the next look says. After stop (the
      // desk closing under a read) nothing is a bug.
      if (looping && !(error instanceof DeskFailure)) options.onInternalError?.(error)
    } finally {
      running = false
    }
    schedule(woken ? 0 : next)
  }

  return {
    step,
    stopped: () => stoppedBy,
    start() {
      looping = true
      stoppedBy = null
      schedule(0)
    },
    stop() {
      looping = false
      schedule(0)
    },
    wake() {
      if (running) woken = true
      else schedule(0)
    },
  }
}
