// audit.*: who changed what, when, and whether the portal took it.
import { listAudit } from '../db/audit'
import type { HandlersOf } from '../dispatch'
import type { Session } from '../session'

export function auditHandlers(session: Session): HandlersOf<'audit'> {
  return {
    'audit.list': async (query) => listAudit(session.requirePortal().db, query).map(({ outboxId: _outboxId, ...item }) => item),
  }
}
