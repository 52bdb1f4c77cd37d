// The background check's pace: at most N portal calls a second, each call waiting its turn. Calls made while the
// check was idle are not saved up for a burst later: a turn is never earlier than now.

export interface Pace {
  /** Resolves when the next call may go; turns are given in the order asked. */
  take(): Promise<void>
}

export interface PaceOptions {
  /** Asked at each turn, so a settings change applies from the next call. */
  callsPerSecond: () => number
  now?: () => number
  sleep?: (ms: number) => Promise<void>
}

export function createPace(options: PaceOptions): Pace {
  const now = options.now ?? Date.now
  const sleep = options.sleep ?? ((ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  let nextAt = Number.NEGATIVE_INFINITY
  let queue: Promise<void> = Promise.resolve()
  return {
    take() {
      const turn = queue.then(async () => {
        const at = Math.max(now(), nextAt)
        nextAt = at + 1000 / options.callsPerSecond()
        const wait = at - now()
        if (wait > 0) await sleep(wait)
      })
      queue = turn
      return turn
    },
  }
}
