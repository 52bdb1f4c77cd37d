// Which e-mails of the portal's log are payment reminders: the subjects of the install's reminder templates, one a
// line (WHMCS's own and their pt-BR translations by default). The client page and the audit's "latest payment
// reminders failed" read the log with them.
import { useId, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { DEFAULT_REMINDER_SUBJECTS, type Settings } from '../../../../shared/domain'
import { Field } from '../../forms/Field'
import { useSettings, useStores } from '../../store'
import { useRequest } from '../../store/useRequest'
import { SaveFailed } from './SaveFailed'

export function ReminderSubjectsSection(): ReactNode {
  const { t } = useTranslation()
  const headingId = useId()
  const settings = useSettings((state) => state.settings)
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('settings.reminders.heading')}</h2>
      <p className="section-intro">{t('settings.reminders.intro')}</p>
      {settings && <Subjects settings={settings} />}
    </section>
  )
}

const linesOf = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')

function Subjects({ settings }: { settings: Settings }): ReactNode {
  const { t } = useTranslation()
  const stores = useStores()
  const [text, setText] = useState(settings.reminderSubjects.join('\n'))
  const [empty, setEmpty] = useState(false)
  const [save, runSave] = useRequest<'save' | 'defaults', Settings>()
  const failure = save.state === 'done' && !save.result.ok ? save.result.error : null
  const duplicate = failure?.code === 'validation' && failure.issues?.some((issue) => issue.message === 'duplicate_subject')
  const store = (kind: 'save' | 'defaults', reminderSubjects: string[]) => {
    void runSave(kind, () => stores.settings.getState().update({ reminderSubjects }))
  }
  return (
    <form
      className="reminder-subjects"
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        const subjects = linesOf(text)
        setEmpty(subjects.length === 0)
        if (subjects.length > 0) store('save', subjects)
      }}
    >
      <Field
        label={t('settings.reminders.subjects')}
        hint={t('settings.reminders.subjectsHint')}
        error={empty ? t('settings.reminders.empty') : duplicate ? t('settings.reminders.duplicate') : undefined}
      >
        {(control) => <textarea {...control} className="input subjects-input" rows={7} value={text} onChange={(event) => setText(event.target.value)} />}
      </Field>
      <div className="toolbar">
        <button type="submit" className="button">
          {t('settings.reminders.save')}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            setText(DEFAULT_REMINDER_SUBJECTS.join('\n'))
            setEmpty(false)
            store('defaults', [...DEFAULT_REMINDER_SUBJECTS])
          }}
        >
          {t('settings.reminders.restoreDefaults')}
        </button>
      </div>
      <p className="inline-form-outcome" aria-live="polite">
        {save.state === 'done' && save.result.ok && t('settings.reminders.saved')}
      </p>
      <SaveFailed failure={!duplicate ? failure : null} />
    </form>
  )
}
