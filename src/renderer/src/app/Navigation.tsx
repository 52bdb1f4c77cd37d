// The left navigation: home, clients, the clients at risk, bulk delegation, the Sync screen and the conflicts (with their counts), settings.
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useRoute, useStatus, useStores } from '../store'
import { sectionOf, type Section } from '../store/route'
import { waitingEdits } from '../store/status'

export function Navigation(): ReactNode {
  const { t } = useTranslation()
  const stores = useStores()
  const current = useRoute((state) => sectionOf(state.route))
  const outbox = useStatus((state) => state.status?.outbox)
  const conflicts = useStatus((state) => state.status?.conflicts ?? 0)
  const waiting = outbox ? waitingEdits(outbox) : 0
  const troubled = outbox ? outbox.failed + outbox.rejected + outbox.held : 0
  const entries: { section: Section; label: string; icon: ReactNode; badge?: { count: number; text: string; tone: 'danger' | 'info' } }[] = [
    { section: 'home', label: t('nav.home'), icon: <HomeIcon /> },
    { section: 'clients', label: t('nav.clients'), icon: <PeopleIcon /> },
    { section: 'reachability', label: t('nav.reachability'), icon: <BellIcon /> },
    { section: 'bulk', label: t('nav.bulk'), icon: <StackIcon /> },
    {
      section: 'sync',
      label: t('nav.sync'),
      icon: <SyncIcon />,
      badge: waiting > 0 ? { count: waiting, text: t('nav.waiting', { count: waiting }), tone: troubled > 0 ? 'danger' : 'info' } : undefined,
    },
    {
      section: 'conflicts',
      label: t('nav.conflicts'),
      icon: <ConflictIcon />,
      badge: conflicts > 0 ? { count: conflicts, text: t('nav.openConflicts', { count: conflicts }), tone: 'danger' } : undefined,
    },
    { section: 'settings', label: t('nav.settings'), icon: <GearIcon /> },
  ]
  return (
    <nav className="nav" aria-label={t('nav.label')}>
      <div className="nav-brand">{t('app.name')}</div>
      <ul className="nav-list">
        {entries.map(({ section, label, icon, badge }) => (
          <li key={section}>
            <button
              type="button"
              className="nav-item"
              aria-current={current === section ? 'page' : undefined}
              onClick={() => stores.route.getState().navigate({ name: section })}
            >
              {icon}
              <span>{label}</span>
              {badge && (
                <span className={`nav-badge nav-badge-${badge.tone}`}>
                  <span aria-hidden="true">{badge.count > 999 ? '999+' : badge.count}</span>
                  <span className="sr-only">{` (${badge.text})`}</span>
                </span>
              )}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  )
}

function HomeIcon(): ReactNode {
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M3 11 12 3.5 21 11" />
      <path d="M5.5 9.5V20h13V9.5" />
      <path d="M10 20v-5.5h4V20" />
    </svg>
  )
}

function BellIcon(): ReactNode {
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M6 16V11a6 6 0 0 1 12 0v5l1.5 2h-15L6 16Z" />
      <path d="M10 20.5a2 2 0 0 0 4 0" />
      <path d="M19.5 3.5 21 2M4.5 3.5 3 2" />
    </svg>
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

function StackIcon(): ReactNode {
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M12 3 3 7.5 12 12l9-4.5L12 3Z" />
      <path d="m3 12 9 4.5 9-4.5" />
      <path d="m3 16.5 9 4.5 9-4.5" />
    </svg>
  )
}

function SyncIcon(): ReactNode {
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M20 11a8 8 0 0 0-14.5-4.5L3 9" />
      <path d="M3 4v5h5" />
      <path d="M4 13a8 8 0 0 0 14.5 4.5L21 15" />
      <path d="M21 20v-5h-5" />
    </svg>
  )
}

function ConflictIcon(): ReactNode {
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M12 3 2 20h20L12 3Z" />
      <path d="M12 10v4M12 17.2v.3" />
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
