// One page of the reachability audit (reachability.list), asked again when the cache may have changed under it:
// a sync landed, or edits joined or left the outbox (an edit re-judges its client at once).
import { useEffect, useState } from 'react'
import type { MethodInput, ReachabilityPage } from '../../../../shared/contract'
import type { DeskError } from '../../../../shared/errors'
import { useDesk, useStatus } from '../../store'
import { waitingEdits } from '../../store/status'

export type ReachabilityQuery = MethodInput<'reachability.list'>

export function useReachabilityPage(query: ReachabilityQuery): { page: ReachabilityPage | null; error: DeskError | null } {
  const desk = useDesk()
  const cacheVersion = useStatus(({ status }) => (status ? `${status.lastSync?.at ?? ''}/${status.clientCount}/${waitingEdits(status.outbox)}` : null))
  const [answer, setAnswer] = useState<{ page: ReachabilityPage | null; error: DeskError | null }>({ page: null, error: null })
  const { rule, status, offset, limit } = query

  useEffect(() => {
    let current = true
    void desk.api['reachability.list']({ rule, status, offset, limit }).then((result) => {
      if (!current) return
      // A failed refresh keeps the page on screen, with the reason beside it.
      setAnswer((before) => (result.ok ? { page: result.value, error: null } : { page: before.page, error: result.error }))
    })
    return () => {
      current = false
    }
  }, [desk, rule, status, offset, limit, cacheVersion])

  return answer
}
