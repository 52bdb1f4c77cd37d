// The cache's records as the contract shows them: contacts with their badge, outbox entries and conflicts
// with a readable label.
import type { ConflictItem, OutboxItem } from '../../shared/contract'
import type { Contact, SyncBadge } from '../../shared/domain'
import { getClient } from './db/clients'
import type { Conflict } from './db/conflicts'
import { getContact, type StoredContact } from './db/contacts'
import type { Db } from './db/database'
import { entriesFor, type OutboxEntry } from './db/outbox'
import { openConflicts } from './db/conflicts'

/** The worst state among a record's entries: conflict, then rejected, failed, pending. */
function badgeOf(entries: OutboxEntry[], hasConflict: boolean): SyncBadge {
  if (hasConflict || entries.some((entry) => entry.state === 'conflict')) return 'conflict'
  if (entries.some((entry) => entry.state === 'rejected')) return 'rejected'
  if (entries.some((entry) => entry.state === 'failed' || entry.state === 'held')) return 'failed'
  return entries.length > 0 ? 'pending' : 'synced'
}

export function contactView(db: Db, contact: StoredContact): Contact {
  const badge = badgeOf(entriesFor(db, contact.localId), openConflicts(db, contact.localId).length > 0)
  return { ...contact.data.fields, localId: contact.localId, remoteId: contact.remoteId, clientId: contact.clientId, access: contact.data.access, sync: badge }
}

function labelOf(db: Db, entityKey: string, clientId: number): string {
  const contact = getContact(db, entityKey)
  if (contact) {
    const { firstName, lastName, email } = contact.data.fields
    return `${`${firstName} ${lastName}`.trim()} <${email}>`
  }
  const client = getClient(db, clientId)
  return client ? `${`${client.firstName} ${client.lastName}`.trim()}${client.companyName ? ` (${client.companyName})` : ''}` : `#${clientId}`
}

export function outboxView(db: Db, entry: OutboxEntry): OutboxItem {
  const { id, op, entityKey, clientId, keys, state, attempts, nextAttemptAt, lastError, staff, createdAt } = entry
  return { id, op, entityKey, clientId, label: labelOf(db, entityKey, clientId), keys, state, attempts, nextAttemptAt, lastError, staff, createdAt }
}

export function conflictView(db: Db, conflict: Conflict): ConflictItem {
  return { ...conflict, label: labelOf(db, conflict.entityKey, conflict.clientId) }
}
