// 8.x: staff change the permissions of a login that is none of the client's contacts (someone the customer
// invited themselves), or take its access to the client away. Like every edit: one transaction with its outbox
// entry and audit row; repeated edits while the first still waits fold into it.
import type { Access, Generation, Permission } from '../../../shared/domain'
import { DeskFailure } from '../../../shared/errors'
import { moveAudit, recordAudit } from '../db/audit'
import { getClientDetails } from '../db/client-details'
import type { Db } from '../db/database'
import { closeConflict, openConflicts } from '../db/conflicts'
import { listContactsOf } from '../db/contacts'
import { getLoginAccess, loginKey, removeLoginAccess, saveLoginAccess } from '../db/login-access'
import { addEntry, entriesFor, removeEntry, updateEntry } from '../db/outbox'
import { getUser, permissionsOn } from '../db/users'
import { ACCESS_KEY, accessFrom, accessValue } from '../../../shared/record-keys'
import { sameEmail } from '../../../shared/text'
import type { EditContext } from './edits'

/** A login as the cache knows it: from the client's page as last read, else from the last GetUsers (permissions unknown). */
export interface KnownLogin {
  name: string
  email: string
  owner: boolean
  /** As last read; null when never read (the client was not opened online since). */
  permissions: Permission[] | null
}

export function knownLogin(db: Db, clientId: number, userId: number): KnownLogin | null {
  const stored = getClientDetails(db, clientId)?.logins?.find((candidate) => candidate.userId === userId)
  if (stored) return { name: stored.name, email: stored.email, owner: stored.kind === 'owner', permissions: stored.permissions }
  const user = getUser(db, userId)
  const link = user?.clients.find((candidate) => candidate.clientId === clientId)
  return user && link ? { name: user.name, email: user.email, owner: link.isOwner, permissions: null } : null
}

/** Refused unless it is an 8.x user of the client that no contact of the client stands for. */
function editableLogin(ctx: EditContext, generation: Generation, clientId: number, userId: number): KnownLogin {
  if (generation !== '8')
    throw new DeskFailure('validation', 'Only WHMCS 8 has logins apart from contacts; on 7.x access belongs to the contact (its sub-account).')
  const login = knownLogin(ctx.db, clientId, userId)
  if (!login) {
    throw new DeskFailure('not_found', `Login ${userId} is not known on client ${clientId}: sync, or open the client while the portal answers.`, {
      id: String(userId),
    })
  }
  if (login.owner) throw new DeskFailure('owner_locked', 'The account owner always has every permission and cannot be changed or removed.')
  const contact = listContactsOf(ctx.db, clientId).find((candidate) => !candidate.deleted && sameEmail(candidate.data.fields.email, login.email))
  if (contact) {
    throw new DeskFailure('validation', `This login is the contact ${login.email}: change its access on the contact, so that both stay one.`, {
      localId: contact.localId,
    })
  }
  return login
}

/** Sets the access of a login; returns what the portal will have once the edit is through. */
export function setLoginAccess(ctx: EditContext & { generation: Generation }, clientId: number, userId: number, access: Access): Access {
  const { db } = ctx
  return db.transaction(() => {
    const at = ctx.now().toISOString()
    const login = editableLogin(ctx, ctx.generation, clientId, userId)
    if (access.enabled && access.permissions.length === 0) {
      throw new DeskFailure('validation', 'Choose at least one permission, or take the access away.', undefined, [
        { path: 'access.permissions', message: 'required' },
      ])
    }
    const entityKey = loginKey(clientId, userId)
    const wanted = accessValue(access) as string
    // What the portal gives the login, as far as it was read; unknown, the push compares with what it reads then.
    const read = permissionsOn(db, clientId, userId) ?? login.permissions
    const portal = read === null ? null : (accessValue({ enabled: true, permissions: read }) as string)
    const before = getLoginAccess(db, entityKey)?.access ?? portal
    if (before === wanted) return accessFrom(wanted) as Access
    const op = access.enabled ? 'change_login_access' : 'revoke_login_access'
    const waiting = entriesFor(db, entityKey).find((entry) => entry.state !== 'held')
    // A new edit of a login in conflict is the staff member's decision on it, against the portal's value shown.
    const decided = openConflicts(db, entityKey).find((conflict) => conflict.key === ACCESS_KEY)
    if (decided) closeConflict(db, decided.id, 'edited', at)
    let outboxId: number | null
    if (waiting) {
      const base = decided ? (decided.theirs as string) : (waiting.base[ACCESS_KEY] ?? null)
      // An attempt that left may have landed: going back is then still a change to send (merge.ts baseFor).
      const attempted = (waiting.sent.values[ACCESS_KEY] ?? []).length > 0
      if (!attempted && base !== null && base === wanted) {
        removeEntry(db, waiting.id)
        moveAudit(db, waiting.id, null)
        removeLoginAccess(db, entityKey)
        outboxId = null
      } else {
        updateEntry(
          db,
          waiting.id,
          { op, base: { [ACCESS_KEY]: base }, ...(waiting.state === 'conflict' ? { state: 'pending' as const, nextAttemptAt: null } : {}) },
          at,
        )
        outboxId = waiting.id
      }
    } else {
      outboxId = addEntry(db, { op, entityKey, clientId, keys: [ACCESS_KEY], base: { [ACCESS_KEY]: portal }, staff: ctx.staff }, at)
    }
    if (outboxId !== null) saveLoginAccess(db, { entityKey, clientId, userId, name: login.name, email: login.email, access: wanted })
    recordAudit(db, {
      at,
      staff: ctx.staff,
      clientId,
      entity: 'login',
      entityKey,
      action: outboxId === null ? 'access_undone' : op,
      old: accessFrom(before),
      new: accessFrom(wanted),
      outboxId,
    })
    return accessFrom(wanted) as Access
  })()
}
