// Every staff edit is ONE transaction: the record, its outbox entry and its audit row together, so after
// it returns a crash loses nothing (docs/ARCHITECTURE.md §7). Repeated edits of a record still waiting are coalesced.
import type { Access, ContactFields, EmailPreferences } from '../../../shared/domain'
import { DeskFailure } from '../../../shared/errors'
import { moveAudit, recordAudit } from '../db/audit'
import { closeConflict, closeConflictsOf, openConflicts } from '../db/conflicts'
import { getContact, removeContact, saveContact, type StoredContact } from '../db/contacts'
import type { Db } from '../db/database'
import type { OutboxOp } from '../../../shared/domain'
import { addEntry, entriesFor, removeEntry, updateEntry } from '../db/outbox'
import { getClientDetails, saveClientDetails } from '../db/client-details'
import { ACCESS_KEY, accessFrom, accessValue, FIELD_KEYS, flatten, flattenPreferences, type Flat, type FlatValue } from '../../../shared/record-keys'
import { changedKeys } from '../sync/merge'

export interface EditContext {
  db: Db
  /** Who edits, for the audit log. */
  staff: string
  now: () => Date
  newId: () => string
}

const NO_ACCESS: Access = { enabled: false, permissions: [] }
const ACCESS_OPS: readonly OutboxOp[] = ['grant_access', 'change_access', 'revoke_access']

function pick(flat: Flat, keys: readonly string[]): Flat {
  return Object.fromEntries(keys.map((key) => [key, flat[key] ?? null]))
}

function requireContact(db: Db, localId: string): StoredContact {
  const contact = getContact(db, localId)
  if (!contact || contact.deleted) throw new DeskFailure('not_found', `Contact ${localId} is not in the local cache.`, { localId })
  return contact
}

/** Entries of a record that a new edit may still fold into (a held invite waits for a person instead). */
const foldable = (db: Db, localId: string) => entriesFor(db, localId).filter((entry) => entry.state !== 'held')

export function createContact(ctx: EditContext, clientId: number, fields: ContactFields, access: Access | null): StoredContact {
  const { db } = ctx
  return db.transaction(() => {
    const at = ctx.now().toISOString()
    const contact: StoredContact = {
      localId: ctx.newId(),
      remoteId: null,
      clientId,
      data: { fields, access: NO_ACCESS },
      base: null,
      remoteUpdatedAt: null,
      deleted: false,
    }
    saveContact(db, contact)
    const outboxId = addEntry(db, { op: 'create_contact', entityKey: contact.localId, clientId, keys: [...FIELD_KEYS], base: {}, staff: ctx.staff }, at)
    recordAudit(db, {
      at,
      staff: ctx.staff,
      clientId,
      entity: 'contact',
      entityKey: contact.localId,
      action: 'create_contact',
      old: null,
      new: fields,
      outboxId,
    })
    if (access?.enabled) return setAccessIn(ctx, contact, access, at)
    return contact
  })()
}

export function updateContact(ctx: EditContext, localId: string, changes: Partial<ContactFields>): StoredContact {
  const { db } = ctx
  return db.transaction(() => {
    const at = ctx.now().toISOString()
    const contact = requireContact(db, localId)
    const fields: ContactFields = { ...contact.data.fields, ...changes }
    const before = flatten(contact.data)
    const after = flatten({ ...contact.data, fields })
    const keys = changedKeys(before, after).filter((key) => key !== ACCESS_KEY)
    if (keys.length === 0) return contact
    const next: StoredContact = { ...contact, data: { ...contact.data, fields } }
    saveContact(db, next)
    const outboxId = queueFieldChange(ctx, next, keys, at)
    recordAudit(db, {
      at,
      staff: ctx.staff,
      clientId: contact.clientId,
      entity: 'contact',
      entityKey: localId,
      action: 'update_contact',
      old: pick(before, keys),
      new: pick(after, keys),
      outboxId,
    })
    return next
  })()
}

/** Folds changed keys into the record's waiting create or update, or queues a new update. */
function queueFieldChange(ctx: EditContext, contact: StoredContact, keys: string[], at: string): number {
  const { db } = ctx
  const entries = foldable(db, contact.localId)
  const create = entries.find((entry) => entry.op === 'create_contact')
  // A create sends the whole record as it is when it leaves.
  if (create) return create.id
  const update = entries.find((entry) => entry.op === 'update_contact')
  const known = contact.base ? flatten(contact.base) : {}
  if (update) {
    const added = keys.filter((key) => !update.keys.includes(key))
    updateEntry(
      db,
      update.id,
      {
        keys: [...update.keys, ...added],
        base: { ...pick(known, added), ...update.base, ...decideConflicts(ctx, contact.localId, keys, at) },
        // A staff member editing a refused record is fixing it: try again from scratch.
        ...(update.state === 'rejected' ? { state: 'pending' as const, attempts: 0, lastError: null, nextAttemptAt: null } : {}),
      },
      at,
    )
    return update.id
  }
  return addEntry(db, { op: 'update_contact', entityKey: contact.localId, clientId: contact.clientId, keys, base: pick(known, keys), staff: ctx.staff }, at)
}

/**
 * A new edit of a key in conflict is the staff member's decision on it, made against the portal's value the
 * conflict shows (as resolving it with an edited value is): that value becomes the key's base, so the edit is
 * sent unless the portal changed yet again. Returns those bases; a record left without conflicts goes again.
 */
function decideConflicts(ctx: EditContext, localId: string, keys: readonly string[], at: string): Flat {
  const { db } = ctx
  const bases: Flat = {}
  const open = openConflicts(db, localId)
  for (const conflict of open) {
    if (!keys.includes(conflict.key)) continue
    bases[conflict.key] = conflict.theirs as FlatValue
    closeConflict(db, conflict.id, 'edited', at)
  }
  if (Object.keys(bases).length > 0 && openConflicts(db, localId).length === 0) {
    for (const entry of entriesFor(db, localId)) {
      if (entry.state === 'conflict') updateEntry(db, entry.id, { state: 'pending', nextAttemptAt: null }, at)
    }
  }
  return bases
}

export function setAccess(ctx: EditContext, localId: string, access: Access): StoredContact {
  const { db } = ctx
  return db.transaction(() => setAccessIn(ctx, requireContact(db, localId), access, ctx.now().toISOString()))()
}

/** The operation an access edit is, from what the portal gives the person (null: not known, 8.x permissions not read). */
function accessOp(from: Access | null, to: Access): OutboxOp {
  if (!to.enabled) return 'revoke_access'
  return from?.enabled === false ? 'grant_access' : 'change_access'
}

function setAccessIn(ctx: EditContext, contact: StoredContact, access: Access, at: string): StoredContact {
  const { db } = ctx
  const normalized = accessFrom(accessValue(access)) ?? NO_ACCESS
  const before = contact.data.access ?? NO_ACCESS
  // Access not known (8.x permissions not read yet): whatever is chosen is an edit to send.
  if (contact.data.access !== null && accessValue(before) === accessValue(normalized)) return contact
  const next: StoredContact = { ...contact, data: { ...contact.data, access: normalized } }
  saveContact(db, next)
  const waiting = foldable(db, contact.localId).find((entry) => ACCESS_OPS.includes(entry.op))
  let outboxId: number | null
  if (waiting) {
    const base = { ...waiting.base, ...decideConflicts(ctx, contact.localId, [ACCESS_KEY], at) }
    const from = accessFrom(base[ACCESS_KEY] ?? null)
    // An attempt that left may have landed with its answer lost: the portal may then have what it sent, so going
    // back is a change to send (the push judges it against what the portal has then), not "nothing left to send".
    const attempted = (waiting.sent.values[ACCESS_KEY] ?? []).length > 0
    if (!attempted && (base[ACCESS_KEY] ?? null) !== null && accessValue(from) === accessValue(normalized)) {
      // Back to what the portal has: nothing left to send.
      removeEntry(db, waiting.id)
      moveAudit(db, waiting.id, null)
      outboxId = null
    } else {
      updateEntry(db, waiting.id, { op: accessOp(from, normalized), base }, at)
      outboxId = waiting.id
    }
  } else {
    // A contact the portal does not have yet starts there without access.
    const from = contact.base ? contact.base.access : NO_ACCESS
    outboxId = addEntry(
      db,
      {
        op: accessOp(from, normalized),
        entityKey: contact.localId,
        clientId: contact.clientId,
        keys: [ACCESS_KEY],
        base: { [ACCESS_KEY]: contact.base ? accessValue(contact.base.access) : accessValue(NO_ACCESS) },
        staff: ctx.staff,
      },
      at,
    )
  }
  recordAudit(db, {
    at,
    staff: ctx.staff,
    clientId: contact.clientId,
    entity: 'contact',
    entityKey: contact.localId,
    action: outboxId === null ? 'access_undone' : accessOp(contact.data.access, normalized),
    old: before,
    new: normalized,
    outboxId,
  })
  return next
}

export function deleteContact(ctx: EditContext, localId: string): void {
  const { db } = ctx
  db.transaction(() => {
    const at = ctx.now().toISOString()
    const contact = requireContact(db, localId)
    const entries = entriesFor(db, localId)
    const neverSent = contact.remoteId === null && entries.every((entry) => entry.op !== 'create_contact' || entry.attempts === 0)
    for (const entry of entries) removeEntry(db, entry.id)
    // The edits waiting on a person go with the record: so do their conflicts (a delete that meets an edit
    // on the portal opens its own).
    closeConflictsOf(db, localId, 'deleted', at)
    let outboxId: number | null = null
    if (neverSent) {
      // It never left this computer: deleting it here is the whole story.
      removeContact(db, localId)
    } else {
      saveContact(db, { ...contact, deleted: true })
      // A create that may have reached the portal unconfirmed: the delete keeps what it sent, to find the
      // contact there (apply-contacts.ts) and to check nobody changed it before deleting it.
      const unconfirmed = entries.find((entry) => entry.op === 'create_contact' && entry.attempts > 0)
      outboxId = addEntry(
        db,
        {
          op: 'delete_contact',
          entityKey: localId,
          clientId: contact.clientId,
          keys: [],
          base: contact.base ? flatten(contact.base) : (unconfirmed?.base ?? {}),
          sent: unconfirmed?.sent,
          staff: ctx.staff,
        },
        at,
      )
    }
    for (const entry of entries) moveAudit(db, entry.id, outboxId)
    recordAudit(db, {
      at,
      staff: ctx.staff,
      clientId: contact.clientId,
      entity: 'contact',
      entityKey: localId,
      action: 'delete_contact',
      old: contact.data.fields,
      new: null,
      outboxId,
    })
  })()
}

export function setClientEmailPreferences(ctx: EditContext, clientId: number, preferences: EmailPreferences): EmailPreferences {
  const { db } = ctx
  return db.transaction(() => {
    const at = ctx.now().toISOString()
    const details = getClientDetails(db, clientId)
    if (!details) {
      throw new DeskFailure(
        'not_found',
        `The owner's e-mail preferences of client ${clientId} have not been read yet: open the client once while the portal answers.`,
        {
          id: String(clientId),
        },
      )
    }
    const before = flattenPreferences(details.data)
    const after = flattenPreferences(preferences)
    const keys = changedKeys(before, after)
    if (keys.length === 0) return details.data
    saveClientDetails(db, { ...details, data: preferences })
    const entityKey = String(clientId)
    const waiting = foldable(db, entityKey).find((entry) => entry.op === 'set_client_email_preferences')
    const known = details.base ? flattenPreferences(details.base) : {}
    let outboxId: number
    if (waiting) {
      const added = keys.filter((key) => !waiting.keys.includes(key))
      updateEntry(db, waiting.id, { keys: [...waiting.keys, ...added], base: { ...pick(known, added), ...waiting.base } }, at)
      outboxId = waiting.id
    } else {
      outboxId = addEntry(db, { op: 'set_client_email_preferences', entityKey, clientId, keys, base: pick(known, keys), staff: ctx.staff }, at)
    }
    recordAudit(db, {
      at,
      staff: ctx.staff,
      clientId,
      entity: 'client',
      entityKey,
      action: 'set_client_email_preferences',
      old: pick(before, keys),
      new: pick(after, keys),
      outboxId,
    })
    return preferences
  })()
}

/** Bulk edits: one transaction for all, one outbox entry per record (docs/ARCHITECTURE.md §7). */
export function setAccessOfMany(ctx: EditContext, localIds: readonly string[], access: Access): StoredContact[] {
  return ctx.db.transaction(() => localIds.map((localId) => setAccess(ctx, localId, access)))()
}

export function setEmailPreferencesOfMany(ctx: EditContext, localIds: readonly string[], preferences: EmailPreferences): StoredContact[] {
  return ctx.db.transaction(() => localIds.map((localId) => updateContact(ctx, localId, { emailPreferences: preferences })))()
}
