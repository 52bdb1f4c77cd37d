// WHMCS 8 logins as GetUsers lists them, and the per-client permissions read so far.
import { z } from 'zod'
import { Permission, PERMISSIONS, type PortalUser } from '../../../shared/domain'
import type { Db } from './database'

/** Makes the cache hold exactly these users. */
export function replaceUsers(db: Db, users: readonly PortalUser[]): void {
  db.prepare('DELETE FROM portal_users').run()
  const insert = db.prepare('INSERT INTO portal_users (id, email, email_key, name, clients) VALUES (?, ?, ?, ?, ?)')
  for (const user of users) {
    insert.run(user.id, user.email, user.email.trim().toLowerCase(), `${user.firstName} ${user.lastName}`.trim(), JSON.stringify(user.clients))
  }
}

/** Permissions by `${clientId}:${userId}`, for the users whose permissions have been read. */
export function userPermissions(db: Db): Map<string, Permission[]> {
  const rows = db.prepare('SELECT client_id, user_id, permissions FROM user_permissions').all() as { client_id: number; user_id: number; permissions: string }[]
  return new Map(
    rows.map((row) => [
      `${row.client_id}:${row.user_id}`,
      (JSON.parse(row.permissions) as string[]).filter((name): name is Permission => (PERMISSIONS as readonly string[]).includes(name)),
    ]),
  )
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
  return (db.prepare('SELECT id, name, email, clients FROM portal_users WHERE email_key = ?').all(email.trim().toLowerCase()) as Parameters<typeof userOf>[0][]).map(userOf)
}

/** A user's permissions on a client, if read (when the client was opened online, or after a push). */
export function permissionsOn(db: Db, clientId: number, userId: number): Permission[] | null {
  const text = db.prepare('SELECT permissions FROM user_permissions WHERE client_id = ? AND user_id = ?').pluck().get(clientId, userId) as string | undefined
  return text === undefined ? null : z.array(z.string()).parse(JSON.parse(text)).filter((name): name is Permission => Permission.safeParse(name).success)
}

/** A login no longer reaches a client (its access there was taken away): as the next GetUsers will list it. */
export function removeUserLink(db: Db, userId: number, clientId: number): void {
  const user = getUser(db, userId)
  if (!user) return
  const clients = user.clients.filter((link) => link.clientId !== clientId)
  db.prepare('UPDATE portal_users SET clients = ? WHERE id = ?').run(JSON.stringify(clients), userId)
}
