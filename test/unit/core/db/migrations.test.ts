import Database from 'better-sqlite3'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, userVersion, type Db } from '../../../../src/main/core/db/database'
import { MIGRATIONS } from '../../../../src/main/core/db/migrations'
import { getEntry } from '../../../../src/main/core/db/outbox'
import { DeskFailure } from '../../../../src/shared/errors'
import { makeTempDir } from '../../../support/temp-dir'

let dir: ReturnType<typeof makeTempDir>
let db: Db | null = null
beforeEach(() => {
  dir = makeTempDir()
})
afterEach(() => {
  db?.close()
  db = null
  dir.remove()
})

const upTo = (version: number) => MIGRATIONS.slice(0, version)
const tables = (handle: Db) => handle.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger') ORDER BY name").pluck().all() as string[]

describe('migration runner', () => {
  it('applies every migration in order and records the last version', () => {
    db = openDatabase(join(dir.path, 'cache.sqlite'))
    expect(userVersion(db)).toBe(MIGRATIONS.length)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
  })

  it('is idempotent: reopening applies nothing twice', () => {
    const file = join(dir.path, 'cache.sqlite')
    openDatabase(file).close()
    db = openDatabase(file)
    expect(userVersion(db)).toBe(MIGRATIONS.length)
  })

  it('refuses a database written by a newer version and leaves the file byte for byte untouched', () => {
    const file = join(dir.path, 'newer.sqlite')
    const newer = new Database(file)
    newer.exec('CREATE TABLE future (x)')
    newer.pragma(`user_version = ${MIGRATIONS.length + 5}`)
    newer.close()
    const before = readFileSync(file)
    let thrown: unknown
    try {
      openDatabase(file)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(DeskFailure)
    expect((thrown as DeskFailure).code).toBe('database_too_new')
    expect((thrown as DeskFailure).message).toMatch(/newer version of Contact Desk/)
    expect(readFileSync(file).equals(before)).toBe(true)
  })

  it('rolls a failing migration back whole and keeps the previous version', () => {
    const file = join(dir.path, 'cache.sqlite')
    const broken = [...upTo(1), { version: 2, name: 'half done', up: (handle: Db) => handle.exec('CREATE TABLE half (x); SELECT * FROM missing_table;') }]
    expect(() => openDatabase(file, { migrations: broken })).toThrow(/missing_table/)
    db = new Database(file)
    expect(userVersion(db)).toBe(1)
    expect(tables(db)).not.toContain('half')
  })

  it('refuses a migration list with a gap or a repeat', () => {
    const gap = [upTo(1)[0]!, { ...upTo(2)[1]!, version: 3 }]
    expect(() => openDatabase(':memory:', { migrations: gap })).toThrow(/expected 2/)
  })
})

describe('migration 1: cache identity and clients', () => {
  it('creates meta and clients', () => {
    db = openDatabase(':memory:', { migrations: upTo(1) })
    expect(tables(db)).toEqual(expect.arrayContaining(['meta', 'clients']))
    db.prepare(
      `INSERT INTO clients (id, first_name, last_name, company_name, email, status, created_on, group_id, sort_key, remote_hash, fetched_at)
       VALUES (1, 'Ana', 'Souza', '', 'ana@x.com.br', 'Active', NULL, 0, 'ana souza', 'h', 'now')`,
    ).run()
    // STRICT tables refuse a wrongly typed value instead of storing it.
    expect(() => db!.prepare(`UPDATE clients SET group_id = 'zero' WHERE id = 1`).run()).toThrow()
  })
})

describe('migration 2: client search', () => {
  it('indexes clients that existed before it and follows later changes', () => {
    const handle = openDatabase(join(dir.path, 'x.sqlite'), { migrations: upTo(1) })
    handle
      .prepare(
        `INSERT INTO clients (id, first_name, last_name, company_name, email, status, created_on, group_id, sort_key, remote_hash, fetched_at)
       VALUES (1, 'João', 'Conceição', 'Padaria São José', 'joao@padaria.com.br', 'Active', NULL, 0, '', 'h', 'now')`,
      )
      .run()
    handle.close()
    db = openDatabase(join(dir.path, 'x.sqlite'), { migrations: upTo(2) })
    const match = db.prepare('SELECT rowid FROM clients_fts WHERE clients_fts MATCH ?').pluck()
    expect(match.all('"joao"* "concei"*')).toEqual([1])
    db.prepare(`UPDATE clients SET first_name = 'Maria' WHERE id = 1`).run()
    expect(match.all('name : "joao"*')).toEqual([])
    expect(match.all('name : "maria"*')).toEqual([1])
    db.prepare('DELETE FROM clients WHERE id = 1').run()
    expect(match.all('"maria"*')).toEqual([])
  })
})

describe('migration 3: sync runs', () => {
  it('creates sync_runs and checks ok is 0 or 1', () => {
    db = openDatabase(':memory:', { migrations: upTo(3) })
    const insert = db.prepare('INSERT INTO sync_runs (started_at, finished_at, ok) VALUES (?, ?, ?)')
    insert.run('a', 'b', 1)
    expect(() => insert.run('a', 'b', 2)).toThrow(/CHECK/)
  })
})

describe('migration 4: 8.x invites', () => {
  it('keeps one invite per client and e-mail, in a known state', () => {
    db = openDatabase(':memory:', { migrations: upTo(4) })
    const insert = db.prepare('INSERT INTO invites (client_id, email, email_key, permissions, state, sent_at) VALUES (?, ?, ?, ?, ?, ?)')
    insert.run(1, 'A@x.com', 'a@x.com', 'tickets', 'pending', 'now')
    insert.run(2, 'a@x.com', 'a@x.com', 'tickets', 'sending', 'now')
    expect(() => insert.run(1, 'a@X.com', 'a@x.com', 'orders', 'pending', 'now')).toThrow(/UNIQUE/)
    expect(() => insert.run(3, 'b@x.com', 'b@x.com', 'orders', 'lost', 'now')).toThrow(/CHECK/)
  })
})

describe('migration 5: contacts, owners and users', () => {
  it('keeps one contact per portal id and finds contacts by phone digits', () => {
    db = openDatabase(':memory:', { migrations: upTo(5) })
    const insert = db.prepare("INSERT INTO contacts (local_id, remote_id, client_id, data) VALUES (?, ?, 1, '{}')")
    insert.run('a', 10)
    insert.run('b', null)
    insert.run('c', null)
    expect(() => insert.run('d', 10)).toThrow(/UNIQUE/)
    db.prepare("INSERT INTO contacts_fts (rowid, name, company, email, phone, tax_id) VALUES (1, 'x', '', '', '81987654321', '')").run()
    expect(db.prepare('SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH \'{phone} : "8198"*\'').pluck().all()).toEqual([1])
  })
})

describe('migration 6: outbox, audit log and conflicts', () => {
  it('refuses an unknown operation and allows one open conflict per field', () => {
    db = openDatabase(':memory:', { migrations: upTo(6) })
    const entry = db.prepare(
      "INSERT INTO outbox (op, entity_key, client_id, keys, base, state, staff, created_at, updated_at) VALUES (?, 'k', 1, '[]', '{}', 'pending', 's', 't', 't')",
    )
    entry.run('update_contact')
    expect(() => entry.run('drop_table')).toThrow(/CHECK/)
    const conflict = db.prepare("INSERT INTO conflicts (entity, entity_key, client_id, key, state, created_at) VALUES ('contact', 'k', 1, 'city', ?, 't')")
    conflict.run('open')
    conflict.run('resolved')
    expect(() => conflict.run('open')).toThrow(/UNIQUE/)
  })
})

describe('migration 7: single-writer lease', () => {
  it('holds one lease per name', () => {
    db = openDatabase(':memory:', { migrations: upTo(7) })
    db.prepare("INSERT INTO leases (name, holder, expires_at) VALUES ('sync', 'a', 1)").run()
    expect(() => db!.prepare("INSERT INTO leases (name, holder, expires_at) VALUES ('sync', 'b', 1)").run()).toThrow(/UNIQUE/)
  })
})

describe('migration 8: client domains', () => {
  it('stores domains by client', () => {
    db = openDatabase(':memory:', { migrations: upTo(8) })
    db.prepare("INSERT INTO client_domains (id, client_id, domain, status) VALUES (1, 7, 'padaria.com.br', 'Active')").run()
    expect(db.prepare('SELECT client_id FROM client_domains WHERE domain = ?').pluck().get('padaria.com.br')).toBe(7)
  })
})

describe('migration 9: what each push attempt sent', () => {
  it('gives entries from before it an empty record of what was sent, which the outbox module reads back', () => {
    const file = join(dir.path, 'cache.sqlite')
    const old = openDatabase(file, { migrations: upTo(8) })
    old
      .prepare(
        "INSERT INTO outbox (op, entity_key, client_id, keys, base, state, staff, created_at, updated_at) VALUES ('update_contact', 'k', 1, '[\"city\"]', '{}', 'failed', 's', 't', 't')",
      )
      .run()
    old.close()
    db = openDatabase(file, { migrations: upTo(9) })
    expect(getEntry(db, 1)).toMatchObject({ keys: ['city'], sent: { values: {}, afterRemoteId: null } })
  })
})

describe('migration 10: owner phone and tax id search', () => {
  it('finds an owner by phone digits and forgets them with the details', () => {
    db = openDatabase(':memory:', { migrations: upTo(10) })
    db.prepare("INSERT INTO client_details (client_id, data) VALUES (7, '{}')").run()
    db.prepare("INSERT INTO owners_fts (rowid, phone, tax_id) VALUES (7, '5581987654321 81987654321', '12345678909')").run()
    const find = db.prepare('SELECT rowid FROM owners_fts WHERE owners_fts MATCH ?').pluck()
    expect(find.all('"8198765"*')).toEqual([7])
    db.prepare('DELETE FROM client_details WHERE client_id = 7').run()
    expect(find.all('"8198765"*')).toEqual([])
  })
})

describe('migration 11: when each client was last opened', () => {
  it('dates what was read before it by its read time, and outlives the client row', () => {
    const file = join(dir.path, 'opened.sqlite')
    const before = openDatabase(file, { migrations: upTo(10) })
    before.prepare("INSERT INTO client_details (client_id, data, fetched_at) VALUES (1, '{}', '2026-01-10T00:00:00.000Z'), (2, '{}', NULL)").run()
    before
      .prepare(
        "INSERT INTO user_permissions (client_id, user_id, permissions, fetched_at) VALUES (1, 9, '[]', '2026-02-01T00:00:00.000Z'), (3, 9, '[]', '2026-03-01T00:00:00.000Z')",
      )
      .run()
    before
      .prepare(
        `INSERT INTO clients (id, first_name, last_name, company_name, email, status, created_on, group_id, sort_key, remote_hash, fetched_at)
       VALUES (1, 'Ana', 'Souza', '', 'ana@x.com.br', 'Active', NULL, 0, 'ana souza', 'h', 'now')`,
      )
      .run()
    before.close()
    db = openDatabase(file, { migrations: upTo(11) })
    const opened = db.prepare('SELECT client_id, opened_at FROM client_opened ORDER BY client_id').all() as { client_id: number; opened_at: string }[]
    // The later of the two reads of client 1; client 2 was never read from the portal, so it gets the migration's time.
    expect(opened.map((row) => row.client_id)).toEqual([1, 2, 3])
    expect(opened[0]?.opened_at).toBe('2026-02-01T00:00:00.000Z')
    expect(Date.now() - Date.parse(opened[1]?.opened_at ?? '')).toBeLessThan(60_000)
    expect(opened[2]?.opened_at).toBe('2026-03-01T00:00:00.000Z')
    db.prepare('DELETE FROM clients WHERE id = 1').run()
    expect(db.prepare('SELECT opened_at FROM client_opened WHERE client_id = 1').pluck().get()).toBe('2026-02-01T00:00:00.000Z')
    expect(() => db!.prepare("INSERT INTO client_opened (client_id, opened_at) VALUES (1, 'x')").run()).toThrow(/UNIQUE|PRIMARY/)
  })
})

describe('migration 12: access of 8.x logins that are not contacts', () => {
  it('keeps every outbox, audit and conflict row and the outbox id sequence, and admits logins', () => {
    const file = join(dir.path, 'cache.sqlite')
    const old = openDatabase(file, { migrations: upTo(11) })
    const insert = old.prepare(
      "INSERT INTO outbox (op, entity_key, client_id, keys, base, state, staff, created_at, updated_at) VALUES ('update_contact', ?, 1, '[]', '{}', 'pending', 's', 't', 't')",
    )
    for (const key of ['a', 'b', 'c']) insert.run(key)
    old.prepare("DELETE FROM outbox WHERE entity_key = 'c'").run()
    old
      .prepare("INSERT INTO audit_log (at, staff, client_id, entity, entity_key, action, outbox_id) VALUES ('t', 's', 1, 'contact', 'a', 'update_contact', 1)")
      .run()
    old.prepare("INSERT INTO conflicts (entity, entity_key, client_id, key, state, created_at) VALUES ('contact', 'a', 1, 'city', 'open', 't')").run()
    expect(() => old.prepare("INSERT INTO audit_log (at, staff, client_id, entity, entity_key, action) VALUES ('t', 's', 1, 'login', 'k', 'x')").run()).toThrow(
      /CHECK/,
    )
    old.close()
    db = openDatabase(file, { migrations: upTo(12) })
    expect(db.prepare('SELECT entity_key FROM outbox ORDER BY id').pluck().all()).toEqual(['a', 'b'])
    // A removed entry's id is never handed out again: audit rows may still name it.
    const next = db
      .prepare(
        "INSERT INTO outbox (op, entity_key, client_id, keys, base, state, staff, created_at, updated_at) VALUES ('revoke_login_access', 'login:1:9', 1, '[]', '{}', 'pending', 's', 't', 't')",
      )
      .run()
    expect(Number(next.lastInsertRowid)).toBe(4)
    expect(db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(1)
    expect(db.prepare("SELECT count(*) FROM conflicts WHERE state = 'open'").pluck().get()).toBe(1)
    db.prepare("INSERT INTO conflicts (entity, entity_key, client_id, key, state, created_at) VALUES ('login', 'login:1:9', 1, 'access', 'open', 't')").run()
    expect(() =>
      db!
        .prepare("INSERT INTO conflicts (entity, entity_key, client_id, key, state, created_at) VALUES ('login', 'login:1:9', 1, 'access', 'open', 't')")
        .run(),
    ).toThrow(/UNIQUE/)
    expect(() =>
      db!
        .prepare(
          "INSERT INTO outbox (op, entity_key, client_id, keys, base, state, staff, created_at, updated_at) VALUES ('drop_table', 'k', 1, '[]', '{}', 'pending', 's', 't', 't')",
        )
        .run(),
    ).toThrow(/CHECK/)
  })
})

describe('migration 13: what the portal last listed of each contact, and when', () => {
  it('keeps every contact, with no fingerprint and no read time until a pull or a read gives them', () => {
    const file = join(dir.path, 'cache.sqlite')
    const old = openDatabase(file, { migrations: upTo(12) })
    old.prepare("INSERT INTO contacts (local_id, remote_id, client_id, data, base) VALUES ('a', 7, 1, '{}', '{}'), ('b', NULL, 1, '{}', NULL)").run()
    old.close()
    db = openDatabase(file, { migrations: upTo(13) })
    expect(db.prepare('SELECT local_id, remote_id, remote_hash, read_at FROM contacts ORDER BY local_id').all()).toEqual([
      { local_id: 'a', remote_id: 7, remote_hash: null, read_at: null },
      { local_id: 'b', remote_id: null, remote_hash: null, read_at: null },
    ])
    expect(() => db!.prepare("UPDATE contacts SET read_at = 'soon' WHERE local_id = 'a'").run()).toThrow(/cannot store TEXT value in INTEGER column/)
  })
})

describe('migration 17: duplicate keys', () => {
  it("keys the owners' e-mails and the contacts not deleted that the cache held, and forgets an owner's numbers with the details", () => {
    const file = join(dir.path, 'cache.sqlite')
    const old = openDatabase(file, { migrations: upTo(14) })
    old
      .prepare(
        `INSERT INTO clients (id, first_name, last_name, company_name, email, status, group_id, sort_key, remote_hash, fetched_at)
         VALUES (1, 'Ana', 'Souza', '', 'Ana@X.com.br', 'Active', 0, 'ana', 'h', 'now'), (2, 'Bia', 'Lima', '', 'sem-email', 'Active', 0, 'bia', 'h', 'now')`,
      )
      .run()
    const fields = (email: string, phoneNumber: string, taxId: string) => JSON.stringify({ fields: { email, phoneNumber, taxId }, access: null })
    old
      .prepare('INSERT INTO contacts (local_id, remote_id, client_id, data, deleted) VALUES (?, 7, 2, ?, 0), (?, 8, 2, ?, 1)')
      .run('a', fields('ana@x.com.br', '(11) 8765-4321', '123.456.789-09'), 'b', fields('gone@x.com.br', '', ''))
    old.close()
    db = openDatabase(file, { migrations: upTo(17) })
    expect(db.prepare('SELECT kind, key, client_id, local_id, written FROM holder_keys ORDER BY kind, local_id').all()).toEqual([
      { kind: 'email', key: 'ana@x.com.br', client_id: 1, local_id: null, written: 'Ana@X.com.br' },
      { kind: 'email', key: 'ana@x.com.br', client_id: 2, local_id: 'a', written: 'ana@x.com.br' },
      { kind: 'phone', key: '+5511987654321', client_id: 2, local_id: 'a', written: '(11) 8765-4321' },
      { kind: 'taxId', key: '12345678909', client_id: 2, local_id: 'a', written: '123.456.789-09' },
    ])
    db.prepare("INSERT INTO holder_keys (kind, key, client_id, local_id, written) VALUES ('phone', '+551133334444', 1, NULL, 'x')").run()
    db.prepare("INSERT INTO client_details (client_id, data) VALUES (1, '{}')").run()
    db.prepare('DELETE FROM client_details WHERE client_id = 1').run()
    expect(db.prepare('SELECT kind FROM holder_keys WHERE client_id = 1').pluck().all()).toEqual(['email'])
    expect(() => db!.prepare("INSERT INTO holder_keys (kind, key, client_id, written) VALUES ('fax', 'x', 1, 'x')").run()).toThrow(/CHECK/)
  })
})

describe("migration 18: the audit's contact columns", () => {
  it("copies each contact's address and invoice preference out of its JSON, and has every client judged again", () => {
    const file = join(dir.path, 'cache.sqlite')
    const old = openDatabase(file, { migrations: upTo(17) })
    old
      .prepare(
        `INSERT INTO clients (id, first_name, last_name, company_name, email, status, group_id, sort_key, remote_hash, fetched_at)
         VALUES (1, 'Ana', 'Souza', '', 'ana@x.com.br', 'Active', 0, 'ana', 'h', 'now')`,
      )
      .run()
    const data = (email: string, invoice: boolean) => JSON.stringify({ fields: { email, emailPreferences: { invoice } }, access: null })
    old
      .prepare('INSERT INTO contacts (local_id, client_id, data) VALUES (?, 1, ?), (?, 1, ?)')
      .run('a', data('ana@gmail.com', true), 'b', data('bia@x.com.br', false))
    old.prepare("INSERT INTO reachability (client_id, severity, status, verdict) VALUES (1, 4, 0, '{}')").run()
    old.prepare('DELETE FROM reachability_stale').run()
    old.close()
    db = openDatabase(file, { migrations: upTo(18) })
    expect(db.prepare('SELECT local_id, email, invoice_emails FROM contacts ORDER BY local_id').all()).toEqual([
      { local_id: 'a', email: 'ana@gmail.com', invoice_emails: 1 },
      { local_id: 'b', email: 'bia@x.com.br', invoice_emails: 0 },
    ])
    expect(db.prepare('SELECT count(*) FROM reachability').pluck().get()).toBe(0)
    expect(db.prepare('SELECT client_id FROM reachability_stale').pluck().all()).toEqual([1])
  })
})

describe('migration 19: the latest payment reminders', () => {
  it('keeps reminders only under a read of the log, drops them with it, checks their state, and marks the client for the audit', () => {
    db = openDatabase(':memory:', { migrations: upTo(19) })
    db.prepare('DELETE FROM reachability_stale').run()
    const insert = db.prepare(
      `INSERT INTO payment_reminders (client_id, position, sent_at, subject, to_addresses, cc_addresses, state, failure_reason) VALUES (?, 0, NULL, 's', '[]', '[]', ?, NULL)`,
    )
    expect(() => insert.run(4, 'failed')).toThrow(/FOREIGN KEY/)
    db.prepare("INSERT INTO email_log_reads (client_id, read_at) VALUES (4, 'now')").run()
    expect(() => insert.run(4, 'bounced')).toThrow(/CHECK/)
    insert.run(4, 'failed')
    expect(db.prepare('SELECT client_id FROM reachability_stale').pluck().all()).toEqual([4])
    db.prepare('DELETE FROM reachability_stale').run()
    db.prepare('DELETE FROM email_log_reads WHERE client_id = 4').run()
    expect(db.prepare('SELECT count(*) FROM payment_reminders').pluck().get()).toBe(0)
    expect(db.prepare('SELECT client_id FROM reachability_stale').pluck().all()).toEqual([4])
  })
})

describe('migration 20: the overdue-notice switch and the background check', () => {
  it('keeps every owner row with the overdue-notice switch unknown, and indexes the checked ones by read time', () => {
    const file = join(dir.path, 'cache.sqlite')
    const old = openDatabase(file, { migrations: upTo(19) })
    old.prepare("INSERT INTO client_details (client_id, data, base, logins, fetched_at) VALUES (1, '{}', '{}', NULL, '2026-11-01T00:00:00.000Z')").run()
    old.close()
    db = openDatabase(file, { migrations: upTo(20) })
    expect(db.prepare('SELECT client_id, overdue_notices_off, fetched_at FROM client_details').all()).toEqual([
      { client_id: 1, overdue_notices_off: null, fetched_at: '2026-11-01T00:00:00.000Z' },
    ])
    expect(() => db!.prepare('UPDATE client_details SET overdue_notices_off = 2').run()).toThrow(/CHECK constraint failed/)
    const plan = db
      .prepare('EXPLAIN QUERY PLAN SELECT count(*), min(fetched_at) FROM client_details d WHERE d.overdue_notices_off IS NOT NULL AND d.fetched_at IS NOT NULL')
      .all() as { detail: string }[]
    expect(plan.map((step) => step.detail).join(' ')).toContain('client_details_checked')
  })
})
