// access.*: giving a contact client-area access (permissions, and a password on 7.x) or revoking it.
import type { HandlersOf } from '../dispatch'
import { setAccess } from '../editing/edits'
import type { Session } from '../session'
import { contactView } from '../views/records'

export function accessHandlers(session: Session): HandlersOf<'access'> {
  return {
    'access.set': async ({ localId, access, password }) =>
      session.edit((context) => {
        const changed = setAccess(context, localId, access)
        session.keepPassword(localId, password)
        return contactView(context.db, changed)
      }),
  }
}
