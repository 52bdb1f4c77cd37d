// GetEmails (docs/WHMCS.md §10): one page of the e-mails the portal sent for a client, newest first, asked, paged and
// read like the other per-client lists (client-lists.ts). The body (`message`, the whole HTML) is dropped here, at
// decode: nothing downstream can store what it never receives. The delivery fields (`pending`, `failed`,
// `failure_reason`) came with the 8.x-era log; where the portal sends neither flag, `delivery` is null ("not
// reported by this portal"), never guessed as delivered.
// clientid=…&limitstart=…&limitnum=…
// {"result":"success","totalresults":2,"startnumber":0,"numreturned":2,"emails":{"email":[{"id":1,"userid":1,
//  "subject":"Invoice Payment Reminder","message":"<p>…</p>","date":"2026-02-25 09:00:00","to":"Ana <ana@x.com.br>",
//  "cc":"","bcc":"","attachments":"","pending":0,"failed":1,"failure_reason":"550 …","retry_count":3,…}]}}
// Errors answer in `status` (§9.4): {"status":"error","message":"Client ID Not Found"}.
import { z } from 'zod'
import type { Call } from './api-call'
import { ownerOf, readClientList, type ClientList, type ClientListPage, type ClientListParams } from './client-lists'
import { dateTimeOrNull, flag, idLike, text } from './decode'

export type GetEmailsParams = ClientListParams & { clientId: number }

/** What the log says of a message's delivery: null where the portal does not report it. */
export type EmailDelivery = { state: 'pending' | 'delivered' | 'failed'; failureReason: string | null } | null

/** One e-mail of the log, without its body. */
export interface LoggedEmail {
  id: number
  clientId: number
  subject: string
  /** "YYYY-MM-DD HH:MM:SS", server-local; null where the portal had none. */
  date: string | null
  /** As the portal lists them: "Ana <ana@x.com.br>", comma-separated where there are several. */
  to: string
  cc: string
  delivery: EmailDelivery
}

export interface EmailsPage extends Omit<ClientListPage<LoggedEmail>, 'items'> {
  emails: LoggedEmail[]
}

// z.object, not looseObject: every key not named here (`message` first of all) is stripped at decode.
const EmailWire = z.object({
  id: idLike,
  userid: idLike.optional(),
  subject: text,
  date: dateTimeOrNull,
  to: text,
  cc: text,
  pending: flag.optional(),
  failed: flag.optional(),
  failure_reason: text,
})

function deliveryOf(wire: z.infer<typeof EmailWire>): EmailDelivery {
  if (wire.pending === undefined && wire.failed === undefined) return null
  const reason = wire.failure_reason.trim()
  if (wire.failed === true) return { state: 'failed', failureReason: reason === '' ? null : reason }
  return { state: wire.pending === true ? 'pending' : 'delivered', failureReason: null }
}

const EMAILS: ClientList<LoggedEmail> = {
  action: 'GetEmails',
  wrapper: 'emails',
  item: 'email',
  listing: 'e-mail log listing',
  describe: (email) => `e-mail ${email.id}`,
  record: (clientId) =>
    EmailWire.transform((wire, ctx) => {
      const owner = ownerOf(ctx, wire, 'userid', clientId, 'e-mail')
      if (owner === undefined) return z.NEVER
      const email: LoggedEmail = {
        id: wire.id,
        clientId: owner,
        subject: wire.subject.trim(),
        date: wire.date,
        to: wire.to.trim(),
        cc: wire.cc.trim(),
        delivery: deliveryOf(wire),
      }
      return email
    }),
}

export async function getEmails(call: Call, params: GetEmailsParams): Promise<EmailsPage> {
  const { items, ...page } = await readClientList(call, EMAILS, params)
  return { ...page, emails: items }
}
