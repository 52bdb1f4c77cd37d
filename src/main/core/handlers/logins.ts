// logins.*: the client-area logins (WHMCS 8 users) found by e-mail, and giving or revoking one's access to a client.
import { isEmailAddress } from '../../../shared/contact-rules'
import { DeskFailure } from '../../../shared/errors'
import { getClientDetails } from '../db/client-details'
import type { HandlersOf } from '../dispatch'
import { setLoginAccess } from '../editing/logins'
import type { Session } from '../session'
import { loginHits, loginView } from '../views/records'

export function loginsHandlers(session: Session): HandlersOf<'logins'> {
  return {
    'logins.setAccess': async ({ clientId, userId, access }) =>
      session.edit((context) => {
        const open = session.requirePortal()
        setLoginAccess({ ...context, generation: open.info.generation }, clientId, userId, access)
        const stored = getClientDetails(context.db, clientId)?.logins?.find((login) => login.userId === userId)
        if (!stored) throw new DeskFailure('internal', `Login ${userId} of client ${clientId} vanished from the cache during the edit.`)
        return loginView(context.db, clientId, stored, null)
      }),
    'logins.search': async ({ email }) => {
      const open = session.openCurrent()
      return open && isEmailAddress(email) ? loginHits(open.db, email) : []
    },
  }
}
