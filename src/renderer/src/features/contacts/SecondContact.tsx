// The help article in one step: a second contact on another domain, with client-area access (7.x: a
// sub-account with a password; 8.x: an invite), permissions and e-mail preferences, saved offline in one
// go, with a plain summary of what the next sync will send to the portal.
import { newContactFields } from '../../../../shared/contact-rules'
import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { Client, Contact, ContactFields, ContactTextField, Generation, Permission } from '../../../../shared/domain'
import { PERMISSIONS } from '../../../../shared/domain'
import { TextField } from '../../forms/Field'
import { useDesk } from '../../store'
import { BUILTIN_PRESETS } from '../../../../shared/presets'
import { Dialog, SaveFooter } from '../../ui/Dialog'
import { EmailPreferencesFields } from '../access/EmailPreferencesFields'
import { describePreferences, permissionTitle } from '../access/labels'
import { PasswordFields, passwordProblem } from '../access/PasswordFields'
import { PermissionPicker, type CopySource } from '../access/PermissionPicker'
import { checkContact, contactToSave, problemsFromMain, type Problem } from './contactForm'
import { HintList, judgedWhileTyping, problemText, SaveFailureNotices, type SaveFailure } from './fieldText'
import './contacts.css'

interface Props {
  client: Client
  /** The client's own domains (ownDomainsOf): the help article asks for an address on none of them. */
  ownDomains: readonly string[]
  generation: Generation
  /** Addresses already on this client (owner and contacts): the same address twice is refused by WHMCS. */
  takenEmails: readonly string[]
  copySources: readonly CopySource[]
  onClose: () => void
  onSaved: (contact: Contact) => void
}

const FIELDS = ['firstName', 'lastName', 'email', 'phoneNumber'] as const
type FlowField = (typeof FIELDS)[number]
const FINANCE = BUILTIN_PRESETS.find((preset) => preset.id === 'finance')?.permissions ?? []

export function SecondContact({ client, ownDomains, generation, takenEmails, copySources, onClose, onSaved }: Props): ReactNode {
  const { t } = useTranslation()
  const desk = useDesk()
  const ids = useId()
  const [fields, setFields] = useState<ContactFields>(() => newContactFields())
  const [access, setAccess] = useState(true)
  const [permissions, setPermissions] = useState<Permission[]>([...FINANCE])
  const [password, setPassword] = useState('')
  const [repeat, setRepeat] = useState('')
  const [touched, setTouched] = useState<ReadonlySet<ContactTextField>>(new Set())
  const [submitted, setSubmitted] = useState(false)
  const [fromMain, setFromMain] = useState<Partial<Record<ContactTextField, Problem>>>({})
  const [failure, setFailure] = useState<SaveFailure | null>(null)
  const [saving, setSaving] = useState(false)
  const [focusInvalid, setFocusInvalid] = useState(0)
  const bodyRef = useRef<HTMLDivElement>(null)

  const check = useMemo(() => checkContact(fields, { ownDomains }), [fields, ownDomains])
  const duplicate = takenEmails.some((email) => email.trim().toLowerCase() === fields.email.trim().toLowerCase() && email.trim() !== '')
  const errors: Partial<Record<FlowField, Problem>> = {}
  for (const key of FIELDS) {
    const problem = fromMain[key] ?? check.errors[key]
    if (problem) errors[key] = problem
  }
  if (!errors.email && duplicate) errors.email = { code: 'duplicate' }
  const needsPassword = generation === '7' && access
  const passwordError = needsPassword ? passwordProblem(t, password, repeat, true) : null
  const permissionError = access && permissions.length === 0 ? t('access.choosePermission') : null
  const blocked = Object.keys(errors).length > 0 || passwordError !== null || permissionError !== null

  useEffect(() => {
    if (focusInvalid > 0) bodyRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
  }, [focusInvalid])

  const set = (key: FlowField, value: string): void => {
    setFields((current) => ({ ...current, [key]: value }))
    setFromMain(({ [key]: _dropped, ...rest }) => rest)
  }
  const shownError = (key: FlowField): string | undefined => {
    const problem = errors[key]
    if (!problem) return undefined
    return fromMain[key] || submitted || touched.has(key) || judgedWhileTyping(key, fields[key]) || problem.code === 'duplicate'
      ? problemText(t, problem)
      : undefined
  }

  async function save(): Promise<void> {
    if (saving) return
    setSubmitted(true)
    setFailure(null)
    if (blocked) {
      setFocusInvalid((n) => n + 1)
      return
    }
    setSaving(true)
    const result = await desk.api['contacts.create']({
      clientId: client.id,
      fields: contactToSave(fields),
      access: access ? { enabled: true, permissions } : null,
      ...(needsPassword ? { password } : {}),
    })
    setSaving(false)
    if (result.ok) {
      onSaved(result.value)
      return
    }
    if (result.error.code === 'validation') {
      const mapped = problemsFromMain(result.error)
      setFromMain(mapped.fields)
      setFailure({ error: null, form: mapped.form })
      setFocusInvalid((n) => n + 1)
    } else setFailure({ error: result.error, form: [] })
  }

  const text = (key: FlowField, options: { type?: string; inputMode?: 'email' | 'tel'; required?: boolean; hint?: string }) => (
    <TextField
      label={t(`contact.fields.${key}`)}
      hint={options.hint}
      required={options.required}
      error={shownError(key)}
      warning={
        (check.hints[key]?.length ?? 0) > 0 ? (
          <HintList hints={check.hints[key] ?? []} email={fields.email} onFixEmail={(email) => set('email', email)} />
        ) : undefined
      }
      value={fields[key]}
      onChange={(value) => set(key, value)}
      input={{
        type: options.type ?? 'text',
        inputMode: options.inputMode,
        autoComplete: 'off',
        spellCheck: false,
        'aria-required': options.required || undefined,
        onBlur: () => setTouched((current) => new Set([...current, key])),
      }}
    />
  )

  const name = `${fields.firstName} ${fields.lastName}`.trim()
  const email = fields.email.trim().toLowerCase()
  const sameDomain = check.hints.email?.some((hint) => hint.code === 'email_own_domain') ?? false
  const ownerName = `${client.firstName} ${client.lastName}`.trim() || client.companyName

  return (
    <Dialog
      title={t('secondContact.title', { client: ownerName })}
      description={t('secondContact.intro')}
      onClose={onClose}
      onSave={() => void save()}
      size="large"
      footer={<SaveFooter label={saving ? t('contact.saving') : t('secondContact.save')} saving={saving} onCancel={onClose} onSave={() => void save()} />}
    >
      <div ref={bodyRef} className="flow">
        <div role="alert" className="form-alert">
          {submitted && blocked && <p className="notice notice-error">{t('secondContact.checkFields')}</p>}
          <SaveFailureNotices failure={failure} />
        </div>
        <fieldset className="form-section">
          <legend>{t('secondContact.who')}</legend>
          <div className="form-grid">
            {text('firstName', { required: true })}
            {text('lastName', {})}
            {text('email', { type: 'email', inputMode: 'email', required: true, hint: t('secondContact.emailHint') })}
            {text('phoneNumber', { type: 'tel', inputMode: 'tel', hint: t('contact.hints.phone') })}
          </div>
        </fieldset>

        <fieldset className="form-section">
          <legend>{t('secondContact.accessLegend')}</legend>
          <label className="checkbox-row access-toggle">
            <input type="checkbox" checked={access} onChange={(event) => setAccess(event.target.checked)} aria-describedby={`${ids}-access-note`} />
            <span>{t('secondContact.giveAccess')}</span>
          </label>
          <p className="muted" id={`${ids}-access-note`}>
            {generation === '8' ? t('secondContact.access8') : t('secondContact.access7')}
          </p>
          {access && (
            <>
              {generation === '7' && (
                <PasswordFields
                  password={password}
                  repeat={repeat}
                  onPassword={setPassword}
                  onRepeat={setRepeat}
                  required
                  error={submitted ? passwordError : null}
                />
              )}
              <PermissionPicker value={permissions} onChange={setPermissions} copySources={copySources} error={submitted ? permissionError : null} />
            </>
          )}
        </fieldset>

        <EmailPreferencesFields
          value={fields.emailPreferences}
          onChange={(emailPreferences) => setFields((current) => ({ ...current, emailPreferences }))}
          legend={t('secondContact.preferencesLegend')}
          hint={t('contact.newPreferencesHint')}
        />

        <section className="summary" aria-labelledby={`${ids}-summary`}>
          <h3 id={`${ids}-summary`}>{t('secondContact.summaryTitle')}</h3>
          <ul aria-live="polite">
            <li>
              {t('secondContact.summaryCreate', {
                name: name || t('secondContact.unnamed'),
                email: email || t('secondContact.noEmail'),
                categories: describePreferences(t, fields.emailPreferences),
              })}
            </li>
            {access ? (
              <>
                <li>
                  {generation === '8'
                    ? t('secondContact.summaryInvite', { email: email || t('secondContact.noEmail') })
                    : t('secondContact.summarySubaccount', { email: email || t('secondContact.noEmail') })}
                </li>
                <li>
                  {t('secondContact.summaryPermissions', {
                    permissions:
                      permissions.length === 0
                        ? t('access.noPermissions')
                        : PERMISSIONS.filter((p) => permissions.includes(p))
                            .map((p) => permissionTitle(t, p))
                            .join(', '),
                  })}
                </li>
              </>
            ) : (
              <li>{t('secondContact.summaryNoAccess')}</li>
            )}
          </ul>
          {!fields.emailPreferences.invoice && <p className="notice notice-warning">{t('secondContact.noInvoiceWarning')}</p>}
          {sameDomain && <p className="notice notice-warning">{t('secondContact.sameDomainWarning')}</p>}
        </section>
      </div>
    </Dialog>
  )
}
