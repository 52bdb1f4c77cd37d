// A person's decisions on what sync could not decide: conflicts (mine / the portal's / an edited value) and
// outbox entries to retry or discard. Each decision is one transaction with its audit row.
import { CONTACT_TEXT_FIELDS, entityOf, type Access, type ContactTextField } from '../../../shared/domain'
import { DeskFailure } from '../../../shared/errors'
import { ContactEdit } from '../../../shared/contact-rules'
import { checkedContact } from './contact-checks'
import { getLoginAccess, removeLoginAccess, saveLoginAccess } from '../db/login-access'
import { moveAudit, recordAudit } from '../db/audit'
import { getClientDetails, saveClientDetails } from '../db/client-details'
import { closeConflict, getConflict, openConflicts, type Conflict } from '../db/conflicts'
import { getContact, removeContact, saveContact, type StoredContact } from '../db/contacts'
import { addEntry, entriesFor, getEntry, removeEntry, updateEntry, type OutboxEntry } from '../db/outbox'
import {
  ACCESS_KEY,
  accessFrom,
  accessValue,
  FIELD_KEYS,
  type Flat,
  flatten,
  flattenPreferences,
  type FlatValue,
  preferenceCategory,
  WHOLE_RECORD,
  withValues,
} from '../../../shared/record-keys'
import type { EditContext } from './edits'
import type { InviteStore } from '../db/invites'

export type Choice = 'mine' | 'theirs' | 'edit'

function requireConflict(ctx: EditContext, id: number): Conflict {
  const conflict = getConflict(ctx.db, id)
  if (!conflict) throw new DeskFailure('not_found', `Conflict ${id} is not open.`, { id: String(id) })
  return conflict
}

/** The entry of a record that holds a key. */
const entryWith = (entries: OutboxEntry[], key: string) =>
  entries.find((entry) => entry.keys.includes(key) || (key === WHOLE_RECORD && entry.state === 'conflict'))

/** With no open conflict left on its record, a conflicted entry may go again; the push re-checks the portal first. */
function reopenIfClear(ctx: EditContext, entityKey: string, at: string): void {
  if (openConflicts(ctx.db, entityKey).length > 0) return
  for (const entry of entriesFor(ctx.db, entityKey)) {
    if (entry.state === 'conflict') updateEntry(ctx.db, entry.id, { state: 'pending', nextAttemptAt: null }, at)
  }
}

export function resolveConflict(ctx: EditContext, id: number, choice: Choice, value?: FlatValue): void {
  const { db } = ctx
  db.transaction(() => {
    const at = ctx.now().toISOString()
    const conflict = requireConflict(ctx, id)
    if (choice === 'edit' && (value === undefined || conflict.key === WHOLE_RECORD)) {
      throw new DeskFailure('validation', 'An edited value is needed (and only possible for a single field).', undefined, [
        { path: 'value', message: 'required' },
      ])
    }
    if (conflict.key === WHOLE_RECORD) resolveWholeRecord(ctx, conflict, choice, at)
    else if (conflict.entity === 'client') resolveClientKey(ctx, conflict, choice, value, at)
    else if (conflict.entity === 'login') resolveLoginKey(ctx, conflict, choice, value, at)
    else resolveContactKey(ctx, conflict, choice, value, at)
    closeConflict(db, id, choice, at)
    recordAudit(db, {
      at,
      staff: ctx.staff,
      clientId: conflict.clientId,
      entity: conflict.entity,
      entityKey: conflict.entityKey,
      action: `resolve_conflict_${choice}`,
      old: { key: conflict.key, mine: conflict.mine, theirs: conflict.theirs },
      new: choice === 'edit' ? value : choice === 'mine' ? conflict.mine : conflict.theirs,
      outboxId: null,
    })
    reopenIfClear(ctx, conflict.entityKey, at)
  })()
}

function resolveContactKey(ctx: EditContext, conflict: Conflict, choice: Choice, value: FlatValue | undefined, at: string): void {
  const { db } = ctx
  const contact = getContact(db, conflict.entityKey)
  const entry = entryWith(entriesFor(db, conflict.entityKey), conflict.key)
  if (!contact || !entry) return
  const theirs = conflict.theirs as FlatValue
  if (choice === 'theirs') {
    saveContact(db, { ...contact, data: withValues(contact.data, { [conflict.key]: theirs }) })
    dropKeys(ctx, entry, [conflict.key], at)
    return
  }
  // Mine or an edited value: the portal's current value becomes the base, so the push sends ours — unless the
  // portal changed yet again by then, which is a new conflict rather than an overwrite.
  if (choice === 'edit')
    saveContact(db, { ...contact, data: withValues(contact.data, { [conflict.key]: editedContactValue(contact, conflict.key, value ?? null) }) })
  updateEntry(db, entry.id, { base: { ...entry.base, [conflict.key]: theirs } }, at)
}

const refusedValue = (message: string, problem: string): DeskFailure => new DeskFailure('validation', message, undefined, [{ path: 'value', message: problem }])

/** An edited access value: off, or on with at least one permission (record-keys' encoding). */
function editedAccess(value: FlatValue | undefined): Access {
  const access = typeof value === 'string' ? accessFrom(value) : null
  if (!access || (access.enabled && access.permissions.length === 0)) throw refusedValue('Access takes "off", or "on:" and at least one permission.', 'access')
  return access
}

/**
 * An edited value is what staff save, so it is judged like an edit of that field (docs/ARCHITECTURE.md §11): a real e-mail
 * address, a CPF/CNPJ with valid check digits… and stored normalised; e-mail categories take yes or no, access
 * "off" or "on:" with at least one permission.
 */
function editedContactValue(contact: StoredContact, key: string, value: FlatValue): FlatValue {
  if (preferenceCategory(key) !== null) {
    if (typeof value !== 'boolean') throw refusedValue(`${key} takes yes or no.`, 'boolean')
    return value
  }
  if (key === ACCESS_KEY) return accessValue(editedAccess(value))
  const field = (CONTACT_TEXT_FIELDS as readonly string[]).includes(key) ? (key as ContactTextField) : null
  if (field === null || typeof value !== 'string') throw refusedValue(`${key} takes text.`, 'text')
  const parsed = ContactEdit.shape[field].safeParse(value)
  if (!parsed.success) throw refusedValue(`Invalid ${field}: ${parsed.error.issues[0]?.message ?? 'invalid'}`, parsed.error.issues[0]?.message ?? 'invalid')
  return checkedContact({ ...contact.data.fields, [field]: parsed.data }, 'value', [field])[field]
}

function resolveClientKey(ctx: EditContext, conflict: Conflict, choice: Choice, value: FlatValue | undefined, at: string): void {
  const { db } = ctx
  const details = getClientDetails(db, conflict.clientId)
  const entry = entryWith(entriesFor(db, conflict.entityKey), conflict.key)
  const category = preferenceCategory(conflict.key)
  if (!details || !entry || category === null) return
  const theirs = conflict.theirs === true
  if (choice === 'theirs') {
    saveClientDetails(db, { ...details, data: { ...details.data, [category]: theirs } })
    dropKeys(ctx, entry, [conflict.key], at)
    return
  }
  if (choice === 'edit') {
    if (typeof value !== 'boolean') throw refusedValue(`${conflict.key} takes yes or no.`, 'boolean')
    saveClientDetails(db, { ...details, data: { ...details.data, [category]: value } })
  }
  updateEntry(db, entry.id, { base: { ...entry.base, [conflict.key]: theirs } }, at)
}

/** 8.x login access: theirs drops the edit; mine or an edited value is sent against the portal's value shown. */
function resolveLoginKey(ctx: EditContext, conflict: Conflict, choice: Choice, value: FlatValue | undefined, at: string): void {
  const { db } = ctx
  const login = getLoginAccess(db, conflict.entityKey)
  const entry = entryWith(entriesFor(db, conflict.entityKey), conflict.key)
  if (!login || !entry) return
  if (choice === 'theirs') {
    removeEntry(db, entry.id)
    moveAudit(db, entry.id, null)
    removeLoginAccess(db, login.entityKey)
    return
  }
  if (choice === 'edit') saveLoginAccess(db, { ...login, access: accessValue(editedAccess(value)) as string })
  updateEntry(db, entry.id, { base: { ...entry.base, [conflict.key]: conflict.theirs as FlatValue } }, at)
}

/** Deleted on one side, edited on the other. */
function resolveWholeRecord(ctx: EditContext, conflict: Conflict, choice: Choice, at: string): void {
  const { db } = ctx
  const contact = getContact(db, conflict.entityKey)
  if (!contact) return
  const entries = entriesFor(db, conflict.entityKey)
  const deletedThere = conflict.theirs === null
  if (deletedThere) {
    if (choice === 'theirs') {
      // The portal's delete stands: so does ours, here.
      for (const entry of entries) removeEntry(db, entry.id)
      removeContact(db, contact.localId)
      return
    }
    // Keep it: the contact is created again on the portal, with its access, as a new record there.
    for (const entry of entries) removeEntry(db, entry.id)
    const recreated: StoredContact = { ...contact, remoteId: null, base: null }
    saveContact(db, recreated)
    const create = addEntry(
      db,
      { op: 'create_contact', entityKey: contact.localId, clientId: contact.clientId, keys: [...FIELD_KEYS], base: {}, staff: ctx.staff },
      at,
    )
    for (const entry of entries) moveAudit(db, entry.id, create)
    if (contact.data.access?.enabled) {
      addEntry(
        db,
        {
          op: 'grant_access',
          entityKey: contact.localId,
          clientId: contact.clientId,
          keys: [ACCESS_KEY],
          base: { [ACCESS_KEY]: accessValue({ enabled: false, permissions: [] }) },
          staff: ctx.staff,
        },
        at,
      )
    }
    return
  }
  // Deleted here, edited there.
  const deletion = entries.find((entry) => entry.op === 'delete_contact')
  if (!deletion) return
  if (choice === 'mine') {
    updateEntry(db, deletion.id, { base: conflict.theirs as Flat }, at)
    return
  }
  // The portal's edit wins: the contact comes back here with the portal's values.
  removeEntry(db, deletion.id)
  moveAudit(db, deletion.id, null)
  const state = withValues(contact.base ?? contact.data, conflict.theirs as Flat)
  saveContact(db, { ...contact, deleted: false, data: state, base: state })
}

function dropKeys(ctx: EditContext, entry: OutboxEntry, keys: string[], at: string): void {
  const remaining = entry.keys.filter((key) => !keys.includes(key))
  if (remaining.length === 0 && entry.op !== 'create_contact') {
    removeEntry(ctx.db, entry.id)
    moveAudit(ctx.db, entry.id, null)
    return
  }
  const base = Object.fromEntries(Object.entries(entry.base).filter(([key]) => !keys.includes(key)))
  updateEntry(ctx.db, entry.id, { keys: remaining, base }, at)
}

function requireEntry(ctx: EditContext, id: number): OutboxEntry {
  const entry = getEntry(ctx.db, id)
  if (!entry) throw new DeskFailure('not_found', `Outbox entry ${id} does not exist (it may have been sent meanwhile).`, { id: String(id) })
  return entry
}

/** Try again now. A held 8.x invite is sent again only because a person said so here. */
export function retryEntry(ctx: EditContext & { invites: InviteStore }, id: number, resendInvite: boolean): OutboxEntry {
  const { db } = ctx
  return db.transaction(() => {
    const at = ctx.now().toISOString()
    const entry = requireEntry(ctx, id)
    if (entry.state === 'conflict') throw new DeskFailure('validation', 'Resolve the conflict first: its entry goes again by itself once it is resolved.')
    if (entry.state === 'held') {
      if (!resendInvite) throw new DeskFailure('invite_outstanding', 'This invite may already have been sent; confirm that a second invite e-mail may go out.')
      const contact = getContact(db, entry.entityKey)
      if (contact) ctx.invites.forget(entry.clientId, contact.data.fields.email)
    }
    updateEntry(db, entry.id, { state: 'pending', nextAttemptAt: null, lastError: null }, at)
    recordAudit(db, {
      at,
      staff: ctx.staff,
      clientId: entry.clientId,
      entity: entityOf(entry.op),
      entityKey: entry.entityKey,
      action: 'retry',
      old: entry.state,
      new: 'pending',
      outboxId: entry.id,
    })
    return requireEntry(ctx, id)
  })()
}

/** Give up an edit: the record takes the portal's last known state back for the entry's keys. */
export function discardEntry(ctx: EditContext, id: number): void {
  const { db } = ctx
  db.transaction(() => {
    const at = ctx.now().toISOString()
    const entry = requireEntry(ctx, id)
    removeEntry(db, entry.id)
    moveAudit(db, entry.id, null)
    for (const conflict of openConflicts(db, entry.entityKey)) {
      if (conflict.key === WHOLE_RECORD || entry.keys.includes(conflict.key)) closeConflict(db, conflict.id, 'discarded', at)
    }
    if (entityOf(entry.op) === 'login') {
      removeLoginAccess(db, entry.entityKey)
    } else if (entry.op === 'set_client_email_preferences') {
      const details = getClientDetails(db, entry.clientId)
      if (details?.base) {
        const data = { ...details.data }
        for (const key of entry.keys) {
          const category = preferenceCategory(key)
          if (category !== null) data[category] = flattenPreferences(details.base)[key] === true
        }
        saveClientDetails(db, { ...details, data })
      }
    } else {
      const contact = getContact(db, entry.entityKey)
      if (contact) revertContact(ctx, contact, entry)
    }
    recordAudit(db, {
      at,
      staff: ctx.staff,
      clientId: entry.clientId,
      entity: entityOf(entry.op),
      entityKey: entry.entityKey,
      action: 'discard',
      old: entry.op,
      new: null,
      outboxId: null,
    })
  })()
}

function revertContact(ctx: EditContext, contact: StoredContact, entry: OutboxEntry): void {
  const { db } = ctx
  if (entry.op === 'create_contact' && contact.remoteId === null) {
    // Never reached the portal (as far as we know): nothing of it remains.
    for (const other of entriesFor(db, contact.localId)) removeEntry(db, other.id)
    removeContact(db, contact.localId)
    return
  }
  if (entry.op === 'delete_contact') {
    saveContact(db, { ...contact, deleted: false })
    return
  }
  if (!contact.base) return
  const base = flatten(contact.base)
  const keys = entry.op === 'grant_access' || entry.op === 'change_access' || entry.op === 'revoke_access' ? [ACCESS_KEY] : entry.keys
  const values: Flat = Object.fromEntries(keys.map((key) => [key, key === ACCESS_KEY ? accessValue(contact.base?.access ?? null) : (base[key] ?? null)]))
  saveContact(db, { ...contact, data: withValues(contact.data, values) })
}
