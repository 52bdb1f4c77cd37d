// The frame around every screen: skip link, navigation, the current screen, the status bar.
import { useEffect, useRef, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { AuditPage } from '../features/audit/AuditPage'
import { BulkPage } from '../features/bulk/BulkPage'
import { ClientList } from '../features/clients/ClientList'
import { ClientPage } from '../features/clients/ClientPage'
import { ConflictsPage } from '../features/conflicts/ConflictsPage'
import { HomePage } from '../features/home/HomePage'
import { ReachabilityPage } from '../features/reachability/ReachabilityPage'
import { SettingsPage } from '../features/settings/SettingsPage'
import { SyncPage } from '../features/sync/SyncPage'
import { describeError } from '../i18n/describeError'
import { useRoute, useStatus } from '../store'
import { sectionOf, type Route } from '../store/route'
import { Navigation } from './Navigation'
import { StatusBar } from './StatusBar'
import { useDocumentPreferences } from './useDocumentPreferences'
import { useGlobalShortcuts } from './useGlobalShortcuts'
import './shell.css'

export function Shell(): ReactNode {
  const { t } = useTranslation()
  const route = useRoute((state) => state.route)
  const unavailable = useStatus((state) => state.unavailable)
  const mainRef = useRef<HTMLElement>(null)
  useDocumentPreferences()
  useGlobalShortcuts()

  const section = sectionOf(route)
  const screenTitle = section === null ? null : t(`nav.${section}`)
  useEffect(() => {
    document.title = screenTitle ? `${screenTitle} — Contact Desk` : 'Contact Desk'
  }, [screenTitle])

  return (
    <div className="shell">
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault()
          mainRef.current?.focus()
        }}
      >
        {t('app.skipToContent')}
      </a>
      <Navigation />
      <main id="main" className="main" ref={mainRef} tabIndex={-1}>
        {unavailable && (
          <div role="alert" className="banner banner-error">
            {t('app.unavailable', { reason: describeError(t, unavailable) })}
          </div>
        )}
        <Screen route={route} />
      </main>
      <StatusBar />
    </div>
  )
}

function Screen({ route }: { route: Route | null }): ReactNode {
  const { t } = useTranslation()
  if (route === null) return <p className="screen-loading">{t('app.loading')}</p>
  switch (route.name) {
    case 'home':
      return <HomePage />
    case 'clients':
      return <ClientList />
    case 'client':
      return <ClientPage key={route.id} id={route.id} returnTo={route.back} />
    case 'audit':
      return <AuditPage key={route.clientId} clientId={route.clientId} />
    case 'reachability':
      // A new filter is a new screen (the heading takes the focus again); another page of it is not.
      return <ReachabilityPage key={`${route.rule ?? ''}/${route.status ?? ''}`} route={route} />
    case 'bulk':
      return <BulkPage />
    case 'sync':
      return <SyncPage />
    case 'conflicts':
      return <ConflictsPage />
    case 'settings':
      return <SettingsPage />
  }
}
