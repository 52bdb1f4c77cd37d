// A 7.x sub-account's password, typed twice. It is never stored in clear: main keeps it encrypted only
// until the sub-account is created on the portal.
import type { ReactNode } from 'react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { TextField } from '../../forms/Field'

export const PASSWORD_MIN = 8

/** What is wrong with the pair, or null. An empty optional password is fine. */
export function passwordProblem(t: TFunction, password: string, repeat: string, required: boolean): string | null {
  if (password === '' && repeat === '') return required ? t('password.required') : null
  if (password.length < PASSWORD_MIN) return t('password.tooShort', { min: PASSWORD_MIN })
  if (password.length > 200) return t('password.tooLong')
  if (password !== repeat) return t('password.mismatch')
  return null
}

interface Props {
  password: string
  repeat: string
  onPassword: (value: string) => void
  onRepeat: (value: string) => void
  required: boolean
  error: string | null
}

export function PasswordFields({ password, repeat, onPassword, onRepeat, required, error }: Props): ReactNode {
  const { t } = useTranslation()
  const mismatch = error === t('password.mismatch')
  return (
    <fieldset className="choice-group">
      <legend>{required ? t('password.legendNew') : t('password.legendChange')}</legend>
      <div className="form-grid">
        <TextField
          label={t('password.password')}
          hint={t('password.hint', { min: PASSWORD_MIN })}
          error={!mismatch ? (error ?? undefined) : undefined}
          required={required}
          value={password}
          onChange={onPassword}
          input={{ type: 'password', autoComplete: 'new-password', 'aria-required': required || undefined }}
        />
        <TextField
          label={t('password.repeat')}
          error={mismatch ? (error ?? undefined) : undefined}
          required={required}
          value={repeat}
          onChange={onRepeat}
          input={{ type: 'password', autoComplete: 'new-password', 'aria-required': required || undefined }}
        />
      </div>
    </fieldset>
  )
}
