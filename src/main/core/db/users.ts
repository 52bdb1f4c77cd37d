// WHMCS 8 logins as GetUsers lists them, and the per-client permissions read so far.
import { PERMISSIONS, type Permission, type PortalUser } from '../../../shared/domain'
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
