// What several answers share: a client's status and group as the portal spells them, and the check that a page
// agrees with the total it reports.
import { z } from 'zod'
import { ClientStatus } from '../../../shared/domain'
import { badResponse } from './failures'
import { count } from './decode'

/** The portal writes "Active"; a differently cased status still means the same. */
export const clientStatus = z.preprocess(
  (value) => (typeof value === 'string' ? value.trim().charAt(0).toUpperCase() + value.trim().slice(1).toLowerCase() : value),
  ClientStatus,
)

/** A client's group: none is 0, and a portal that leaves the key out means the same. */
export const groupId = z.preprocess((value) => (value === undefined || value === null || value === '' ? 0 : value), count)

/**
 * Refuses an empty page that contradicts the total: taken at face value it would say the records are
 * gone, and a sync must not act on that.
 */
export function checkPage(action: string, what: string, listed: number, start: number, total: number): void {
  if (listed === 0 && start < total) {
    throw badResponse(action, `it lists no ${what} from ${start} although it reports ${total}`)
  }
}
