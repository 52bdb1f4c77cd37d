// Pull, second half: the portal's contacts meet the cache, a page (then a chunk of it) at a time, each chunk one
// transaction read against the cache as it is then — so an edit made while the pull ran is a pending edit like any
// other. Records without pending edits take the portal's state; records with pending edits are merged key by key;
// nothing is silently dropped, and only a complete listing takes a contact for gone.
import { createHash } from 'node:crypto'
import type { ChangeCounts } from '../../../shared/domain'
import { markAuditSynced } from '../db/audit'
import { closeConflict, closeConflictsOf, openConflict, openConflicts } from '../db/conflicts'
import {
  contactMark,
  getContact,
  getContactByRemoteId,
  listedContacts,
  removeContact,
  saveContact,
  unsentContacts,
  type PortalRead,
  type StoredContact,
} from '../db/contacts'
import type { Db } from '../db/database'
import { entriesFor, hasEntries, removeEntry, unconfirmedCreate, updateEntry, type OutboxEntry } from '../db/outbox'
import { SCAN_ROWS, yieldToEventLoop, type Chunks } from './chunks'
import { findLanded } from './landed'
import { ACCESS_KEY, FIELD_KEYS, flatten, WHOLE_RECORD, withValues, type ContactState, type Flat } from '../../../shared/record-keys'
import { baseFor, judge } from './merge'
import type { Listing } from './pull-pages'
import { sameEmail } from '../../../shared/text'

export interface RemoteRecord {
  remoteId: number
  clientId: number
  state: ContactState
  updatedAt: string | null
}

export interface ApplyContext {
  db: Db
  now: () => Date
  newId: () => string
  /** 8.x: access is a login, which belongs to an e-mail address (remote-state.ts). */
  accessByEmail?: boolean
}

/** One listing of contacts (every client's, or one client's) being applied to the cache. */
export interface ContactsApply {
  readonly counts: ChangeCounts
  /** One record as the portal listed it, read at `readAt` (ms). Runs inside the caller's transaction. */
  apply(record: RemoteRecord, readAt: number): void
  /**
   * Once the listing ended: the creates whose answers were lost are looked for among the contacts nobody here
   * claims, and contacts the portal no longer lists are let go — both only after a complete listing.
   */
  finish(listing: Listing, chunks: Chunks): Promise<void>
}

const sameFlat = (a: Flat, b: Flat) => Object.keys({ ...a, ...b }).every((key) => a[key] === b[key])

/** The portal's state of a contact as one short string: equal fingerprints, equal states. */
function fingerprint(record: RemoteRecord): string {
  return createHash('sha256')
    .update(JSON.stringify([record.clientId, record.state, record.updatedAt]))
    .digest('base64')
}

/** The keys an entry will send, and the base each was edited against (a create sends every field). */
function pendingKeys(entry: OutboxEntry): string[] {
  return entry.op === 'create_contact' ? [...FIELD_KEYS] : entry.keys
}

/** A contact whose create may have reached the portal without us learning its id (landed.ts). */
const unconfirmed = (db: Db, contact: StoredContact) =>
  entriesFor(db, contact.localId)
    .map(unconfirmedCreate)
    .find((found) => found !== null) ?? null

export function applyContacts(ctx: ApplyContext, scope: { clientId?: number } = {}): ContactsApply {
  const { db } = ctx
  const counts: ChangeCounts = { added: 0, updated: 0, removed: 0, unchanged: 0 }
  // Creates whose answers were lost can only be told apart from a new contact once every contact of their client is
  // known: the portal's contacts of those clients that nobody here claims wait for the end of the listing.
  // (Only a push makes a create unconfirmed, and no push runs during a pull: the set holds for the whole listing.)
  const waiting = new Set(
    unsentContacts(db, scope.clientId)
      .filter((contact) => unconfirmed(db, contact) !== null)
      .map((contact) => contact.clientId),
  )
  const held: { record: RemoteRecord; readAt: number }[] = []

  function insert(record: RemoteRecord, read: PortalRead): void {
    saveContact(
      db,
      {
        localId: ctx.newId(),
        remoteId: record.remoteId,
        clientId: record.clientId,
        data: record.state,
        base: record.state,
        remoteUpdatedAt: record.updatedAt,
        deleted: false,
      },
      read,
    )
    counts.added++
  }

  return {
    counts,
    apply(record, readAt) {
      const at = ctx.now().toISOString()
      const mark = contactMark(db, record.remoteId)
      if (!mark) {
        if (waiting.has(record.clientId)) held.push({ record, readAt })
        else insert(record, { remoteHash: fingerprint(record), readAt })
        return
      }
      // Opening the client read it after this page was read: the page is older news.
      if (mark.readAt !== null && mark.readAt > readAt) {
        counts.unchanged++
        return
      }
      const remoteHash = fingerprint(record)
      if (mark.remoteHash === remoteHash && !hasEntries(db, mark.localId)) {
        counts.unchanged++
        return
      }
      const local = getContact(db, mark.localId) as StoredContact
      counts[mergeInto(ctx, local, record, at, { remoteHash, readAt }) ? 'updated' : 'unchanged']++
    },
    async finish(listing, chunks) {
      if (!listing.complete) return
      await chunks.run([held], (records) => adoptOrInsert(records))
      const at = ctx.now().toISOString()
      const batchOf = (after: number) => listedContacts(db, { clientId: scope.clientId, after, limit: SCAN_ROWS })
      for (let batch = batchOf(0); batch.length > 0; batch = batchOf((batch.at(-1) as { rowid: number }).rowid)) {
        const gone = batch.filter((contact) => !listing.seen.has(contact.remoteId) && (contact.readAt ?? 0) < listing.startedAt)
        await chunks.run(gone, ({ localId, remoteId }) => {
          const local = getContact(db, localId)
          if (local?.remoteId === remoteId && goneRemotely(ctx, local, at)) counts.removed++
        })
        await yieldToEventLoop()
      }
    },
  }

  /**
   * AddContacts whose answers were lost (or a crash right after them): the portal has the contact, we do not know
   * its id. Before anything retries, the client's unclaimed contacts are searched for what that attempt sent
   * (landed.ts; its address may have been edited here since: the push sends that edit). So is one deleted here
   * since: the push then deletes it there too. The rest are new contacts.
   */
  function adoptOrInsert(records: { record: RemoteRecord; readAt: number }[]): void {
    const at = ctx.now().toISOString()
    const unclaimed = records.filter(({ record }) => getContactByRemoteId(db, record.remoteId) === null)
    const adopted = new Set<number>()
    for (const local of unsentContacts(db, scope.clientId)) {
      const sent = unconfirmed(db, local)
      if (!sent) continue
      const candidates = unclaimed
        .filter(({ record }) => record.clientId === local.clientId && !adopted.has(record.remoteId))
        .map(({ record }) => ({ remoteId: record.remoteId, ...record.state.fields }))
      const found = findLanded(sent, candidates)
      const landed = found && unclaimed.find(({ record }) => record.remoteId === found.remoteId)
      if (!landed) continue
      adopted.add(landed.record.remoteId)
      mergeInto(ctx, { ...local, remoteId: landed.record.remoteId }, landed.record, at, { remoteHash: null, readAt: landed.readAt })
      counts.updated++
    }
    for (const { record, readAt } of unclaimed) if (!adopted.has(record.remoteId)) insert(record, { remoteHash: fingerprint(record), readAt })
  }
}

/** Returns whether the cache changed. The fingerprint is kept only when nothing waits: then the row is the portal's. */
function mergeInto(ctx: ApplyContext, local: StoredContact, record: RemoteRecord, at: string, read: PortalRead): boolean {
  const { db } = ctx
  const theirs = flatten(record.state)
  const entries = entriesFor(db, local.localId).filter((entry) => entry.op !== 'delete_contact')
  const mine = flatten(local.data)
  // An e-mail change of ours on its way (8.x): the portal's access is that of the old address, another person,
  // so ours is not known there (the push reads it for our address, after sending the new one).
  const otherPerson =
    ctx.accessByEmail === true &&
    !sameEmail(local.data.fields.email, record.state.fields.email) &&
    entries.some((entry) => pendingKeys(entry).includes('email'))
  if (otherPerson) theirs[ACCESS_KEY] = null
  const next: Flat = { ...mine }
  let settled = false
  for (const key of Object.keys(theirs)) {
    const entry = entries.find((candidate) => pendingKeys(candidate).includes(key))
    if (!entry) {
      // Nobody here touched it: the portal's value stands. Unknown 8.x access stays as we knew it.
      if (!(key === ACCESS_KEY && theirs[key] === null)) next[key] = theirs[key] ?? null
      continue
    }
    if (entry.op === 'create_contact') continue // adopted: the create's follow-up compares at push time
    const verdict = judge(key, baseFor(entry.base[key] ?? null, entry.sent.values[key], theirs[key] ?? null), mine[key] ?? null, theirs[key] ?? null)
    const open = openConflicts(db, local.localId).find((conflict) => conflict.key === key)
    if (verdict === 'same' || verdict === 'theirs') {
      next[key] = theirs[key] ?? null
      dropKey(ctx, entry, key, at)
      // Nothing is left to decide: both sides now agree, or only the portal's side changed.
      if (open) {
        closeConflict(db, open.id, 'settled', at)
        settled = true
      }
    } else if (verdict === 'mine' && open) {
      // The portal went back to what the edit was made against: still a person's call, on fresh values.
      openConflict(db, { ...open, mine: mine[key] ?? null, theirs: theirs[key] ?? null })
    } else if (verdict === 'conflict') {
      openConflict(db, {
        entity: 'contact',
        entityKey: local.localId,
        clientId: local.clientId,
        key,
        base: entry.base[key] ?? null,
        mine: mine[key] ?? null,
        theirs: theirs[key] ?? null,
        createdAt: at,
      })
      updateEntry(db, entry.id, { state: 'conflict' }, at)
    }
  }
  if (settled) reopenIfClear(ctx, local.localId, at)
  const data = withValues(local.data, next)
  const base = (record.state.access === null || otherPerson) && local.base ? { ...record.state, access: local.base.access } : record.state
  const changed = !sameFlat(flatten(data), mine) || !local.base || !sameFlat(flatten(base), flatten(local.base)) || local.remoteId === null
  // The row already holds this record: only its fingerprint and read time are new.
  saveContact(db, { ...local, data, base, remoteUpdatedAt: record.updatedAt }, { ...read, remoteHash: hasEntries(db, local.localId) ? null : read.remoteHash })
  return changed
}

/** With no open conflict left on a record, its conflicted entries go again (the push re-checks the portal first). */
function reopenIfClear(ctx: ApplyContext, localId: string, at: string): void {
  if (openConflicts(ctx.db, localId).length > 0) return
  for (const entry of entriesFor(ctx.db, localId)) {
    if (entry.state === 'conflict') updateEntry(ctx.db, entry.id, { state: 'pending', nextAttemptAt: null }, at)
  }
}

/** The portal already has this key as we want it: the entry need not send it (the entry object follows along). */
function dropKey(ctx: ApplyContext, entry: OutboxEntry, key: string, at: string): void {
  entry.keys = entry.keys.filter((candidate) => candidate !== key)
  const { [key]: _dropped, ...base } = entry.base
  entry.base = base
  if (entry.keys.length === 0) {
    removeEntry(ctx.db, entry.id)
    markAuditSynced(ctx.db, entry.id, at)
  } else {
    updateEntry(ctx.db, entry.id, { keys: entry.keys, base }, at)
  }
}

/**
 * The portal no longer lists a contact we have. Without local edits it goes here too; with local edits it is a
 * conflict that keeps the edit (never a silent drop); a delete of ours that already happened is done.
 */
function goneRemotely(ctx: ApplyContext, local: StoredContact, at: string): boolean {
  const { db } = ctx
  const entries = entriesFor(db, local.localId)
  const deletion = entries.find((entry) => entry.op === 'delete_contact')
  if (entries.length === 0 || deletion) {
    for (const entry of entries) {
      removeEntry(db, entry.id)
      markAuditSynced(db, entry.id, at)
    }
    removeContact(db, local.localId)
    closeConflictsOf(db, local.localId, 'deleted', at)
    return true
  }
  if (openConflicts(db, local.localId).some((conflict) => conflict.key === WHOLE_RECORD)) return false
  // One decision now: keep the record (created again) or let it go. Its field conflicts have no "theirs" left.
  closeConflictsOf(db, local.localId, 'superseded', at)
  openConflict(db, {
    entity: 'contact',
    entityKey: local.localId,
    clientId: local.clientId,
    key: WHOLE_RECORD,
    base: local.base ? flatten(local.base) : null,
    mine: flatten(local.data),
    theirs: null,
    createdAt: at,
  })
  for (const entry of entries) updateEntry(db, entry.id, { state: 'conflict' }, at)
  return false
}
