import { describe, expect, it } from 'vitest'
import { baseFor, judge } from '../../../../src/main/core/sync/merge'

describe('judge: base, mine and theirs of one key', () => {
  it.each([
    ['nobody changed it', 'a', 'a', 'a', 'same'],
    ['only the portal changed it', 'a', 'a', 'b', 'theirs'],
    ['only this computer changed it', 'a', 'b', 'a', 'mine'],
    ['both changed it the same way', 'a', 'b', 'b', 'same'],
    ['both changed it differently', 'a', 'b', 'c', 'conflict'],
  ] as const)('%s → %s', (_what, base, mine, theirs, verdict) => {
    expect(judge('city', base, mine, theirs)).toBe(verdict)
  })

  it('never takes an unknown portal side of access (8.x permissions not read) as a change', () => {
    expect(judge('access', 'on:invoices', 'on:invoices,quotes', null)).toBe('mine')
    expect(judge('access', 'on:invoices', 'on:invoices', null)).toBe('same')
  })

  it('compares access against the portal when the base was never known', () => {
    expect(judge('access', null, 'on:tickets', 'off')).toBe('mine')
    expect(judge('access', null, 'on:tickets', 'on:tickets')).toBe('same')
  })

  it('treats an e-mail category as its own key: different categories never conflict', () => {
    expect(judge('emailPreferences.invoice', false, true, false)).toBe('mine')
    expect(judge('emailPreferences.support', true, true, false)).toBe('theirs')
  })
})

describe('baseFor: a value our own attempt sent is ours landing, not another person', () => {
  it('judges against the landed value, so going back is sent and the same value is no conflict', () => {
    // Sent "Maringá", the answer was lost, the portal has it; staff then went back to "Curitiba".
    expect(judge('city', baseFor('Curitiba', ['Maringá'], 'Maringá'), 'Curitiba', 'Maringá')).toBe('mine')
    // …or edited again: ours, not a conflict with ourselves.
    expect(judge('city', baseFor('Curitiba', ['Maringá'], 'Maringá'), 'Londrina', 'Maringá')).toBe('mine')
    expect(judge('city', baseFor('Curitiba', ['Maringá'], 'Maringá'), 'Maringá', 'Maringá')).toBe('same')
  })

  it("keeps the base for a value nobody here sent, so another person's change still conflicts", () => {
    expect(baseFor('Curitiba', ['Maringá'], 'Cascavel')).toBe('Curitiba')
    expect(judge('city', baseFor('Curitiba', ['Maringá'], 'Cascavel'), 'Londrina', 'Cascavel')).toBe('conflict')
    expect(baseFor('Curitiba', [], 'Maringá')).toBe('Curitiba')
    expect(baseFor('Curitiba', undefined, 'Maringá')).toBe('Curitiba')
  })

  it('knows no base when the portal side is unknown and an attempt may have landed (8.x access)', () => {
    expect(baseFor('off', ['on:emails'], null)).toBeNull()
    expect(judge('access', baseFor('off', ['on:emails'], null), 'off', null)).toBe('mine')
  })
})
