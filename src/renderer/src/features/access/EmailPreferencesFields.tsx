// The six e-mail categories as checkboxes, labelled as the client area labels them.
import { useId, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { EMAIL_CATEGORIES, type EmailPreferences } from '../../../../shared/domain'
import { categoryLabel } from './labels'

interface Props {
  value: EmailPreferences
  onChange: (value: EmailPreferences) => void
  legend?: string
  hint?: ReactNode
}

export function EmailPreferencesFields({ value, onChange, legend, hint }: Props): ReactNode {
  const { t } = useTranslation()
  const id = useId()
  return (
    <fieldset className="choice-group" aria-describedby={hint ? `${id}-hint` : undefined}>
      <legend>{legend ?? t('emailPreferences.legend')}</legend>
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <div className="choice-grid">
        {EMAIL_CATEGORIES.map((category) => (
          <label key={category} className="checkbox-row">
            <input type="checkbox" checked={value[category]} onChange={(event) => onChange({ ...value, [category]: event.target.checked })} />
            <span>{categoryLabel(t, category)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  )
}
