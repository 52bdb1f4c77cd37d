// A person's client-area access: may they log in, with which permissions (preset, one by one, or copied
// from someone else on the client); 7.x sets the sub-account's password, 8.x sends an invite; revoke.
// The person is a contact, or (8.x) a login that is none of the contacts: its permissions, or taking it away.
import { useId, useState, type ReactNode } from 'react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { Access, Contact, Generation, Permission } from '../../../../shared/domain'
import type { DeskError } from '../../../../shared/errors'
import { describeError } from '../../i18n/describeError'
import { useDesk } from '../../store'
import { sortPermissions } from '../../../../shared/presets'
import { ConfirmDialog, Dialog, SaveFooter } from '../../ui/Dialog'
import type { LoginState } from '../clients/people'
import { PasswordFields, passwordProblem } from './PasswordFields'
import { PermissionPicker, type CopySource } from './PermissionPicker'

/** Whose access: a contact, or an 8.x login on the client that no contact stands for. */
export type AccessSubject = { kind: 'contact'; contact: Contact } | { kind: 'login'; clientId: number; userId: number; name: string; email: string }

interface Props {
  subject: AccessSubject
  /** What the grid shows of this person's access now (also when the cache does not know it yet). */
  current: Access | null
  loginState: LoginState
  generation: Generation
  copySources: readonly CopySource[]
  onClose: () => void
  /** The contact as saved (null for a login). */
  onSaved: (how: 'granted' | 'changed' | 'revoked', contact: Contact | null) => void
}

export function AccessEditor({ subject, current, loginState, generation, copySources, onClose, onSaved }: Props): ReactNode {
  const { t } = useTranslation()
  const desk = useDesk()
  const ids = useId()
  const wasEnabled = current?.enabled === true
  const email = subject.kind === 'contact' ? subject.contact.email : subject.email
  const name = (subject.kind === 'contact' ? `${subject.contact.firstName} ${subject.contact.lastName}`.trim() : subject.name) || email
  const [enabled, setEnabled] = useState(wasEnabled)
  const [permissions, setPermissions] = useState<Permission[]>(() => sortPermissions(current?.permissions ?? []))
  const [password, setPassword] = useState('')
  const [repeat, setRepeat] = useState('')
  const [submitted, setSubmitted] = useState(false)
  const [saving, setSaving] = useState(false)
  const [failure, setFailure] = useState<DeskError | null>(null)
  const [confirmRevoke, setConfirmRevoke] = useState(false)

  // 7.x: a new sub-account needs a password (typed twice); changing one is optional.
  const needsPassword = generation === '7' && enabled && !wasEnabled
  const passwordError = generation === '7' && enabled ? passwordProblem(t, password, repeat, needsPassword) : null
  const permissionError = enabled && permissions.length === 0 ? t('access.choosePermission') : null

  async function send(access: Access, withPassword: boolean): Promise<void> {
    setSaving(true)
    setFailure(null)
    const how = !access.enabled ? 'revoked' : wasEnabled ? 'changed' : 'granted'
    const result =
      subject.kind === 'contact'
        ? await desk.api['access.set']({ localId: subject.contact.localId, access, ...(withPassword && password !== '' ? { password } : {}) })
        : await desk.api['logins.setAccess']({ clientId: subject.clientId, userId: subject.userId, access })
    setSaving(false)
    if (!result.ok) setFailure(result.error)
    else onSaved(how, 'localId' in result.value ? result.value : null)
  }

  function save(): void {
    if (saving) return
    setSubmitted(true)
    if (!enabled) {
      if (wasEnabled) setConfirmRevoke(true)
      else onClose()
      return
    }
    if (permissionError || passwordError) return
    void send({ enabled: true, permissions }, generation === '7')
  }

  const stateText = loginStateText(t, loginState, generation)
  return (
    <>
      <Dialog
        title={t('access.title', { name })}
        description={
          <>
            <span className="mono">{email}</span>
            {stateText && <span> · {stateText}</span>}
          </>
        }
        onClose={onClose}
        onSave={save}
        size="large"
        footer={
          <>
            {wasEnabled && (
              <button type="button" className="button button-danger-outline footer-start" onClick={() => setConfirmRevoke(true)}>
                {t('access.revoke')}
              </button>
            )}
            <SaveFooter label={t('access.save')} saving={saving} onCancel={onClose} onSave={save} />
          </>
        }
      >
        <div role="alert" className="form-alert">
          {failure && <p className="notice notice-error">{t('access.saveFailed', { reason: describeError(t, failure) })}</p>}
        </div>
        <label className="checkbox-row access-toggle">
          <input type="checkbox" checked={enabled} onChange={(event) => setEnabled(event.target.checked)} aria-describedby={`${ids}-note`} />
          <span>{t('access.canLogIn')}</span>
        </label>
        <p className="muted" id={`${ids}-note`}>
          {subject.kind === 'login'
            ? t('access.noteLogin')
            : generation === '8'
              ? wasEnabled
                ? t('access.note8Change')
                : t('access.note8Grant', { email })
              : wasEnabled
                ? t('access.note7Change')
                : t('access.note7Grant')}
        </p>
        {enabled && (
          <>
            <PermissionPicker value={permissions} onChange={setPermissions} copySources={copySources} error={submitted ? permissionError : null} />
            {generation === '7' && (
              <PasswordFields
                password={password}
                repeat={repeat}
                onPassword={setPassword}
                onRepeat={setRepeat}
                required={needsPassword}
                error={submitted ? passwordError : null}
              />
            )}
          </>
        )}
      </Dialog>
      {confirmRevoke && (
        <ConfirmDialog
          title={t('access.revokeTitle', { name })}
          message={generation === '8' ? t('access.revokeMessage8', { email }) : t('access.revokeMessage7', { email })}
          confirmLabel={t('access.revokeConfirm')}
          danger
          busy={saving}
          error={failure ? describeError(t, failure) : null}
          onCancel={() => setConfirmRevoke(false)}
          onConfirm={() => void send({ enabled: false, permissions: [] }, false)}
        />
      )}
    </>
  )
}

export function loginStateText(t: TFunction, state: LoginState, generation: Generation): string | null {
  switch (state) {
    case null:
      return null
    case 'queued':
      return generation === '8' ? t('login.queued8') : t('login.queued7')
    case 'pending':
      return t('login.pending')
    case 'expired':
      return t('login.expired')
    case 'sending':
      return t('login.sending')
    case 'active':
      return generation === '8' ? t('login.accepted') : t('login.active')
  }
}
