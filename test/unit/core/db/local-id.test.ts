import { validate, version } from 'uuid'
import { describe, expect, it, vi } from 'vitest'
import { newLocalId } from '../../../../src/main/core/db/local-id'

describe("a contact's local id", () => {
  it('is a version 7 UUID, unique across many thousands made at once', () => {
    const ids = Array.from({ length: 20_000 }, newLocalId)
    expect(ids.every((id) => validate(id) && version(id) === 7)).toBe(true)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it("sorts by the time it was made, so a pull's new rows go at the end of the index", () => {
    vi.useFakeTimers({ now: new Date('2026-12-06T10:00:00Z'), toFake: ['Date'] })
    try {
      const made: string[] = []
      for (let ms = 0; ms < 50; ms++) {
        made.push(newLocalId())
        vi.advanceTimersByTime(1)
      }
      expect([...made].sort()).toEqual(made)
    } finally {
      vi.useRealTimers()
    }
  })
})
