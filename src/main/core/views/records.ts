// The cache's records as the contract shows them: contacts with their badge, outbox entries and conflicts
// with a readable label.
import type { ConflictItem, Login, LoginHit, OutboxItem } from '../../../shared/contract'
import type { Contact, SyncBadge } from '../../../shared/domain'
import type { StoredLogin } from '../db/client-details'
import { getLoginAccess, loginKey } from '../db/login-access'
import { listContactsOf } from '../db/contacts'
import { permissionsOn, usersByEmail } from '../db/users'
import { knownLogin } from '../editing/logins'
import { sameEmail } from '../../../shared/text'
import { accessFrom } from '../../../shared/record-keys'
import { getClient } from '../db/clients'
import type { Conflict } from '../db/conflicts'
import { getContact, type StoredContact } from '../db/contacts'
import type { Db } from '../db/database'
import { entriesFor, type OutboxEntry } from '../db/outbox'
import { openConflicts } from '../db/conflicts'

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

/**
 * A login as the page shows it: as last read, with the access staff gave it here on top while that waits for the
 * portal. `contactLocalId` names the contact with its e-mail, if any (that contact's row then speaks for it).
 */
export function loginView(db: Db, clientId: number, login: StoredLogin, contactLocalId: string | null): Login {
  const entityKey = login.userId === null ? null : loginKey(clientId, login.userId)
  const local = entityKey === null ? null : getLoginAccess(db, entityKey)
  const access = local ? accessFrom(local.access) : null
  return {
    ...login,
    contactLocalId,
    permissions: access ? access.permissions : login.permissions,
    sync: entityKey === null ? 'synced' : badgeOf(entriesFor(db, entityKey), openConflicts(db, entityKey).length > 0),
    removing: access !== null && !access.enabled,
  }
}

function labelOf(db: Db, entityKey: string, clientId: number): string {
  const login = getLoginAccess(db, entityKey)
  if (login) return `${login.name} <${login.email}>`.trim()
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

/** The logins with this address on every client they reach where no contact has it (those are found as contacts). */
export function loginHits(db: Db, email: string): LoginHit[] {
  const hits: LoginHit[] = []
  for (const user of usersByEmail(db, email)) {
    for (const link of user.clients) {
      if (link.isOwner) continue
      if (listContactsOf(db, link.clientId).some((contact) => !contact.deleted && sameEmail(contact.data.fields.email, user.email))) continue
      const entityKey = loginKey(link.clientId, user.id)
      const local = getLoginAccess(db, entityKey)
      const access = local ? accessFrom(local.access) : null
      const client = getClient(db, link.clientId)
      hits.push({
        clientId: link.clientId,
        clientName: client ? `${client.firstName} ${client.lastName}`.trim() || client.companyName : `#${link.clientId}`,
        userId: user.id,
        name: user.name,
        email: user.email,
        permissions: access?.enabled
          ? access.permissions
          : (permissionsOn(db, link.clientId, user.id) ?? knownLogin(db, link.clientId, user.id)?.permissions ?? null),
        sync: badgeOf(entriesFor(db, entityKey), openConflicts(db, entityKey).length > 0),
        removing: access !== null && !access.enabled,
      })
    }
  }
  return hits
}
