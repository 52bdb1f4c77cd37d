// The 8.x invites we sent, kept because the portal can neither list nor cancel them (docs/ARCHITECTURE.md §2, §8.5).
import { PERMISSIONS, type Permission } from '../../../shared/domain'
import type { Db } from './database'
import { emailKey } from '../../../shared/text'

/** How long an invite link stays valid (docs/WHMCS.md §4). */
export const INVITE_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000

export type InviteState = 'sending' | 'pending' | 'expired' | 'accepted'

export interface Invite {
  clientId: number
  email: string
  permissions: Permission[]
  /** sending: the answer was lost, so it may or may not have gone out. expired: pending for more than 7 days. */
  state: InviteState
  sentAt: string
  acceptedBy: number | null
}

export interface InviteStore {
  /** Notes an invite about to be sent, before the request leaves (so a lost answer is never forgotten). */
  sending(clientId: number, email: string, permissions: readonly Permission[], at: Date): void
  /** The portal confirmed the invite. */
  sent(clientId: number, email: string): void
  /** The portal said no, definitely: nothing went out. */
  forget(clientId: number, email: string): void
  accepted(clientId: number, email: string, userId: number): void
  find(clientId: number, email: string): Invite | null
  list(clientId: number): Invite[]
}

interface InviteRow {
  client_id: number
  email: string
  permissions: string
  state: 'sending' | 'pending' | 'accepted'
  sent_at: string
  accepted_by: number | null
}

export function createInviteStore(db: Db, now: () => Date = () => new Date()): InviteStore {
  const fromRow = (row: InviteRow): Invite => {
    const expired = row.state === 'pending' && now().getTime() - Date.parse(row.sent_at) > INVITE_LIFETIME_MS
    return {
      clientId: row.client_id,
      email: row.email,
      permissions: row.permissions.split(',').filter((name): name is Permission => (PERMISSIONS as readonly string[]).includes(name)),
      state: expired ? 'expired' : row.state,
      sentAt: row.sent_at,
      acceptedBy: row.accepted_by,
    }
  }
  const setState = db.prepare('UPDATE invites SET state = ?, accepted_by = ? WHERE client_id = ? AND email_key = ?')
  return {
    sending(clientId, email, permissions, at) {
      db.prepare(
        `INSERT INTO invites (client_id, email, email_key, permissions, state, sent_at) VALUES (?, ?, ?, ?, 'sending', ?)
         ON CONFLICT (client_id, email_key) DO UPDATE SET
           email = excluded.email, permissions = excluded.permissions, state = 'sending', sent_at = excluded.sent_at, accepted_by = NULL`,
      ).run(clientId, email, emailKey(email), permissions.join(','), at.toISOString())
    },
    sent: (clientId, email) => void setState.run('pending', null, clientId, emailKey(email)),
    forget: (clientId, email) => void db.prepare('DELETE FROM invites WHERE client_id = ? AND email_key = ?').run(clientId, emailKey(email)),
    accepted: (clientId, email, userId) => void setState.run('accepted', userId, clientId, emailKey(email)),
    find(clientId, email) {
      const row = db.prepare('SELECT * FROM invites WHERE client_id = ? AND email_key = ?').get(clientId, emailKey(email)) as InviteRow | undefined
      return row ? fromRow(row) : null
    },
    list: (clientId) => (db.prepare('SELECT * FROM invites WHERE client_id = ? ORDER BY sent_at, id').all(clientId) as InviteRow[]).map(fromRow),
  }
}
