// Retry timing for failed pushes: exponential, with jitter so many desktops do not retry in step, and a cap
// so a long outage is retried every few minutes rather than never.
const FIRST_RETRY_MS = 5_000
const MAX_RETRY_MS = 15 * 60_000

/** The wait before the next attempt, after `attempts` attempts; jittered between half and all of it. */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const exponential = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1))
  return Math.round(exponential * (0.5 + random() * 0.5))
}
