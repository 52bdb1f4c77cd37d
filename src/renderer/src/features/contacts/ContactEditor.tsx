// Add or edit a contact: every WHMCS contact field, checked as staff type (and again by main on save),
// Brazilian formats included; delete with a confirmation. Saved on this computer at once, sent at the next sync.
import { newContactFields } from '../../../../shared/contact-rules'
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { checkBrazilPhone, isBrazil, UF_NAMES, UFS } from '../../../../shared/brazil'
import { contactFieldsOf, type Contact, type ContactFields, type ContactTextField } from '../../../../shared/domain'
import type { DeskError } from '../../../../shared/errors'
import { Field, TextField } from '../../forms/Field'
import { describeError } from '../../i18n/describeError'
import { useDesk } from '../../store'
import { ConfirmDialog, Dialog, SaveFooter } from '../../ui/Dialog'
import { EmailPreferencesFields } from '../access/EmailPreferencesFields'
import { changedFields, checkContact, contactToSave, hasErrors, problemsFromMain, type Problem } from './contactForm'
import { HintList, judgedWhileTyping, problemText, SaveFailureNotices, type SaveFailure } from './fieldText'
import './contacts.css'

export type EditorTarget =
  /** `from`: a login that is no contact yet (8.x), whose name and address start the form. */
  { kind: 'create'; clientId: number; from?: { name: string; email: string } } | { kind: 'edit'; contact: Contact }

interface Props {
  target: EditorTarget
  /** The client's own domains (ownDomainsOf): a contact on one of them is flagged. */
  ownDomains: readonly string[]
  onClose: () => void
  onSaved: (contact: Contact, how: 'created' | 'updated') => void
  onDeleted: (contact: Contact) => void
  /** Addresses already on this client: WHMCS refuses the same address twice. */
  takenEmails?: readonly string[]
  fallbackFocus?: () => HTMLElement | null
}

/** What the form shows at first: the contact, its phone as people read it. */
function displayFields(contact: ContactFields): ContactFields {
  const fields = contactFieldsOf(contact)
  const phone = checkBrazilPhone(fields.phoneNumber)
  if (phone.ok) fields.phoneNumber = phone.formatted
  return fields
}

export function ContactEditor({ target, ownDomains, onClose, onSaved, onDeleted, takenEmails = [], fallbackFocus }: Props): ReactNode {
  const { t } = useTranslation()
  const desk = useDesk()
  const original = target.kind === 'edit' ? contactFieldsOf(target.contact) : null
  const [initial] = useState(() => {
    if (target.kind === 'edit') return displayFields(target.contact)
    const fields = newContactFields()
    if (target.from) {
      const [first = '', ...rest] = target.from.name === target.from.email ? [''] : target.from.name.split(' ')
      fields.firstName = first
      fields.lastName = rest.join(' ')
      fields.email = target.from.email
    }
    return fields
  })
  const [fields, setFields] = useState<ContactFields>(initial)
  const [touched, setTouched] = useState<ReadonlySet<ContactTextField>>(new Set())
  const [submitted, setSubmitted] = useState(false)
  const [fromMain, setFromMain] = useState<Partial<Record<ContactTextField, Problem>>>({})
  const [failure, setFailure] = useState<SaveFailure | null>(null)
  const [saving, setSaving] = useState(false)
  const [confirmDelete, setConfirmDelete] = useState(false)
  const [deleteError, setDeleteError] = useState<DeskError | null>(null)
  const [focusInvalid, setFocusInvalid] = useState(0)
  const formRef = useRef<HTMLFormElement>(null)

  // Compared with the display values, so a phone shown formatted is not "changed".
  const check = useMemo(() => {
    const result = checkContact(fields, { ownDomains, original: target.kind === 'edit' ? initial : null })
    const email = fields.email.trim().toLowerCase()
    const taken = email !== '' && email !== initial.email.trim().toLowerCase() && takenEmails.some((each) => each.trim().toLowerCase() === email)
    return taken && !result.errors.email ? { ...result, errors: { ...result.errors, email: { code: 'duplicate' as const } } } : result
  }, [fields, ownDomains, target.kind, initial, takenEmails])

  useEffect(() => {
    if (focusInvalid === 0) return
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
  }, [focusInvalid])

  const set = (key: ContactTextField, value: string): void => {
    setFields((current) => ({ ...current, [key]: value }))
    setFromMain(({ [key]: _dropped, ...rest }) => rest)
  }
  const touch = (key: ContactTextField): void => setTouched((current) => (current.has(key) ? current : new Set([...current, key])))

  function errorOf(key: ContactTextField): string | undefined {
    const main = fromMain[key]
    if (main) return problemText(t, main)
    const problem = check.errors[key]
    if (!problem) return undefined
    return submitted || touched.has(key) || judgedWhileTyping(key, fields[key]) ? problemText(t, problem) : undefined
  }

  function warningOf(key: ContactTextField): ReactNode {
    const legacy = check.legacy[key]
    const hints = check.hints[key] ?? []
    if (!legacy && hints.length === 0) return undefined
    return (
      <>
        {legacy && <p>{t('contact.legacyValue', { problem: problemText(t, legacy) })}</p>}
        <HintList hints={hints} email={fields.email} onFixEmail={(email) => set('email', email)} />
      </>
    )
  }

  async function save(): Promise<void> {
    if (saving) return
    setSubmitted(true)
    setFailure(null)
    if (hasErrors(check)) {
      setFocusInvalid((n) => n + 1)
      return
    }
    const normalized = contactToSave(fields)
    setSaving(true)
    let result
    if (target.kind === 'create') {
      result = await desk.api['contacts.create']({ clientId: target.clientId, fields: normalized })
    } else {
      // Only what staff changed is sent; a value nobody touched stays exactly as the portal has it.
      const edited: ContactFields = { ...(original as ContactFields), emailPreferences: normalized.emailPreferences }
      for (const key of Object.keys(initial) as (keyof ContactFields)[]) {
        if (key !== 'emailPreferences' && fields[key] !== initial[key]) edited[key] = normalized[key]
      }
      const changes = changedFields(original as ContactFields, edited)
      if (Object.keys(changes).length === 0) {
        setSaving(false)
        onClose()
        return
      }
      result = await desk.api['contacts.update']({ localId: target.contact.localId, changes })
    }
    setSaving(false)
    if (result.ok) {
      onSaved(result.value, target.kind === 'create' ? 'created' : 'updated')
      return
    }
    if (result.error.code === 'validation') {
      const mapped = problemsFromMain(result.error)
      setFromMain(mapped.fields)
      setFailure({ error: null, form: mapped.form })
      setFocusInvalid((n) => n + 1)
    } else {
      setFailure({ error: result.error, form: [] })
    }
  }

  const invalidCount = submitted ? Object.keys(check.errors).length + Object.keys(fromMain).length : Object.keys(fromMain).length
  const title =
    target.kind === 'create' ? t('contact.addTitle') : t('contact.editTitle', { name: `${target.contact.firstName} ${target.contact.lastName}`.trim() })
  const brazil = isBrazil(fields.country)

  const text = (
    key: ContactTextField,
    options: {
      type?: string
      autoComplete?: string
      required?: boolean
      inputMode?: 'email' | 'tel' | 'numeric' | 'text'
      hint?: string
      className?: string
      maxLength?: number
    } = {},
  ) => (
    <TextField
      label={t(`contact.fields.${key}`)}
      hint={options.hint}
      error={errorOf(key)}
      warning={warningOf(key)}
      required={options.required}
      className={options.className}
      value={fields[key]}
      onChange={(value) => set(key, value)}
      input={{
        type: options.type ?? 'text',
        inputMode: options.inputMode,
        autoComplete: options.autoComplete ?? 'off',
        spellCheck: false,
        maxLength: options.maxLength,
        'aria-required': options.required || undefined,
        onBlur: () => touch(key),
      }}
    />
  )

  return (
    <>
      <Dialog
        title={title}
        onClose={onClose}
        onSave={() => void save()}
        size="large"
        fallbackFocus={fallbackFocus}
        footer={
          <>
            {target.kind === 'edit' && (
              <button type="button" className="button button-danger-outline footer-start" onClick={() => setConfirmDelete(true)}>
                {t('contact.delete')}
              </button>
            )}
            <SaveFooter label={saving ? t('contact.saving') : t('contact.save')} saving={saving} onCancel={onClose} form="contact-editor-form" />
          </>
        }
      >
        <form
          id="contact-editor-form"
          ref={formRef}
          className="contact-form"
          noValidate
          aria-label={title}
          onSubmit={(event) => {
            event.preventDefault()
            void save()
          }}
        >
          <div role="alert" className="form-alert">
            {invalidCount > 0 && <p className="notice notice-error">{t('contact.checkFields', { count: invalidCount })}</p>}
            <SaveFailureNotices failure={failure} />
          </div>
          <fieldset className="form-section">
            <legend>{t('contact.sections.person')}</legend>
            <div className="form-grid">
              {text('firstName', { required: true, autoComplete: 'off' })}
              {text('lastName')}
              {text('email', { type: 'email', inputMode: 'email', required: true, className: 'span-2' })}
              {text('phoneNumber', { type: 'tel', inputMode: 'tel', hint: t('contact.hints.phone') })}
              {text('taxId', { hint: t('contact.hints.taxId') })}
              {text('companyName', { className: 'span-2' })}
            </div>
          </fieldset>
          <fieldset className="form-section">
            <legend>{t('contact.sections.address')}</legend>
            <div className="form-grid">
              {text('postcode', { inputMode: 'numeric', hint: t('contact.hints.postcode') })}
              {text('country', { hint: t('contact.hints.country'), maxLength: 2 })}
              {text('address1', { className: 'span-2' })}
              {text('address2', { className: 'span-2' })}
              {text('city')}
              {brazil ? (
                <Field label={t('contact.fields.state')} error={errorOf('state')} warning={warningOf('state')}>
                  {(control) => (
                    <select
                      {...control}
                      className="input"
                      value={fields.state}
                      onChange={(event) => set('state', event.target.value)}
                      onBlur={() => touch('state')}
                    >
                      <option value="">{t('contact.noState')}</option>
                      {fields.state !== '' && !(UFS as readonly string[]).includes(fields.state) && <option value={fields.state}>{fields.state}</option>}
                      {UFS.map((uf) => (
                        <option key={uf} value={uf}>
                          {uf} — {UF_NAMES[uf]}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              ) : (
                text('state')
              )}
            </div>
          </fieldset>
          <EmailPreferencesFields
            value={fields.emailPreferences}
            onChange={(emailPreferences) => setFields((current) => ({ ...current, emailPreferences }))}
            hint={target.kind === 'create' ? t('contact.newPreferencesHint') : undefined}
          />
        </form>
      </Dialog>
      {confirmDelete && target.kind === 'edit' && (
        <ConfirmDialog
          title={t('contact.deleteTitle', { name: `${target.contact.firstName} ${target.contact.lastName}`.trim() })}
          message={t('contact.deleteMessage', { email: target.contact.email })}
          confirmLabel={t('contact.deleteConfirm')}
          danger
          error={deleteError ? describeError(t, deleteError) : null}
          onCancel={() => {
            setConfirmDelete(false)
            setDeleteError(null)
          }}
          onConfirm={() => {
            void desk.api['contacts.delete']({ localId: target.contact.localId }).then((result) => {
              if (result.ok) onDeleted(target.contact)
              else setDeleteError(result.error)
            })
          }}
        />
      )}
    </>
  )
}
