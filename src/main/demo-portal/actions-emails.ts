// GetEmails (docs/WHMCS.md §10): the e-mails sent for one client, newest first, paged, narrowed by `subject`
// (approximate: a part of the subject, case and accents aside, as MySQL's LIKE '%…%' compares it) and `date`
// (our choice, nothing is documented: the e-mails whose "YYYY-MM-DD HH:MM:SS" starts with it, so a day or a
// whole timestamp). Each item carries the whole HTML body in `message`. The delivery fields (`pending`,
// `failed`, `failure_reason`, `retry_count`) are left out where the portal imitates an install that lacks them.
// Errors answer in `status`, not `result` (§9.4): `Client ID Not Found`.
import { stringParam, type FormArray } from './php-form'
import { idParam, paging } from './request'
import { listAnswer } from './answer'
import { emailBody, emailLogOf, type LoggedEmail } from './email-log'
import { foldCase } from './text'
import type { ActionContext, JsonObject } from './action'

export function getEmails(params: FormArray, context: ActionContext): JsonObject {
  const clientId = idParam(params, 'clientid')
  if (context.store.client(clientId) === undefined) return { status: 'error', message: 'Client ID Not Found' }
  const { limitstart, limitnum } = paging(params)
  const subject = foldCase(stringParam(params, 'subject') ?? '')
  const date = (stringParam(params, 'date') ?? '').trim()
  const emails = emailLogOf(context.store, clientId).filter(
    (email) => (subject === '' || foldCase(email.subject).includes(subject)) && (date === '' || email.date.startsWith(date)),
  )
  return listAnswer(context, {
    total: emails.length,
    limitstart,
    page: emails.slice(limitstart, limitstart + limitnum).map((email) => emailItem(email, context.emailDelivery)),
    wrapper: 'emails',
    item: 'email',
  })
}

function emailItem(email: LoggedEmail, delivery: boolean): JsonObject {
  return {
    id: email.id,
    userid: email.clientId,
    subject: email.subject,
    message: emailBody(email),
    date: email.date,
    to: email.to,
    cc: email.cc,
    bcc: '',
    attachments: '',
    ...(delivery
      ? {
          pending: email.state === 'pending' ? 1 : 0,
          failed: email.state === 'failed' ? 1 : 0,
          failure_reason: email.failureReason,
          retry_count: email.retryCount,
        }
      : {}),
    created_at: email.date,
    updated_at: email.date,
    campaign_id: 0,
  }
}
