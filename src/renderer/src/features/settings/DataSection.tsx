// Local data and privacy: how long what opening a client read is kept (the LGPD purge), what the last purge
// removed, and "reset local data", which says first what edits and conflicts it would lose.
import { useEffect, useId, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { AppStatus, PurgeReport } from '../../../../shared/contract'
import { DEFAULT_PURGE_AFTER_DAYS, type Settings } from '../../../../shared/domain'
import type { DeskError } from '../../../../shared/errors'
import { hostOf } from '../../app/portalName'
import { Field } from '../../forms/Field'
import { describeError } from '../../i18n/describeError'
import { useFormat } from '../../i18n/format'
import { useDesk, useSettings, useStatus, useStores } from '../../store'
import { useRequest } from '../../store/useRequest'
import { ConfirmDialog } from '../../ui/Dialog'
import './data.css'
import { SaveFailed } from './SaveFailed'

/** The choices offered; a value set elsewhere (the settings file) is offered too, so it shows as it is. */
const PURGE_CHOICES = [30, 60, DEFAULT_PURGE_AFTER_DAYS, 180, 365]
const NEVER = 'never'

export function DataSection(): ReactNode {
  const { t } = useTranslation()
  const headingId = useId()
  const status = useStatus((state) => state.status)
  const settings = useSettings((state) => state.settings)
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('settings.data.heading')}</h2>
      <p className="section-intro">{t('settings.data.intro')}</p>
      {settings && <PurgeSetting settings={settings} />}
      {status?.portal ? <PortalData status={status} purgeOn={settings?.purgeAfterDays !== null} /> : <p>{t('settings.data.noPortal')}</p>}
    </section>
  )
}

function PurgeSetting({ settings }: { settings: Settings }): ReactNode {
  const { t } = useTranslation()
  const stores = useStores()
  const [change, runChange] = useRequest<'purge', Settings>()
  const current = settings.purgeAfterDays
  const choices = current === null || PURGE_CHOICES.includes(current) ? PURGE_CHOICES : [...PURGE_CHOICES, current].sort((a, b) => a - b)
  const failure = change.state === 'done' && !change.result.ok ? change.result.error : null
  return (
    <>
      <div className="preference-row">
        <Field label={t('settings.data.purgeAfter')} hint={t('settings.data.purgeHint')} className="purge-field">
          {(control) => (
            <select
              {...control}
              className="input"
              value={current === null ? NEVER : String(current)}
              onChange={(event) => {
                const value = event.target.value
                const purgeAfterDays = value === NEVER ? null : Number(value)
                void runChange('purge', () => stores.settings.getState().update({ purgeAfterDays }))
              }}
            >
              {choices.map((days) => (
                <option key={days} value={String(days)}>
                  {t(days === DEFAULT_PURGE_AFTER_DAYS ? 'settings.data.purgeRecommended' : 'settings.data.purgeDays', { days })}
                </option>
              ))}
              <option value={NEVER}>{t('settings.data.purgeNever')}</option>
            </select>
          )}
        </Field>
      </div>
      <SaveFailed failure={failure} />
    </>
  )
}

function PortalData({ status, purgeOn }: { status: AppStatus; purgeOn: boolean }): ReactNode {
  const { t } = useTranslation()
  const format = useFormat()
  const { api } = useDesk()
  const [last, setLast] = useState<PurgeReport | null>(null)
  const [purging, runPurge] = useRequest<'purge', PurgeReport | null>()
  const [resetting, setResetting] = useState(false)
  const [resetDone, setResetDone] = useState(false)
  const portalKey = `${status.portal?.apiUrl}\n${status.portal?.identifier}`

  // Read again for another portal and after a reset (whose new, empty cache has no purge yet).
  const [resets, setResets] = useState(0)
  useEffect(() => {
    let live = true
    void api['housekeeping.lastPurge']({}).then((result) => {
      if (live && result.ok) setLast(result.value)
    })
    return () => {
      live = false
    }
  }, [api, portalKey, resets])

  const purgeFailure = purging.state === 'done' && !purging.result.ok ? purging.result.error : null
  return (
    <>
      <div className="data-row">
        <button
          type="button"
          className="button"
          aria-disabled={purging.state === 'pending' || !purgeOn || undefined}
          onClick={() => {
            if (purging.state === 'pending' || !purgeOn) return
            void runPurge('purge', () => api['housekeeping.purge']({})).then((result) => {
              if (result?.ok && result.value) setLast(result.value)
            })
          }}
        >
          {purging.state === 'pending' ? t('settings.data.purging') : t('settings.data.purgeNow')}
        </button>
        <p className="data-outcome" aria-live="polite">
          {!purgeOn
            ? t('settings.data.purgeOff')
            : last
              ? t('settings.data.lastPurge', {
                  date: format.date(last.at),
                  time: format.time(last.at),
                  clients: format.number(last.clients),
                  audit: format.number(last.auditEntries),
                  conflicts: format.number(last.resolvedConflicts),
                })
              : t('settings.data.noPurgeYet')}
        </p>
      </div>
      {purgeFailure && (
        <p className="notice notice-error" role="alert">
          {t('settings.data.purgeFailed', { reason: describeError(t, purgeFailure) })}
        </p>
      )}
      <div className="data-row">
        <button
          type="button"
          className="button button-danger"
          onClick={() => {
            setResetDone(false)
            setResetting(true)
          }}
        >
          {t('settings.data.reset')}
        </button>
        <p className="field-hint">{t('settings.data.resetHint')}</p>
      </div>
      {resetDone && (
        <p className="notice notice-success" role="status">
          {t('settings.data.resetDone')}
        </p>
      )}
      {resetting && (
        <ResetDialog
          status={status}
          onClose={() => setResetting(false)}
          onDone={() => {
            setResetting(false)
            setResetDone(true)
            setResets((count) => count + 1)
          }}
        />
      )}
    </>
  )
}

function ResetDialog({ status, onClose, onDone }: { status: AppStatus; onClose: () => void; onDone: () => void }): ReactNode {
  const { t } = useTranslation()
  const format = useFormat()
  const { api } = useDesk()
  const checkboxId = useId()
  const [discard, setDiscard] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<DeskError | null>(null)
  // The counts follow status.changed while the dialog is open: an edit pushed meanwhile shows up here.
  const edits = Object.values(status.outbox).reduce((sum, count) => sum + count, 0)
  const pending = edits > 0 || status.conflicts > 0
  const blocked = busy || status.syncing || (pending && !discard)
  const portal = status.portal?.demo ? t('settings.data.demoPortal') : hostOf(status.portal?.apiUrl ?? '')

  async function confirm(): Promise<void> {
    if (blocked) return
    setBusy(true)
    const result = await api['cache.reset']({ discardPending: pending && discard })
    setBusy(false)
    if (result.ok) onDone()
    else setError(result.error)
  }

  return (
    <ConfirmDialog
      title={t('settings.data.resetTitle')}
      message={t('settings.data.resetMessage', { portal })}
      confirmLabel={t('settings.data.resetConfirm')}
      danger
      busy={blocked}
      error={error ? t('settings.data.resetFailed', { reason: describeError(t, error) }) : null}
      onCancel={onClose}
      onConfirm={() => void confirm()}
    >
      {pending ? (
        <>
          <p className="notice notice-warning">
            {t('settings.data.resetPending', { edits: format.number(edits), conflicts: format.number(status.conflicts) })}
          </p>
          <label className="checkbox-row" htmlFor={checkboxId}>
            <input id={checkboxId} type="checkbox" checked={discard} onChange={(event) => setDiscard(event.target.checked)} />
            <span>{t('settings.data.resetDiscard')}</span>
          </label>
        </>
      ) : (
        <p>{t('settings.data.resetNothingPending')}</p>
      )}
      {status.syncing && <p className="notice notice-warning">{t('settings.data.resetSyncing')}</p>}
    </ConfirmDialog>
  )
}
