// Settings: the portal connection (or the demo portal), the user's preferences, how often the whole portal is
// pulled, which e-mails are payment reminders, and the local data (LGPD purge, reset).
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { DataSection } from './DataSection'
import { PortalSection } from './PortalSection'
import { PreferencesSection } from './PreferencesSection'
import { ReminderSubjectsSection } from './ReminderSubjectsSection'
import { SyncSection } from './SyncSection'
import './settings.css'

export function SettingsPage(): ReactNode {
  const { t } = useTranslation()
  return (
    <div className="page settings-page">
      <header className="page-header">
        <h1>{t('settings.heading')}</h1>
      </header>
      <PortalSection />
      <PreferencesSection />
      <SyncSection />
      <ReminderSubjectsSection />
      <DataSection />
    </div>
  )
}
