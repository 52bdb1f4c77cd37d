// How often this desktop pulls the whole portal by itself (at least every N minutes; a big portal waits longer,
// so that many desktops stay gentle with the billing system), and when the next pull runs. Edits never wait for
// it: each goes within seconds in a pass of its own, and opening a client refreshes that client.
import { useId, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { DEFAULT_PULL_INTERVAL_MINUTES, type Settings } from '../../../../shared/domain'
import { Field } from '../../forms/Field'
import { describeError } from '../../i18n/describeError'
import { useFormat } from '../../i18n/format'
import { useSettings, useStatus, useStores } from '../../store'
import { useRequest } from '../../store/useRequest'

/** The choices offered (minutes); a value set elsewhere (the settings file) is offered too, so it shows as it is. */
const INTERVAL_CHOICES = [DEFAULT_PULL_INTERVAL_MINUTES, 30, 60, 120, 240, 480]

export function SyncSection(): ReactNode {
  const { t } = useTranslation()
  const headingId = useId()
  const settings = useSettings((state) => state.settings)
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('settings.sync.heading')}</h2>
      <p className="section-intro">{t('settings.sync.intro')}</p>
      {settings && <IntervalSetting settings={settings} />}
      {settings && <ActivitySetting settings={settings} />}
    </section>
  )
}

function IntervalSetting({ settings }: { settings: Settings }): ReactNode {
  const { t } = useTranslation()
  const format = useFormat()
  const stores = useStores()
  const nextPullAt = useStatus((state) => state.status?.nextPullAt ?? null)
  const [change, runChange] = useRequest<'interval', Settings>()
  const current = settings.pullIntervalMinutes
  const choices = INTERVAL_CHOICES.includes(current) ? INTERVAL_CHOICES : [...INTERVAL_CHOICES, current].sort((a, b) => a - b)
  const failure = change.state === 'done' && !change.result.ok ? change.result.error : null
  return (
    <>
      <div className="preference-row">
        <Field label={t('settings.sync.interval')} hint={t('settings.sync.intervalHint')}>
          {(control) => (
            <select
              {...control}
              className="input"
              value={String(current)}
              onChange={(event) => {
                const pullIntervalMinutes = Number(event.target.value)
                void runChange('interval', () => stores.settings.getState().update({ pullIntervalMinutes }))
              }}
            >
              {choices.map((minutes) => (
                <option key={minutes} value={String(minutes)}>
                  {minutes < 60 ? t('settings.sync.minutes', { count: minutes }) : t('settings.sync.hours', { count: minutes / 60 })}
                  {minutes === DEFAULT_PULL_INTERVAL_MINUTES ? ` ${t('settings.sync.recommended')}` : ''}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <p className="muted">
        {nextPullAt === null
          ? t('settings.sync.noNextPull')
          : format.isToday(nextPullAt)
            ? t('settings.sync.nextPullToday', { time: format.time(nextPullAt) })
            : t('settings.sync.nextPullOn', { date: format.date(nextPullAt), time: format.time(nextPullAt) })}
      </p>
      {failure && (
        <p className="notice notice-error" role="alert">
          {t('settings.preferences.saveFailed', { reason: describeError(t, failure) })}
        </p>
      )}
    </>
  )
}

/** Whether a push writes its trail to the portal's activity log too (on by default). */
function ActivitySetting({ settings }: { settings: Settings }): ReactNode {
  const { t } = useTranslation()
  const hintId = useId()
  const stores = useStores()
  const [change, runChange] = useRequest<'activity', Settings>()
  const failure = change.state === 'done' && !change.result.ok ? change.result.error : null
  return (
    <>
      <label className="checkbox-row">
        <input
          type="checkbox"
          checked={settings.recordActivity}
          aria-describedby={hintId}
          onChange={(event) => {
            const recordActivity = event.target.checked
            void runChange('activity', () => stores.settings.getState().update({ recordActivity }))
          }}
        />
        <span>{t('settings.sync.recordActivity')}</span>
      </label>
      <p className="muted" id={hintId}>
        {t('settings.sync.recordActivityHint')}
      </p>
      {failure && (
        <p className="notice notice-error" role="alert">
          {t('settings.preferences.saveFailed', { reason: describeError(t, failure) })}
        </p>
      )}
    </>
  )
}
