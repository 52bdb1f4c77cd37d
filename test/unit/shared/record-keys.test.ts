import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { accessFrom, accessValue, flatten, withValues, type ContactState } from '../../../src/shared/record-keys'
import { EMAIL_CATEGORIES, PERMISSIONS } from '../../../src/shared/domain'

const state = fc.record({
  fields: fc.record({
    firstName: fc.string(),
    lastName: fc.string(),
    companyName: fc.string(),
    email: fc.string(),
    address1: fc.string(),
    address2: fc.string(),
    city: fc.string(),
    state: fc.string(),
    postcode: fc.string(),
    country: fc.string(),
    phoneNumber: fc.string(),
    taxId: fc.string(),
    emailPreferences: fc.record(
      Object.fromEntries(EMAIL_CATEGORIES.map((c) => [c, fc.boolean()])) as Record<(typeof EMAIL_CATEGORIES)[number], fc.Arbitrary<boolean>>,
    ),
  }),
  access: fc.option(fc.record({ enabled: fc.boolean(), permissions: fc.uniqueArray(fc.constantFrom(...PERMISSIONS)) }), { nil: null }),
})

describe('flatten and withValues', () => {
  it('round-trip every state (access normalised: no permissions when off, in the portal order)', () => {
    fc.assert(
      fc.property(state, (s) => {
        const back = withValues(s as ContactState, flatten(s as ContactState))
        expect(back.fields).toEqual(s.fields)
        expect(back.access).toEqual(accessFrom(accessValue(s.access)))
      }),
    )
  })

  it('give access one comparable value whatever the order of the permissions', () => {
    expect(accessValue({ enabled: true, permissions: ['quotes', 'invoices'] })).toBe(accessValue({ enabled: true, permissions: ['invoices', 'quotes'] }))
    expect(accessValue({ enabled: false, permissions: ['quotes'] })).toBe('off')
    expect(accessValue(null)).toBeNull()
  })
})
