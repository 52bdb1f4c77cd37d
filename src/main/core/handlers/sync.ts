// sync.*: a sync asked for by staff (it retries what waits now), and stopping one.
import type { HandlersOf } from '../dispatch'
import type { Session } from '../session'

export function syncHandlers(session: Session): HandlersOf<'sync'> {
  return {
    'sync.run': ({ scope }) => session.startSync(true, scope),
    'sync.cancel': async () => ({ cancelled: session.cancelSync() }),
  }
}
