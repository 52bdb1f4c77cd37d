// "Who gets what" rows from a ClientView: one row per person, whatever the generation.
import { describe, expect, it } from 'vitest'
import { peopleOf, permissionsOf } from '../../../../src/renderer/src/features/clients/people'
import type { ClientView, Login } from '../../../../src/shared/contract'
import { PERMISSIONS } from '../../../../src/shared/domain'
import { makeClients, makeContact } from '../../fakeDesk'

const client = makeClients(1)[0]!
const login = (overrides: Partial<Login>): Login => ({
  kind: 'user',
  name: 'X',
  email: 'x@x.com',
  permissions: [],
  inviteState: null,
  contactLocalId: null,
  userId: null,
  sync: 'synced',
  removing: false,
  ...overrides,
})

function view(overrides: Partial<ClientView>): ClientView {
  return {
    client,
    ownerEmailPreferences: null,
    ownerSync: 'synced',
    contacts: [],
    logins: [],
    fetchedAt: null,
    fresh: false,
    domains: [],
    warnings: [],
    paymentReminders: { readAt: null, reminders: [], unavailable: null },
    ...overrides,
  }
}

describe('people of a client', () => {
  it('puts the owner first, then contacts, then logins that are no contact', () => {
    const contact = makeContact(1, 1)
    const people = peopleOf(
      view({
        contacts: [contact],
        logins: [
          login({ kind: 'owner', email: client.email }),
          login({ kind: 'user', name: 'Contadora', email: 'contadora@escritorio.com.br', permissions: ['invoices'] }),
        ],
      }),
    )
    expect(people.map((person) => [person.role, person.email])).toEqual([
      ['owner', client.email],
      ['contact', contact.email],
      ['login', 'contadora@escritorio.com.br'],
    ])
    expect(people[0]?.access).toEqual({ kind: 'owner' })
    expect(people[0]?.emailPreferences).toBeNull()
    expect(people[2]).toMatchObject({ emailPreferences: null, access: { kind: 'enabled', permissions: ['invoices'] }, loginState: 'active' })
    expect(permissionsOf(people[0]!, PERMISSIONS)).toEqual([...PERMISSIONS])
  })

  it('shows an 8.x contact and its user or invite as one person', () => {
    const withUser = makeContact(1, 1, { access: null })
    const withInvite = makeContact(1, 2, { access: { enabled: true, permissions: ['invoices'] } })
    const people = peopleOf(
      view({
        contacts: [withUser, withInvite],
        logins: [
          login({ kind: 'user', email: withUser.email, permissions: ['tickets'], contactLocalId: withUser.localId }),
          login({ kind: 'invite', email: withInvite.email, permissions: ['invoices'], inviteState: 'expired', contactLocalId: withInvite.localId }),
        ],
      }),
    )
    expect(people).toHaveLength(3)
    expect(people[1]).toMatchObject({ role: 'contact', access: { kind: 'enabled', permissions: ['tickets'] }, loginState: 'active' })
    expect(people[2]).toMatchObject({ role: 'contact', loginState: 'expired' })
  })

  it('knows a grant waiting in the outbox, access not read yet, and no access', () => {
    const queued = makeContact(1, 1, { access: { enabled: true, permissions: ['invoices'] }, sync: 'pending' })
    const unknown = makeContact(1, 2, { access: null })
    expect(
      peopleOf(view({ contacts: [queued, unknown], logins: null }))
        .slice(1)
        .map((person) => [person.loginState, person.access.kind]),
    ).toEqual([
      ['queued', 'enabled'],
      [null, 'unknown'],
    ])
    expect(peopleOf(view({ contacts: [unknown], logins: [] }))[1]?.access).toEqual({ kind: 'none' })
  })

  it('takes a 7.x sub-account as the contact itself', () => {
    const sub = makeContact(1, 1, { access: { enabled: true, permissions: ['invoices', 'tickets'] } })
    const people = peopleOf(
      view({ contacts: [sub], logins: [login({ kind: 'subaccount', email: sub.email, permissions: ['invoices', 'tickets'], contactLocalId: sub.localId })] }),
    )
    expect(people).toHaveLength(2)
    expect(people[1]).toMatchObject({ loginState: 'active', login: { kind: 'subaccount' } })
  })
})
