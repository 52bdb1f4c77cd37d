// The e-mails the demo portal "sent" to a client (GetEmails, docs/WHMCS.md §10): six months of invoices, payment
// reminders and overdue notices, payment confirmations, ticket replies and domain renewal notices, in the
// client's language, to whoever receives each kind. The demo sends no mail, so the log is built when asked, from
// the client as it stands and a random stream of its own (seed and client id): the same state gives the same log,
// and the data a seed gave before the log existed is unchanged. Delivery follows the client's own story: mail to
// a domain whose registration lapsed or whose hosting was suspended bounces from then on, mail to a misspelt
// provider never arrives, and now and then a mailbox is full.
import { createRandom, cumulative, type Random } from './prng'
import type { DemoClient, DemoContact, DemoDomain, DemoProduct } from './schema'
import type { DemoStore } from './store'

/** Only what GetEmails lists; the body is built when answering (emailItem). */
export interface LoggedEmail {
  id: number
  clientId: number
  kind: EmailKind
  subject: string
  /** "YYYY-MM-DD HH:MM:SS", server-local. */
  date: string
  to: string
  cc: string
  /** Whom the body greets. */
  greeting: string
  state: 'pending' | 'delivered' | 'failed'
  failureReason: string
  retryCount: number
}

type EmailKind = 'invoice' | 'reminder' | 'overdue1' | 'overdue2' | 'overdue3' | 'paid' | 'ticket' | 'renewal'
type Language = 'pt' | 'en'

/** The install's templates, in the two languages its clients use; the reminder ones are §10's defaults. */
const SUBJECTS: Readonly<Record<EmailKind, Record<Language, string>>> = {
  invoice: { pt: 'Fatura de Cliente', en: 'Customer Invoice' },
  reminder: { pt: 'Lembrete de Pagamento de Fatura', en: 'Invoice Payment Reminder' },
  overdue1: { pt: 'Primeiro Aviso de Fatura Vencida', en: 'First Invoice Overdue Notice' },
  overdue2: { pt: 'Segundo Aviso de Fatura Vencida', en: 'Second Invoice Overdue Notice' },
  overdue3: { pt: 'Terceiro Aviso de Fatura Vencida', en: 'Third Invoice Overdue Notice' },
  paid: { pt: 'Confirmação de Pagamento de Fatura', en: 'Invoice Payment Confirmation' },
  ticket: { pt: 'Resposta ao Chamado de Suporte', en: 'Support Ticket Reply' },
  renewal: { pt: 'Aviso de Renovação de Domínio', en: 'Upcoming Domain Renewal Notice' },
}

/** Seeds the log's stream (seed ^ this ^ the client's id, mixed): apart from every other stream of data.ts. */
const EMAIL_STREAM = 0x2c9e51d7
const DAY_MS = 86_400_000
/** The data's "today" (data.ts LAST_DAY_MS): the log ends there, whenever the portal runs. */
const TODAY_MS = Date.UTC(2026, 1, 28)
/** Months of history, the last one the current. */
const MONTHS = 6
/** How a month's invoice went: paid before the reminder, after it, after the first notice, or not at all. */
const OUTCOMES = ['on-time', 'after-reminder', 'late'] as const
const OUTCOME_WEIGHTS = cumulative([60, 25, 15])
/** Misspelt providers that do not exist (hotmail.com.br and yahoo.com, typos for some clients, do). */
const NO_SUCH_DOMAIN: ReadonlySet<string> = new Set(['gmial.com', 'hotmial.com', 'outlok.com'])
/** Days a hosting service is suspended after its unpaid due date, taking the domain's mail with it. */
const SUSPENSION_GRACE_DAYS = 5

/** The client's log, newest first (as GetEmails lists it); empty for an unknown client. */
export function emailLogOf(store: DemoStore, clientId: number): LoggedEmail[] {
  const client = store.client(clientId)
  if (client === undefined) return []
  const r = createRandom((store.state.seed ^ EMAIL_STREAM ^ Math.imul(clientId, 0x9e3779b1)) >>> 0)
  const language: Language = r.chance(0.85) ? 'pt' : 'en'
  const contacts = store.contactsOf(clientId)
  const billing = recipients(client, contacts, 'invoiceemails', client.email_preferences.invoice)
  const general = recipients(client, contacts, 'generalemails', client.email_preferences.general)
  const support = recipients(client, contacts, 'supportemails', client.email_preferences.support)
  const domainMail = recipients(client, contacts, 'domainemails', client.email_preferences.domain)
  const lapses = lapsesOf(store.domainsOf(clientId), store.productsOf(clientId))
  const lapsed = client.status !== 'Active' || lapses.size > 0

  const drafts: { kind: EmailKind; at: number; to: readonly Recipient[] }[] = []
  const billingDay = r.int(1, 28)
  for (let back = MONTHS - 1; back >= 0; back--) {
    const month = new Date(TODAY_MS)
    month.setUTCDate(1)
    month.setUTCMonth(month.getUTCMonth() - back)
    const due = month.getTime() + (billingDay - 1) * DAY_MS
    const outcome = lapsed && back < 2 ? 'unpaid' : r.pickWeighted(OUTCOMES, OUTCOME_WEIGHTS)
    const invoice = (kind: EmailKind, day: number) =>
      drafts.push({ kind, at: due + day * DAY_MS + r.int(6, 9) * 3_600_000 + r.int(0, 3599) * 1000, to: billing })
    invoice('invoice', -7)
    if (outcome !== 'on-time') invoice('reminder', -3)
    if (outcome === 'late' || outcome === 'unpaid') invoice('overdue1', 1)
    if (outcome === 'unpaid') {
      invoice('overdue2', 7)
      invoice('overdue3', 14)
    }
    if (outcome !== 'unpaid') invoice('paid', outcome === 'on-time' ? r.int(-6, -4) : outcome === 'after-reminder' ? r.int(-2, 0) : r.int(2, 6))
    if (r.chance(0.3)) drafts.push({ kind: 'ticket', at: month.getTime() + r.int(0, 27) * DAY_MS + r.int(9, 18) * 3_600_000, to: support })
  }
  if (r.chance(0.25)) drafts.push({ kind: 'renewal', at: TODAY_MS - r.int(5, 40) * DAY_MS + 10 * 3_600_000, to: domainMail.length > 0 ? domainMail : general })

  const sent = drafts
    // WHMCS sends nothing where nobody receives that kind; the log ends today.
    .filter((draft) => draft.to.length > 0 && draft.at < TODAY_MS + DAY_MS)
    .sort((a, b) => a.at - b.at)
  return sent
    .map((draft, index): LoggedEmail => {
      const [first, ...rest] = draft.to as [Recipient, ...Recipient[]]
      const delivery = deliver(r, draft.to, draft.at, lapses)
      // The very latest e-mail of the day may still wait in the queue.
      const pending = index === sent.length - 1 && draft.at >= TODAY_MS && r.chance(0.5)
      return {
        id: clientId * 1000 + index + 1,
        clientId,
        kind: draft.kind,
        subject: SUBJECTS[draft.kind][language],
        date: dateTime(draft.at),
        to: first.display,
        cc: rest.map((recipient) => recipient.email).join(','),
        greeting: first.name,
        state: pending ? 'pending' : delivery === null ? 'delivered' : 'failed',
        failureReason: pending || delivery === null ? '' : delivery,
        retryCount: pending ? 0 : delivery === null ? 0 : 3,
      }
    })
    .reverse()
}

interface Recipient {
  name: string
  email: string
  /** "Name <address>", as WHMCS writes `to`. */
  display: string
}

/** Who receives one kind of e-mail: the owner unless opted out, then each contact with it on. */
function recipients(
  client: DemoClient,
  contacts: readonly DemoContact[],
  flag: 'invoiceemails' | 'generalemails' | 'supportemails' | 'domainemails',
  owner: boolean,
): Recipient[] {
  const people = [
    ...(owner ? [{ firstname: client.firstname, lastname: client.lastname, email: client.email }] : []),
    ...contacts.filter((contact) => contact[flag] && contact.email !== ''),
  ]
  return people.map(({ firstname, lastname, email }) => {
    const name = `${firstname} ${lastname}`.trim()
    return { name: firstname, email, display: `${name} <${email}>` }
  })
}

/** When mail to each of the client's domains stops arriving: its registration lapsed, or its hosting was suspended. */
function lapsesOf(domains: readonly DemoDomain[], products: readonly DemoProduct[]): Map<string, { at: number; reason: 'expired' | 'suspended' }> {
  const lapses = new Map<string, { at: number; reason: 'expired' | 'suspended' }>()
  const note = (domain: string, at: number, reason: 'expired' | 'suspended') => {
    const known = lapses.get(domain)
    if (known === undefined || at < known.at) lapses.set(domain, { at, reason })
  }
  for (const domain of domains)
    if (domain.status === 'Expired' || domain.status === 'Suspended') note(domain.domainname, Date.parse(domain.expirydate), 'expired')
  const hosted = new Map<string, DemoProduct[]>()
  for (const product of products) if (product.domain !== '') hosted.set(product.domain, [...(hosted.get(product.domain) ?? []), product])
  for (const [domain, services] of hosted) {
    if (services.some((service) => service.status === 'Active')) continue
    note(domain, Math.min(...services.map((service) => Date.parse(service.nextduedate))) + SUSPENSION_GRACE_DAYS * DAY_MS, 'suspended')
  }
  return lapses
}

/** null where the e-mail reached someone; otherwise why it reached nobody, as the mail server answered. */
function deliver(r: Random, to: readonly Recipient[], at: number, lapses: ReadonlyMap<string, { at: number; reason: 'expired' | 'suspended' }>): string | null {
  const reasons = to.map(({ email }) => {
    const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase()
    if (NO_SUCH_DOMAIN.has(domain)) return `550 5.1.2 <${email}>: Recipient address rejected: Domain not found`
    const lapse = lapses.get(domain)
    if (lapse !== undefined && at >= lapse.at) {
      return lapse.reason === 'expired'
        ? `550 5.1.2 <${email}>: Recipient address rejected: Domain not found`
        : `550 5.7.1 <${email}>: Recipient address rejected: account suspended`
    }
    return null
  })
  const reached = reasons.some((reason) => reason === null)
  // A full mailbox now and then, where the e-mail had one recipient only.
  if (reached && to.length === 1 && r.chance(0.02)) return `552 5.2.2 <${to[0]?.email ?? ''}>: Mailbox full`
  return reached ? null : (reasons[0] ?? null)
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n))

function dateTime(ms: number): string {
  const date = new Date(ms)
  return (
    `${date.getUTCFullYear()}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())} ` +
    `${pad2(date.getUTCHours())}:${pad2(date.getUTCMinutes())}:${pad2(date.getUTCSeconds())}`
  )
}

/** The whole HTML body, as WHMCS's log keeps it: what a client must never store. */
export function emailBody(email: LoggedEmail): string {
  const invoice = `#${String(email.id).padStart(7, '0')}`
  return (
    `<p>Olá ${email.greeting},</p>` +
    `<p>${email.subject} ${email.kind === 'ticket' || email.kind === 'renewal' ? '' : invoice}</p>` +
    `<p>Acesse a área do cliente para ver os detalhes.</p><p>Atenciosamente,<br>Hospedagem Demo</p>`
  )
}
