// Every edit is one transaction of record + outbox + audit, and edits of a waiting record are coalesced.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listAudit } from '../../../../src/main/core/db/audit'
import { getContact, saveContact } from '../../../../src/main/core/db/contacts'
import { openDatabase, type Db } from '../../../../src/main/core/db/database'
import { allEntries, updateEntry } from '../../../../src/main/core/db/outbox'
import { createContact, deleteContact, setAccess, setAccessOfMany, updateContact, type EditContext } from '../../../../src/main/core/editing/edits'
import { discardEntry } from '../../../../src/main/core/editing/resolve'
import type { ContactFields } from '../../../../src/shared/domain'

let db: Db
let ctx: EditContext
let ids = 0
beforeEach(() => {
  db = openDatabase(':memory:')
  ctx = { db, staff: 'Ana (suporte)', now: () => new Date('2026-11-25T12:00:00Z'), newId: () => `local-${++ids}` }
})
afterEach(() => db.close())

const fields: ContactFields = {
  firstName: 'Maria',
  lastName: 'Silva',
  companyName: '',
  email: 'maria@gmail.com',
  address1: '',
  address2: '',
  city: 'Recife',
  state: 'PE',
  postcode: '',
  country: 'BR',
  phoneNumber: '',
  taxId: '',
  emailPreferences: { general: true, invoice: true, product: false, domain: false, support: false, affiliate: false },
}

/** A contact the portal already has (synced: base = data, no outbox entry). */
function synced(localId = 'synced-1', remoteId = 77) {
  const state = { fields, access: { enabled: false, permissions: [] } }
  saveContact(db, { localId, remoteId, clientId: 5, data: state, base: state, remoteUpdatedAt: null, deleted: false })
  return localId
}

describe('edits', () => {
  it('write the record, one outbox entry and the audit row together', () => {
    const contact = createContact(ctx, 5, fields, null)
    expect(getContact(db, contact.localId)?.data.fields.email).toBe('maria@gmail.com')
    expect(allEntries(db)).toMatchObject([{ op: 'create_contact', entityKey: contact.localId, state: 'pending', staff: 'Ana (suporte)' }])
    expect(listAudit(db, { limit: 10 })).toMatchObject([{ action: 'create_contact', staff: 'Ana (suporte)', syncedAt: null }])
  })

  it('leave nothing behind when any part fails', () => {
    db.exec("CREATE TRIGGER fail_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    expect(() => createContact(ctx, 5, fields, null)).toThrow(/disk full/)
    expect(db.prepare('SELECT count(*) FROM contacts').pluck().get()).toBe(0)
    expect(allEntries(db)).toEqual([])
  })

  it('fold repeated edits of a waiting record into its one entry, keeping the first base', () => {
    const localId = synced()
    updateContact(ctx, localId, { city: 'Olinda' })
    updateContact(ctx, localId, { city: 'Caruaru', firstName: 'Mariana' })
    expect(allEntries(db)).toMatchObject([{ op: 'update_contact', keys: ['city', 'firstName'], base: { city: 'Recife', firstName: 'Maria' } }])
    expect(listAudit(db, { limit: 10 })).toHaveLength(2)
  })

  it('fold edits of a contact not yet created into its create', () => {
    const contact = createContact(ctx, 5, fields, null)
    updateContact(ctx, contact.localId, { city: 'Natal' })
    expect(allEntries(db).map((e) => e.op)).toEqual(['create_contact'])
  })

  it('queue nothing for an edit that changes nothing', () => {
    const localId = synced()
    updateContact(ctx, localId, { city: 'Recife' })
    expect(allEntries(db)).toEqual([])
  })

  it('turn access given then taken back before any sync into nothing to send', () => {
    const localId = synced()
    setAccess(ctx, localId, { enabled: true, permissions: ['invoices'] })
    expect(allEntries(db)).toMatchObject([{ op: 'grant_access' }])
    setAccess(ctx, localId, { enabled: true, permissions: ['invoices', 'tickets'] })
    expect(allEntries(db)).toMatchObject([{ op: 'grant_access' }])
    setAccess(ctx, localId, { enabled: false, permissions: [] })
    expect(allEntries(db)).toEqual([])
  })

  it('delete a contact that never left this computer without queueing anything', () => {
    const contact = createContact(ctx, 5, fields, { enabled: true, permissions: ['tickets'] })
    deleteContact(ctx, contact.localId)
    expect(getContact(db, contact.localId)).toBeNull()
    expect(allEntries(db)).toEqual([])
  })

  it('queue a delete for a contact whose create may have reached the portal', () => {
    const contact = createContact(ctx, 5, fields, null)
    const [create] = allEntries(db)
    updateEntry(db, create!.id, { attempts: 1 }, 'now')
    deleteContact(ctx, contact.localId)
    expect(allEntries(db).map((e) => e.op)).toEqual(['delete_contact'])
  })

  it('start a refused entry afresh when staff edit the record again', () => {
    const localId = synced()
    updateContact(ctx, localId, { email: 'taken@gmail.com' })
    const [entry] = allEntries(db)
    updateEntry(db, entry!.id, { state: 'rejected', attempts: 1, lastError: { code: 'portal_error', message: 'Duplicate Email Address' } }, 'now')
    updateContact(ctx, localId, { email: 'free@gmail.com' })
    expect(allEntries(db)).toMatchObject([{ state: 'pending', attempts: 0, lastError: null }])
  })

  it('apply a preset to many contacts in one transaction, one entry each', () => {
    const a = synced('a', 1)
    const b = synced('b', 2)
    setAccessOfMany(ctx, [a, b], { enabled: true, permissions: ['invoices', 'quotes'] })
    expect(allEntries(db).map((e) => [e.entityKey, e.op])).toEqual([
      ['a', 'grant_access'],
      ['b', 'grant_access'],
    ])
    expect(() => setAccessOfMany(ctx, [a, 'missing'], { enabled: false, permissions: [] })).toThrow(/not in the local cache/)
    // The failed batch changed nothing, not even the first contact.
    expect(getContact(db, a)?.data.access).toEqual({ enabled: true, permissions: ['invoices', 'quotes'] })
  })

  it("discard an edit: the record takes the portal's values back", () => {
    const localId = synced()
    updateContact(ctx, localId, { city: 'Olinda' })
    discardEntry(ctx, allEntries(db)[0]!.id)
    expect(getContact(db, localId)?.data.fields.city).toBe('Recife')
    expect(allEntries(db)).toEqual([])
  })
})
