// How often a desktop pulls the whole portal by itself. The portal is the company's billing system and fifty
// desktops may share it: a pull costs about one call per page of each list, so the bigger the portal, the longer
// the wait, keeping each idle desktop under IDLE_CALLS_PER_SECOND on average. Never sooner than the staff's setting
// (15 minutes by default), and jittered (longer only), so desktops started together drift apart. Edits never wait for this:
// they go in push-only passes, and opening a client refreshes that client.
import { PAGE_SIZE } from './pull'

/** What an idle desktop may ask of the portal on average, whole-portal pulls included. */
export const IDLE_CALLS_PER_SECOND = 0.1
/** Up to this share of the interval added, at random: never sooner than the setting. */
const JITTER = 0.2

/** The records the cache holds of each list a pull reads (db/sync-runs.ts pulledListSizes). */
export type ListSizes = readonly number[]

/** The calls one whole-portal pull of lists this size makes: a page per PAGE_SIZE records of each (an empty list: one). */
export function pullCalls(sizes: ListSizes): number {
  return sizes.reduce((calls, size) => calls + Math.max(1, Math.ceil(size / PAGE_SIZE)), 0)
}

/** How long an idle desktop waits to have paid for this many calls at IDLE_CALLS_PER_SECOND (ms). */
export function paidForMs(calls: number): number {
  return (calls / IDLE_CALLS_PER_SECOND) * 1000
}

export function pullIntervalMs(options: { minimumMinutes: number; sizes: ListSizes; random?: () => number }): number {
  const random = options.random ?? Math.random
  const interval = Math.max(options.minimumMinutes * 60_000, paidForMs(pullCalls(options.sizes)))
  return Math.round(interval * (1 + JITTER * random()))
}

/** A start-up pull of a cache that holds data waits up to this long, at random: desktops opened at 8:00 do not all pull at once. */
const START_SPREAD_MS = 60_000

/**
 * When the first pull after start is due (ms from now): at once for a cache never pulled (staff wait for its
 * data); otherwise an interval after the last pull, and in any case a random moment within START_SPREAD_MS.
 */
export function firstPullInMs(options: { lastPullAt: number | null; intervalMs: number; now: number; random?: () => number }): number {
  if (options.lastPullAt === null) return 0
  const random = options.random ?? Math.random
  return Math.max(options.lastPullAt + options.intervalMs - options.now, Math.round(START_SPREAD_MS * random()))
}
