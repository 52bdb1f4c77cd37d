// The client's latest payment reminders from the portal's e-mail log (GetEmails, read when the client is opened):
// when, to whom, and whether each arrived, or why the log could not be read. The evidence behind the audit's
// "latest payment reminders failed" finding, on the client's own page.
import { useId, type ReactNode } from 'react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { ClientView } from '../../../../shared/contract'
import type { ReminderEmail } from '../../../../shared/reachability'
import { describeError } from '../../i18n/describeError'
import { useFormat, type Format } from '../../i18n/format'
import { Table } from '../../ui/Table'

const BADGE: Readonly<Record<ReminderEmail['state'], string>> = {
  delivered: 'badge-active',
  pending: 'badge-pending',
  failed: 'badge-rejected',
  unknown: 'badge-muted',
}

export function PaymentReminders({ log }: { log: ClientView['paymentReminders'] }): ReactNode {
  const { t } = useTranslation()
  const format = useFormat()
  const headingId = useId()
  const unreported = log.reminders.some((reminder) => reminder.state === 'unknown')
  return (
    <section className="card reminders-card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('reminders.heading')}</h2>
      <p className="muted">{t('reminders.intro')}</p>
      {log.unavailable && <p className="notice notice-warning">{t('reminders.unavailable', { reason: describeError(t, log.unavailable.error) })}</p>}
      {log.readAt === null ? (
        !log.unavailable && <p className="muted">{t('reminders.notRead')}</p>
      ) : log.reminders.length === 0 ? (
        <p>{t('reminders.none')}</p>
      ) : (
        <Table caption={t('reminders.caption')} columns={[t('reminders.when'), t('reminders.subject'), t('reminders.recipients'), t('reminders.status')]}>
          {log.reminders.map((reminder, index) => (
            <tr key={index}>
              <td>{reminder.date === null ? '—' : portalMoment(format, reminder.date)}</td>
              <td>{reminder.subject}</td>
              <td>
                {reminder.to.join(', ')}
                {reminder.cc.length > 0 && <div className="muted">{t('reminders.cc', { list: reminder.cc.join(', ') })}</div>}
              </td>
              <td>
                <span className={`badge ${BADGE[reminder.state]}`}>{stateText(t, reminder)}</span>
              </td>
            </tr>
          ))}
        </Table>
      )}
      {unreported && <p className="muted">{t('reminders.unknownHint')}</p>}
      {log.readAt !== null && <p className="muted">{t('reminders.readAt', { date: format.date(log.readAt), time: format.time(log.readAt) })}</p>}
    </section>
  )
}

function stateText(t: TFunction, reminder: ReminderEmail): string {
  if (reminder.state === 'failed') return reminder.failureReason ? t('reminders.failedBecause', { reason: reminder.failureReason }) : t('reminders.failed')
  return t(`reminders.${reminder.state}`)
}

/** The portal's own "YYYY-MM-DD HH:MM:SS" (its local time, no zone): its date in the user's format, its time as written. */
function portalMoment(format: Format, moment: string): string {
  return `${format.day(moment)} ${moment.slice(11, 16)}`.trim()
}
