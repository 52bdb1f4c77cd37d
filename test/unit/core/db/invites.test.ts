import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createInviteStore, INVITE_LIFETIME_MS, type InviteStore } from '../../../../src/main/core/db/invites'
import { openDatabase, type Db } from '../../../../src/main/core/db/database'

let db: Db
let clock: Date
let invites: InviteStore
beforeEach(() => {
  db = openDatabase(':memory:')
  clock = new Date('2026-11-20T12:00:00Z')
  invites = createInviteStore(db, () => clock)
})
afterEach(() => db.close())

describe('the invite store', () => {
  it('remembers an invite as "sending" before the request leaves, and pending once confirmed', () => {
    invites.sending(7, 'Ana@Gmail.com', ['invoices', 'quotes'], clock)
    expect(invites.find(7, 'ana@gmail.com')).toEqual({
      clientId: 7,
      email: 'Ana@Gmail.com',
      permissions: ['invoices', 'quotes'],
      state: 'sending',
      sentAt: clock.toISOString(),
      acceptedBy: null,
    })
    invites.sent(7, 'ANA@gmail.com')
    expect(invites.find(7, 'ana@gmail.com')?.state).toBe('pending')
    expect(invites.find(8, 'ana@gmail.com')).toBeNull()
  })

  it('shows a pending invite as expired after 7 days, and never an accepted one', () => {
    invites.sending(7, 'a@x.com', ['tickets'], clock)
    invites.sent(7, 'a@x.com')
    invites.sending(7, 'b@x.com', ['tickets'], clock)
    invites.sent(7, 'b@x.com')
    invites.accepted(7, 'b@x.com', 55)
    clock = new Date(clock.getTime() + INVITE_LIFETIME_MS + 1)
    expect(invites.list(7).map((i) => [i.email, i.state, i.acceptedBy])).toEqual([
      ['a@x.com', 'expired', null],
      ['b@x.com', 'accepted', 55],
    ])
  })

  it('forgets an invite the portal refused, and replaces one that is sent again', () => {
    invites.sending(7, 'a@x.com', ['tickets'], clock)
    invites.forget(7, 'a@x.com')
    expect(invites.list(7)).toEqual([])
    invites.sending(7, 'a@x.com', ['tickets'], clock)
    invites.sent(7, 'a@x.com')
    invites.sending(7, 'a@x.com', ['orders'], new Date('2026-11-21T00:00:00Z'))
    expect(invites.list(7)).toMatchObject([{ permissions: ['orders'], state: 'sending', sentAt: '2026-11-21T00:00:00.000Z' }])
  })
})
