// Push: the outbox drains in order. Before each write the record is read again and compared with the base
// the edit was made against (fetch–compare–write); only changed keys are sent; after the write the record is
// read again and stored as the new base (DESIGN §5). Failed, rejected, conflicted and held are distinct.
import { EMAIL_CATEGORIES, type Access, type ContactFields, type EmailPreferences, type Generation, type RemoteContact, type SyncProgress } from '../../../shared/domain'
import { DeskFailure, REFUSED_CODES, RETRYABLE_CODES, type DeskError } from '../../../shared/errors'
import type { AccessAdapter } from '../access/access'
import { markAuditSynced } from '../db/audit'
import { getClientDetails, saveClientDetails } from '../db/client-details'
import { openConflict, WHOLE_RECORD } from '../db/conflicts'
import { getContact, getContactByRemoteId, removeContact, saveContact, type StoredContact } from '../db/contacts'
import type { Db } from '../db/database'
import { addEntry, allEntries, entriesFor, getEntry, removeEntry, updateEntry, type OutboxEntry } from '../db/outbox'
import type { WhmcsClient } from '../portal/whmcs-client'
import type { SecretStore } from '../secrets'
import { retryDelayMs } from './backoff'
import { ACCESS_KEY, accessValue, flatten, flattenPreferences, judge, preferenceKey, TEXT_KEYS, withValues, type ContactState, type Flat } from './merge'
import { fieldsOf, sameEmail } from './remote-state'

export interface PushDeps {
  db: Db
  portal: Pick<WhmcsClient, 'getContacts' | 'addContact' | 'updateContact' | 'deleteContact' | 'getClientsDetails' | 'updateClient'>
  access: AccessAdapter
  generation: Generation
  secrets: SecretStore
  now: () => Date
  random?: () => number
  signal?: AbortSignal
  /** Retry failed entries now instead of waiting for their next attempt (a sync the user asked for). */
  force?: boolean
  onProgress?: (progress: SyncProgress) => void
}

export interface PushCounts {
  sent: number
  failed: number
  rejected: number
  conflicts: number
  held: number
}

/** Where a 7.x sub-account's password waits, encrypted by the SecretStore, until its push succeeds (DESIGN §6). */
export const passwordKey = (localId: string) => `subaccount-password:${localId}`

type Outcome = 'sent' | 'conflict' | 'blocked'

export async function pushOutbox(deps: PushDeps): Promise<PushCounts> {
  const { db } = deps
  const counts: PushCounts = { sent: 0, failed: 0, rejected: 0, conflicts: 0, held: 0 }
  const nowIso = () => deps.now().toISOString()
  const entries = allEntries(db)
  const isDue = (entry: OutboxEntry) =>
    entry.state === 'pending' || (entry.state === 'failed' && (deps.force || !entry.nextAttemptAt || entry.nextAttemptAt <= nowIso()))
  const due = entries.filter(isDue)
  // A record's entries go in order: once one of them cannot go, the later ones wait behind it.
  const blocked = new Set(entries.filter((entry) => !isDue(entry)).map((entry) => entry.entityKey))
  let done = 0
  for (const queued of due) {
    deps.signal?.throwIfAborted()
    deps.onProgress?.({ phase: 'pushing', done, total: due.length, rate: 0 })
    done++
    const entry = getEntry(db, queued.id)
    if (!entry || blocked.has(entry.entityKey)) continue
    try {
      const outcome = await pushEntry(deps, entry)
      if (outcome === 'sent') counts.sent++
      else {
        if (outcome === 'conflict') counts.conflicts++
        blocked.add(entry.entityKey)
      }
    } catch (error) {
      if (deps.signal?.aborted) throw error
      const failure = asDeskError(error)
      if (REFUSED_CODES.includes(failure.code)) throw error // stop everything and say why (DESIGN §6)
      blocked.add(entry.entityKey)
      if (failure.code === 'invite_outstanding') {
        updateEntry(db, entry.id, { state: 'held', lastError: failure }, nowIso())
        counts.held++
      } else if (RETRYABLE_CODES.includes(failure.code) || failure.code === 'bad_response' || failure.code === 'internal') {
        const attempts = getEntry(db, entry.id)?.attempts ?? entry.attempts
        const next = new Date(deps.now().getTime() + retryDelayMs(attempts, deps.random))
        updateEntry(db, entry.id, { state: 'failed', lastError: failure, nextAttemptAt: next.toISOString() }, nowIso())
        counts.failed++
        // The portal is down or broken: the rest would fail the same way; they keep their place.
        if (RETRYABLE_CODES.includes(failure.code)) break
      } else {
        updateEntry(db, entry.id, { state: 'rejected', lastError: failure }, nowIso())
        counts.rejected++
      }
    }
  }
  deps.onProgress?.({ phase: 'pushing', done: due.length, total: due.length, rate: 0 })
  return counts
}

function asDeskError(error: unknown): DeskError {
  if (error instanceof DeskFailure) return error.toError()
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) }
}

async function pushEntry(deps: PushDeps, entry: OutboxEntry): Promise<Outcome> {
  switch (entry.op) {
    case 'create_contact':
      return pushCreate(deps, entry)
    case 'update_contact':
      return pushUpdate(deps, entry)
    case 'delete_contact':
      return pushDelete(deps, entry)
    case 'grant_access':
    case 'change_access':
    case 'revoke_access':
      return pushAccess(deps, entry)
    case 'set_client_email_preferences':
      return pushClientPreferences(deps, entry)
  }
}

/** Counts the attempt BEFORE the request leaves: after a crash, a create with attempts > 0 may exist already. */
function startAttempt(deps: PushDeps, entry: OutboxEntry): void {
  updateEntry(deps.db, entry.id, { attempts: entry.attempts + 1 }, deps.now().toISOString())
  entry.attempts++
}

async function contactsOfClient(deps: PushDeps, clientId: number): Promise<RemoteContact[]> {
  const contacts: RemoteContact[] = []
  for (;;) {
    const page = await deps.portal.getContacts({ clientId, limitstart: contacts.length, limitnum: 250, signal: deps.signal })
    contacts.push(...page.contacts)
    if (page.contacts.length === 0 || contacts.length >= page.total) return contacts
  }
}

async function readRemote(deps: PushDeps, contact: StoredContact): Promise<RemoteContact | null> {
  return (await contactsOfClient(deps, contact.clientId)).find((remote) => remote.remoteId === contact.remoteId) ?? null
}

/** The access the portal gives this contact's person now, for fetch–compare–write of access entries. */
async function readRemoteAccess(deps: PushDeps, contact: StoredContact, remote: RemoteContact | null): Promise<Access> {
  if (deps.generation === '7') {
    const sub = remote?.subAccount
    return sub?.enabled ? { enabled: true, permissions: sub.permissions } : { enabled: false, permissions: [] }
  }
  const holders = await deps.access.list(contact.clientId, { signal: deps.signal })
  const holder = holders.find((candidate) => sameEmail(candidate.email, contact.data.fields.email))
  if (!holder) return { enabled: false, permissions: [] }
  if (holder.kind === 'owner') throw new DeskFailure('owner_locked', 'This person owns the account: the owner always has every permission.')
  return { enabled: true, permissions: holder.permissions }
}

/**
 * After a write: the portal's state becomes the base. Keys still as we sent them take the portal's (possibly
 * normalised) value; keys edited again while the request was out stay ours and go in a new update.
 */
function settle(deps: PushDeps, localId: string, sent: Flat, remote: ContactState, entry: OutboxEntry): void {
  const { db } = deps
  const at = deps.now().toISOString()
  db.transaction(() => {
    const contact = getContact(db, localId)
    if (!contact) return
    const mine = flatten(contact.data)
    const theirs = flatten(remote)
    const next: Flat = { ...mine }
    const editedMeanwhile: string[] = []
    const otherPending = new Set(entriesFor(db, localId).filter((other) => other.id !== entry.id).flatMap((other) => other.keys))
    for (const key of Object.keys(theirs)) {
      if (key in sent && mine[key] !== sent[key]) editedMeanwhile.push(key)
      else if (!otherPending.has(key) && !(key === ACCESS_KEY && theirs[key] === null)) next[key] = theirs[key] ?? null
    }
    const base = remote.access === null && contact.base ? { ...remote, access: contact.base.access } : remote
    saveContact(db, { ...contact, data: withValues(contact.data, next), base })
    removeEntry(db, entry.id)
    markAuditSynced(db, entry.id, at)
    if (editedMeanwhile.length > 0) {
      addEntry(db, { op: 'update_contact', entityKey: localId, clientId: contact.clientId, keys: editedMeanwhile, base: Object.fromEntries(editedMeanwhile.map((key) => [key, theirs[key] ?? null])), staff: entry.staff }, at)
    }
  })()
}

async function pushCreate(deps: PushDeps, entry: OutboxEntry): Promise<Outcome> {
  const { db } = deps
  let contact = getContact(db, entry.entityKey)
  if (!contact) {
    removeEntry(db, entry.id)
    return 'sent'
  }
  if (contact.remoteId === null && entry.attempts > 0) {
    // The last attempt may have reached the portal before its answer was lost: look before sending again.
    const email = contact.data.fields.email
    const landed = (await contactsOfClient(deps, contact.clientId)).find(
      (remote) => sameEmail(remote.email, email) && getContactByRemoteId(db, remote.remoteId) === null,
    )
    if (landed) {
      contact = { ...contact, remoteId: landed.remoteId }
      saveContact(db, contact)
    }
  }
  const sent = flatten(contact.data)
  if (contact.remoteId === null) {
    startAttempt(deps, entry)
    const { contactId } = await deps.portal.addContact({ clientId: contact.clientId, fields: contact.data.fields, signal: deps.signal })
    contact = { ...(getContact(db, contact.localId) ?? contact), remoteId: contactId }
    saveContact(db, contact)
  }
  const remote = await readRemote(deps, contact)
  if (!remote) throw new DeskFailure('bad_response', `The portal accepted contact ${contact.remoteId} but does not list it.`)
  // The access a new contact starts with is what the portal has; a grant entry follows if asked for.
  settle(deps, contact.localId, withoutAccess(sent), { fields: fieldsOf(remote), access: deps.generation === '7' ? subAccountOf(remote) : contact.base?.access ?? { enabled: false, permissions: [] } }, entry)
  return 'sent'
}

function withoutAccess(flat: Flat): Flat {
  const { [ACCESS_KEY]: _access, ...rest } = flat
  return rest
}

function subAccountOf(remote: RemoteContact): Access {
  return remote.subAccount?.enabled ? { enabled: true, permissions: remote.subAccount.permissions } : { enabled: false, permissions: [] }
}

/** The whole-record conflict of an edit here against a delete there (or the other way round). */
function wholeRecordConflict(deps: PushDeps, contact: StoredContact, entry: OutboxEntry, theirs: Flat | null): Outcome {
  const at = deps.now().toISOString()
  openConflict(deps.db, {
    entity: 'contact',
    entityKey: contact.localId,
    clientId: contact.clientId,
    key: WHOLE_RECORD,
    base: contact.base ? flatten(contact.base) : null,
    mine: contact.deleted ? null : flatten(contact.data),
    theirs,
    createdAt: at,
  })
  updateEntry(deps.db, entry.id, { state: 'conflict' }, at)
  return 'conflict'
}

/** Judges each key of an entry; opens a conflict for each key both sides changed. Returns the keys to send. */
function compare(deps: PushDeps, contact: StoredContact, entry: OutboxEntry, mine: Flat, theirs: Flat): { send: string[]; conflicted: string[] } {
  const send: string[] = []
  const conflicted: string[] = []
  for (const key of entry.keys) {
    const verdict = judge(key, entry.base[key] ?? null, mine[key] ?? null, theirs[key] ?? null)
    if (verdict === 'mine') send.push(key)
    if (verdict === 'conflict') {
      conflicted.push(key)
      openConflict(deps.db, {
        entity: 'contact',
        entityKey: contact.localId,
        clientId: contact.clientId,
        key,
        base: entry.base[key] ?? null,
        mine: mine[key] ?? null,
        theirs: theirs[key] ?? null,
        createdAt: deps.now().toISOString(),
      })
    }
  }
  return { send, conflicted }
}

/** The fields to send for these keys; e-mail preferences always go whole, the portal's with our changes on top. */
function changesFor(keys: string[], mine: ContactFields, theirs: ContactFields): Partial<ContactFields> {
  const changes: Partial<ContactFields> = {}
  for (const key of TEXT_KEYS) if (keys.includes(key)) changes[key] = mine[key]
  const categories = EMAIL_CATEGORIES.filter((category) => keys.includes(preferenceKey(category)))
  if (categories.length > 0) {
    const preferences: EmailPreferences = { ...theirs.emailPreferences }
    for (const category of categories) preferences[category] = mine.emailPreferences[category]
    changes.emailPreferences = preferences
  }
  return changes
}

async function pushUpdate(deps: PushDeps, entry: OutboxEntry): Promise<Outcome> {
  const contact = getContact(deps.db, entry.entityKey)
  if (!contact || contact.remoteId === null) return 'blocked'
  const remote = await readRemote(deps, contact)
  if (!remote) return wholeRecordConflict(deps, contact, entry, null)
  const theirsState: ContactState = { fields: fieldsOf(remote), access: contact.base?.access ?? null }
  const mine = flatten(contact.data)
  const { send, conflicted } = compare(deps, contact, entry, mine, flatten(theirsState))
  const sent: Flat = Object.fromEntries(send.map((key) => [key, mine[key] ?? null]))
  let after = remote
  if (send.length > 0) {
    startAttempt(deps, entry)
    await deps.portal.updateContact({ contactId: contact.remoteId, changes: changesFor(send, contact.data.fields, theirsState.fields), signal: deps.signal })
    after = (await readRemote(deps, contact)) ?? remote
  }
  if (conflicted.length > 0) {
    const at = deps.now().toISOString()
    const base = Object.fromEntries(conflicted.map((key) => [key, entry.base[key] ?? null]))
    // The sent keys are done; the conflicted ones wait in this entry for a person.
    saveContact(deps.db, { ...contact, base: { ...theirsState, fields: fieldsOf(after) } })
    updateEntry(deps.db, entry.id, { keys: conflicted, base, state: 'conflict' }, at)
    return 'conflict'
  }
  settle(deps, contact.localId, sent, { fields: fieldsOf(after), access: contact.base?.access ?? null }, entry)
  return 'sent'
}

async function pushDelete(deps: PushDeps, entry: OutboxEntry): Promise<Outcome> {
  const { db } = deps
  const contact = getContact(db, entry.entityKey)
  const at = deps.now().toISOString()
  const finish = () => {
    db.transaction(() => {
      removeContact(db, entry.entityKey)
      removeEntry(db, entry.id)
      markAuditSynced(db, entry.id, at)
    })()
    return 'sent' as const
  }
  if (!contact || contact.remoteId === null) return finish()
  const remote = await readRemote(deps, contact)
  if (!remote) return finish()
  const theirs = flatten({ fields: fieldsOf(remote), access: null })
  const changedThere = Object.keys(entry.base).some((key) => key !== ACCESS_KEY && entry.base[key] !== theirs[key])
  if (changedThere) return wholeRecordConflict(deps, contact, entry, theirs)
  startAttempt(deps, entry)
  await deps.portal.deleteContact({ contactId: contact.remoteId, signal: deps.signal })
  return finish()
}

async function pushAccess(deps: PushDeps, entry: OutboxEntry): Promise<Outcome> {
  const contact = getContact(deps.db, entry.entityKey)
  if (!contact || (deps.generation === '7' && contact.remoteId === null)) return 'blocked'
  const remote = contact.remoteId === null ? null : await readRemote(deps, contact)
  if (contact.remoteId !== null && !remote) return wholeRecordConflict(deps, contact, entry, null)
  const theirs = await readRemoteAccess(deps, contact, remote)
  const desired = contact.data.access ?? { enabled: false, permissions: [] }
  const mine = { [ACCESS_KEY]: accessValue(desired) }
  const { send } = compare(deps, contact, entry, mine, { [ACCESS_KEY]: accessValue(theirs) })
  if (send.length === 0 && accessValue(theirs) !== accessValue(desired)) {
    updateEntry(deps.db, entry.id, { state: 'conflict' }, deps.now().toISOString())
    return 'conflict'
  }
  if (send.length > 0) {
    startAttempt(deps, entry)
    const person = { email: contact.data.fields.email, contactId: contact.remoteId }
    const options = { signal: deps.signal }
    if (!desired.enabled) await deps.access.revoke(contact.clientId, person, options)
    else if (!theirs.enabled) {
      const password = deps.secrets.get(passwordKey(contact.localId)) ?? undefined
      await deps.access.grant(contact.clientId, person, desired.permissions, { ...options, password })
      deps.secrets.delete(passwordKey(contact.localId))
    } else await deps.access.change(contact.clientId, person, desired.permissions, options)
  }
  const after = deps.generation === '7' && contact.remoteId !== null ? await readRemote(deps, contact) : remote
  const accessNow = send.length > 0 ? await readRemoteAccess(deps, contact, after) : theirs
  settle(deps, contact.localId, mine, { fields: after ? fieldsOf(after) : contact.data.fields, access: accessNow }, entry)
  return 'sent'
}

async function pushClientPreferences(deps: PushDeps, entry: OutboxEntry): Promise<Outcome> {
  const { db } = deps
  const stored = getClientDetails(db, entry.clientId)
  if (!stored) {
    removeEntry(db, entry.id)
    return 'sent'
  }
  const { client } = await deps.portal.getClientsDetails({ clientId: entry.clientId, signal: deps.signal })
  const theirs = flattenPreferences(client.emailPreferences)
  const mine = flattenPreferences(stored.data)
  const send: string[] = []
  const conflicted: string[] = []
  for (const key of entry.keys) {
    const verdict = judge(key, entry.base[key] ?? null, mine[key] ?? null, theirs[key] ?? null)
    if (verdict === 'mine') send.push(key)
    if (verdict === 'conflict') {
      conflicted.push(key)
      openConflict(db, { entity: 'client', entityKey: entry.entityKey, clientId: entry.clientId, key, base: entry.base[key] ?? null, mine: mine[key] ?? null, theirs: theirs[key] ?? null, createdAt: deps.now().toISOString() })
    }
  }
  let base = client.emailPreferences
  if (send.length > 0) {
    const merged: EmailPreferences = { ...client.emailPreferences }
    for (const category of EMAIL_CATEGORIES) if (send.includes(preferenceKey(category))) merged[category] = stored.data[category]
    startAttempt(deps, entry)
    await deps.portal.updateClient({ clientId: entry.clientId, emailPreferences: merged, signal: deps.signal })
    base = (await deps.portal.getClientsDetails({ clientId: entry.clientId, signal: deps.signal })).client.emailPreferences
  }
  const at = deps.now().toISOString()
  db.transaction(() => {
    const data: EmailPreferences = { ...stored.data }
    for (const category of EMAIL_CATEGORIES) {
      const key = preferenceKey(category)
      if (!conflicted.includes(key) && (!entry.keys.includes(key) || send.includes(key))) data[category] = base[category]
    }
    saveClientDetails(db, { ...stored, data, base, fetchedAt: at })
    if (conflicted.length > 0) {
      updateEntry(db, entry.id, { keys: conflicted, base: Object.fromEntries(conflicted.map((key) => [key, entry.base[key] ?? null])), state: 'conflict' }, at)
    } else {
      removeEntry(db, entry.id)
      markAuditSynced(db, entry.id, at)
    }
  })()
  return conflicted.length > 0 ? 'conflict' : 'sent'
}

