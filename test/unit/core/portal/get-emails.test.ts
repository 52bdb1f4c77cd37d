import { describe, expect, it } from 'vitest'
import { jsonAnswer, portalAnswering, rejectionOf } from './fake-transport'

const REMINDER = {
  id: 7,
  userid: 42,
  subject: 'Invoice Payment Reminder',
  message: '<p>Dear Ana, your invoice #123 is due. <a href="https://portal/pay">Pay</a></p>',
  date: '2026-02-25 09:00:00',
  to: 'Ana Souza <ana@padaria.com.br>',
  cc: 'bia@gmail.com',
  bcc: '',
  attachments: '',
  pending: 0,
  failed: 1,
  failure_reason: '550 5.1.2 <ana@padaria.com.br>: Domain not found',
  retry_count: 3,
  created_at: '2026-02-25 09:00:00',
  updated_at: '2026-02-25 09:30:00',
  campaign_id: 0,
}
const page = (...emails: object[]) => ({
  result: 'success',
  totalresults: emails.length,
  startnumber: 0,
  numreturned: emails.length,
  emails: { email: emails },
})

describe('getEmails', () => {
  it('sends clientid and the paging, and reads each e-mail without its body', async () => {
    const { portal, requests } = portalAnswering(() => jsonAnswer(page(REMINDER)))
    const read = await portal.getEmails({ clientId: 42, limitstart: 0, limitnum: 50 })
    expect(requests.map((request) => request.body)).toEqual([
      'action=GetEmails&identifier=id&secret=secret&responsetype=json&clientid=42&limitstart=0&limitnum=50',
    ])
    expect(read).toEqual({
      total: 1,
      start: 0,
      warnings: [],
      emails: [
        {
          id: 7,
          clientId: 42,
          subject: 'Invoice Payment Reminder',
          date: '2026-02-25 09:00:00',
          to: 'Ana Souza <ana@padaria.com.br>',
          cc: 'bia@gmail.com',
          delivery: { state: 'failed', failureReason: '550 5.1.2 <ana@padaria.com.br>: Domain not found' },
        },
      ],
    })
    expect(JSON.stringify(read)).not.toContain('invoice #123')
  })

  it('reads pending and delivered, 7.x strings included, and "not reported" where the portal sends neither flag', async () => {
    const { pending: _p, failed: _f, failure_reason: _r, retry_count: _c, ...unreported } = REMINDER
    const stringly = Object.fromEntries(Object.entries({ ...REMINDER, id: 9, failed: 0, failure_reason: '' }).map(([key, value]) => [key, String(value)]))
    const { portal } = portalAnswering(() =>
      jsonAnswer(page({ ...REMINDER, id: 8, pending: 1, failed: 0, failure_reason: '' }, stringly, { ...unreported, id: 10 })),
    )
    const { emails } = await portal.getEmails({ clientId: 42, limitstart: 0, limitnum: 25 })
    expect(emails.map((email) => [email.id, email.delivery])).toEqual([
      [8, { state: 'pending', failureReason: null }],
      [9, { state: 'delivered', failureReason: null }],
      [10, null],
    ])
  })

  it('reads the empty answer, and refuses an e-mail of another client, a bad flag or date, and the status error', async () => {
    const empty = portalAnswering(() => jsonAnswer({ result: 'success', totalresults: '0', startnumber: 0, numreturned: 0 }))
    expect((await empty.portal.getEmails({ clientId: 42, limitstart: 0, limitnum: 25 })).emails).toEqual([])
    for (const bad of [
      { ...REMINDER, userid: 43 },
      { ...REMINDER, failed: 'maybe' },
      { ...REMINDER, date: 'yesterday' },
    ]) {
      const { portal } = portalAnswering(() => jsonAnswer(page(bad)))
      expect(await rejectionOf(portal.getEmails({ clientId: 42, limitstart: 0, limitnum: 25 })), JSON.stringify(bad)).toMatchObject({ code: 'bad_response' })
    }
    const unknown = portalAnswering(() => jsonAnswer({ status: 'error', message: 'Client ID Not Found' }))
    expect(await rejectionOf(unknown.portal.getEmails({ clientId: 42, limitstart: 0, limitnum: 25 }))).toMatchObject({
      code: 'portal_error',
      params: { portalMessage: 'Client ID Not Found' },
    })
  })
})
