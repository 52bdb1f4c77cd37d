// Why a setting was not saved, said beside the control that changed it (every section of Settings says it alike).
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { DeskError } from '../../../../shared/errors'
import { describeError } from '../../i18n/describeError'

export function SaveFailed({ failure }: { failure: DeskError | null }): ReactNode {
  const { t } = useTranslation()
  if (!failure) return null
  return (
    <p className="notice notice-error" role="alert">
      {t('settings.preferences.saveFailed', { reason: describeError(t, failure) })}
    </p>
  )
}
