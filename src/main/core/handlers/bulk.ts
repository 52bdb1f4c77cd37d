// bulk.*: one change of access or e-mail preferences for many contacts (and logins) at once, in one transaction.
import type { HandlersOf } from '../dispatch'
import { setAccessOfMany, setEmailPreferencesOfMany } from '../editing/edits'
import { setLoginAccess } from '../editing/logins'
import type { Session } from '../session'
import { contactView } from '../views/records'

export function bulkHandlers(session: Session): HandlersOf<'bulk'> {
  return {
    'bulk.setAccess': async ({ localIds, logins, access }) =>
      session.edit((context) => {
        const { generation } = session.requirePortal().info
        // One transaction for everyone chosen: contacts and logins alike (docs/ARCHITECTURE.md §7).
        return context.db.transaction(() => {
          for (const login of logins) setLoginAccess({ ...context, generation }, login.clientId, login.userId, access)
          return setAccessOfMany(context, localIds, access).map((contact) => contactView(context.db, contact))
        })()
      }),
    'bulk.setEmailPreferences': async ({ localIds, emailPreferences }) =>
      session.edit((context) => setEmailPreferencesOfMany(context, localIds, emailPreferences).map((contact) => contactView(context.db, contact))),
  }
}
