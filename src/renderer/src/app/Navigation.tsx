// The left navigation. Later screens (sync, conflicts, audit) add their entry here.
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useRoute, useStores } from '../store'
import type { Route } from '../store/route'

type Section = 'clients' | 'settings'

const sectionOf = (route: Route | null): Section | null =>
  route === null ? null : route.name === 'settings' ? 'settings' : 'clients'

export function Navigation(): ReactNode {
  const { t } = useTranslation()
  const stores = useStores()
  const current = useRoute((state) => sectionOf(state.route))
  const entries: { section: Section; label: string; icon: ReactNode }[] = [
    { section: 'clients', label: t('nav.clients'), icon: <PeopleIcon /> },
    { section: 'settings', label: t('nav.settings'), icon: <GearIcon /> },
  ]
  return (
    <nav className="nav" aria-label={t('nav.label')}>
      <div className="nav-brand">{t('app.name')}</div>
      <ul className="nav-list">
        {entries.map(({ section, label, icon }) => (
          <li key={section}>
            <button
              type="button"
              className="nav-item"
              aria-current={current === section ? 'page' : undefined}
              onClick={() => stores.route.getState().navigate({ name: section })}
            >
              {icon}
              <span>{label}</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  )
}

function PeopleIcon(): ReactNode {
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <circle cx="9" cy="8" r="3.5" />
      <path d="M2.5 20c0-3.6 2.9-6 6.5-6s6.5 2.4 6.5 6" />
      <circle cx="17" cy="9" r="2.5" />
      <path d="M16 14.2c3 .2 5.5 2.2 5.5 5.3" />
    </svg>
  )
}

function GearIcon(): ReactNode {
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <circle cx="12" cy="12" r="3" />
      <path d="M12 2.5v3M12 18.5v3M2.5 12h3M18.5 12h3M5.3 5.3l2.1 2.1M16.6 16.6l2.1 2.1M5.3 18.7l2.1-2.1M16.6 7.4l2.1-2.1" />
    </svg>
  )
}
