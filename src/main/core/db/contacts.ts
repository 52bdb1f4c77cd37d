// The contacts table: each row the portal's last known state (base) and this computer's view (data).
import { z } from 'zod'
import { Access, ContactFields } from '../../../shared/domain'
import type { ContactState } from '../../../shared/record-keys'
import type { Db } from './database'
import { forgetContactKeys, keepContactKeys } from './duplicates'
import { markStale } from './reachability'

export interface StoredContact {
  localId: string
  remoteId: number | null
  clientId: number
  data: ContactState
  /** null until the portal has the contact. */
  base: ContactState | null
  remoteUpdatedAt: string | null
  /** Deleted here, not yet on the portal. */
  deleted: boolean
}

const State = z.strictObject({ fields: ContactFields, access: Access.nullable() })
// Read back through the schema: a damaged row is reported, never half-trusted.
const StateJson = z.string().transform((text, context) => {
  const parsed = State.safeParse(JSON.parse(text))
  if (!parsed.success) {
    context.addIssue({ code: 'custom', message: `unreadable contact state: ${parsed.error.message}` })
    return z.NEVER
  }
  return parsed.data
})

export interface ContactRow {
  local_id: string
  remote_id: number | null
  client_id: number
  data: string
  base: string | null
  remote_updated_at: string | null
  deleted: number
}

/** What a pull needs to know of a contact before it reads the whole row: usually that nothing changed. */
export interface ContactMark {
  localId: string
  /** The fingerprint of the portal's state as the last pull applied it (null: written since by something else). */
  remoteHash: string | null
  /** When its base was read from the portal (ms); null if never. */
  readAt: number | null
}

/** How the portal's state reached a row: a pull's fingerprint, and when it was read. */
export interface PortalRead {
  remoteHash: string | null
  readAt: number
}

export function fromRow(row: ContactRow): StoredContact {
  return {
    localId: row.local_id,
    remoteId: row.remote_id,
    clientId: row.client_id,
    data: StateJson.parse(row.data),
    base: row.base === null ? null : StateJson.parse(row.base),
    remoteUpdatedAt: row.remote_updated_at,
    deleted: row.deleted === 1,
  }
}

/** A number's digits, as the search indexes a tax id. */
export const digitsOf = (text: string) => text.replace(/\D+/g, '')

/** A phone's digits as stored (+55.81987654321) and as callers say it, without the country code (81987654321). */
export function phoneTokens(phone: string): string {
  const all = digitsOf(phone)
  return all.startsWith('55') && all.length >= 12 ? `${all} ${all.slice(2)}` : all
}

export function getContact(db: Db, localId: string): StoredContact | null {
  const row = db.prepare('SELECT * FROM contacts WHERE local_id = ?').get(localId) as ContactRow | undefined
  return row ? fromRow(row) : null
}

export function contactMark(db: Db, remoteId: number): ContactMark | null {
  const row = db.prepare('SELECT local_id, remote_hash, read_at FROM contacts WHERE remote_id = ?').get(remoteId) as
    { local_id: string; remote_hash: string | null; read_at: number | null } | undefined
  return row ? { localId: row.local_id, remoteHash: row.remote_hash, readAt: row.read_at } : null
}

/**
 * The contacts the portal has (or had), with when each was read, of one client or of all: what a listing may find
 * gone. A batch at a time, in rowid order: those after `after`, at most `limit`.
 */
export function listedContacts(
  db: Db,
  scope: { clientId?: number; after: number; limit: number },
): { rowid: number; localId: string; remoteId: number; readAt: number | null }[] {
  const rows = (
    scope.clientId === undefined
      ? db
          .prepare('SELECT rowid, local_id, remote_id, read_at FROM contacts WHERE remote_id IS NOT NULL AND rowid > ? ORDER BY rowid LIMIT ?')
          .all(scope.after, scope.limit)
      : db
          .prepare(
            'SELECT rowid, local_id, remote_id, read_at FROM contacts WHERE remote_id IS NOT NULL AND client_id = ? AND rowid > ? ORDER BY rowid LIMIT ?',
          )
          .all(scope.clientId, scope.after, scope.limit)
  ) as { rowid: number; local_id: string; remote_id: number; read_at: number | null }[]
  return rows.map((row) => ({ rowid: row.rowid, localId: row.local_id, remoteId: row.remote_id, readAt: row.read_at }))
}

/** Contacts the portal does not have yet (created here), of one client or of all. */
export function unsentContacts(db: Db, clientId?: number): StoredContact[] {
  const rows = (
    clientId === undefined
      ? db.prepare('SELECT * FROM contacts WHERE remote_id IS NULL ORDER BY rowid').all()
      : db.prepare('SELECT * FROM contacts WHERE remote_id IS NULL AND client_id = ? ORDER BY rowid').all(clientId)
  ) as ContactRow[]
  return rows.map(fromRow)
}

export function getContactByRemoteId(db: Db, remoteId: number): StoredContact | null {
  const row = db.prepare('SELECT * FROM contacts WHERE remote_id = ?').get(remoteId) as ContactRow | undefined
  return row ? fromRow(row) : null
}

export function listContactsOf(db: Db, clientId: number): StoredContact[] {
  return (db.prepare('SELECT * FROM contacts WHERE client_id = ? ORDER BY rowid').all(clientId) as ContactRow[]).map(fromRow)
}

export function allContacts(db: Db): StoredContact[] {
  return (db.prepare('SELECT * FROM contacts ORDER BY rowid').all() as ContactRow[]).map(fromRow)
}

/**
 * What a push learnt of a contact after awaiting the portal: its id there, or the portal's state as its base. One
 * statement each, touching nothing else: the record may have been edited here meanwhile (another window, the
 * command line), and that edit must not be overwritten by a copy read before the request left.
 */
export function setRemoteId(db: Db, localId: string, remoteId: number): void {
  db.prepare('UPDATE contacts SET remote_id = ?, remote_hash = NULL WHERE local_id = ?').run(remoteId, localId)
}

export function setBase(db: Db, localId: string, base: ContactState): void {
  db.prepare('UPDATE contacts SET base = ?, remote_hash = NULL WHERE local_id = ?').run(JSON.stringify(base), localId)
}

/**
 * Inserts or rewrites a contact, keeping its search entry in step. `read` says how the portal's state came: a
 * pull's fingerprint and its read time; without it the fingerprint is cleared (the next pull compares in full)
 * and the read time stays.
 */
export function saveContact(db: Db, contact: StoredContact, read?: PortalRead): void {
  const existing = db.prepare('SELECT rowid, client_id, data, deleted FROM contacts WHERE local_id = ?').get(contact.localId) as
    { rowid: number; client_id: number; data: string; deleted: number } | undefined
  const values = {
    localId: contact.localId,
    remoteId: contact.remoteId,
    clientId: contact.clientId,
    data: JSON.stringify(contact.data),
    base: contact.base === null ? null : JSON.stringify(contact.base),
    remoteUpdatedAt: contact.remoteUpdatedAt,
    deleted: contact.deleted ? 1 : 0,
    remoteHash: read?.remoteHash ?? null,
    readAt: read?.readAt ?? null,
    email: contact.data.fields.email,
    invoiceEmails: contact.data.fields.emailPreferences.invoice ? 1 : 0,
  }
  const searched = contact.deleted ? null : searchEntry(contact.data.fields)
  markStale(db, contact.clientId)
  if (existing === undefined) {
    const rowid = Number(
      db
        .prepare(
          `INSERT INTO contacts (local_id, remote_id, client_id, data, base, remote_updated_at, deleted, remote_hash, read_at, email, invoice_emails)
           VALUES (@localId, @remoteId, @clientId, @data, @base, @remoteUpdatedAt, @deleted, @remoteHash, @readAt, @email, @invoiceEmails)`,
        )
        .run(values).lastInsertRowid,
    )
    if (searched) indexForSearch(db, rowid, searched)
    keepContactKeys(db, contact.localId, contact.clientId, null, contact.deleted ? null : contact.data.fields)
    return
  }
  db.prepare(
    `UPDATE contacts SET remote_id = @remoteId, client_id = @clientId, data = @data, base = @base,
       remote_updated_at = @remoteUpdatedAt, deleted = @deleted, remote_hash = @remoteHash, read_at = coalesce(@readAt, read_at),
       email = @email, invoice_emails = @invoiceEmails
     WHERE local_id = @localId`,
  ).run(values)
  if (existing.client_id !== contact.clientId) markStale(db, existing.client_id)
  // The search entry is rewritten only when what it indexes changed: most edits (a city, the e-mail preferences, access)
  // leave it alone, and an edit that writes nothing to the search index commits without paying for its upkeep.
  const before = existing.deleted === 1 ? null : (JSON.parse(existing.data) as ContactState).fields
  keepContactKeys(
    db,
    contact.localId,
    contact.clientId,
    before === null ? null : { fields: before, clientId: existing.client_id },
    contact.deleted ? null : contact.data.fields,
  )
  const indexed = before === null ? null : searchEntry(before)
  if (sameEntry(indexed, searched)) return
  if (indexed) db.prepare('DELETE FROM contacts_fts WHERE rowid = ?').run(existing.rowid)
  if (searched) indexForSearch(db, existing.rowid, searched)
}

/** What the contact search indexes of a contact: name, company, e-mail, phone digits, tax id digits. */
type SearchEntry = readonly [name: string, company: string, email: string, phone: string, taxId: string]

function searchEntry(fields: ContactFields): SearchEntry {
  return [`${fields.firstName} ${fields.lastName}`, fields.companyName, fields.email, phoneTokens(fields.phoneNumber), digitsOf(fields.taxId)]
}

const sameEntry = (a: SearchEntry | null, b: SearchEntry | null) => (a === null || b === null ? a === b : a.every((value, i) => value === b[i]))

function indexForSearch(db: Db, rowid: number, entry: SearchEntry): void {
  db.prepare('INSERT INTO contacts_fts (rowid, name, company, email, phone, tax_id) VALUES (?, ?, ?, ?, ?, ?)').run(rowid, ...entry)
}

export function removeContact(db: Db, localId: string): void {
  const row = db.prepare('SELECT rowid, client_id FROM contacts WHERE local_id = ?').get(localId) as { rowid: number; client_id: number } | undefined
  if (row === undefined) return
  db.prepare('DELETE FROM contacts_fts WHERE rowid = ?').run(row.rowid)
  db.prepare('DELETE FROM contacts WHERE rowid = ?').run(row.rowid)
  forgetContactKeys(db, localId)
  markStale(db, row.client_id)
}

/** The highest portal contact id the cache knows (ids only grow on WHMCS): what a create's retry looks above. */
export function highestRemoteId(db: Db): number {
  return (db.prepare('SELECT coalesce(max(remote_id), 0) FROM contacts').pluck().get() as number) ?? 0
}

/** Every local id a contact or an outbox entry names (what may have a 7.x password waiting in the SecretStore). */
export function localIdsOfContactsAndEntries(db: Db): string[] {
  return db.prepare('SELECT local_id FROM contacts UNION SELECT entity_key FROM outbox').pluck().all() as string[]
}
