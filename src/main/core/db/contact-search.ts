// Contacts across every client, for bulk delegation: found by their own data or by their client's, with
// the same search (words, phone/tax id digits, domains) as the client list.
import { isEmailAddress } from '../../../shared/contact-rules'
import { clientsMatching, contactRowsMatching, searchQuery, type Match } from './clients'
import { fromRow, type ContactRow, type StoredContact } from './contacts'
import type { Db } from './database'

export interface ContactSearch {
  search: string
  /** true: only contacts who can log in; false: only those who cannot (or whose access was never read). */
  hasAccess?: boolean
  offset: number
  limit: number
}

export interface ContactHit {
  contact: StoredContact
  /** The client's name ("first last", else the company), or "#id" when the client left the cache. */
  clientName: string
}

/**
 * Which contacts a search finds. A whole e-mail address finds the contacts with exactly that address, on
 * any client, and nothing else (a look-alike or the contacts of a client whose owner has that address
 * would be revoked along with them). Anything else finds contacts by their own name, company, e-mail,
 * phone or tax id, and every contact of a client found by its own data (name, company, e-mail, the
 * owner's phone or tax id, a domain): "the contacts of padaria.com.br".
 */
function matching(search: string): Match | null {
  const contacts = contactRowsMatching(search)
  const clients = clientsMatching(search)
  if (contacts === null || clients === null) return null
  const text = search.trim()
  if (isEmailAddress(text)) {
    // The words narrow through the index; the exact comparison then runs on those few rows only.
    return {
      sql: "rowid IN (SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ?) AND lower(trim(json_extract(data, '$.fields.email'))) = ?",
      params: [searchQuery(text) ?? '', text.toLowerCase()],
    }
  }
  return { sql: `(rowid IN (${contacts.sql}) OR client_id IN (${clients.sql}))`, params: [...contacts.params, ...clients.params] }
}

/** A page of the contacts a search finds (deleted ones never), grouped by client in the client list's order. */
export function searchContacts(db: Db, query: ContactSearch): { total: number; offset: number; items: ContactHit[] } {
  const match = matching(query.search)
  if (match === null) return { total: 0, offset: query.offset, items: [] }
  const access =
    query.hasAccess === undefined
      ? ''
      : query.hasAccess
        ? " AND json_extract(data, '$.access.enabled') = 1"
        : " AND coalesce(json_extract(data, '$.access.enabled'), 0) = 0"
  const where = `deleted = 0 AND ${match.sql}${access}`
  const total = db
    .prepare(`SELECT count(*) FROM contacts WHERE ${where}`)
    .pluck()
    .get(...match.params) as number
  const rows = db
    .prepare(
      `SELECT contacts.*, clients.first_name AS client_first, clients.last_name AS client_last, clients.company_name AS client_company
       FROM (SELECT rowid AS contact_rowid, * FROM contacts WHERE ${where}) AS contacts
       LEFT JOIN clients ON clients.id = contacts.client_id
       ORDER BY clients.sort_key, contacts.client_id, contacts.contact_rowid
       LIMIT ? OFFSET ?`,
    )
    .all(...match.params, query.limit, query.offset) as (ContactRow & {
    client_first: string | null
    client_last: string | null
    client_company: string | null
  })[]
  return {
    total,
    offset: query.offset,
    items: rows.map((row) => ({
      contact: fromRow(row),
      clientName: `${row.client_first ?? ''} ${row.client_last ?? ''}`.trim() || row.client_company || `#${row.client_id}`,
    })),
  }
}
