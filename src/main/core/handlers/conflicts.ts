// conflicts.*: the fields changed both here and on the portal, and choosing which value stays.
import { openConflicts } from '../db/conflicts'
import type { HandlersOf } from '../dispatch'
import { resolveConflict } from '../editing/resolve'
import type { Session } from '../session'
import { conflictView } from '../views/records'

export function conflictsHandlers(session: Session): HandlersOf<'conflicts'> {
  return {
    'conflicts.list': async () => {
      const open = session.requirePortal()
      return openConflicts(open.db).map((conflict) => conflictView(open.db, conflict))
    },
    'conflicts.resolve': async ({ id, choice, value }) =>
      session.edit((context) => {
        resolveConflict(context, id, choice, value)
        return { id }
      }),
  }
}
