// Push: the outbox drains in order. Before each write the record is read again and compared with the base
// the edit was made against (fetch–compare–write); only changed keys are sent; after the write the record is
// read again and stored as the new base (docs/ARCHITECTURE.md §8.4). Failed, rejected, conflicted and held are distinct.
import {
  CONTACT_TEXT_FIELDS,
  contactFieldsOf,
  EMAIL_CATEGORIES,
  type Access,
  type Entity,
  type ContactFields,
  type EmailPreferences,
  type Generation,
  type RemoteContact,
  type PushCounts,
  type SyncProgress,
} from '../../../shared/domain'
import { DeskFailure, errorText, REFUSED_CODES, RETRYABLE_CODES, type DeskError } from '../../../shared/errors'
import type { AccessAdapter, AccessHolder } from '../access/access'
import { lastAuditId, markAuditSynced, settleAudit } from '../db/audit'
import { getClientDetails, saveClientDetails } from '../db/client-details'
import { closeConflictsOf, openConflict } from '../db/conflicts'
import { getContact, getContactByRemoteId, highestRemoteId, removeContact, saveContact, setBase, setRemoteId, type StoredContact } from '../db/contacts'
import type { Db } from '../db/database'
import { getLoginAccess, removeLoginAccess } from '../db/login-access'
import { addEntry, allEntries, entriesFor, getEntry, NOTHING_SENT, removeEntry, unconfirmedCreate, updateEntry, withSent, type OutboxEntry } from '../db/outbox'
import { removeUserLink, removeUserPermissions, saveUserPermissions } from '../db/users'
import type { PassPortal } from '../portal/pass-reads'
import type { SecretStore } from '../secrets'
import { changesOf, recordActivity, subjectOf, type ActivityItem } from './activity'
import { retryDelayMs } from './backoff'
import { findLanded } from './landed'
import {
  ACCESS_KEY,
  accessFrom,
  accessValue,
  FIELD_KEYS,
  flatten,
  flattenPreferences,
  preferenceKey,
  WHOLE_RECORD,
  withValues,
  type ContactState,
  type Flat,
} from '../../../shared/record-keys'
import { baseFor, judge } from './merge'
import { sameEmail } from '../../../shared/text'

export interface PushDeps {
  db: Db
  /** A pass's reads (portal/pass-reads.ts): a client's contacts and details are read once for all its entries. */
  portal: Pick<
    PassPortal,
    'contactsOf' | 'contactAgain' | 'addContact' | 'updateContact' | 'deleteContact' | 'getClientsDetails' | 'updateClient' | 'logActivity'
  >
  access: AccessAdapter
  generation: Generation
  secrets: SecretStore
  now: () => Date
  random?: () => number
  signal?: AbortSignal
  /** Retry failed entries now instead of waiting for their next attempt (a sync the user asked for). */
  force?: boolean
  onProgress?: (progress: SyncProgress) => void
  /** After the pass, one LogActivity entry per client whose edits reached the portal (activity.ts); the setting, off unless asked. */
  recordActivity?: boolean
  /** Told what each attempt is about to send (pushOutbox collects the trail with it). */
  onAttempt?: (sending: Flat) => void
}

/** Where a 7.x sub-account's password waits, encrypted by the SecretStore, until its push succeeds (docs/ARCHITECTURE.md §9.4). */
export const passwordKey = (localId: string) => `subaccount-password:${localId}`

type Outcome = 'sent' | 'conflict' | 'blocked'

export async function pushOutbox(deps: PushDeps): Promise<PushCounts> {
  const { db } = deps
  const counts: PushCounts = { sent: 0, failed: 0, rejected: 0, conflicts: 0, held: 0, skipped: [] }
  /** What reached the portal, for its activity log. */
  const trail: ActivityItem[] = []
  const nowIso = () => deps.now().toISOString()
  const entries = allEntries(db)
  const isDue = (entry: OutboxEntry) =>
    entry.state === 'pending' || (entry.state === 'failed' && (deps.force || !entry.nextAttemptAt || entry.nextAttemptAt <= nowIso()))
  const due = entries.filter(isDue)
  // A record's entries go in order: once one of them cannot go, the later ones wait behind it.
  const blocked = new Set(entries.filter((entry) => !isDue(entry)).map((entry) => entry.entityKey))
  let done = 0
  const started = deps.now().getTime()
  /** Entries per second so far, as the pull reports records per second. */
  const rate = () => done / Math.max((deps.now().getTime() - started) / 1000, 0.001)
  for (const queued of due) {
    deps.signal?.throwIfAborted()
    deps.onProgress?.({ phase: 'pushing', done, total: due.length, rate: rate() })
    done++
    const entry = getEntry(db, queued.id)
    if (!entry || blocked.has(entry.entityKey)) continue
    try {
      const attempt: { sent: Flat | null } = { sent: null }
      const subject = deps.recordActivity ? subjectOf(db, entry) : ''
      const onAttempt = (sending: Flat) => void (attempt.sent = { ...attempt.sent, ...sending })
      const outcome = await pushEntry(deps.recordActivity ? { ...deps, onAttempt } : deps, entry)
      // Only what reached the portal: an attempt started and answered (a conflicted update may have sent some keys).
      if (attempt.sent !== null && outcome !== 'blocked') {
        trail.push({ clientId: entry.clientId, staff: entry.staff, op: entry.op, subject, changes: changesOf(entry, attempt.sent) })
      }
      if (outcome === 'sent') counts.sent++
      else {
        if (outcome === 'conflict') counts.conflicts++
        blocked.add(entry.entityKey)
      }
    } catch (error) {
      if (deps.signal?.aborted) throw error
      const failure = asDeskError(error)
      if (REFUSED_CODES.includes(failure.code)) throw error // stop everything and say why (docs/ARCHITECTURE.md §8.6)
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
  // Outside the per-edit budget: one call per client, and never a reason for the pass to fail.
  if (deps.recordActivity && trail.length > 0) await recordActivity(deps.portal, deps.generation, trail, counts.skipped, deps.signal)
  deps.onProgress?.({ phase: 'pushing', done: due.length, total: due.length, rate: rate() })
  return counts
}

function asDeskError(error: unknown): DeskError {
  if (error instanceof DeskFailure) return error.toError()
  return { code: 'internal', message: errorText(error) }
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
    case 'change_login_access':
    case 'revoke_login_access':
      return pushLoginAccess(deps, entry)
  }
}

/**
 * Counts the attempt and records what it sends BEFORE the request leaves: after a lost answer or a crash, a
 * create with attempts > 0 may exist already, and a portal value among those sent is ours (merge.ts baseFor).
 */
function startAttempt(deps: PushDeps, entry: OutboxEntry, sending: Flat): void {
  deps.onAttempt?.(sending)
  const change = { attempts: entry.attempts + 1, sent: withSent(entry.sent, sending) }
  updateEntry(deps.db, entry.id, change, deps.now().toISOString())
  Object.assign(entry, change)
}

const contactsOfClient = (deps: PushDeps, clientId: number): Promise<RemoteContact[]> => deps.portal.contactsOf(clientId, { signal: deps.signal })

async function readRemote(deps: PushDeps, contact: StoredContact): Promise<RemoteContact | null> {
  return (await contactsOfClient(deps, contact.clientId)).find((remote) => remote.remoteId === contact.remoteId) ?? null
}

/** The contact as the portal holds it after a write of ours: only the page of its client's contacts it is on (pass-reads.ts). */
const readBack = (deps: PushDeps, clientId: number, contactId: number): Promise<RemoteContact | null> =>
  deps.portal.contactAgain(clientId, contactId, { signal: deps.signal })

/**
 * Who a contact's access belongs to on 8.x: the login of its address. That is the address given here while a change
 * of it waits to be sent; otherwise the one the portal holds now (just read), which a push-only pass may know
 * before the cache does.
 */
function personOf(contact: StoredContact, remote: RemoteContact | null): { email: string; contactId: number | null } {
  const ours = contact.data.fields.email
  const changedHere = contact.base === null || !sameEmail(ours, contact.base.fields.email)
  return { email: remote === null || changedHere ? ours : remote.email, contactId: contact.remoteId }
}

/** The access the portal gives this contact's person now, for fetch–compare–write of access entries. */
async function readRemoteAccess(deps: PushDeps, contact: StoredContact, remote: RemoteContact | null): Promise<Access> {
  if (deps.generation === '7') {
    const sub = remote?.subAccount
    return sub?.enabled ? { enabled: true, permissions: sub.permissions } : { enabled: false, permissions: [] }
  }
  const person = personOf(contact, remote)
  const holder = (await deps.access.person(contact.clientId, person, { signal: deps.signal })) ?? undefined
  if (holder?.kind === 'owner') throw new DeskFailure('owner_locked', 'This person owns the account: the owner always has every permission.')
  const access = accessOf(holder)
  if (access === null) {
    // Whether this person was invited is not known, so neither is what to send: a person decides (docs/ARCHITECTURE.md §8.5).
    throw new DeskFailure(
      'invite_outstanding',
      `An invite to ${person.email} for this account was sent but the portal never confirmed it. Sending another e-mails the person again, and an invite cannot be cancelled through the API; confirm before going on.`,
      { email: person.email },
    )
  }
  return access
}

/**
 * 8.x, as the pull sees it (remote-state.ts): a login gives access, and so does an invite the portal confirmed
 * (it becomes a login once accepted); an expired invite no longer does. An invite whose answer was lost may or
 * may not exist: not known (null).
 */
function accessOf(holder: AccessHolder | undefined): Access | null {
  if (holder?.kind === 'user' || (holder?.kind === 'invite' && holder.state === 'pending')) return { enabled: true, permissions: [...holder.permissions] }
  if (holder?.kind === 'invite' && holder.state === 'sending') return null
  return { enabled: false, permissions: [] }
}

/**
 * After a write: the portal's state becomes the base. Keys still as the push read them take the portal's
 * (possibly normalised) value; keys edited again while the request was out stay ours and go in a new entry —
 * whether the edit was folded into this entry or not (`seen`: the record as the push read it, every key).
 */
function settle(deps: PushDeps, carried: number, localId: string, sent: Flat, remote: ContactState, entry: OutboxEntry, seen: Flat = sent): void {
  const { db } = deps
  const at = deps.now().toISOString()
  db.transaction(() => {
    const contact = getContact(db, localId)
    if (!contact) return
    const mine = flatten(contact.data)
    const theirs = flatten(remote)
    const next: Flat = { ...mine }
    const editedMeanwhile: string[] = []
    const otherPending = new Set(
      entriesFor(db, localId)
        .filter((other) => other.id !== entry.id)
        .flatMap((other) => other.keys),
    )
    for (const key of Object.keys(theirs)) {
      if (otherPending.has(key)) continue // another entry sends it: ours stays
      if (key in seen && mine[key] !== seen[key]) editedMeanwhile.push(key)
      else if (!(key === ACCESS_KEY && theirs[key] === null)) next[key] = theirs[key] ?? null
    }
    // A key folded into this entry while it was out keeps the base its edit was made against (the portal may
    // have changed it since); any other key's base is what the portal has now.
    const now = getEntry(db, entry.id)
    const baseOf = (key: string): Flat[string] => (now && !entry.keys.includes(key) && now.keys.includes(key) ? now.base[key] : null) ?? theirs[key] ?? null
    const base = remote.access === null && contact.base ? { ...remote, access: contact.base.access } : remote
    saveContact(db, { ...contact, data: withValues(contact.data, next), base })
    removeEntry(db, entry.id)
    const fieldKeys = editedMeanwhile.filter((key) => key !== ACCESS_KEY)
    const fieldsEntry =
      fieldKeys.length > 0
        ? addEntry(
            db,
            {
              op: 'update_contact',
              entityKey: localId,
              clientId: contact.clientId,
              keys: fieldKeys,
              base: Object.fromEntries(fieldKeys.map((key) => [key, baseOf(key)])),
              staff: entry.staff,
            },
            at,
          )
        : null
    // Access goes as an access operation: an update does not carry it.
    let accessEntry: number | null = null
    if (editedMeanwhile.includes(ACCESS_KEY)) {
      const op = accessOpBetween(theirs[ACCESS_KEY] ?? null, mine[ACCESS_KEY] ?? null)
      accessEntry = addEntry(
        db,
        { op, entityKey: localId, clientId: contact.clientId, keys: [ACCESS_KEY], base: { [ACCESS_KEY]: baseOf(ACCESS_KEY) }, staff: entry.staff },
        at,
      )
    }
    // The history says synced only for what this push carried; the edits made meanwhile follow their entries.
    settleAudit(db, entry.id, at, carried, (action) => (ACCESS_ACTIONS.includes(action) ? (accessEntry ?? fieldsEntry) : (fieldsEntry ?? accessEntry)))
  })()
}

const ACCESS_ACTIONS: readonly string[] = ['grant_access', 'change_access', 'revoke_access', 'access_undone']

function accessOpBetween(from: Flat[string], to: Flat[string]): 'grant_access' | 'change_access' | 'revoke_access' {
  const was = accessFrom(from)?.enabled ?? false
  const will = accessFrom(to)?.enabled ?? false
  return !was && will ? 'grant_access' : was && !will ? 'revoke_access' : 'change_access'
}

/**
 * A contact whose create may have reached the portal unconfirmed, with the id it has there if the client's contacts
 * show it (what that attempt sent, though it may have been edited here since, or its address there; landed.ts).
 */
async function adoptLanded(deps: PushDeps, contact: StoredContact, sent: NonNullable<ReturnType<typeof unconfirmedCreate>>): Promise<StoredContact> {
  const unclaimed = (await contactsOfClient(deps, contact.clientId)).filter((remote) => getContactByRemoteId(deps.db, remote.remoteId) === null)
  const landed = findLanded(sent, unclaimed)
  if (landed) setRemoteId(deps.db, contact.localId, landed.remoteId)
  // Read again after the portal answered: the record may have been edited here meanwhile.
  return getContact(deps.db, contact.localId) ?? contact
}

async function pushCreate(deps: PushDeps, entry: OutboxEntry): Promise<Outcome> {
  const { db } = deps
  const carried = lastAuditId(db)
  let contact = getContact(db, entry.entityKey)
  if (!contact) {
    removeEntry(db, entry.id)
    return 'sent'
  }
  const unconfirmed = unconfirmedCreate(entry)
  // The last attempt may have reached the portal before its answer was lost: look before sending again.
  if (contact.remoteId === null && unconfirmed) contact = await adoptLanded(deps, contact, unconfirmed)
  // Already on the portal (adopted, or its read-back failed): what was edited here since goes as an update.
  if (contact.remoteId !== null) return pushAdopted(deps, entry, contact)
  const sent = withoutAccess(flatten(contact.data))
  // What leaves is the base of any later edit, should this answer be lost (pushAdopted compares against it);
  // the highest contact id known now bounds where it can land (landed.ts).
  const leaving = { base: sent, sent: { ...entry.sent, afterRemoteId: entry.sent.afterRemoteId ?? highestRemoteId(db) } }
  updateEntry(db, entry.id, leaving, deps.now().toISOString())
  Object.assign(entry, leaving)
  // Each attempt's values are kept too: any of them may be the one that landed, and what it sent is ours there.
  startAttempt(deps, entry, sent)
  const { contactId } = await deps.portal.addContact({ clientId: contact.clientId, fields: contact.data.fields, signal: deps.signal })
  setRemoteId(db, contact.localId, contactId)
  contact = { ...(getContact(db, contact.localId) ?? contact), remoteId: contactId }
  const remote = await readRemote(deps, contact)
  if (!remote) throw new DeskFailure('bad_response', `The portal accepted contact ${contact.remoteId} but does not list it.`)
  // The access a new contact starts with is what the portal has; a grant entry follows if asked for.
  settle(
    deps,
    carried,
    contact.localId,
    sent,
    { fields: contactFieldsOf(remote), access: deps.generation === '7' ? subAccountOf(remote) : (contact.base?.access ?? { enabled: false, permissions: [] }) },
    entry,
  )
  return 'sent'
}

/**
 * A create that reached the portal on an earlier attempt whose answer was lost (or whose read-back failed):
 * the portal's contact is ours. It becomes an update against what that attempt sent, so edits made here
 * since then are sent (fetch–compare–write) instead of being overwritten by what landed.
 */
async function pushAdopted(deps: PushDeps, entry: OutboxEntry, adopted: StoredContact): Promise<Outcome> {
  const { db } = deps
  const remote = await readRemote(deps, adopted)
  if (!remote) return wholeRecordConflict(deps, getContact(db, adopted.localId) ?? adopted, entry, null)
  const theirs = flatten({ fields: contactFieldsOf(remote), access: null })
  const update = db.transaction((): OutboxEntry => {
    // As it is now, after the read: an edit made meanwhile was folded into this create, and is among the keys to send.
    const contact = getContact(db, adopted.localId) ?? adopted
    const mine = flatten(contact.data)
    const keys = FIELD_KEYS.filter((key) => mine[key] !== theirs[key])
    // An entry from before bases were kept: what landed is the best guess of what was sent.
    const base = Object.fromEntries(keys.map((key) => [key, entry.base[key] ?? theirs[key] ?? null]))
    updateEntry(db, entry.id, { op: 'update_contact', keys, base }, deps.now().toISOString())
    if (!contact.base)
      setBase(db, contact.localId, {
        fields: contactFieldsOf(remote),
        access: deps.generation === '7' ? subAccountOf(remote) : { enabled: false, permissions: [] },
      })
    return { ...entry, op: 'update_contact', keys, base }
  })()
  return pushUpdate(deps, update)
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
  // One decision for the whole record: field conflicts it had are part of it (mine holds every field).
  closeConflictsOf(deps.db, contact.localId, 'superseded', at)
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
/** The record a comparison is about: a contact, or a client's own e-mail preferences. */
interface Judged {
  entity: Entity
  entityKey: string
  clientId: number
}

const contactJudged = (contact: StoredContact): Judged => ({ entity: 'contact', entityKey: contact.localId, clientId: contact.clientId })

function compare(deps: PushDeps, record: Judged, entry: OutboxEntry, mine: Flat, theirs: Flat): { send: string[]; conflicted: string[] } {
  const send: string[] = []
  const conflicted: string[] = []
  for (const key of entry.keys) {
    const verdict = judge(key, baseFor(entry.base[key] ?? null, entry.sent.values[key], theirs[key] ?? null), mine[key] ?? null, theirs[key] ?? null)
    if (verdict === 'mine') send.push(key)
    if (verdict === 'conflict') {
      conflicted.push(key)
      openConflict(deps.db, {
        ...record,
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
  for (const key of CONTACT_TEXT_FIELDS) if (keys.includes(key)) changes[key] = mine[key]
  const categories = EMAIL_CATEGORIES.filter((category) => keys.includes(preferenceKey(category)))
  if (categories.length > 0) {
    const preferences: EmailPreferences = { ...theirs.emailPreferences }
    for (const category of categories) preferences[category] = mine.emailPreferences[category]
    changes.emailPreferences = preferences
  }
  return changes
}

async function pushUpdate(deps: PushDeps, entry: OutboxEntry): Promise<Outcome> {
  const carried = lastAuditId(deps.db)
  const contact = getContact(deps.db, entry.entityKey)
  if (!contact || contact.remoteId === null) return 'blocked'
  const remote = await readRemote(deps, contact)
  if (!remote) return wholeRecordConflict(deps, contact, entry, null)
  const theirsState: ContactState = { fields: contactFieldsOf(remote), access: contact.base?.access ?? null }
  const mine = flatten(contact.data)
  const { send, conflicted } = compare(deps, contactJudged(contact), entry, mine, flatten(theirsState))
  const sent: Flat = Object.fromEntries(send.map((key) => [key, mine[key] ?? null]))
  let after = remote
  if (send.length > 0) {
    startAttempt(deps, entry, sent)
    await deps.portal.updateContact({ contactId: contact.remoteId, changes: changesFor(send, contact.data.fields, theirsState.fields), signal: deps.signal })
    after = (await readBack(deps, contact.clientId, contact.remoteId)) ?? remote
  }
  if (conflicted.length > 0) {
    waitForPerson(deps, entry, conflicted, mine, sent, { ...theirsState, fields: contactFieldsOf(after) })
    return 'conflict'
  }
  settle(deps, carried, contact.localId, sent, { fields: contactFieldsOf(after), access: await accessAfterUpdate(deps, contact, send, after) }, entry, mine)
  return 'sent'
}

/**
 * An update with conflicted keys: the sent ones are done, the conflicted ones wait in this entry for a person, and
 * so do the edits made while the write was out (keys folded into the entry, sent keys edited again): they go once
 * the conflicts are resolved, judged then against the portal's value.
 */
function waitForPerson(deps: PushDeps, entry: OutboxEntry, conflicted: string[], mine: Flat, sent: Flat, after: ContactState): void {
  const { db } = deps
  db.transaction(() => {
    const current = getContact(db, entry.entityKey)
    const now = getEntry(db, entry.id)
    if (!current || !now) return
    const mineNow = flatten(current.data)
    const portalNow = flatten(after)
    const folded = now.keys.filter((key) => !entry.keys.includes(key))
    const editedAgain = Object.keys(sent).filter((key) => mineNow[key] !== mine[key])
    const base: Flat = {
      ...Object.fromEntries(conflicted.map((key) => [key, entry.base[key] ?? null])),
      ...Object.fromEntries(folded.map((key) => [key, now.base[key] ?? null])),
      ...Object.fromEntries(editedAgain.map((key) => [key, portalNow[key] ?? null])),
    }
    setBase(db, current.localId, after)
    updateEntry(db, entry.id, { keys: [...conflicted, ...folded, ...editedAgain], base, state: 'conflict' }, deps.now().toISOString())
  })()
}

/**
 * The access to store after an update. On 8.x a login belongs to an e-mail address, so once a new address is
 * written the person is someone else: their access is read again, as the next pull would see it. Otherwise
 * an update does not touch access and the last known one stands.
 */
async function accessAfterUpdate(deps: PushDeps, contact: StoredContact, sent: string[], after: RemoteContact): Promise<Access | null> {
  if (deps.generation !== '8' || !sent.includes('email')) return contact.base?.access ?? null
  const holder = await deps.access.person(contact.clientId, { email: after.email, contactId: after.remoteId }, { signal: deps.signal })
  return accessOf(holder === null || holder.kind === 'owner' ? undefined : holder)
}

async function pushDelete(deps: PushDeps, entry: OutboxEntry): Promise<Outcome> {
  const { db } = deps
  let contact = getContact(db, entry.entityKey)
  const at = deps.now().toISOString()
  const finish = () => {
    db.transaction(() => {
      removeContact(db, entry.entityKey)
      removeEntry(db, entry.id)
      markAuditSynced(db, entry.id, at)
      closeConflictsOf(db, entry.entityKey, 'deleted', at)
    })()
    return 'sent' as const
  }
  if (!contact) return finish()
  // Deleted here before its create was confirmed: it may be on the portal all the same (a push-only pass has no
  // pull to find it first).
  const unconfirmed = unconfirmedCreate(entry)
  if (contact.remoteId === null && unconfirmed) contact = await adoptLanded(deps, contact, unconfirmed)
  if (contact.remoteId === null) return finish()
  const remote = await readRemote(deps, contact)
  if (!remote) return finish()
  const theirs = flatten({ fields: contactFieldsOf(remote), access: null })
  const changedThere = Object.keys(entry.base).some((key) => key !== ACCESS_KEY && entry.base[key] !== theirs[key])
  if (changedThere) return wholeRecordConflict(deps, contact, entry, theirs)
  startAttempt(deps, entry, {})
  await deps.portal.deleteContact({ contactId: contact.remoteId, signal: deps.signal })
  return finish()
}

async function pushAccess(deps: PushDeps, entry: OutboxEntry): Promise<Outcome> {
  const carried = lastAuditId(deps.db)
  const contact = getContact(deps.db, entry.entityKey)
  if (!contact || (deps.generation === '7' && contact.remoteId === null)) return 'blocked'
  const remote = contact.remoteId === null ? null : await readRemote(deps, contact)
  if (contact.remoteId !== null && !remote) return wholeRecordConflict(deps, contact, entry, null)
  const theirs = await readRemoteAccess(deps, contact, remote)
  const desired = contact.data.access ?? { enabled: false, permissions: [] }
  const mine = { [ACCESS_KEY]: accessValue(desired) }
  const { send } = compare(deps, contactJudged(contact), entry, mine, { [ACCESS_KEY]: accessValue(theirs) })
  if (send.length === 0 && accessValue(theirs) !== accessValue(desired)) {
    updateEntry(deps.db, entry.id, { state: 'conflict' }, deps.now().toISOString())
    return 'conflict'
  }
  if (send.length > 0) {
    startAttempt(deps, entry, mine)
    const person = personOf(contact, remote)
    const options = { signal: deps.signal }
    if (!desired.enabled) await deps.access.revoke(contact.clientId, person, options)
    else if (!theirs.enabled) {
      const password = deps.secrets.get(passwordKey(contact.localId)) ?? undefined
      await deps.access.grant(contact.clientId, person, desired.permissions, { ...options, password })
      deps.secrets.delete(passwordKey(contact.localId))
    } else await deps.access.change(contact.clientId, person, desired.permissions, options)
  }
  const after = deps.generation === '7' && contact.remoteId !== null ? await readBack(deps, contact.clientId, contact.remoteId) : remote
  const accessNow = send.length > 0 ? await readRemoteAccess(deps, contact, after) : theirs
  settle(
    deps,
    carried,
    contact.localId,
    mine,
    { fields: after ? contactFieldsOf(after) : contact.data.fields, access: accessNow },
    entry,
    flatten(contact.data),
  )
  return 'sent'
}

async function pushClientPreferences(deps: PushDeps, entry: OutboxEntry): Promise<Outcome> {
  const { db } = deps
  const carried = lastAuditId(db)
  const stored = getClientDetails(db, entry.clientId)
  if (!stored) {
    removeEntry(db, entry.id)
    return 'sent'
  }
  const { client } = await deps.portal.getClientsDetails({ clientId: entry.clientId, signal: deps.signal })
  const theirs = flattenPreferences(client.emailPreferences)
  const mine = flattenPreferences(stored.data)
  const { send, conflicted } = compare(deps, { entity: 'client', entityKey: entry.entityKey, clientId: entry.clientId }, entry, mine, theirs)
  let base = client.emailPreferences
  if (send.length > 0) {
    const merged: EmailPreferences = { ...client.emailPreferences }
    for (const category of EMAIL_CATEGORIES) if (send.includes(preferenceKey(category))) merged[category] = stored.data[category]
    startAttempt(deps, entry, Object.fromEntries(send.map((key) => [key, mine[key] ?? null])))
    await deps.portal.updateClient({ clientId: entry.clientId, emailPreferences: merged, signal: deps.signal })
    base = (await deps.portal.getClientsDetails({ clientId: entry.clientId, signal: deps.signal })).client.emailPreferences
  }
  const at = deps.now().toISOString()
  db.transaction(() => {
    // Read again: staff may have changed the preferences while the request was out.
    const current = getClientDetails(db, entry.clientId) ?? stored
    const data: EmailPreferences = { ...current.data }
    const editedMeanwhile: string[] = []
    for (const category of EMAIL_CATEGORIES) {
      const key = preferenceKey(category)
      if (conflicted.includes(key)) continue // waits for a person, as it is here
      if (current.data[category] !== stored.data[category])
        editedMeanwhile.push(key) // still ours to send, next
      else data[category] = base[category]
    }
    saveClientDetails(db, { ...current, data, base, overdueNoticesOff: client.overdueNoticesOff, fetchedAt: at })
    const portalNow = flattenPreferences(base)
    const next =
      editedMeanwhile.length > 0
        ? addEntry(
            db,
            {
              op: 'set_client_email_preferences',
              entityKey: entry.entityKey,
              clientId: entry.clientId,
              keys: editedMeanwhile,
              base: Object.fromEntries(editedMeanwhile.map((key) => [key, portalNow[key] ?? null])),
              staff: entry.staff,
            },
            at,
          )
        : null
    if (conflicted.length > 0) {
      updateEntry(db, entry.id, { keys: conflicted, base: Object.fromEntries(conflicted.map((key) => [key, entry.base[key] ?? null])), state: 'conflict' }, at)
    } else {
      removeEntry(db, entry.id)
      settleAudit(db, entry.id, at, carried, () => next)
    }
  })()
  return conflicted.length > 0 ? 'conflict' : 'sent'
}

/**
 * 8.x: a login that is none of the contacts (editing/logins.ts). Fetch–compare–write like the rest: what the
 * portal gives this user on the client now is judged against the entry's base; the access adapter writes it.
 */
async function pushLoginAccess(deps: PushDeps, entry: OutboxEntry): Promise<Outcome> {
  const { db } = deps
  const carried = lastAuditId(db)
  const login = getLoginAccess(db, entry.entityKey)
  if (!login) {
    removeEntry(db, entry.id)
    return 'sent'
  }
  const readAccess = async (): Promise<string> => {
    const holder = await deps.access.person(login.clientId, { email: login.email, contactId: null, userId: login.userId }, { signal: deps.signal })
    return accessValue(holder?.kind === 'user' ? { enabled: true, permissions: holder.permissions } : { enabled: false, permissions: [] }) as string
  }
  const theirs = await readAccess()
  const mine = { [ACCESS_KEY]: login.access }
  const { send, conflicted } = compare(deps, { entity: 'login', entityKey: entry.entityKey, clientId: login.clientId }, entry, mine, { [ACCESS_KEY]: theirs })
  if (conflicted.length > 0) {
    updateEntry(db, entry.id, { state: 'conflict' }, deps.now().toISOString())
    return 'conflict'
  }
  let now = theirs
  if (send.length > 0) {
    startAttempt(deps, entry, mine)
    const person = { email: login.email, contactId: null }
    const desired = accessFrom(login.access)
    if (desired?.enabled) await deps.access.change(login.clientId, person, desired.permissions, { signal: deps.signal })
    else await deps.access.revoke(login.clientId, person, { signal: deps.signal })
    now = await readAccess()
  }
  const at = deps.now().toISOString()
  db.transaction(() => {
    const access = accessFrom(now)
    if (access?.enabled) saveUserPermissions(db, login.clientId, login.userId, access.permissions, at)
    else {
      removeUserPermissions(db, login.clientId, login.userId)
      removeUserLink(db, login.userId, login.clientId)
    }
    const details = getClientDetails(db, login.clientId)
    if (details?.logins) {
      const logins = details.logins.flatMap((stored) => {
        if (stored.userId !== login.userId) return [stored]
        return access?.enabled ? [{ ...stored, permissions: access.permissions }] : []
      })
      saveClientDetails(db, { ...details, logins })
    }
    // Edited again while the request was out: that edit still has to go, against what the portal has now.
    const latest = getLoginAccess(db, entry.entityKey)
    if (latest && latest.access !== login.access) {
      updateEntry(db, entry.id, { base: { [ACCESS_KEY]: now }, sent: NOTHING_SENT, attempts: 0, state: 'pending' }, at)
      markAuditSynced(db, entry.id, at, carried)
      return
    }
    removeLoginAccess(db, entry.entityKey)
    removeEntry(db, entry.id)
    markAuditSynced(db, entry.id, at)
  })()
  return 'sent'
}
