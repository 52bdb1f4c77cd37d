// The status bar: is the portal answering, which portal, the last sync or the running one, and the Sync button.
import type { ReactNode } from 'react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { AppStatus } from '../../../shared/contract'
import type { SyncProgress } from '../../../shared/domain'
import { inBrowserMode } from '../api'
import { describeError } from '../i18n/describeError'
import { hostOf } from './portalName'
import { StaffNameNotice } from './StaffNameNotice'
import { useFormat, type Format } from '../i18n/format'
import { useStatus, useStores } from '../store'
import { selectSyncing, type SyncRun } from '../store/status'
import { progressText } from '../features/sync/progressText'

export function StatusBar(): ReactNode {
  const { t } = useTranslation()
  const format = useFormat()
  const stores = useStores()
  const status = useStatus((state) => state.status)
  const progress = useStatus((state) => state.progress)
  const run = useStatus((state) => state.run)
  const syncing = useStatus(selectSyncing)
  const canSync = status?.portal != null && !syncing

  return (
    <footer className="statusbar">
      <div className="statusbar-info" role="status" aria-live="polite" aria-atomic="false">
        {status === null ? (
          <span>{t('app.loading')}</span>
        ) : (
          <>
            <Connectivity status={status} />
            {status.portal && <span className="statusbar-item">{portalText(t, status.portal)}</span>}
            {status.portal && !status.secretAvailable && <span className="statusbar-item statusbar-warning">{t('status.secretMissing')}</span>}
            <StaffNameNotice />
            {syncing ? (
              <SyncProgressView progress={progress} />
            ) : (
              status.portal && <span className="statusbar-item">{lastSyncText(t, format, status, run)}</span>
            )}
          </>
        )}
      </div>
      {inBrowserMode && <span className="statusbar-mode">{t('status.browserMode')}</span>}
      <button
        type="button"
        className="button button-small"
        aria-disabled={!canSync}
        onClick={() => {
          if (canSync) void stores.status.getState().runSync()
        }}
      >
        {t('status.syncButton')}
      </button>
    </footer>
  )
}

function Connectivity({ status }: { status: AppStatus }): ReactNode {
  const { t } = useTranslation()
  if (!status.portal) return <span className="statusbar-item">{t('status.noPortal')}</span>
  const state = status.online === null ? 'unknown' : status.online ? 'online' : 'offline'
  return (
    <span className="statusbar-item connectivity">
      <span className={`dot dot-${state}`} aria-hidden="true" />
      {t(`status.${state}`)}
    </span>
  )
}

function SyncProgressView({ progress }: { progress: SyncProgress | null }): ReactNode {
  const { t } = useTranslation()
  const format = useFormat()
  const generation = useStatus((state) => state.status?.portal?.generation ?? null)
  const text = progressText(t, format, progress, generation)
  const total = progress?.total ?? null
  const details = [text.count, text.eta].filter((part) => part !== null).join(' · ')
  return (
    <span className="statusbar-item sync-progress">
      <span>{text.step ? `${text.step}: ${text.phase}` : text.phase}</span>
      <span
        role="progressbar"
        className={text.share === null ? 'progress progress-indeterminate' : 'progress'}
        aria-label={t('status.progressLabel')}
        aria-valuemin={0}
        aria-valuemax={total ?? undefined}
        aria-valuenow={total === null ? undefined : Math.min(progress?.done ?? 0, total)}
        aria-valuetext={total === null ? undefined : details}
      >
        <span className="progress-fill" style={text.share === null ? undefined : { width: `${text.share * 100}%` }} />
      </span>
      {/* The numbers change many times a second: the progress bar carries them, the live region does not repeat them. */}
      <span className="sync-count" aria-hidden="true">
        {details}
      </span>
    </span>
  )
}

function portalText(t: TFunction, portal: NonNullable<AppStatus['portal']>): string {
  const host = hostOf(portal.apiUrl)
  return portal.demo ? t('status.demoPortal', { host }) : t('status.portal', { host })
}

function lastSyncText(t: TFunction, format: Format, status: AppStatus, run: SyncRun | null): string {
  const lastSync = status.lastSync
  // A sync that failed before main recorded anything (not connected, secret missing): its answer is the news.
  // "busy" is not: another sync was already running, and its outcome arrives as lastSync.
  if (run?.state === 'finished' && !run.result.ok && run.result.error.code !== 'busy' && (lastSync?.at ?? null) === run.lastSyncAt) {
    return t('status.runFailed', { reason: describeError(t, run.result.error) })
  }
  if (!lastSync) return t('status.neverSynced')
  const today = format.isToday(lastSync.at)
  const time = format.time(lastSync.at)
  const date = format.date(lastSync.at)
  if (lastSync.ok) {
    const clients = t('count.clients', { count: status.clientCount })
    return today ? t('status.syncedToday', { time, clients }) : t('status.syncedOn', { date, time, clients })
  }
  const reason = lastSync.error ? describeError(t, lastSync.error) : t('errors.unknownValue')
  return today ? t('status.failedToday', { time, reason }) : t('status.failedOn', { date, time, reason })
}
