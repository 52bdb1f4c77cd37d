// One line in the status bar once staff edit with no name set: the change history would say "(no name)"
// beside everything they do. It leads to Settings and goes away as soon as a name is saved.
import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useSettings, useStatus, useStores } from '../store'

export function StaffNameNotice(): ReactNode {
  const { t } = useTranslation()
  const stores = useStores()
  const unnamed = useSettings((state) => state.settings !== null && state.settings.staffName.trim() === '')
  const waiting = useStatus((state) => (state.status ? Object.values(state.status.outbox).reduce((sum, count) => sum + count, 0) : 0))
  // An edit waiting in the outbox is the sign; the line stays after the sync sends it (the history keeps it).
  const [edited, setEdited] = useState(false)
  if (waiting > 0 && !edited) setEdited(true)
  if (!unnamed || !edited) return null
  return (
    <button type="button" className="link-button statusbar-item statusbar-warning" onClick={() => stores.route.getState().navigate({ name: 'settings' })}>
      {t('status.noStaffName')}
    </button>
  )
}
