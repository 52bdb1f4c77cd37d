// outbox.*: the edits waiting to reach the portal, retrying one now or discarding it.
import { createInviteStore } from '../db/invites'
import { allEntries } from '../db/outbox'
import type { HandlersOf } from '../dispatch'
import { discardEntry, retryEntry } from '../editing/resolve'
import type { Session } from '../session'
import { outboxView } from '../views/records'

export function outboxHandlers(session: Session): HandlersOf<'outbox'> {
  return {
    'outbox.list': async () => {
      const open = session.requirePortal()
      return allEntries(open.db).map((entry) => outboxView(open.db, entry))
    },
    'outbox.retry': async ({ id, resendInvite }) =>
      session.edit((context) => outboxView(context.db, retryEntry({ ...context, invites: createInviteStore(context.db) }, id, resendInvite))),
    'outbox.discard': async ({ id }) =>
      session.edit((context) => {
        discardEntry(context, id)
        return { id }
      }),
  }
}
