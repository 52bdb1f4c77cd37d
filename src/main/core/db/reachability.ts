// The reachability audit's table: each client's verdict in the audit's order, the rules it breaks, and which
// clients' facts changed since (marked by triggers on the tables judge reads, migrations 15 and 19, and by
// db/clients.ts and db/contacts.ts for theirs, migration 16).
import { z } from 'zod'
import { ClientStatus } from '../../../shared/domain'
import { ReachabilityRule, RULE_SEVERITY, severityRank, statusRank, Verdict, type ClientFacts } from '../../../shared/reachability'
import type { Db } from './database'
import { remindersOf } from './payment-reminders'

/** Clients whose verdict is out of date, at most `limit`, in id order. */
export function staleClientIds(db: Db, limit: number): number[] {
  return db.prepare('SELECT client_id FROM reachability_stale ORDER BY client_id LIMIT ?').pluck().all(limit) as number[]
}

/** Marks a client's verdict out of date: the writes of clients and contacts call it instead of a trigger (migration 16). */
export function markStale(db: Db, clientId: number): void {
  db.prepare('INSERT OR IGNORE INTO reachability_stale (client_id) VALUES (?)').run(clientId)
}

export function countStale(db: Db): number {
  return db.prepare('SELECT count(*) FROM reachability_stale').pluck().get() as number
}

const Ids = (ids: readonly number[]) => JSON.stringify(ids)
const IN_IDS = 'IN (SELECT value FROM json_each(?))'

/**
 * What the cache knows of these clients, for judge: six indexed reads for the whole batch, never one per client.
 * A client no longer cached has no facts (its verdict is dropped).
 */
export function factsOf(db: Db, ids: readonly number[]): ClientFacts[] {
  const { where, args } = ofClients(ids)
  const wanted = new Set(ids)
  const clients = (
    db.prepare(`SELECT id, email, status FROM clients WHERE ${where('id')} ORDER BY id`).all(...args) as {
      id: number
      email: string
      status: string
    }[]
  ).filter((client) => wanted.has(client.id))
  const grouped = <T>(rows: (T & { client_id: number })[]) => {
    const byClient = new Map<number, T[]>()
    for (const row of rows) {
      const list = byClient.get(row.client_id)
      if (list) list.push(row)
      else byClient.set(row.client_id, [row])
    }
    return byClient
  }
  const contacts = grouped(
    db.prepare(`SELECT client_id, local_id, email, invoice_emails AS invoice FROM contacts WHERE deleted = 0 AND ${where('client_id')}`).all(...args) as {
      client_id: number
      local_id: string
      email: string
      invoice: number
    }[],
  )
  const domains = grouped(
    db.prepare(`SELECT client_id, domain FROM client_domains WHERE ${where('client_id')}`).all(...args) as { client_id: number; domain: string }[],
  )
  const products = grouped(
    db.prepare(`SELECT client_id, domain FROM client_products WHERE domain <> '' AND ${where('client_id')}`).all(...args) as {
      client_id: number
      domain: string
    }[],
  )
  const owners = new Map(
    (
      db
        .prepare(`SELECT client_id, json_extract(data, '$.invoice') AS invoice, overdue_notices_off FROM client_details WHERE ${where('client_id')}`)
        .all(...args) as { client_id: number; invoice: number | null; overdue_notices_off: number | null }[]
    ).map((row) => [
      row.client_id,
      { invoice: row.invoice === null ? null : row.invoice === 1, overdueNoticesOff: row.overdue_notices_off === null ? null : row.overdue_notices_off === 1 },
    ]),
  )
  const reminders = remindersOf(db, ids)
  return clients.map((client) => ({
    clientId: client.id,
    status: statusOf(client.status),
    owner: { email: client.email, invoiceEmails: owners.get(client.id)?.invoice ?? null },
    overdueNoticesOff: owners.get(client.id)?.overdueNoticesOff ?? null,
    contacts: (contacts.get(client.id) ?? []).map((row) => ({ localId: row.local_id, email: row.email, invoice: row.invoice === 1 })),
    registeredDomains: (domains.get(client.id) ?? []).map((row) => row.domain),
    productDomains: (products.get(client.id) ?? []).map((row) => row.domain),
    reminders: reminders.get(client.id)?.reminders ?? null,
  }))
}

const STATUSES: ReadonlySet<string> = new Set(ClientStatus.options)
/** A stored status, checked without a schema parse per client (a damaged row still fails with zod's message). */
const statusOf = (status: string): ClientStatus => (STATUSES.has(status) ? (status as ClientStatus) : ClientStatus.parse(status))

/**
 * A batch of clients as a condition on a client id column: a range where the ids are dense (a full audit judges every
 * client in id order, and an index range reads far less than a look-up per id), else the list itself. A range may
 * take in clients between the ids that are not in the batch: factsOf keeps only the batch's clients.
 */
function ofClients(ids: readonly number[]): { where: (column: string) => string; args: (number | string)[] } {
  const [first, last] = [ids[0], ids.at(-1)]
  if (first !== undefined && last !== undefined && last - first < 2 * ids.length) return { where: (column) => `${column} BETWEEN ? AND ?`, args: [first, last] }
  return { where: (column) => `${column} ${IN_IDS}`, args: [Ids(ids)] }
}

/** The rules a verdict leaves open only because the owner's preference is not read: where the check tells clients apart. */
const OWNER_RULES: ReadonlySet<ReachabilityRule> = new Set(['nobody_on_invoices', 'own_domain_only', 'external_contact_invoices_off', 'free_mail_typo'])

/**
 * The background check's first key for a client not checked yet (its overdue-notice switch unknown): the worst
 * severity it has, or could have once its owner's preference is read. The switch and the e-mail log are unknown for
 * every client before a read, so they tell none apart. null once checked.
 */
export function checkRank(verdict: Verdict): number | null {
  if (!verdict.notChecked.includes('overdue_notices_off')) return null
  const open = verdict.notChecked.filter((rule) => OWNER_RULES.has(rule)).map((rule) => severityRank(RULE_SEVERITY[rule]))
  return Math.min(severityRank(verdict.severity), ...open)
}

/** Replaces these clients' verdicts (the ids without one are dropped) and takes them off the stale list. */
export function saveVerdicts(db: Db, ids: readonly number[], verdicts: readonly Verdict[]): void {
  const json = Ids(ids)
  const judged = new Set(verdicts.map((verdict) => verdict.clientId))
  const gone = ids.filter((id) => !judged.has(id))
  if (gone.length > 0) db.prepare(`DELETE FROM reachability WHERE client_id ${IN_IDS}`).run(Ids(gone))
  db.prepare(`DELETE FROM reachability_findings WHERE client_id ${IN_IDS}`).run(json)
  const upsert = db.prepare('INSERT OR REPLACE INTO reachability (client_id, severity, status, check_rank, verdict) VALUES (?, ?, ?, ?, ?)')
  const finding = db.prepare('INSERT OR IGNORE INTO reachability_findings (rule, client_id) VALUES (?, ?)')
  for (const verdict of verdicts) {
    // Only a client with findings is ever listed: the others' verdicts are not kept whole (most clients, and most of the work).
    const kept = verdict.findings.length > 0 ? JSON.stringify(verdict) : null
    upsert.run(verdict.clientId, severityRank(verdict.severity), statusRank(verdict.status), checkRank(verdict), kept)
    for (const found of verdict.findings) finding.run(found.rule, verdict.clientId)
  }
  db.prepare(`DELETE FROM reachability_stale WHERE client_id ${IN_IDS}`).run(json)
}

export interface VerdictQuery {
  rule?: ReachabilityRule
  status?: ClientStatus
  offset: number
  limit: number
}

const StoredVerdict = z.string().transform((text) => Verdict.parse(JSON.parse(text)))

/** A verdict with the client's name as the list shows it. */
export type NamedVerdict = Verdict & { name: string }

/** The clients with at least one finding (of `rule`, if given), in the audit's order: a page and the total. */
export function listVerdicts(db: Db, query: VerdictQuery): { total: number; items: NamedVerdict[] } {
  const where = [
    query.rule === undefined
      ? 'r.client_id IN (SELECT client_id FROM reachability_findings)'
      : 'r.client_id IN (SELECT client_id FROM reachability_findings WHERE rule = @rule)',
    ...(query.status === undefined ? [] : ['r.status = @status']),
  ].join(' AND ')
  const params = { rule: query.rule ?? null, status: query.status === undefined ? null : statusRank(query.status) }
  const total = db.prepare(`SELECT count(*) FROM reachability r WHERE ${where}`).pluck().get(params) as number
  const rows = db
    .prepare(
      `SELECT r.verdict, trim(c.first_name || ' ' || c.last_name) AS person, c.company_name AS company
       FROM reachability r JOIN clients c ON c.id = r.client_id
       WHERE ${where} ORDER BY r.severity, r.status, r.client_id LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: query.limit, offset: query.offset }) as { verdict: string; person: string; company: string }[]
  return { total, items: rows.map((row) => ({ ...StoredVerdict.parse(row.verdict), name: row.company ? `${row.person} (${row.company})` : row.person })) }
}

/** How many clients break each rule, and how many were judged. */
export function verdictCounts(db: Db): { judged: number; byRule: Partial<Record<ReachabilityRule, number>> } {
  const judged = db.prepare('SELECT count(*) FROM reachability').pluck().get() as number
  const rows = db.prepare('SELECT rule, count(*) AS n FROM reachability_findings GROUP BY rule').all() as { rule: string; n: number }[]
  return { judged, byRule: Object.fromEntries(rows.map((row) => [ReachabilityRule.parse(row.rule), row.n])) }
}
