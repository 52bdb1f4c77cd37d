// How often this desktop pulls the whole portal by itself (at least every N minutes; a big portal waits longer,
// so that many desktops stay gentle with the billing system), and when the next pull runs. Edits never wait for
// it: each goes within seconds in a pass of its own, and opening a client refreshes that client.
// Also the background check's pace and re-check period (what only opening a client reads, read for every client).
import { useId, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { DEFAULT_CHECK_CALLS_PER_SECOND, DEFAULT_PULL_INTERVAL_MINUTES, DEFAULT_RECHECK_AFTER_DAYS, type Settings } from '../../../../shared/domain'
import { Field } from '../../forms/Field'
import { useFormat } from '../../i18n/format'
import { useSettings, useStatus, useStores } from '../../store'
import { useRequest } from '../../store/useRequest'
import { SaveFailed } from './SaveFailed'

/** The choices offered (minutes); a value set elsewhere (the settings file) is offered too, so it shows as it is. */
const INTERVAL_CHOICES = [DEFAULT_PULL_INTERVAL_MINUTES, 30, 60, 120, 240, 480]
/** The background check's pace (portal calls a second) and re-check period (days), offered the same way. */
const PACE_CHOICES = [0.1, 0.25, DEFAULT_CHECK_CALLS_PER_SECOND, 1, 2]
const RECHECK_CHOICES = [1, 3, DEFAULT_RECHECK_AFTER_DAYS, 14, 30]
const withCurrent = (choices: readonly number[], current: number) => (choices.includes(current) ? [...choices] : [...choices, current].sort((a, b) => a - b))

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
      {settings && <CheckSetting settings={settings} />}
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
  const choices = withCurrent(INTERVAL_CHOICES, current)
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
      <SaveFailed failure={failure} />
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
      <SaveFailed failure={failure} />
    </>
  )
}

/** The background check of what only a per-client read knows (issue 15): its pace and how often a client is read again. */
function CheckSetting({ settings }: { settings: Settings }): ReactNode {
  const { t } = useTranslation()
  const format = useFormat()
  const stores = useStores()
  const [change, runChange] = useRequest<'check', Settings>()
  const update = (patch: Partial<Settings>) => void runChange('check', () => stores.settings.getState().update(patch))
  const failure = change.state === 'done' && !change.result.ok ? change.result.error : null
  const checkboxId = useId()
  return (
    <>
      <label className="checkbox-row" htmlFor={checkboxId}>
        <input id={checkboxId} type="checkbox" checked={settings.backgroundCheck} onChange={(event) => update({ backgroundCheck: event.target.checked })} />
        <span>{t('settings.sync.backgroundCheck')}</span>
      </label>
      <div className="preference-row">
        <Field label={t('settings.sync.checkPace')} hint={t('settings.sync.checkPaceHint')}>
          {(control) => (
            <select
              {...control}
              className="input"
              value={String(settings.checkCallsPerSecond)}
              onChange={(event) => update({ checkCallsPerSecond: Number(event.target.value) })}
            >
              {withCurrent(PACE_CHOICES, settings.checkCallsPerSecond).map((rate) => (
                <option key={rate} value={String(rate)}>
                  {t('settings.sync.perSecond', { rate: format.number(rate) })}
                  {rate === DEFAULT_CHECK_CALLS_PER_SECOND ? ` ${t('settings.sync.recommended')}` : ''}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="preference-row">
        <Field label={t('settings.sync.recheck')}>
          {(control) => (
            <select
              {...control}
              className="input"
              value={String(settings.recheckAfterDays)}
              onChange={(event) => update({ recheckAfterDays: Number(event.target.value) })}
            >
              {withCurrent(RECHECK_CHOICES, settings.recheckAfterDays).map((days) => (
                <option key={days} value={String(days)}>
                  {t('settings.sync.days', { count: days })}
                  {days === DEFAULT_RECHECK_AFTER_DAYS ? ` ${t('settings.sync.recommended')}` : ''}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <SaveFailed failure={failure} />
    </>
  )
}
