// The clients table: replaced from each pull, listed and searched for the UI and the CLI.
import { createHash } from 'node:crypto'
import type { Client } from '../../../shared/domain'
import type { ClientPage } from '../../../shared/contract'
import { digitsOf, phoneTokens } from './contacts'
import type { Db } from './database'
import { markStale } from './reachability'
import { forgetOwnerKeys, keepOwnerEmail, keepOwnerNumbers } from './duplicates'
import { foldText } from '../../../shared/text'

interface ClientRow {
  id: number
  first_name: string
  last_name: string
  company_name: string
  email: string
  status: Client['status']
  created_on: string | null
  group_id: number
}

const COLUMNS = 'id, first_name, last_name, company_name, email, status, created_on, group_id'

function fromRow(row: ClientRow): Client {
  return {
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    companyName: row.company_name,
    email: row.email,
    status: row.status,
    createdOn: row.created_on,
    groupId: row.group_id,
  }
}

/** A stable fingerprint of the portal's state of a client: the portal gives clients no version or modification time. */
export function clientHash(client: Client): string {
  const fields = [client.firstName, client.lastName, client.companyName, client.email, client.status, client.createdOn, client.groupId]
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex')
}

/** What applying one record the portal listed did to the cache. */
export type Applied = 'added' | 'updated' | 'unchanged'

/** Writes a client as the portal lists it; a row that already holds exactly that is not touched at all. */
export function applyClient(db: Db, client: Client, fetchedAt: string): Applied {
  const hash = clientHash(client)
  const previous = db.prepare('SELECT remote_hash, first_name, last_name, company_name, email FROM clients WHERE id = ?').get(client.id) as
    (Pick<ClientRow, 'first_name' | 'last_name' | 'company_name' | 'email'> & { remote_hash: string }) | undefined
  if (previous?.remote_hash === hash) return 'unchanged'
  const row = { ...client, sortKey: foldText(`${client.firstName} ${client.lastName} ${client.companyName}`), hash, fetchedAt }
  markStale(db, client.id)
  if (previous === undefined) {
    db.prepare(
      `INSERT INTO clients (${COLUMNS}, sort_key, remote_hash, fetched_at)
       VALUES (@id, @firstName, @lastName, @companyName, @email, @status, @createdOn, @groupId, @sortKey, @hash, @fetchedAt)`,
    ).run(row)
    indexForSearch(db, client)
    keepOwnerEmail(db, client.id, client.email)
    return 'added'
  }
  db.prepare(
    `UPDATE clients SET first_name = @firstName, last_name = @lastName, company_name = @companyName, email = @email,
       status = @status, created_on = @createdOn, group_id = @groupId, sort_key = @sortKey, remote_hash = @hash, fetched_at = @fetchedAt
     WHERE id = @id`,
  ).run(row)
  const indexed = [previous.first_name, previous.last_name, previous.company_name, previous.email]
  if (indexed.some((value, i) => value !== [client.firstName, client.lastName, client.companyName, client.email][i])) {
    db.prepare('DELETE FROM clients_fts WHERE rowid = ?').run(client.id)
    indexForSearch(db, client)
  }
  keepOwnerEmail(db, client.id, client.email)
  return 'updated'
}

/**
 * The client search's entry, written here rather than by a trigger (migration 16): a statement on a table with triggers
 * opens a statement savepoint, and FTS5 flushes its pending rows at each one (a segment per client, then merged).
 */
function indexForSearch(db: Db, client: Client): void {
  db.prepare('INSERT INTO clients_fts (rowid, name, company, email) VALUES (?, ?, ?, ?)').run(
    client.id,
    `${client.firstName} ${client.lastName}`,
    client.companyName,
    client.email,
  )
}

/** The ids held, in order, a batch at a time: those after `after`, at most `limit`. */
export function clientIds(db: Db, after: number, limit: number): number[] {
  return db.prepare('SELECT id FROM clients WHERE id > ? ORDER BY id LIMIT ?').pluck().all(after, limit) as number[]
}

export function removeClient(db: Db, id: number): void {
  forgetOwnerKeys(db, id)
  if (db.prepare('DELETE FROM clients WHERE id = ?').run(id).changes === 0) return
  db.prepare('DELETE FROM clients_fts WHERE rowid = ?').run(id)
  markStale(db, id)
}

/**
 * FTS5 query for what a user types: every word becomes a prefix term, all must match.
 * Quoting each word keeps FTS5 syntax (AND, NEAR, quotes, colons) from ever reaching the parser.
 */
export function searchQuery(search: string): string | null {
  const words = search.split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 0)
  if (words.length === 0) return null
  return words.map((word) => `"${word}"*`).join(' ')
}

/**
 * A phone number or a CPF/CNPJ as callers say it ("(81) 98765-4321", "123.456.789-09"): its digits, matched
 * against the digits stored for contacts' phones and tax ids. null when the text is not such a number.
 */
export function digitsQuery(search: string): string | null {
  if (!/^[\d\s().+\-/]+$/.test(search)) return null
  const digits = search.replace(/\D+/g, '')
  return digits.length >= 3 ? `{phone tax_id} : "${digits}"*` : null
}

/** A domain as typed ("padaria.com.br", "www.padaria"): the clients with a domain starting so. */
function domainPrefix(search: string): string | null {
  const text = search
    .trim()
    .toLowerCase()
    .replace(/^www\./, '')
  return /^[a-z0-9][a-z0-9.-]*\.[a-z0-9.-]*$/.test(text) ? text : null
}

/** A subquery yielding ids, with its parameters. */
export interface Match {
  sql: string
  params: string[]
}

const union = (parts: readonly Match[]): Match => ({ sql: parts.map((part) => part.sql).join(' UNION '), params: parts.flatMap((part) => part.params) })

/** The contacts (rowids) a search finds by their own data: name, company, e-mail by words; phone or tax id by digits. */
export function contactRowsMatching(search: string): Match | null {
  const words = searchQuery(search)
  if (words === null) return null
  const digits = digitsQuery(search)
  return union(
    (digits === null ? [words] : [words, digits]).map((query) => ({ sql: 'SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ?', params: [query] })),
  )
}

/**
 * The clients (ids) a search finds by their own data: name, company or e-mail; the owner's phone or tax id
 * digits (known for clients opened once: GetClients has neither); a domain.
 */
export function clientsMatching(search: string): Match | null {
  const words = searchQuery(search)
  if (words === null) return null
  const parts: Match[] = [{ sql: 'SELECT rowid FROM clients_fts WHERE clients_fts MATCH ?', params: [words] }]
  const digits = digitsQuery(search)
  if (digits !== null) parts.push({ sql: 'SELECT rowid FROM owners_fts WHERE owners_fts MATCH ?', params: [digits] })
  const domain = domainPrefix(search)
  // A range on the index instead of LIKE: the prefix is text, never a pattern.
  if (domain !== null) parts.push({ sql: "SELECT client_id FROM client_domains WHERE domain >= ? AND domain < ? || x'ff'", params: [domain, domain] })
  return union(parts)
}

/** The ids of the clients a search finds: by their own data, or by one of their contacts'. */
function matchingIds(search: string): Match | null {
  const own = clientsMatching(search)
  const contacts = contactRowsMatching(search)
  if (own === null || contacts === null) return null
  return union([own, { sql: `SELECT client_id FROM contacts WHERE deleted = 0 AND rowid IN (${contacts.sql})`, params: contacts.params }])
}

/** Keeps the owner's phone and tax id searchable, and among the duplicate keys (from GetClientsDetails, when the client is opened). */
export function saveOwnerNumbers(db: Db, clientId: number, owner: { phoneNumber: string; taxId: string }): void {
  db.prepare('DELETE FROM owners_fts WHERE rowid = ?').run(clientId)
  db.prepare('INSERT INTO owners_fts (rowid, phone, tax_id) VALUES (?, ?, ?)').run(clientId, phoneTokens(owner.phoneNumber), digitsOf(owner.taxId))
  keepOwnerNumbers(db, clientId, owner)
}

export function listClients(db: Db, query: { search: string; offset: number; limit: number }): ClientPage {
  const match = matchingIds(query.search)
  if (match === null) {
    const total = (db.prepare('SELECT count(*) AS n FROM clients').get() as { n: number }).n
    const rows = db.prepare(`SELECT ${COLUMNS} FROM clients ORDER BY sort_key, id LIMIT ? OFFSET ?`).all(query.limit, query.offset) as ClientRow[]
    return { total, offset: query.offset, items: rows.map(fromRow) }
  }
  const total = (db.prepare(`SELECT count(*) AS n FROM clients WHERE id IN (${match.sql})`).get(...match.params) as { n: number }).n
  const rows = db
    .prepare(`SELECT ${COLUMNS} FROM clients WHERE id IN (${match.sql}) ORDER BY sort_key, id LIMIT ? OFFSET ?`)
    .all(...match.params, query.limit, query.offset) as ClientRow[]
  return { total, offset: query.offset, items: rows.map(fromRow) }
}

export function getClient(db: Db, id: number): Client | null {
  const row = db.prepare(`SELECT ${COLUMNS} FROM clients WHERE id = ?`).get(id) as ClientRow | undefined
  return row ? fromRow(row) : null
}

export function countClients(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM clients').get() as { n: number }).n
}
