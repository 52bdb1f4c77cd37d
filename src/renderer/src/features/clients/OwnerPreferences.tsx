// The account owner's own e-mail preferences (clients.setEmailPreferences), saved offline like every edit.
import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { EmailPreferences } from '../../../../shared/domain'
import type { DeskError } from '../../../../shared/errors'
import { describeError } from '../../i18n/describeError'
import { useDesk } from '../../store'
import { Dialog, SaveFooter } from '../../ui/Dialog'
import { EmailPreferencesFields } from '../access/EmailPreferencesFields'

interface Props {
  clientId: number
  name: string
  value: EmailPreferences
  onClose: () => void
  onSaved: (value: EmailPreferences) => void
}

export function OwnerPreferences({ clientId, name, value, onClose, onSaved }: Props): ReactNode {
  const { t } = useTranslation()
  const desk = useDesk()
  const [preferences, setPreferences] = useState(value)
  const [failure, setFailure] = useState<DeskError | null>(null)
  const [saving, setSaving] = useState(false)

  async function save(): Promise<void> {
    if (saving) return
    setSaving(true)
    const result = await desk.api['clients.setEmailPreferences']({ clientId, emailPreferences: preferences })
    setSaving(false)
    if (result.ok) onSaved(result.value)
    else setFailure(result.error)
  }

  return (
    <Dialog
      title={t('owner.title', { name })}
      description={t('owner.description')}
      onClose={onClose}
      onSave={() => void save()}
      footer={<SaveFooter label={t('owner.save')} saving={saving} onCancel={onClose} onSave={() => void save()} />}
    >
      <div role="alert" className="form-alert">
        {failure && <p className="notice notice-error">{t('contact.saveFailed', { reason: describeError(t, failure) })}</p>}
      </div>
      <EmailPreferencesFields value={preferences} onChange={setPreferences} />
      {!preferences.domain && <p className="notice notice-warning">{t('owner.domainRule')}</p>}
    </Dialog>
  )
}
