// Problems and hints of the contact rules, in the user's words (with the one-click fix where there is one).
import type { ReactNode } from 'react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { compactTaxId, onlyDigits, UF_NAMES, type Uf } from '../../../../shared/brazil'
import { withDomain } from '../../../../shared/email-domains'
import type { ContactTextField } from '../../../../shared/domain'
import type { DeskError } from '../../../../shared/errors'
import { describeError } from '../../i18n/describeError'
import type { Hint, Problem } from './contactForm'

/** contact.errors.<code>: every code has its sentence in both languages (checked by test/renderer/features/contacts/contact-form.test.tsx). */
export const problemText = (t: TFunction, problem: Problem): string =>
  (t as unknown as (key: string, options: Record<string, string>) => string)(`contact.errors.${problem.code}`, problem.params ?? {})

/** Why main did not keep a contact: its error, and what it said of the contact as a whole (not of one field). */
export interface SaveFailure {
  error: DeskError | null
  form: Problem[]
}

/** A refused save, as the contact forms show it inside their alert region. */
export function SaveFailureNotices({ failure }: { failure: SaveFailure | null }): ReactNode {
  const { t } = useTranslation()
  return (
    <>
      {failure?.error && <p className="notice notice-error">{t('contact.saveFailed', { reason: describeError(t, failure.error) })}</p>}
      {failure?.form.map((problem) => (
        <p key={`${problem.code}:${problem.params?.detail ?? ''}`} className="notice notice-error">
          {problemText(t, problem)}
        </p>
      ))}
    </>
  )
}

/** Values long enough to judge while still typing: a full CPF/CNPJ, CEP or phone number. */
export function judgedWhileTyping(field: ContactTextField, value: string): boolean {
  if (field === 'taxId') return compactTaxId(value).length >= 11
  if (field === 'postcode') return onlyDigits(value).length >= 8
  if (field === 'phoneNumber') return onlyDigits(value).length >= 10
  return false
}

const ufList = (ufs: readonly Uf[]): string => ufs.map((uf) => `${UF_NAMES[uf]} (${uf})`).join(', ')

/** The hints of one field, each a sentence; an e-mail typo comes with its fix. */
export function HintList({ hints, email, onFixEmail }: { hints: readonly Hint[]; email: string; onFixEmail: (email: string) => void }): ReactNode {
  const { t } = useTranslation()
  if (hints.length === 0) return null
  return (
    <ul className="hint-list">
      {hints.map((hint) => {
        switch (hint.code) {
          case 'email_typo':
            return (
              <li key={hint.code}>
                {t(hint.certain ? 'contact.hints.emailTypo' : 'contact.hints.emailMaybe', { suggestion: hint.suggestion })}{' '}
                <button type="button" className="link-button" onClick={() => onFixEmail(withDomain(email, hint.suggestion))}>
                  {t('contact.hints.useDomain', { suggestion: hint.suggestion })}
                </button>
              </li>
            )
          case 'email_own_domain':
            return <li key={hint.code}>{t('contact.hints.ownDomain', { domain: hint.domain })}</li>
          case 'cep_other_uf':
            return <li key={hint.code}>{t('contact.hints.cepOtherUf', { uf: ufList([hint.uf]) })}</li>
          case 'ddd_other_uf':
            return <li key={hint.code}>{t('contact.hints.dddOtherUf', { ufs: ufList(hint.ufs) })}</li>
        }
      })}
    </ul>
  )
}
