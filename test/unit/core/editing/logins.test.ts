// Access of an 8.x login that is none of the contacts: one transaction with its outbox entry and audit row.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listAudit } from '../../../../src/main/core/db/audit'
import { saveClientDetails } from '../../../../src/main/core/db/client-details'
import { openDatabase, type Db } from '../../../../src/main/core/db/database'
import { getLoginAccess, loginKey } from '../../../../src/main/core/db/login-access'
import { allEntries } from '../../../../src/main/core/db/outbox'
import { setLoginAccess } from '../../../../src/main/core/editing/logins'
import { DeskFailure } from '../../../../src/shared/errors'

let db: Db
beforeEach(() => {
  db = openDatabase(':memory:')
  const preferences = { general: true, invoice: true, product: false, domain: false, support: false, affiliate: false }
  const login = { name: 'Renata', email: 'renata@agencia.com.br', inviteState: null, contactLocalId: null }
  saveClientDetails(db, {
    clientId: 5,
    data: preferences,
    base: preferences,
    overdueNoticesOff: false,
    logins: [
      { ...login, kind: 'owner', userId: 1, name: 'Dono', email: 'dono@padaria.com.br', permissions: [] },
      { ...login, kind: 'user', userId: 9, permissions: ['invoices', 'tickets'] },
    ],
    fetchedAt: '2026-11-25T10:00:00Z',
  })
})
afterEach(() => db.close())

const ctx = (generation: '7' | '8' = '8') => ({ db, generation, staff: 'Ana', now: () => new Date('2026-11-25T12:00:00Z'), newId: () => 'x' })
const code = (run: () => unknown) => {
  try {
    run()
  } catch (error) {
    return error instanceof DeskFailure ? error.code : String(error)
  }
  return 'none'
}

describe('setLoginAccess', () => {
  it('queues the change against what the portal had, keeps it locally, and audits it — all or nothing', () => {
    setLoginAccess(ctx(), 5, 9, { enabled: true, permissions: ['quotes', 'invoices'] })
    expect(allEntries(db)).toMatchObject([{ op: 'change_login_access', entityKey: loginKey(5, 9), keys: ['access'], base: { access: 'on:invoices,tickets' } }])
    expect(getLoginAccess(db, loginKey(5, 9))).toMatchObject({ access: 'on:invoices,quotes', email: 'renata@agencia.com.br' })
    expect(listAudit(db, { limit: 5 })[0]).toMatchObject({
      entity: 'login',
      action: 'change_login_access',
      old: { enabled: true, permissions: ['invoices', 'tickets'] },
    })
    // A second edit folds into the waiting entry and becomes a revoke.
    setLoginAccess(ctx(), 5, 9, { enabled: false, permissions: [] })
    expect(allEntries(db)).toMatchObject([{ op: 'revoke_login_access', base: { access: 'on:invoices,tickets' } }])
  })

  it('refuses 7.x, the owner, a login never read, and access with no permission, queuing nothing', () => {
    expect(code(() => setLoginAccess(ctx('7'), 5, 9, { enabled: false, permissions: [] }))).toBe('validation')
    expect(code(() => setLoginAccess(ctx(), 5, 1, { enabled: false, permissions: [] }))).toBe('owner_locked')
    expect(code(() => setLoginAccess(ctx(), 5, 44, { enabled: false, permissions: [] }))).toBe('not_found')
    expect(code(() => setLoginAccess(ctx(), 5, 9, { enabled: true, permissions: [] }))).toBe('validation')
    expect(allEntries(db)).toEqual([])
    expect(listAudit(db, { limit: 5 })).toEqual([])
  })
})
