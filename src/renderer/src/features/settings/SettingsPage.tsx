// Settings: the portal connection (or the demo portal), and the user's preferences.
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { PortalSection } from './PortalSection'
import { PreferencesSection } from './PreferencesSection'
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
    </div>
  )
}
