// The reachability audit over the cache (issue 15): the verdicts of the clients whose facts changed are brought up
// to date a batch per transaction, so a pull, an edit or a check costs only its own clients, and a first fill of a
// large cache never holds it: other calls run between the batches.
import { judge } from '../../../shared/reachability'
import type { Db } from '../db/database'
import { factsOf, saveVerdicts, staleClientIds } from '../db/reachability'

/** Clients judged per transaction: a few milliseconds each. */
const BATCH = 1000

/** Judges every stale client again; answers how many were judged. */
export async function refreshReachability(db: Db, batch = BATCH): Promise<number> {
  let judged = 0
  for (;;) {
    const ids = db.transaction(() => {
      const stale = staleClientIds(db, batch)
      saveVerdicts(db, stale, factsOf(db, stale).map(judge))
      return stale
    })()
    judged += ids.length
    if (ids.length < batch) return judged
    await new Promise((resolve) => setImmediate(resolve))
  }
}
