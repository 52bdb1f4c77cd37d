// The background check's pace on a fake clock: turns counted, never timed.
import { describe, expect, it } from 'vitest'
import { createPace } from '../../../../src/main/core/check/pace'

/** A clock that moves only when a caller sleeps. */
function fakeClock() {
  let now = 0
  const sleeps: number[] = []
  return {
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms)
      now += ms
    },
    advance: (ms: number) => void (now += ms),
    sleeps,
  }
}

describe('the pace of the background check', () => {
  it('lets the first call go at once and spaces the rest 1/N seconds apart', async () => {
    const clock = fakeClock()
    const pace = createPace({ callsPerSecond: () => 0.5, now: clock.now, sleep: clock.sleep })
    const at: number[] = []
    for (let call = 0; call < 5; call++) {
      await pace.take()
      at.push(clock.now())
    }
    expect(at).toEqual([0, 2000, 4000, 6000, 8000])
  })

  it('gives turns in the order asked, also to calls made together', async () => {
    const clock = fakeClock()
    const pace = createPace({ callsPerSecond: () => 2, now: clock.now, sleep: clock.sleep })
    const order: number[] = []
    await Promise.all([1, 2, 3].map((call) => pace.take().then(() => order.push(call))))
    expect(order).toEqual([1, 2, 3])
    expect(clock.now()).toBe(1000)
  })

  it('saves no calls up while idle: after a long pause, still one call per turn', async () => {
    const clock = fakeClock()
    const pace = createPace({ callsPerSecond: () => 1, now: clock.now, sleep: clock.sleep })
    await pace.take()
    clock.advance(60_000)
    const start = clock.now()
    for (let call = 0; call < 3; call++) await pace.take()
    expect(clock.now() - start).toBe(2000)
  })

  it('follows a changed setting from the next turn', async () => {
    const clock = fakeClock()
    let rate = 0.5
    const pace = createPace({ callsPerSecond: () => rate, now: clock.now, sleep: clock.sleep })
    await pace.take()
    rate = 5
    await pace.take()
    await pace.take()
    expect(clock.sleeps).toEqual([2000, 200])
  })
})
