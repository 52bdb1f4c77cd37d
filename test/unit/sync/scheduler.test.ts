import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { retryDelayMs } from '../../../src/main/core/sync/backoff'
import { createScheduler } from '../../../src/main/core/sync/scheduler'
import { DeskFailure } from '../../../src/shared/errors'

beforeEach(() => void vi.useFakeTimers())
afterEach(() => void vi.useRealTimers())

function harness(outcomes: (() => Promise<unknown>)[]) {
  const runs: number[] = []
  const scheduler = createScheduler({
    run: () => {
      runs.push(Date.now())
      return (outcomes.shift() ?? (() => Promise.resolve()))()
    },
    ready: () => true,
    intervalMs: 300_000,
    afterEditMs: 3_000,
    retryDelay: (failures) => 10_000 * 2 ** (failures - 1),
  })
  return { scheduler, runs }
}

const down = () => Promise.reject(new DeskFailure('unreachable', 'down'))

describe('the sync scheduler', () => {
  it('syncs on start, then periodically', async () => {
    const { scheduler, runs } = harness([])
    const start = Date.now()
    scheduler.start()
    await vi.advanceTimersByTimeAsync(0)
    expect(runs).toEqual([start])
    await vi.advanceTimersByTimeAsync(300_000)
    expect(runs).toHaveLength(2)
    scheduler.stop()
  })

  it('syncs soon after an edit, without waiting for the period', async () => {
    const { scheduler, runs } = harness([])
    scheduler.start()
    await vi.advanceTimersByTimeAsync(0)
    scheduler.edited()
    scheduler.edited()
    await vi.advanceTimersByTimeAsync(3_000)
    expect(runs).toHaveLength(2)
    scheduler.stop()
  })

  it('retries with growing waits while the portal is unreachable, and returns to the period once it answers', async () => {
    const { scheduler, runs } = harness([down, down, down])
    const start = Date.now()
    scheduler.start()
    await vi.advanceTimersByTimeAsync(10_000 + 20_000 + 40_000)
    expect(runs.map((at) => at - start)).toEqual([0, 10_000, 30_000, 70_000])
    await vi.advanceTimersByTimeAsync(299_999)
    expect(runs).toHaveLength(4)
    await vi.advanceTimersByTimeAsync(1)
    expect(runs).toHaveLength(5)
    scheduler.stop()
  })

  it('stops for good after a refusal, until started again', async () => {
    const { scheduler, runs } = harness([() => Promise.reject(new DeskFailure('auth_failed', 'no'))])
    scheduler.start()
    await vi.advanceTimersByTimeAsync(0)
    scheduler.edited()
    await vi.advanceTimersByTimeAsync(3_600_000)
    expect(runs).toHaveLength(1)
    scheduler.start()
    await vi.advanceTimersByTimeAsync(0)
    expect(runs).toHaveLength(2)
    scheduler.stop()
  })

  it('after a refusal, a sync asked for that goes through restarts the schedule', async () => {
    const { scheduler, runs } = harness([() => Promise.reject(new DeskFailure('auth_failed', 'no'))])
    scheduler.start()
    await vi.advanceTimersByTimeAsync(0)
    scheduler.succeeded()
    scheduler.edited()
    await vi.advanceTimersByTimeAsync(3_000)
    expect(runs).toHaveLength(2)
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

  it('does not retry a cancelled sync at once: it comes back on the schedule', async () => {
    const { scheduler, runs } = harness([() => Promise.reject(new DeskFailure('cancelled', 'stopped'))])
    scheduler.start()
    await vi.advanceTimersByTimeAsync(299_999)
    expect(runs).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(runs).toHaveLength(2)
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
