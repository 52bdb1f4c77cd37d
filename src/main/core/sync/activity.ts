// The trail on the portal too (docs/WHMCS.md §10): after a push, one LogActivity entry per client whose edits
// reached the portal, naming the staff member (the entry itself is attributed to the API credential) and each change,
// old → new, with personal data masked as the log files mask it (shared/mask.ts). It is outside the per-edit budget
// (one call per client per pass) and it never blocks or fails a sync: a refusal is noted once, in the pass's
// PushCounts.skipped, and the rest of the pass goes without it; the next pass tries again with its own edits.
import type { OutboxOp, SkippedRead } from '../../../shared/domain'
import { DeskFailure, errorText } from '../../../shared/errors'
import { maskPersonalData } from '../../../shared/mask'
import { accessFrom, ACCESS_KEY, preferenceCategory, type Flat, type FlatValue } from '../../../shared/record-keys'
import type { Db } from '../db/database'
import { getContact } from '../db/contacts'
import { getLoginAccess } from '../db/login-access'
import type { OutboxEntry } from '../db/outbox'
import type { WhmcsClient } from '../portal/whmcs-client'

export const ACTIVITY_ACTION = 'LogActivity'

/** One record's change, as it reached the portal. */
export interface ActivityChange {
  key: string
  old: FlatValue
  new: FlatValue
}

/** What one sent outbox entry did: who, to what record, and each key that went. */
export interface ActivityItem {
  clientId: number
  staff: string
  op: OutboxOp
  /** The record, as staff know it ("contact Ana Souza <ana@…>"), before masking. */
  subject: string
  changes: ActivityChange[]
}

const FIELD_NAMES: Record<string, string> = {
  firstName: 'first name',
  lastName: 'last name',
  companyName: 'company',
  email: 'email',
  address1: 'address',
  address2: 'address 2',
  city: 'city',
  state: 'state',
  postcode: 'postcode',
  country: 'country',
  phoneNumber: 'phone',
  taxId: 'tax id',
  [ACCESS_KEY]: 'client-area access',
}

/** Fields whose whole value is personal data the patterns may miss (a phone written "(11) 9876-5432"). */
const MASKED_WHOLE = new Set(['phoneNumber', 'taxId'])

function keyName(key: string): string {
  const category = preferenceCategory(key)
  return category ? `${category} e-mails` : (FIELD_NAMES[key] ?? key)
}

const MAX_VALUE_CHARS = 80

function valueText(key: string, value: FlatValue): string {
  if (value === null || value === '') return '(empty)'
  if (typeof value === 'boolean') return value ? 'on' : 'off'
  if (key === ACCESS_KEY) {
    const access = accessFrom(value)
    return access?.enabled ? `on (${access.permissions.join(', ') || 'no permissions'})` : 'off'
  }
  const text = MASKED_WHOLE.has(key) ? value.replace(/[\dA-Za-z]/g, '*') : value
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}…` : text
}

function changesText(item: ActivityItem): string {
  if (item.op === 'create_contact') return 'added'
  if (item.op === 'delete_contact') return 'deleted'
  return item.changes.map((change) => `${keyName(change.key)} ${valueText(change.key, change.old)} → ${valueText(change.key, change.new)}`).join('; ')
}

/**
 * One client's description: a line per staff member and record, e.g.
 * "Contact Desk (Joana): contact Ana <a***@gmail.com>: email a***@x.com.br → a***@gmail.com; invoice e-mails off → on".
 */
export function activityDescription(items: readonly ActivityItem[]): string {
  const lines = new Map<string, { head: string; item: ActivityItem }[]>()
  for (const item of items) {
    const head = `Contact Desk${item.staff.trim() === '' ? '' : ` (${item.staff.trim()})`}: ${item.subject}`
    const same = lines.get(head) ?? []
    same.push({ head, item })
    lines.set(head, same)
  }
  const text = [...lines.entries()].map(([head, group]) => `${head}: ${group.map(({ item }) => changesText(item)).join('; ')}`).join('\n')
  return maskPersonalData(text)
}

/** The record an entry is about, as staff know it; read before the push, since a delete removes it. */
export function subjectOf(db: Db, entry: OutboxEntry): string {
  if (entry.op === 'set_client_email_preferences') return `client #${entry.clientId}`
  if (entry.op === 'change_login_access' || entry.op === 'revoke_login_access') {
    const login = getLoginAccess(db, entry.entityKey)
    return login ? `login ${login.name ? `${login.name} ` : ''}<${login.email}>`.replace('  ', ' ') : 'a login'
  }
  const contact = getContact(db, entry.entityKey)
  if (!contact) return 'a contact'
  const { firstName, lastName, email } = contact.data.fields
  const name = `${firstName} ${lastName}`.trim()
  return `contact ${name}${name && email ? ' ' : ''}${email ? `<${email}>` : ''}`.trim()
}

/** What an attempt sent, as changes: each key from the base the edit was made against to the value that went. */
export function changesOf(entry: OutboxEntry, sent: Flat): ActivityChange[] {
  return Object.entries(sent).map(([key, value]) => ({ key, old: entry.base[key] ?? null, new: value }))
}

/**
 * Writes one entry per client, in the order the clients were first pushed. The first failure of any kind is noted
 * in `skipped` and the rest of this pass goes without (a role that refuses one refuses them all); a cancel stops.
 */
export async function recordActivity(
  portal: Pick<WhmcsClient, 'logActivity'>,
  generation: '7' | '8',
  items: readonly ActivityItem[],
  skipped: SkippedRead[],
  signal?: AbortSignal,
): Promise<void> {
  const byClient = new Map<number, ActivityItem[]>()
  for (const item of items) byClient.set(item.clientId, [...(byClient.get(item.clientId) ?? []), item])
  for (const [clientId, ofClient] of byClient) {
    signal?.throwIfAborted()
    try {
      await portal.logActivity({ clientId, description: activityDescription(ofClient), generation, signal })
    } catch (error) {
      if (signal?.aborted) throw error
      skipped.push({ action: ACTIVITY_ACTION, error: error instanceof DeskFailure ? error.toError() : { code: 'internal', message: errorText(error) } })
      return
    }
  }
}
