import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { retryDelayMs } from '../../../../src/main/core/sync/backoff'
import { firstPullInMs, pullCalls, pullIntervalMs } from '../../../../src/main/core/sync/pull-interval'
import { createScheduler } from '../../../../src/main/core/sync/scheduler'
import type { SyncScope } from '../../../../src/shared/domain'
import { DeskFailure } from '../../../../src/shared/errors'

beforeEach(() => void vi.useFakeTimers())
afterEach(() => void vi.useRealTimers())

function harness(outcomes: (() => Promise<unknown>)[], options: { firstPullIn?: number } = {}) {
  const runs: number[] = []
  const scopes: SyncScope[] = []
  const scheduler = createScheduler({
    run: (scope) => {
      runs.push(Date.now())
      scopes.push(scope)
      return (outcomes.shift() ?? (() => Promise.resolve()))()
    },
    ready: () => true,
    pullInterval: () => 900_000,
    firstPullIn: () => options.firstPullIn ?? 0,
    afterEditMs: 3_000,
    retryDelay: (failures) => 10_000 * 2 ** (failures - 1),
  })
  return { scheduler, runs, scopes }
}

const down = () => Promise.reject(new DeskFailure('unreachable', 'down'))

describe('the sync scheduler', () => {
  it('pulls the whole portal on start, then at the interval', async () => {
    const { scheduler, runs, scopes } = harness([])
    const start = Date.now()
    scheduler.start()
    await vi.advanceTimersByTimeAsync(0)
    expect(runs).toEqual([start])
    expect(scheduler.nextPullAt()).toBe(start + 900_000)
    await vi.advanceTimersByTimeAsync(900_000)
    expect(runs).toHaveLength(2)
    expect(scopes).toEqual(['full', 'full'])
    scheduler.stop()
    expect(scheduler.nextPullAt()).toBeNull()
  })

  it('does not pull again at start a cache pulled moments ago', async () => {
    const { scheduler, runs } = harness([], { firstPullIn: 600_000 })
    scheduler.start()
    await vi.advanceTimersByTimeAsync(599_999)
    expect(runs).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(1)
    expect(runs).toHaveLength(1)
    scheduler.stop()
  })

  it('pushes soon after an edit in a push-only pass, without pulling the portal', async () => {
    const { scheduler, runs, scopes } = harness([])
    scheduler.start()
    await vi.advanceTimersByTimeAsync(0)
    scheduler.edited()
    scheduler.edited()
    await vi.advanceTimersByTimeAsync(3_000)
    expect(runs).toHaveLength(2)
    expect(scopes).toEqual(['full', 'push'])
    // The pull keeps its own time.
    await vi.advanceTimersByTimeAsync(900_000 - 3_000)
    expect(scopes).toEqual(['full', 'push', 'full'])
    scheduler.stop()
  })

  it('an edit made while a pass runs is pushed after it', async () => {
    let finish: () => void = () => undefined
    const { scheduler, scopes } = harness([() => new Promise<void>((resolve) => (finish = resolve))])
    scheduler.start()
    await vi.advanceTimersByTimeAsync(0)
    scheduler.edited()
    await vi.advanceTimersByTimeAsync(10_000)
    expect(scopes).toEqual(['full'])
    finish()
    await vi.advanceTimersByTimeAsync(0)
    expect(scopes).toEqual(['full', 'push'])
    scheduler.stop()
  })

  it('retries with growing waits while the portal is unreachable, and returns to the interval once it answers', async () => {
    const { scheduler, runs } = harness([down, down, down])
    const start = Date.now()
    scheduler.start()
    await vi.advanceTimersByTimeAsync(10_000 + 20_000 + 40_000)
    expect(runs.map((at) => at - start)).toEqual([0, 10_000, 30_000, 70_000])
    await vi.advanceTimersByTimeAsync(899_999)
    expect(runs).toHaveLength(4)
    await vi.advanceTimersByTimeAsync(1)
    expect(runs).toHaveLength(5)
    scheduler.stop()
  })

  it('retries a failed push as a push, not as a pull', async () => {
    const { scheduler, scopes } = harness([() => Promise.resolve(), down])
    scheduler.start()
    await vi.advanceTimersByTimeAsync(0)
    scheduler.edited()
    await vi.advanceTimersByTimeAsync(3_000 + 10_000)
    expect(scopes).toEqual(['full', 'push', 'push'])
    scheduler.stop()
  })

  it('stops for good after a refusal, until started again', async () => {
    const { scheduler, runs } = harness([() => Promise.reject(new DeskFailure('auth_failed', 'no'))])
    scheduler.start()
    await vi.advanceTimersByTimeAsync(0)
    scheduler.edited()
    await vi.advanceTimersByTimeAsync(3_600_000)
    expect(runs).toHaveLength(1)
    expect(scheduler.nextPullAt()).toBeNull()
    scheduler.start()
    await vi.advanceTimersByTimeAsync(0)
    expect(runs).toHaveLength(2)
    scheduler.stop()
  })

  it('after a refusal, a sync asked for that goes through restarts the schedule', async () => {
    const { scheduler, runs } = harness([() => Promise.reject(new DeskFailure('auth_failed', 'no'))])
    scheduler.start()
    await vi.advanceTimersByTimeAsync(0)
    scheduler.succeeded('push')
    scheduler.edited()
    await vi.advanceTimersByTimeAsync(3_000)
    expect(runs).toHaveLength(2)
    scheduler.stop()
  })

  it('a whole pull asked for counts as the pull: the next one waits a whole interval from it', async () => {
    const { scheduler, runs } = harness([])
    const start = Date.now()
    scheduler.start()
    await vi.advanceTimersByTimeAsync(600_000)
    scheduler.succeeded('full')
    await vi.advanceTimersByTimeAsync(899_999)
    expect(runs.map((at) => at - start)).toEqual([0])
    await vi.advanceTimersByTimeAsync(1)
    expect(runs.map((at) => at - start)).toEqual([0, 1_500_000])
    scheduler.stop()
  })

  it('syncs at once when the portal answers again, instead of at the next backoff step', async () => {
    const { scheduler, runs } = harness([down, down])
    const start = Date.now()
    scheduler.start()
    await vi.advanceTimersByTimeAsync(10_000)
    expect(runs).toHaveLength(2)
    await vi.advanceTimersByTimeAsync(5_000)
    scheduler.reconnected()
    await vi.advanceTimersByTimeAsync(0)
    expect(runs.map((at) => at - start)).toEqual([0, 10_000, 15_000])
    // Without failures behind it, an answer is no reason to sync again.
    scheduler.reconnected()
    await vi.advanceTimersByTimeAsync(1_000)
    expect(runs).toHaveLength(3)
    scheduler.stop()
  })

  it('does not pull again before a pull that failed part-way is paid for at an idle desktop’s rate', async () => {
    let calls = 0
    const runs: number[] = []
    // The portal times out after 300 calls of a pull, then answers again.
    const outcomes = [() => ((calls += 300), Promise.reject(new DeskFailure('timeout', 'the portal took too long')))]
    const scheduler = createScheduler({
      run: () => (runs.push(Date.now()), (outcomes.shift() ?? (() => ((calls += 541), Promise.resolve())))()),
      ready: () => true,
      pullInterval: () => 10_800_000,
      afterEditMs: 3_000,
      retryDelay: () => 10_000,
      callsMade: () => calls,
    })
    const start = Date.now()
    scheduler.start()
    await vi.advanceTimersByTimeAsync(1_000)
    // An answer from the portal meanwhile is no reason to pull again before then either.
    scheduler.reconnected()
    await vi.advanceTimersByTimeAsync(2_998_999)
    expect(runs.map((at) => at - start)).toEqual([0])
    await vi.advanceTimersByTimeAsync(1)
    expect(runs.map((at) => at - start)).toEqual([0, 3_000_000])
    scheduler.stop()
  })

  it('does not retry a cancelled pull at once: it comes back at the interval', async () => {
    const { scheduler, runs } = harness([() => Promise.reject(new DeskFailure('cancelled', 'stopped'))])
    scheduler.start()
    await vi.advanceTimersByTimeAsync(899_999)
    expect(runs).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(runs).toHaveLength(2)
    scheduler.stop()
  })

  it('tries again shortly, without backing off, while another pass holds the cache', async () => {
    const { scheduler, runs } = harness([() => Promise.reject(new DeskFailure('busy', 'held')), () => Promise.reject(new DeskFailure('busy', 'held'))])
    const start = Date.now()
    scheduler.start()
    await vi.advanceTimersByTimeAsync(20_000)
    expect(runs.map((at) => at - start)).toEqual([0, 10_000, 20_000])
    scheduler.stop()
  })

  it('does nothing after stop', async () => {
    const { scheduler, runs } = harness([])
    scheduler.start()
    scheduler.stop()
    await vi.advanceTimersByTimeAsync(3_600_000)
    expect(runs).toHaveLength(0)
  })
})

describe('the interval between whole-portal pulls', () => {
  it('is the staff setting for a small portal, never sooner, made up to 20 % longer at random', () => {
    const sizes = [2_000, 2_500, 2_400, 3_000]
    expect(pullIntervalMs({ minimumMinutes: 15, sizes, random: () => 0 })).toBe(900_000)
    expect(pullIntervalMs({ minimumMinutes: 15, sizes, random: () => 0.5 })).toBe(990_000)
    expect(pullIntervalMs({ minimumMinutes: 15, sizes, random: () => 0.999_999 })).toBeLessThanOrEqual(1_080_000)
    expect(pullIntervalMs({ minimumMinutes: 60, sizes, random: () => 0 })).toBe(3_600_000)
  })

  it('pulls at start at once into an empty cache; a cache with data within a random minute, or an interval after its last pull', () => {
    const now = Date.parse('2026-12-07T08:00:00Z')
    const interval = 900_000
    expect(firstPullInMs({ lastPullAt: null, intervalMs: interval, now, random: () => 0.9 })).toBe(0)
    // Pulled yesterday: desktops opened together spread their pulls over a minute.
    const yesterday = now - 86_400_000
    const starts = [0, 0.25, 0.5, 0.999].map((draw) => firstPullInMs({ lastPullAt: yesterday, intervalMs: interval, now, random: () => draw }))
    expect(starts).toEqual([0, 15_000, 30_000, 59_940])
    // Pulled five minutes ago: the rest of the interval.
    expect(firstPullInMs({ lastPullAt: now - 300_000, intervalMs: interval, now, random: () => 0.5 })).toBe(600_000)
  })

  it('grows with the portal so a desktop left idle averages at most 0.2 calls a second in every hour, the start-up pull’s included', async () => {
    // A 100k-client portal as the demo builds it: clients, contacts, 8.x users, domains, hosting services.
    const sizes = [100_000, 160_000, 130_000, 150_000, 85_000]
    const perPull = pullCalls(sizes)
    expect(perPull).toBe(630)
    const pulls: number[] = []
    const scheduler = createScheduler({
      run: async () => void pulls.push(Date.now()),
      ready: () => true,
      pullInterval: () => pullIntervalMs({ minimumMinutes: 15, sizes }),
      afterEditMs: 3_000,
    })
    const start = Date.now()
    scheduler.start()
    await vi.advanceTimersByTimeAsync(24 * 3_600_000)
    scheduler.stop()
    expect(pulls[0]).toBe(start)
    // Every hour-long window of the day, from each pull on (where a window holds the most), at most 0.2 calls a second.
    for (const from of pulls) {
      const inHour = pulls.filter((at) => at >= from && at < from + 3_600_000).length
      expect((inHour * perPull) / 3_600).toBeLessThanOrEqual(0.2)
    }
    expect((pulls.length * perPull) / (24 * 3_600)).toBeLessThanOrEqual(0.11)
    // …and it does pull again: a day holds several pulls.
    expect(pulls.length).toBeGreaterThan(10)
  })
})

describe('retry delays of failed pushes', () => {
  it('grow exponentially from 5 s, jittered between half and all of it, capped at 15 minutes', () => {
    expect(retryDelayMs(1, () => 1)).toBe(5_000)
    expect(retryDelayMs(1, () => 0)).toBe(2_500)
    expect(retryDelayMs(3, () => 1)).toBe(20_000)
    expect(retryDelayMs(30, () => 1)).toBe(15 * 60_000)
    expect(retryDelayMs(30, () => 0)).toBe(7.5 * 60_000)
    for (let attempts = 1; attempts < 40; attempts++) {
      const delay = retryDelayMs(attempts)
      expect(delay).toBeGreaterThanOrEqual(2_500)
      expect(delay).toBeLessThanOrEqual(15 * 60_000)
    }
  })
})
