// WHMCS 8 logins as GetUsers lists them, and the per-client permissions read so far.
import { z } from 'zod'
import { Permission, type PortalUser } from '../../../shared/domain'
import type { Applied } from './clients'
import type { Db } from './database'
import { emailKey } from '../../../shared/text'

/** Writes a login as GetUsers lists it; a row that already holds exactly that is not touched. */
export function applyUser(db: Db, user: PortalUser): Applied {
  const row = {
    id: user.id,
    email: user.email,
    emailKey: emailKey(user.email),
    name: `${user.firstName} ${user.lastName}`.trim(),
    clients: JSON.stringify(user.clients),
  }
  const previous = db.prepare('SELECT email, name, clients FROM portal_users WHERE id = ?').get(user.id) as
    { email: string; name: string; clients: string } | undefined
  if (previous && previous.email === row.email && previous.name === row.name && previous.clients === row.clients) return 'unchanged'
  db.prepare(
    `INSERT INTO portal_users (id, email, email_key, name, clients) VALUES (@id, @email, @emailKey, @name, @clients)
     ON CONFLICT (id) DO UPDATE SET email = excluded.email, email_key = excluded.email_key, name = excluded.name, clients = excluded.clients`,
  ).run(row)
  return previous ? 'updated' : 'added'
}

/** The ids held, in order, a batch at a time: those after `after`, at most `limit`. */
export function userIds(db: Db, after: number, limit: number): number[] {
  return db.prepare('SELECT id FROM portal_users WHERE id > ? ORDER BY id LIMIT ?').pluck().all(after, limit) as number[]
}

export function removeUser(db: Db, id: number): void {
  db.prepare('DELETE FROM portal_users WHERE id = ?').run(id)
}

/** The login with this e-mail address that reaches the client, not as its owner (8.x: a contact's access), as GetUsers last listed it. */
export function loginOn(db: Db, clientId: number, email: string): CachedUser | null {
  return usersByEmail(db, email).find((user) => user.clients.some((link) => link.clientId === clientId && !link.isOwner)) ?? null
}

export function saveUserPermissions(db: Db, clientId: number, userId: number, permissions: readonly Permission[], at: string): void {
  db.prepare(
    `INSERT INTO user_permissions (client_id, user_id, permissions, fetched_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (client_id, user_id) DO UPDATE SET permissions = excluded.permissions, fetched_at = excluded.fetched_at`,
  ).run(clientId, userId, JSON.stringify(permissions), at)
}

export function removeUserPermissions(db: Db, clientId: number, userId: number): void {
  db.prepare('DELETE FROM user_permissions WHERE client_id = ? AND user_id = ?').run(clientId, userId)
}

/** A WHMCS 8 login as the last GetUsers listed it, with the clients it reaches. */
export interface CachedUser {
  id: number
  name: string
  email: string
  clients: PortalUser['clients']
}

const Links = z.array(z.strictObject({ clientId: z.number().int().positive(), isOwner: z.boolean() }))
const userOf = (row: { id: number; name: string; email: string; clients: string }): CachedUser => ({ ...row, clients: Links.parse(JSON.parse(row.clients)) })

export function getUser(db: Db, userId: number): CachedUser | null {
  const row = db.prepare('SELECT id, name, email, clients FROM portal_users WHERE id = ?').get(userId) as Parameters<typeof userOf>[0] | undefined
  return row ? userOf(row) : null
}

/** The logins with this e-mail address (one, on WHMCS 8; compared as the portal does, ignoring case). */
export function usersByEmail(db: Db, email: string): CachedUser[] {
  return (db.prepare('SELECT id, name, email, clients FROM portal_users WHERE email_key = ?').all(emailKey(email)) as Parameters<typeof userOf>[0][]).map(
    userOf,
  )
}

/** A user's permissions on a client, if read (when the client was opened online, or after a push). */
export function permissionsOn(db: Db, clientId: number, userId: number): Permission[] | null {
  const text = db.prepare('SELECT permissions FROM user_permissions WHERE client_id = ? AND user_id = ?').pluck().get(clientId, userId) as string | undefined
  return text === undefined
    ? null
    : z
        .array(z.string())
        .parse(JSON.parse(text))
        .filter((name): name is Permission => Permission.safeParse(name).success)
}

/** A login no longer reaches a client (its access there was taken away): as the next GetUsers will list it. */
export function removeUserLink(db: Db, userId: number, clientId: number): void {
  const user = getUser(db, userId)
  if (!user) return
  const clients = user.clients.filter((link) => link.clientId !== clientId)
  db.prepare('UPDATE portal_users SET clients = ? WHERE id = ?').run(JSON.stringify(clients), userId)
}
