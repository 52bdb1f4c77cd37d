// clients.*: the client list, one client, opening a client's page (read from the portal when it answers) and
// the e-mail preferences of the client's own account.
import { DeskFailure } from '../../../shared/errors'
import { getClient, listClients } from '../db/clients'
import { markClientOpened } from '../db/client-opened'
import type { HandlersOf } from '../dispatch'
import { setClientEmailPreferences } from '../editing/edits'
import type { Session } from '../session'
import { openClientView } from '../views/client'

export function clientsHandlers(session: Session): HandlersOf<'clients'> {
  return {
    'clients.list': async (query) => {
      const open = session.openCurrent()
      return open ? listClients(open.db, query) : { total: 0, offset: query.offset, items: [] }
    },
    'clients.get': async ({ id }) => {
      const client = getClient(session.requirePortal().db, id)
      if (!client) throw new DeskFailure('not_found', `Client ${id} is not in the local cache.`, { id: String(id) })
      return client
    },
    'clients.open': async ({ id, refresh }) => {
      const open = session.requirePortal()
      // refresh: false (a re-render after a local edit) reads the cache alone: instant offline, and it says
      // nothing about whether the portal answers.
      const portal = !refresh
        ? null
        : await session.portalFor(open).catch((error: unknown) => {
            if (error instanceof DeskFailure && error.code === 'secret_required') return null
            throw error
          })
      const view = await openClientView(
        { db: open.db, portal, generation: open.info.generation, reminderSubjects: session.settings().reminderSubjects, now: () => new Date() },
        id,
      )
      // The LGPD purge's clock: what opening read stays while staff keep opening the client.
      markClientOpened(open.db, id, new Date())
      if (portal) session.setOnline(view.fresh)
      return view
    },
    'clients.setEmailPreferences': async ({ clientId, emailPreferences }) =>
      session.edit((context) => setClientEmailPreferences(context, clientId, emailPreferences)),
  }
}
