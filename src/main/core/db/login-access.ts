// The access staff gave an 8.x login that is none of the client's contacts, kept while its edit waits for the
// portal. The portal's side is the outbox entry's base; once the portal has it, the row goes.
import type { Db } from './database'

export interface LoginAccess {
  entityKey: string
  clientId: number
  userId: number
  name: string
  email: string
  /** Encoded as record-keys' accessValue: "off", or "on:" and the permissions in the portal's order. */
  access: string
}

/** The outbox's and the conflicts' key of a login on a client. */
export const loginKey = (clientId: number, userId: number) => `login:${clientId}:${userId}`

interface Row {
  entity_key: string
  client_id: number
  user_id: number
  name: string
  email: string
  access: string
}

const fromRow = (row: Row): LoginAccess => ({
  entityKey: row.entity_key,
  clientId: row.client_id,
  userId: row.user_id,
  name: row.name,
  email: row.email,
  access: row.access,
})

export function getLoginAccess(db: Db, entityKey: string): LoginAccess | null {
  const row = db.prepare('SELECT * FROM login_access WHERE entity_key = ?').get(entityKey) as Row | undefined
  return row ? fromRow(row) : null
}

export function loginAccessOf(db: Db, clientId: number): LoginAccess[] {
  return (db.prepare('SELECT * FROM login_access WHERE client_id = ?').all(clientId) as Row[]).map(fromRow)
}

export function saveLoginAccess(db: Db, login: LoginAccess): void {
  db.prepare(
    `INSERT INTO login_access (entity_key, client_id, user_id, name, email, access) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (entity_key) DO UPDATE SET name = excluded.name, email = excluded.email, access = excluded.access`,
  ).run(login.entityKey, login.clientId, login.userId, login.name, login.email, login.access)
}

export function removeLoginAccess(db: Db, entityKey: string): void {
  db.prepare('DELETE FROM login_access WHERE entity_key = ?').run(entityKey)
}
