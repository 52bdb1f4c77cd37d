import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { getClient, listClients, replaceClients, searchQuery } from '../../../src/main/core/db/clients'
import { saveContact } from '../../../src/main/core/db/contacts'
import { openDatabase, type Db } from '../../../src/main/core/db/database'
import { replaceDomains } from '../../../src/main/core/db/domains'
import type { Client } from '../../../src/shared/domain'
import { newContactFields } from '../../../src/shared/contact-rules'

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

describe('replaceClients', () => {
  it('adds, updates, removes and leaves unchanged rows alone', () => {
    expect(replaceClients(db, sample, 't1')).toEqual({ added: 4, updated: 0, removed: 0, unchanged: 0 })
    const changes = db.prepare('SELECT total_changes() AS n').pluck()
    const before = changes.get() as number
    expect(replaceClients(db, sample, 't2')).toEqual({ added: 0, updated: 0, removed: 0, unchanged: 4 })
    expect(changes.get()).toBe(before) // nothing was written at all
    const next = [{ ...sample[0]!, email: 'joao@novo.com.br' }, sample[1]!, sample[2]!, client(5, 'Bruno', 'Lima')]
    expect(replaceClients(db, next, 't3')).toEqual({ added: 1, updated: 1, removed: 1, unchanged: 2 })
    expect(getClient(db, 1)?.email).toBe('joao@novo.com.br')
    expect(getClient(db, 4)).toBeNull()
  })

  it('keeps one row per id when a page repeats a client', () => {
    expect(replaceClients(db, [sample[0]!, sample[0]!], 't')).toEqual({ added: 1, updated: 0, removed: 0, unchanged: 0 })
  })
})

describe('listClients', () => {
  beforeEach(() => void replaceClients(db, sample, 't'))

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
    replaceClients(db, sample, 't')
    const state = {
      fields: { ...newContactFields(), firstName: 'Beatriz', lastName: 'Financeiro', email: 'bia.contas@gmail.com', phoneNumber: '+55.81987654321', taxId: '123.456.789-09' },
      access: null,
    }
    saveContact(db, { localId: 'c1', remoteId: 9, clientId: 3, data: state, base: state, remoteUpdatedAt: null, deleted: false })
    replaceDomains(db, [{ id: 1, clientId: 2, domain: 'alvaromendes.com.br', status: 'Active', expiryDate: null, nextDueDate: null }])
  })

  it.each([
    ['a contact\'s name', 'beatriz', [3]],
    ['a contact\'s e-mail', 'bia.contas', [3]],
    ['a contact\'s phone as said', '(81) 98765-4321', [3]],
    ['the start of a contact\'s phone', '81 9876', [3]],
    ['a contact\'s CPF, formatted', '123.456.789-09', [3]],
    ['a domain', 'alvaromendes.com.br', [2]],
    ['the start of a domain', 'www.alvaromendes.com', [2]],
  ])('%s', (_what, search, ids) => {
    expect(listClients(db, { search, offset: 0, limit: 10 }).items.map((c) => c.id)).toEqual(ids)
  })
})
