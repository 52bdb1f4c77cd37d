// settings.*: the staff's settings, kept with the app state.
import type { HandlersOf } from '../dispatch'
import type { Session } from '../session'

export function settingsHandlers(session: Session): HandlersOf<'settings'> {
  return {
    'settings.get': async () => session.settings(),
    'settings.update': async (patch) => {
      const settings = session.updateSettings(patch)
      // The next whole-portal pull moves to the new interval (counted from the last one).
      if (patch.pullIntervalMinutes !== undefined) session.restartSchedule()
      // Turned on: it looks now rather than at its next idle tick.
      if (patch.backgroundCheck) session.check.wake()
      return settings
    },
  }
}
