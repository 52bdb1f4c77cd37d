import { describe, expect, it } from 'vitest'
import { permissionNames, permissionsParam } from '../../../../src/main/core/portal/permissions'
import { PERMISSIONS } from '../../../../src/shared/domain'
import { DeskFailure } from '../../../../src/shared/errors'

function refusal(run: () => unknown): DeskFailure {
  try {
    run()
  } catch (error) {
    if (error instanceof DeskFailure) return error
    throw error
  }
  throw new Error('expected a refusal')
}

describe('permissionsParam', () => {
  it("writes a comma list in the portal's order, without duplicates", () => {
    expect(permissionsParam(['orders', 'profile', 'orders', 'invoices'])).toBe('profile,invoices,orders')
    expect(permissionsParam([...PERMISSIONS].reverse())).toBe(PERMISSIONS.join(','))
  })

  it('refuses a name not among the 13, naming it and its place', () => {
    const failure = refusal(() => permissionsParam(['profile', 'Profile']))
    expect(failure.code).toBe('validation')
    expect(failure.params).toEqual({ permission: 'Profile' })
    expect(failure.issues).toEqual([{ path: 'permissions.1', message: expect.stringContaining('Unknown permission "Profile"') as unknown }])
    expect(failure.message).toContain('profile, contacts, products')
  })

  it('refuses an empty list unless allowed', () => {
    expect(refusal(() => permissionsParam([])).message).toBe('Choose at least one permission.')
    expect(permissionsParam([], { allowEmpty: true })).toBe('')
  })
})

describe('permissionNames', () => {
  it.each([
    ['profile,contacts', ['profile', 'contacts'], []],
    [['profile', 'contacts,tickets'], ['profile', 'contacts', 'tickets'], []],
    [{ permission: ['orders', 'nope'] }, ['orders'], ['nope']],
    [{ permission: { 0: 'orders' } }, ['orders'], []],
    [{ 1: 'quotes', 0: 'emails' }, ['quotes', 'emails'], []],
    [{ profile: 1, emails: '', orders: 'on' }, ['profile', 'orders'], []],
    ['', [], []],
    [null, [], []],
    [[], [], []],
    [{}, [], []],
  ])('%j → known %j, unknown %j', (value, known, unknown) => {
    const result = permissionNames.parse(value)
    expect(result.unknown).toEqual(unknown)
    expect([...result.known].sort()).toEqual([...known].sort())
  })

  it("lists the known names in the portal's order", () => {
    expect(permissionNames.parse('orders,profile').known).toEqual(['profile', 'orders'])
  })

  it.each([undefined, 3, true, [3], { x: 'y z' }, { permission: { permission: { permission: 'x' } } }])('refuses %j', (value) => {
    expect(permissionNames.safeParse(value).success).toBe(false)
  })
})
