// app.*: the status bar's facts and the diagnostics for support.
import type { HandlersOf } from '../dispatch'
import type { Session } from '../session'

export function appHandlers(session: Session): HandlersOf<'app'> {
  return {
    'app.status': async () => session.status(),
    'app.diagnostics': async () => session.diagnostics.read(),
  }
}
