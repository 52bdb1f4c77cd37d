// The duplicates over the cache (src/main/core/db/duplicates.ts): holder_keys kept as owners and contacts are
// written, edited, deleted and purged, and the groups with their holders, accountants last.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { applyClient, removeClient, saveOwnerNumbers } from '../../../../src/main/core/db/clients'
import { removeContact, saveContact } from '../../../../src/main/core/db/contacts'
import { openDatabase, type Db } from '../../../../src/main/core/db/database'
import { listDuplicates } from '../../../../src/main/core/db/duplicates'
import { newContactFields } from '../../../../src/shared/contact-rules'
import type { Client, ContactFields } from '../../../../src/shared/domain'

let db: Db
beforeEach(() => {
  db = openDatabase(':memory:')
})
afterEach(() => db.close())

const client = (id: number, email: string, firstName = `Cliente ${id}`): Client => ({
  id,
  firstName,
  lastName: 'Silva',
  companyName: '',
  email,
  status: 'Active',
  createdOn: '2020-01-02',
  groupId: 0,
})

function contact(localId: string, clientId: number, fields: Partial<ContactFields>, deleted = false): void {
  const state = { fields: { ...newContactFields(), firstName: localId, ...fields }, access: null }
  saveContact(db, { localId, remoteId: null, clientId, data: state, base: null, remoteUpdatedAt: null, deleted })
}

const all = (kind?: 'email' | 'taxId' | 'phone') => listDuplicates(db, { ...(kind ? { kind } : {}), offset: 0, limit: 100 })
const keysOf = (kind?: 'email' | 'taxId' | 'phone') => all(kind).items.map((group) => `${group.kind}:${group.key}`)

describe('listDuplicates', () => {
  it('finds one e-mail on two clients whatever its case, each holder with its client and name, and no unique one', () => {
    applyClient(db, client(1, 'Ana.Souza@Padaria.com.br', 'Ana'), 'now')
    applyClient(db, client(2, 'ana.souza@padaria.com.br', 'Ana Maria'), 'now')
    applyClient(db, client(3, 'unica@exemplo.com.br'), 'now')
    const page = all()
    expect(page.total).toBe(1)
    expect(page.items[0]).toEqual({
      kind: 'email',
      key: 'ana.souza@padaria.com.br',
      value: 'ana.souza@padaria.com.br',
      clients: 2,
      accountant: false,
      holders: [
        { clientId: 1, localId: null, name: 'Ana Silva', companyName: '', email: 'Ana.Souza@Padaria.com.br', written: 'Ana.Souza@Padaria.com.br' },
        { clientId: 2, localId: null, name: 'Ana Maria Silva', companyName: '', email: 'ana.souza@padaria.com.br', written: 'ana.souza@padaria.com.br' },
      ],
    })
  })

  it('finds a CPF with and without punctuation, an owner and a contact', () => {
    applyClient(db, client(1, 'a@x.com.br'), 'now')
    applyClient(db, client(2, 'b@y.com.br'), 'now')
    saveOwnerNumbers(db, 1, { phoneNumber: '', taxId: '123.456.789-09' })
    contact('k1', 2, { email: 'c@y.com.br', taxId: '12345678909' })
    const [group] = all('taxId').items
    expect(group).toMatchObject({ kind: 'taxId', key: '12345678909', value: '123.456.789-09', clients: 2, accountant: false })
    expect(group!.holders.map((h) => [h.clientId, h.localId, h.written])).toEqual([
      [1, null, '123.456.789-09'],
      [2, 'k1', '12345678909'],
    ])
  })

  it('finds a mobile written with and without its ninth digit, never a landline with a mobile, never a placeholder', () => {
    contact('k1', 1, { phoneNumber: '(11) 8765-4321' })
    contact('k2', 2, { phoneNumber: '+55.11987654321' })
    contact('k3', 3, { phoneNumber: '(11) 3333-4444' })
    contact('k4', 4, { phoneNumber: '(11) 93333-4444' })
    contact('k5', 5, { phoneNumber: '0000-0000' })
    contact('k6', 6, { phoneNumber: '(11) 0000-0000' })
    contact('k7', 7, { phoneNumber: '9999-9999' })
    contact('k8', 8, { phoneNumber: '(11) 9999-9999' })
    expect(keysOf('phone')).toEqual(['phone:+5511987654321'])
  })

  it('shows one person on three clients or more as an accountant, after the mistakes', () => {
    for (const id of [1, 2, 3, 4]) applyClient(db, client(id, `dono${id}@x.com.br`), 'now')
    for (const id of [1, 2, 3]) contact(`acc${id}`, id, { email: 'Contador@Escritorio.com.br', taxId: '111.444.777-35' })
    applyClient(db, client(5, 'dono1@x.com.br'), 'now')
    const page = all()
    expect(page.items.map((group) => [group.kind, group.key, group.accountant, group.clients])).toEqual([
      ['email', 'dono1@x.com.br', false, 2],
      ['email', 'contador@escritorio.com.br', true, 3],
      ['taxId', '11144477735', true, 3],
    ])
  })

  it('takes contacts only, each on another client, for one person serving both (not a mistake); two on one client are', () => {
    contact('k1', 1, { email: 'financeiro@grupo.com.br' })
    contact('k2', 2, { email: 'financeiro@grupo.com.br' })
    contact('k3', 3, { email: 'dup@z.com.br' })
    contact('k4', 3, { email: 'DUP@z.com.br' })
    expect(all().items.map((group) => [group.key, group.accountant, group.clients])).toEqual([
      ['dup@z.com.br', false, 1],
      ['financeiro@grupo.com.br', true, 2],
    ])
  })

  it('follows edits, deletes, a client leaving the list and a purge of the details', () => {
    applyClient(db, client(1, 'x@a.com.br'), 'now')
    applyClient(db, client(2, 'x@a.com.br'), 'now')
    saveOwnerNumbers(db, 1, { phoneNumber: '(21) 2222-3333', taxId: '' })
    contact('k1', 2, { email: 'y@b.com.br', phoneNumber: '21 2222 3333' })
    expect(keysOf()).toEqual(['email:x@a.com.br', 'phone:+552122223333'])
    applyClient(db, client(2, 'outro@a.com.br'), 'later')
    expect(keysOf()).toEqual(['phone:+552122223333'])
    contact('k1', 2, { email: 'y@b.com.br', phoneNumber: '21 2222 3334' })
    expect(keysOf()).toEqual([])
    contact('k1', 2, { email: 'y@b.com.br', phoneNumber: '(21) 2222-3333' })
    expect(keysOf()).toEqual(['phone:+552122223333'])
    // The purge removes the details the owner's numbers came with.
    db.prepare("INSERT INTO client_details (client_id, data) VALUES (1, '{}')").run()
    db.prepare('DELETE FROM client_details WHERE client_id = 1').run()
    expect(keysOf()).toEqual([])
    saveOwnerNumbers(db, 1, { phoneNumber: '(21) 2222-3333', taxId: '' })
    contact('k2', 1, { email: 'y@b.com.br' })
    expect(keysOf()).toEqual(['phone:+552122223333', 'email:y@b.com.br'])
    contact('k2', 1, { email: 'y@b.com.br' }, true)
    expect(keysOf()).toEqual(['phone:+552122223333'])
    removeContact(db, 'k1')
    removeClient(db, 1)
    // What is left: the owner of client 2's e-mail, and nothing of client 1 or of the contacts.
    expect(db.prepare('SELECT kind, client_id, local_id FROM holder_keys').all()).toEqual([{ kind: 'email', client_id: 2, local_id: null }])
    expect(keysOf()).toEqual([])
  })

  it('pages the groups and counts them all', () => {
    for (let id = 1; id <= 10; id++) applyClient(db, client(id, `p${Math.ceil(id / 2)}@x.com.br`), 'now')
    const first = listDuplicates(db, { offset: 0, limit: 2 })
    const rest = listDuplicates(db, { offset: 2, limit: 10 })
    expect(first.total).toBe(5)
    expect([...first.items, ...rest.items].map((group) => group.key)).toEqual(['p1@x.com.br', 'p2@x.com.br', 'p3@x.com.br', 'p4@x.com.br', 'p5@x.com.br'])
  })

  it('counts the groups over the index alone', () => {
    const plan = db
      .prepare('EXPLAIN QUERY PLAN SELECT kind, key, count(*), count(DISTINCT client_id), count(local_id) FROM holder_keys GROUP BY kind, key')
      .all() as { detail: string }[]
    expect(plan.map((step) => step.detail).join('\n')).toMatch(/USING COVERING INDEX holder_keys_by_key/)
  })
})
