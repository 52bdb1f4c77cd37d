// Contact Desk's core, assembled: what the desk thread, the CLI and the tests open. One session (the current
// portal, its cache, the sync) and the handlers of every contract method, one table per prefix in handlers/.
import { createDispatch, type Dispatch, type Handlers } from './dispatch'
import { accessHandlers } from './handlers/access'
import { appHandlers } from './handlers/app'
import { auditHandlers } from './handlers/audit'
import { bulkHandlers } from './handlers/bulk'
import { clientsHandlers } from './handlers/clients'
import { conflictsHandlers } from './handlers/conflicts'
import { contactsHandlers } from './handlers/contacts'
import { localDataHandlers } from './handlers/local-data'
import { loginsHandlers } from './handlers/logins'
import { outboxHandlers } from './handlers/outbox'
import { portalHandlers } from './handlers/portal'
import { reachabilityHandlers } from './handlers/reachability'
import { settingsHandlers } from './handlers/settings'
import { syncHandlers } from './handlers/sync'
import { openSession, type DeskOptions } from './session'

export type { DeskOptions, LocalPortal } from './session'

export interface Desk {
  dispatch: Dispatch
  /** Stops sync, closes the cache. */
  close(): Promise<void>
}

export function openDesk(options: DeskOptions): Desk {
  const session = openSession(options)
  const handlers: Handlers = {
    ...appHandlers(session),
    ...portalHandlers(session),
    ...syncHandlers(session),
    ...clientsHandlers(session),
    ...settingsHandlers(session),
    ...contactsHandlers(session),
    ...loginsHandlers(session),
    ...accessHandlers(session),
    ...bulkHandlers(session),
    ...outboxHandlers(session),
    ...conflictsHandlers(session),
    ...auditHandlers(session),
    ...reachabilityHandlers(session),
    ...localDataHandlers(session),
  }
  return { dispatch: createDispatch(handlers, { onInternalError: options.onInternalError }), close: () => session.close() }
}
