import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { applyClient, clientIds, getClient, listClients, removeClient, searchQuery } from '../../../../src/main/core/db/clients'
import { saveContact } from '../../../../src/main/core/db/contacts'
import { openDatabase, type Db } from '../../../../src/main/core/db/database'
import { applyDomain, domainIds, domainsOf } from '../../../../src/main/core/db/domains'
import { productsOf, productTable } from '../../../../src/main/core/db/products'
import type { Client } from '../../../../src/shared/domain'
import { newContactFields } from '../../../../src/shared/contact-rules'

let db: Db
beforeEach(() => {
  db = openDatabase(':memory:')
})
afterEach(() => db.close())

const client = (id: number, firstName: string, lastName: string, companyName = '', email = `c${id}@exemplo.com.br`): Client => ({
  id,
  firstName,
  lastName,
  companyName,
  email,
  status: 'Active',
  createdOn: '2020-01-02',
  groupId: 0,
})

const sample = [
  client(1, 'João', 'Conceição', 'Padaria São José Ltda', 'joao@padariasaojose.com.br'),
  client(2, 'Álvaro', 'Mendes', '', 'alvaro.mendes@gmail.com'),
  client(3, 'Zuleica', 'Prado', 'Prado & Filhos ME', 'financeiro@pradofilhos.com.br'),
  client(4, 'ana', 'Souza'),
]

/** Saves clients as a pull applies them. */
function saveClients(target: Db, clients: readonly Client[], at = 't'): void {
  for (const each of clients) applyClient(target, each, at)
}

describe('applyClient', () => {
  it('adds, updates and leaves unchanged rows alone, writing nothing for a client the cache holds as it is', () => {
    expect(sample.map((each) => applyClient(db, each, 't1'))).toEqual(['added', 'added', 'added', 'added'])
    const changes = db.prepare('SELECT total_changes() AS n').pluck()
    const before = changes.get() as number
    expect(sample.map((each) => applyClient(db, each, 't2'))).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged'])
    expect(changes.get()).toBe(before) // nothing was written at all
    expect(applyClient(db, { ...sample[0]!, email: 'joao@novo.com.br' }, 't3')).toBe('updated')
    expect(getClient(db, 1)?.email).toBe('joao@novo.com.br')
    removeClient(db, 4)
    expect(getClient(db, 4)).toBeNull()
    expect(clientIds(db, 0, 10)).toEqual([1, 2, 3])
    expect(clientIds(db, 1, 1)).toEqual([2])
  })
})

describe('the search entries of clients and contacts', () => {
  const found = (search: string) => listClients(db, { search, offset: 0, limit: 10 }).items.map((each) => each.id)

  it("follow a client's rename and removal: the new name is found, the old one and a removed client no longer", () => {
    saveClients(db, sample)
    expect(found('conceição')).toEqual([1])
    applyClient(db, { ...sample[0]!, lastName: 'Barros' }, 't2')
    expect(found('conceição')).toEqual([])
    expect(found('barros')).toEqual([1])
    applyClient(db, { ...sample[0]!, lastName: 'Barros', status: 'Inactive' }, 't3') // not a searched field: same entry
    expect(found('barros')).toEqual([1])
    removeClient(db, 1)
    expect(found('barros')).toEqual([])
  })

  it('are written by the saves themselves, so a transaction of many saves adds one index segment, not one per row', () => {
    // No trigger on clients or contacts (migration 16): a statement that fires one opens a savepoint, and FTS5 flushes
    // its pending rows into a new segment at each savepoint. Automerge off, so the count is what the writes made.
    for (const index of ['clients_fts', 'contacts_fts']) db.prepare(`INSERT INTO ${index} (${index}, rank) VALUES ('automerge', 0)`).run()
    db.transaction(() => {
      for (let id = 1; id <= 50; id++) {
        applyClient(db, client(id, `Cliente${id}`, 'Silva'), 't')
        const fields = { ...newContactFields(), firstName: `Contato${id}`, email: `contato${id}@gmail.com` }
        saveContact(db, { localId: `k${id}`, remoteId: id, clientId: id, data: { fields, access: null }, base: null, remoteUpdatedAt: null, deleted: false })
      }
    })()
    const segments = (index: string) => db.prepare(`SELECT count(DISTINCT segid) FROM ${index}_idx`).pluck().get()
    expect(segments('clients_fts')).toBe(1)
    expect(segments('contacts_fts')).toBe(1)
    expect(found('cliente37')).toEqual([37])
  })
})

describe('applyDomain', () => {
  it('stores a domain lowercased, rewrites it only when it changed', () => {
    const domain = { id: 9, clientId: 2, domain: 'Mendes.com.BR', status: 'Active', expiryDate: '2027-01-01', nextDueDate: null }
    expect(applyDomain(db, domain)).toBe('added')
    expect(applyDomain(db, domain)).toBe('unchanged')
    expect(applyDomain(db, { ...domain, status: 'Expired' })).toBe('updated')
    expect(domainsOf(db, 2)).toEqual([{ ...domain, domain: 'mendes.com.br', status: 'Expired' }])
    expect(domainIds(db, 0, 10)).toEqual([9])
    expect(domainIds(db, 9, 10)).toEqual([])
  })
})

describe('productTable', () => {
  it('stores a hosting service with its domain lowercased, rewrites it only when it changed, and removes it by id', () => {
    const service = { id: 12, clientId: 2, domain: 'Mendes.com.BR', status: 'Active', name: 'Hospedagem Básica' }
    const other = { id: 13, clientId: 2, domain: '', status: 'Terminated', name: 'Revenda' }
    expect([productTable.apply(db, service), productTable.apply(db, other)]).toEqual(['added', 'added'])
    const changes = db.prepare('SELECT total_changes() AS n').pluck()
    const before = changes.get() as number
    expect(productTable.apply(db, service)).toBe('unchanged')
    expect(changes.get()).toBe(before)
    expect(productTable.apply(db, { ...service, status: 'Suspended' })).toBe('updated')
    expect(productsOf(db, 2)).toEqual([other, { ...service, domain: 'mendes.com.br', status: 'Suspended' }])
    expect(productTable.ids(db, 0, 10)).toEqual([12, 13])
    expect(productTable.ids(db, 12, 10)).toEqual([13])
    productTable.remove(db, 12)
    expect(productsOf(db, 2)).toEqual([other])
  })
})

describe('listClients', () => {
  beforeEach(() => saveClients(db, sample))

  it('lists alphabetically, ignoring accents and case, with the total', () => {
    const page = listClients(db, { search: '', offset: 0, limit: 10 })
    expect(page.total).toBe(4)
    expect(page.items.map((c) => c.id)).toEqual([2, 4, 1, 3])
  })

  it('pages with offset and limit', () => {
    const page = listClients(db, { search: '', offset: 1, limit: 2 })
    expect(page).toMatchObject({ total: 4, offset: 1 })
    expect(page.items.map((c) => c.id)).toEqual([4, 1])
  })

  it.each([
    ['joao', [1]],
    ['JOÃO conc', [1]],
    ['padaria', [1]],
    ['alvaro.mendes', [2]],
    ['gmail', [2]],
    ['prado filhos', [3]],
    ['financeiro@prado', [3]],
    ['nobody', []],
  ])('searches name, company and e-mail by word prefixes: %s', (search, ids) => {
    const page = listClients(db, { search, offset: 0, limit: 10 })
    expect(page.items.map((c) => c.id)).toEqual(ids)
    expect(page.total).toBe(ids.length)
  })

  it('never lets typed text reach the FTS5 query syntax', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (search) => {
        expect(() => listClients(db, { search, offset: 0, limit: 5 })).not.toThrow()
      }),
    )
    expect(searchQuery('a" OR b* NEAR(c)')).toBe('"a"* "OR"* "b"* "NEAR"* "c"*')
    expect(searchQuery('  ')).toBeNull()
  })
})

describe('listClients finds a client by what a caller says', () => {
  beforeEach(() => {
    saveClients(db, sample)
    const state = {
      fields: {
        ...newContactFields(),
        firstName: 'Beatriz',
        lastName: 'Financeiro',
        email: 'bia.contas@gmail.com',
        phoneNumber: '+55.81987654321',
        taxId: '123.456.789-09',
      },
      access: null,
    }
    saveContact(db, { localId: 'c1', remoteId: 9, clientId: 3, data: state, base: state, remoteUpdatedAt: null, deleted: false })
    applyDomain(db, { id: 1, clientId: 2, domain: 'alvaromendes.com.br', status: 'Active', expiryDate: null, nextDueDate: null })
  })

  it.each([
    ["a contact's name", 'beatriz', [3]],
    ["a contact's e-mail", 'bia.contas', [3]],
    ["a contact's phone as said", '(81) 98765-4321', [3]],
    ["the start of a contact's phone", '81 9876', [3]],
    ["a contact's CPF, formatted", '123.456.789-09', [3]],
    ['a domain', 'alvaromendes.com.br', [2]],
    ['the start of a domain', 'www.alvaromendes.com', [2]],
  ])('%s', (_what, search, ids) => {
    expect(listClients(db, { search, offset: 0, limit: 10 }).items.map((c) => c.id)).toEqual(ids)
  })
})
