// The user's preferences: their name for the change log, the language and the theme. Applied at once.
import { useId, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { Language, Settings, Theme } from '../../../../shared/domain'
import { Field, TextField } from '../../forms/Field'
import { describeError, fieldErrors } from '../../i18n/describeError'
import { useSettings, useStores } from '../../store'
import { useRequest } from '../../store/useRequest'
import { SaveFailed } from './SaveFailed'

export function PreferencesSection(): ReactNode {
  const { t } = useTranslation()
  const headingId = useId()
  const settings = useSettings((state) => state.settings)
  const loadError = useSettings((state) => state.error)
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('settings.preferences.heading')}</h2>
      {settings ? (
        <Preferences settings={settings} />
      ) : loadError ? (
        <p className="notice notice-error" role="alert">
          {describeError(t, loadError)}
        </p>
      ) : (
        <p>{t('app.loading')}</p>
      )}
    </section>
  )
}

function Preferences({ settings }: { settings: Settings }): ReactNode {
  const { t } = useTranslation()
  const stores = useStores()
  const [staffName, setStaffName] = useState(settings.staffName)
  const [saveName, runSaveName] = useRequest<'name', Settings>()
  const [change, runChange] = useRequest<'language' | 'theme', Settings>()
  const update = (patch: Partial<Settings>) => () => stores.settings.getState().update(patch)
  const nameErrors = saveName.state === 'done' && !saveName.result.ok ? fieldErrors(t, saveName.result.error) : {}
  const nameFailure = saveName.state === 'done' && !saveName.result.ok ? saveName.result.error : null
  const changeFailure = change.state === 'done' && !change.result.ok ? change.result.error : null

  return (
    <div className="preferences">
      <form
        className="inline-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          void runSaveName('name', update({ staffName: staffName.trim() }))
        }}
      >
        <TextField
          label={t('settings.preferences.staffName')}
          hint={t('settings.preferences.staffNameHint')}
          error={nameErrors.staffName}
          value={staffName}
          onChange={setStaffName}
          input={{ type: 'text', autoComplete: 'name', maxLength: 120 }}
        />
        <button type="submit" className="button">
          {t('settings.preferences.saveName')}
        </button>
        <p className="inline-form-outcome" aria-live="polite">
          {saveName.state === 'done' && saveName.result.ok && t('settings.preferences.nameSaved')}
        </p>
      </form>
      <SaveFailed failure={!nameErrors.staffName ? nameFailure : null} />
      <div className="preference-row">
        <Field label={t('settings.preferences.language')}>
          {(control) => (
            <select
              {...control}
              className="input"
              value={settings.language ?? 'system'}
              onChange={(event) => {
                const value = event.target.value
                void runChange('language', update({ language: value === 'system' ? null : (value as Language) }))
              }}
            >
              <option value="system">{t('settings.preferences.languageSystem')}</option>
              <option value="pt-BR" lang="pt-BR">
                Português (Brasil)
              </option>
              <option value="en" lang="en">
                English
              </option>
            </select>
          )}
        </Field>
        <Field label={t('settings.preferences.theme')}>
          {(control) => (
            <select
              {...control}
              className="input"
              value={settings.theme}
              onChange={(event) => void runChange('theme', update({ theme: event.target.value as Theme }))}
            >
              <option value="system">{t('settings.preferences.themeSystem')}</option>
              <option value="light">{t('settings.preferences.themeLight')}</option>
              <option value="dark">{t('settings.preferences.themeDark')}</option>
            </select>
          )}
        </Field>
      </div>
      <SaveFailed failure={changeFailure} />
    </div>
  )
}
