// reachability.*: who gets the payment reminders (issue 15), from the local cache: the audit of each client, the
// background check's next read, and the values several holders share (duplicates).
import { checkedCounts } from '../db/client-checks'
import { listDuplicates } from '../db/duplicates'
import { listVerdicts, verdictCounts } from '../db/reachability'
import type { HandlersOf } from '../dispatch'
import type { Session } from '../session'
import { refreshReachability } from '../views/reachability'

export function reachabilityHandlers(session: Session): HandlersOf<'reachability'> {
  return {
    'reachability.list': async (query) => {
      const { db } = session.requirePortal()
      await refreshReachability(db)
      const { total, items } = listVerdicts(db, query)
      return { total, offset: query.offset, items, ...verdictCounts(db), ...checkedCounts(db), checkStopped: session.check.stopped() }
    },
    'reachability.duplicates': async (query) => listDuplicates(session.requirePortal().db, query),
    'reachability.checkNext': async () => session.check.step(),
  }
}
