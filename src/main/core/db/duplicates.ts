// Duplicates: the same e-mail, CPF/CNPJ or phone (duplicate-keys.ts) on several holders — a client's owner or a
// contact. holder_keys is kept here as the holders are written; listing the groups is one GROUP BY over the index
// (kind, key, client_id, local_id), never a holder against every other.
import type { DuplicateGroup, DuplicatesPage } from '../../../shared/contract'
import { displayKey, emailKey, holderKeys, type DuplicateKind } from '../../../shared/duplicate-keys'
import type { Db } from './database'

/** A value on this many clients or more is one person serving many accounts (an accountant), not a mistake. */
export const ACCOUNTANT_CLIENTS = 3

type Key = { kind: DuplicateKind; key: string; written: string }

const sameKeys = (a: readonly Key[], b: readonly Key[]) =>
  a.length === b.length && a.every((each, i) => each.kind === b[i]?.kind && each.key === b[i]?.key && each.written === b[i]?.written)

/** A contact's keys, rewritten only when they changed (most edits change none); a deleted contact has none. */
export function keepContactKeys(
  db: Db,
  localId: string,
  clientId: number,
  before: { fields: KeyFields; clientId: number } | null,
  after: KeyFields | null,
): void {
  const old = before === null ? [] : holderKeys(before.fields)
  const next = after === null ? [] : holderKeys(after)
  if (before !== null && before.clientId === clientId && sameKeys(old, next)) return
  db.prepare('DELETE FROM holder_keys WHERE local_id = ?').run(localId)
  for (const each of next) insertKey(db, each, clientId, localId)
}

export function forgetContactKeys(db: Db, localId: string): void {
  db.prepare('DELETE FROM holder_keys WHERE local_id = ?').run(localId)
}

type KeyFields = { email: string; taxId: string; phoneNumber: string }

function insertKey(db: Db, each: Key, clientId: number, localId: string | null): void {
  db.prepare('INSERT INTO holder_keys (kind, key, client_id, local_id, written) VALUES (?, ?, ?, ?, ?)').run(
    each.kind,
    each.key,
    clientId,
    localId,
    each.written,
  )
}

function replaceOwnerKeys(db: Db, clientId: number, kinds: readonly DuplicateKind[], keys: readonly Key[]): void {
  db.prepare(`DELETE FROM holder_keys WHERE client_id = ? AND local_id IS NULL AND kind IN (SELECT value FROM json_each(?))`).run(
    clientId,
    JSON.stringify(kinds),
  )
  for (const each of keys) insertKey(db, each, clientId, null)
}

/** The owner's e-mail, as GetClients lists it. */
export function keepOwnerEmail(db: Db, clientId: number, email: string): void {
  const key = emailKey(email)
  replaceOwnerKeys(db, clientId, ['email'], key === null ? [] : [{ kind: 'email', key, written: email }])
}

/** The owner's phone and CPF/CNPJ, as GetClientsDetails gives them (when the client is opened). */
export function keepOwnerNumbers(db: Db, clientId: number, owner: { phoneNumber: string; taxId: string }): void {
  const keys = holderKeys({ email: '', ...owner })
  replaceOwnerKeys(db, clientId, ['phone', 'taxId'], keys)
}

/** The client left the portal's list: its owner holds nothing any more. */
export function forgetOwnerKeys(db: Db, clientId: number): void {
  db.prepare('DELETE FROM holder_keys WHERE client_id = ? AND local_id IS NULL').run(clientId)
}

interface GroupRow {
  kind: DuplicateKind
  key: string
  holders: number
  clients: number
  owners: number
  accountant: number
}

interface HolderRow {
  kind: DuplicateKind
  key: string
  client_id: number
  local_id: string | null
  written: string
  first_name: string | null
  last_name: string | null
  company_name: string | null
  email: string | null
}

/**
 * The values held by two holders or more, a page at a time: mistakes first (then the most holders), accountants after.
 * An accountant: on ACCOUNTANT_CLIENTS clients or more, or held only by contacts, each on another client (someone
 * every one of those clients added, e.g. their bookkeeper) — nothing to merge.
 */
export function listDuplicates(db: Db, query: { kind?: DuplicateKind; offset: number; limit: number }): DuplicatesPage {
  const groups = `
    WITH groups AS (
      SELECT kind, key, count(*) AS holders, count(DISTINCT client_id) AS clients, count(*) - count(local_id) AS owners
      FROM holder_keys ${query.kind === undefined ? '' : 'WHERE kind = @kind'}
      GROUP BY kind, key
      HAVING count(*) >= 2
    )`
  const params = query.kind === undefined ? {} : { kind: query.kind }
  const total = db.prepare(`${groups} SELECT count(*) FROM groups`).pluck().get(params) as number
  const rows = db
    .prepare(
      `${groups}
       SELECT *, (clients >= ${ACCOUNTANT_CLIENTS} OR (owners = 0 AND clients = holders)) AS accountant FROM groups
       ORDER BY accountant, holders DESC, kind, key LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: query.limit, offset: query.offset }) as GroupRow[]
  // The holders of the page's groups, all at once: one index lookup per group.
  const holders = db
    .prepare(
      `SELECT h.kind, h.key, h.client_id, h.local_id, h.written,
         coalesce(json_extract(k.data, '$.fields.firstName'), c.first_name) AS first_name,
         coalesce(json_extract(k.data, '$.fields.lastName'), c.last_name) AS last_name,
         coalesce(json_extract(k.data, '$.fields.companyName'), c.company_name) AS company_name,
         coalesce(json_extract(k.data, '$.fields.email'), c.email) AS email
       FROM json_each(@groups) AS g
       JOIN holder_keys AS h ON h.kind = json_extract(g.value, '$[0]') AND h.key = json_extract(g.value, '$[1]')
       LEFT JOIN contacts AS k ON k.local_id = h.local_id
       LEFT JOIN clients AS c ON c.id = h.client_id AND h.local_id IS NULL
       ORDER BY g.key, h.client_id, h.local_id IS NOT NULL, h.local_id`,
    )
    .all({ groups: JSON.stringify(rows.map((row) => [row.kind, row.key])) }) as HolderRow[]
  const byGroup = new Map<string, HolderRow[]>()
  for (const holder of holders) {
    const id = `${holder.kind}\u0000${holder.key}`
    byGroup.set(id, [...(byGroup.get(id) ?? []), holder])
  }
  const items = rows.map((row): DuplicateGroup => ({
    kind: row.kind,
    key: row.key,
    value: displayKey(row.kind, row.key),
    clients: row.clients,
    accountant: row.accountant === 1,
    holders: (byGroup.get(`${row.kind}\u0000${row.key}`) ?? []).map((holder) => ({
      clientId: holder.client_id,
      localId: holder.local_id,
      name: `${holder.first_name ?? ''} ${holder.last_name ?? ''}`.trim(),
      companyName: holder.company_name ?? '',
      email: holder.email ?? '',
      written: holder.written,
    })),
  }))
  return { total, offset: query.offset, items }
}
