// reachability.*: who can be reached, and how — for now the values several holders share (duplicates).
import { listDuplicates } from '../db/duplicates'
import type { HandlersOf } from '../dispatch'
import type { Session } from '../session'

export function reachabilityHandlers(session: Session): HandlersOf<'reachability'> {
  return {
    'reachability.duplicates': async (query) => listDuplicates(session.requirePortal().db, query),
  }
}
