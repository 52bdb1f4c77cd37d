// Contacts across clients (bulk delegation) and the owner's own numbers in the client search, on a real
// in-memory SQLite with every migration.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { applyClient, listClients, saveOwnerNumbers } from '../../../../src/main/core/db/clients'
import { searchContacts } from '../../../../src/main/core/db/contact-search'
import { saveContact, type StoredContact } from '../../../../src/main/core/db/contacts'
import { openDatabase, type Db } from '../../../../src/main/core/db/database'
import { applyDomain } from '../../../../src/main/core/db/domains'
import type { Access, Client } from '../../../../src/shared/domain'
import { newContactFields } from '../../../../src/shared/contact-rules'

let db: Db
beforeEach(() => {
  db = openDatabase(':memory:')
  for (const each of [client(1, 'Zélia', 'Prado', 'Padaria São José'), client(2, 'Álvaro', 'Mendes', ''), client(3, '', '', 'Contábil Norte Ltda')])
    applyClient(db, each, 't')
  applyDomain(db, { id: 1, clientId: 2, domain: 'mendesobras.com.br', status: 'Active', expiryDate: null, nextDueDate: null })
})
afterEach(() => db.close())

function client(id: number, firstName: string, lastName: string, companyName: string): Client {
  return { id, firstName, lastName, companyName, email: `dono${id}@cliente${id}.com.br`, status: 'Active', createdOn: null, groupId: 0 }
}

function contact(
  localId: string,
  clientId: number,
  email: string,
  access: Access | null,
  extra: { firstName?: string; deleted?: boolean } = {},
): StoredContact {
  const state = {
    fields: { ...newContactFields(), firstName: extra.firstName ?? 'Renata', lastName: 'Lima', email, phoneNumber: '+55.81987654321' },
    access,
  }
  return { localId, remoteId: null, clientId, data: state, base: null, remoteUpdatedAt: null, deleted: extra.deleted ?? false }
}

const on: Access = { enabled: true, permissions: ['invoices'] }
const off: Access = { enabled: false, permissions: [] }
const found = (search: string, more: { hasAccess?: boolean; offset?: number; limit?: number } = {}) =>
  searchContacts(db, { search, offset: 0, limit: 100, ...more })
const ids = (search: string, more: { hasAccess?: boolean } = {}) => found(search, more).items.map((hit) => hit.contact.localId)

describe('searchContacts', () => {
  beforeEach(() => {
    saveContact(db, contact('a1', 1, 'renata@agencia.com.br', on))
    saveContact(db, contact('a2', 2, 'Renata@Agencia.com.br', off))
    saveContact(db, contact('a3', 3, 'renata@agencia.com.br', null))
    saveContact(db, contact('gone', 3, 'renata@agencia.com.br', on, { deleted: true }))
    saveContact(db, contact('look', 1, 'renata.lima@agencia.com.br', on))
    saveContact(db, contact('other', 2, 'caio@mendesobras.com.br', on, { firstName: 'Caio' }))
  })

  it('finds every contact with a whole e-mail address on any client, whatever its case, and nothing else', () => {
    expect(ids(' RENATA@agencia.com.br ')).toEqual(['a3', 'a2', 'a1'])
    expect(found('renata@agencia.com.br').total).toBe(3)
  })

  it("gives each contact its client's name (the company where the client has no person's name), in the client list's order", () => {
    expect(found('renata@agencia.com.br').items.map((hit) => hit.clientName)).toEqual(['Contábil Norte Ltda', 'Álvaro Mendes', 'Zélia Prado'])
  })

  it('finds contacts by words, phone digits, and by their client (name, company, domain)', () => {
    expect(ids('renata agencia')).toEqual(['a3', 'a2', 'a1', 'look'])
    expect(ids('(81) 98765')).toHaveLength(5)
    expect(ids('padaria')).toEqual(['a1', 'look'])
    expect(ids('mendesobras.com.br')).toEqual(['a2', 'other'])
    expect(ids('nobody')).toEqual([])
    expect(ids('  ')).toEqual([])
  })

  it("follows a contact's edits: a new address or name is found and the old one no longer; a deleted one is not found, and is again once kept", () => {
    const edited = (changes: Partial<StoredContact['data']['fields']>, deleted = false) => {
      const base = contact('other', 2, 'caio@mendesobras.com.br', on, { firstName: 'Caio' })
      saveContact(db, { ...base, deleted, data: { ...base.data, fields: { ...base.data.fields, ...changes } } })
    }
    edited({ city: 'Olinda' })
    expect(ids('caio')).toEqual(['other'])
    edited({ email: 'caio.novo@gmail.com', firstName: 'Caetano' })
    expect(ids('caio.novo@gmail.com')).toEqual(['other'])
    expect(ids('Caetano')).toEqual(['other'])
    expect(ids('caio@mendesobras.com.br')).toEqual([])
    edited({ email: 'caio.novo@gmail.com', firstName: 'Caetano' }, true)
    expect(ids('Caetano')).toEqual([])
    edited({ email: 'caio.novo@gmail.com', firstName: 'Caetano' })
    expect(ids('Caetano')).toEqual(['other'])
  })

  it('filters by whether the contact can log in (never read counts as not)', () => {
    expect(ids('renata@agencia.com.br', { hasAccess: true })).toEqual(['a1'])
    expect(ids('renata@agencia.com.br', { hasAccess: false })).toEqual(['a3', 'a2'])
  })

  it('pages, with the total of every match', () => {
    const page = found('agencia', { offset: 1, limit: 2 })
    expect(page.total).toBe(4)
    expect(page.items.map((hit) => hit.contact.localId)).toEqual(['a2', 'a1'])
  })

  it('names a client that left the cache by its id', () => {
    saveContact(db, contact('orphan', 99, 'orfa@exemplo.com.br', on))
    expect(found('orfa@exemplo.com.br').items.map((hit) => hit.clientName)).toEqual(['#99'])
  })
})

describe("the client search and the owner's own numbers", () => {
  it("finds an opened client by its owner's phone (with or without +55) and CPF/CNPJ", () => {
    saveOwnerNumbers(db, 3, { phoneNumber: '+55.11912345678', taxId: '12.345.678/0001-95' })
    const search = (text: string) => listClients(db, { search: text, offset: 0, limit: 10 }).items.map((each) => each.id)
    expect(search('(11) 91234-5678')).toEqual([3])
    expect(search('+55 11 9123')).toEqual([3])
    expect(search('12.345.678/0001-95')).toEqual([3])
    expect(search('12345678')).toEqual([3])
    // Read again with other numbers: the old ones no longer find it.
    saveOwnerNumbers(db, 3, { phoneNumber: '+55.21900001111', taxId: '' })
    expect(search('(11) 91234-5678')).toEqual([])
    expect(search('21 90000')).toEqual([3])
  })
})
