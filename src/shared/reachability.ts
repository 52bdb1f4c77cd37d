// The reachability audit's rules (issue 15): will this client's invoice e-mails and payment reminders reach
// someone, also the day its own domain is suspended for non-payment? What the help article is about, per client.
// Pure, no I/O: facts in (what the cache knows of one client), a verdict out. main runs it over the cache and
// the renderer labels what it finds; O(contacts + domains + reminders) per client, never a look across clients.
import { z } from 'zod'
import { ClientStatus } from './domain'
import { emailDomain, freeMailTypo, isFreeMail, ownDomainOf } from './email-domains'

export const REACHABILITY_RULES = [
  'overdue_notices_off',
  'nobody_on_invoices',
  'own_domain_only',
  'external_contact_invoices_off',
  'free_mail_typo',
  'reminders_failed',
] as const
export const ReachabilityRule = z.enum(REACHABILITY_RULES)
export type ReachabilityRule = z.infer<typeof ReachabilityRule>

/** Worst first. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const
export const Severity = z.enum(SEVERITIES)
export type Severity = z.infer<typeof Severity>

/**
 * One severity per rule.
 * - critical: reminders reach nobody today. Overdue notices off silences every contact whatever its preferences
 *   (docs/WHMCS.md §10); nobody on invoices has no address to send to.
 * - high: reminders reach someone today but are known or bound to fail: every recipient on the client's own
 *   domains goes silent with the suspension this audit is about; failed reminders are the portal's own proof,
 *   though one bounce may be passing (a full mailbox), so not critical.
 * - medium: the fix at hand rather than the risk itself. A contact on another domain with invoice e-mails off shows
 *   only where no working outside address receives invoices, so beside nobody_on_invoices, own_domain_only or a
 *   typo, and is the one-click way out of them; a typo of a free-mail provider bounces or reaches a stranger, but
 *   nobody_on_invoices says when it leaves no one at all, and a near-miss is a guess. A typo'd recipient counts as
 *   outside the client's domains for own_domain_only (the rule as the issue words it), so a client whose only
 *   outside recipient is a typo shows medium findings, not high.
 * - low: unused by these rules; kept for checks to come (duplicates, item 5) so the scale needs no change.
 */
export const RULE_SEVERITY: Readonly<Record<ReachabilityRule, Severity>> = {
  overdue_notices_off: 'critical',
  nobody_on_invoices: 'critical',
  own_domain_only: 'high',
  reminders_failed: 'high',
  external_contact_invoices_off: 'medium',
  free_mail_typo: 'medium',
}

/** As the portal's e-mail log reports a message (GetEmails `pending`, `failed`); unknown where it sends neither. */
export const REMINDER_STATES = ['pending', 'delivered', 'failed', 'unknown'] as const
export const ReminderState = z.enum(REMINDER_STATES)
export type ReminderState = z.infer<typeof ReminderState>

/** A payment reminder from the portal's e-mail log (GetEmails), its body never kept. */
export const ReminderEmail = z.strictObject({
  /** "YYYY-MM-DD HH:MM:SS" as the portal wrote it, or null where it had none. */
  date: z.string().nullable(),
  subject: z.string(),
  /** Its to and cc, each entry as the portal listed it ("Ana <ana@x.com.br>" is read as ana@x.com.br). */
  to: z.array(z.string()),
  cc: z.array(z.string()),
  state: ReminderState,
  /** GetEmails `failure_reason`, or null where there is none or the portal does not report it. */
  failureReason: z.string().nullable(),
})
export type ReminderEmail = z.infer<typeof ReminderEmail>

/** What the cache knows of one client, for judge. null means "not read yet": only opening a client reads it. */
export const ClientFacts = z.strictObject({
  clientId: z.number().int().positive(),
  status: ClientStatus,
  owner: z.strictObject({
    email: z.string(),
    /** The owner's invoice e-mails preference; null until a per-client read (GetClientsDetails) gave it. */
    invoiceEmails: z.boolean().nullable(),
  }),
  /** GetClientsDetails `overideduenotices`; null until a per-client read gave it (GetClients does not). */
  overdueNoticesOff: z.boolean().nullable(),
  /** The client's contacts (7.x sub-accounts are contacts), with their invoice e-mails preference. */
  contacts: z.array(z.strictObject({ localId: z.string().min(1), email: z.string(), invoice: z.boolean() })),
  /** Domains registered for the client (GetClientsDomains). */
  registeredDomains: z.array(z.string()),
  /** The domains of its hosting services (GetClientsProducts), most of them registered elsewhere. */
  productDomains: z.array(z.string()),
  /** The latest payment reminders, newest first as GetEmails lists them; null until the e-mail log was read. */
  reminders: z.array(ReminderEmail).nullable(),
})
export type ClientFacts = z.infer<typeof ClientFacts>

/** An address that receives invoice e-mails: a contact's (its local id) or the owner's (null). */
export const Recipient = z.strictObject({ email: z.string(), localId: z.string().nullable() })
export type Recipient = z.infer<typeof Recipient>

const findingOf = <R extends ReachabilityRule, D extends z.ZodRawShape>(rule: R, detail: D) =>
  z.strictObject({ rule: z.literal(rule), severity: Severity, detail: z.strictObject(detail) })

export const Finding = z.discriminatedUnion('rule', [
  findingOf('overdue_notices_off', {}),
  findingOf('nobody_on_invoices', {}),
  /** The recipients, and the client's own domains they are on. */
  findingOf('own_domain_only', { addresses: z.array(z.string()), domains: z.array(z.string()) }),
  /** The contacts whose invoice e-mails, turned on, would reach outside the client's domains. */
  findingOf('external_contact_invoices_off', { contacts: z.array(z.strictObject({ localId: z.string(), email: z.string() })) }),
  /** Each recipient with a likely typo, and the provider's domain it was meant to be (localId null: the owner). */
  findingOf('free_mail_typo', { typos: z.array(z.strictObject({ localId: z.string().nullable(), email: z.string(), suggestion: z.string() })) }),
  /** The reminders that failed since the last one delivered, newest first. */
  findingOf('reminders_failed', { failed: z.array(ReminderEmail) }),
])
export type Finding = z.infer<typeof Finding>
type FindingOf<R extends ReachabilityRule> = Extract<Finding, { rule: R }>

export const Verdict = z.strictObject({
  clientId: z.number().int().positive(),
  status: ClientStatus,
  /** The worst severity among the findings; null where there are none. */
  severity: Severity.nullable(),
  /** Who receives invoice e-mails as far as is known: the owner unless opted out or not read yet, contacts with them on. */
  recipients: z.array(Recipient),
  /** Worst first, then in REACHABILITY_RULES order. */
  findings: z.array(Finding),
  /** The rules whose verdict depends on a per-client read not done yet (the owner's preference, the switch, the log). */
  notChecked: z.array(ReachabilityRule),
})
export type Verdict = z.infer<typeof Verdict>

/** 0 for critical; where nothing was found, after low. */
export const severityRank = (severity: Severity | null): number => (severity === null ? SEVERITIES.length : SEVERITIES.indexOf(severity))
const STATUS_ORDER: Readonly<Record<ClientStatus, number>> = { Active: 0, Inactive: 1, Closed: 2 }
/** 0 for Active, then Inactive, then Closed: the audit's second key. */
export const statusRank = (status: ClientStatus): number => STATUS_ORDER[status]
const ruleRank = (rule: ReachabilityRule): number => REACHABILITY_RULES.indexOf(rule)

/** The audit's order: worst severity first (clean clients last), then Active before Inactive before Closed, then by id. */
export function rank(a: Pick<Verdict, 'severity' | 'status' | 'clientId'>, b: Pick<Verdict, 'severity' | 'status' | 'clientId'>): number {
  return severityRank(a.severity) - severityRank(b.severity) || STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.clientId - b.clientId
}

/** An address as judge sees it: the client's own domain it is on, or the provider it likely meant. */
type Address<L extends string | null = string | null> = { email: string; localId: L; ownDomain: string | null; typo: string | null }

/** The rules whose verdict turns on the owner's preference; judge asks them once per answer it could get. */
type OwnerRules = Partial<{ [R in 'nobody_on_invoices' | 'own_domain_only' | 'external_contact_invoices_off' | 'free_mail_typo']: FindingOf<R> }>

/**
 * Every rule this client breaks, and what it cannot tell yet. Where the owner's preference is not read, the rules
 * it decides are asked both ways (owner receiving and not): a rule broken either way is a finding, named with what
 * is known for sure (the owner left out); broken one way only, it is not checked yet.
 */
export function judge(facts: ClientFacts): Verdict {
  const own = ownDomainsOfClient(facts)
  const ownerEmail = facts.owner.email.trim()
  const owner = isAddress(ownerEmail) ? addressOf(ownerEmail, null, own) : null
  const contacts: (Address<string> & { invoice: boolean })[] = []
  for (const contact of facts.contacts) {
    const email = contact.email.trim()
    if (isAddress(email)) contacts.push(Object.assign(addressOf(email, contact.localId, own), { invoice: contact.invoice }))
  }
  const receiving = contacts.filter((contact) => contact.invoice)
  const offOutside = contacts.filter((contact) => !contact.invoice && contact.ownDomain === null && contact.typo === null)

  const ask = (ownerReceives: boolean): OwnerRules => ownerRules(ownerReceives && owner ? [owner, ...receiving] : receiving, offOutside)
  const preference = facts.owner.invoiceEmails
  const known = ask(preference === true)
  const other = preference === null ? ask(true) : known

  const findings: Finding[] = []
  const notChecked: ReachabilityRule[] = []
  if (facts.overdueNoticesOff === null) notChecked.push('overdue_notices_off')
  else if (facts.overdueNoticesOff) findings.push({ rule: 'overdue_notices_off', severity: RULE_SEVERITY.overdue_notices_off, detail: {} })
  for (const rule of ['nobody_on_invoices', 'own_domain_only', 'external_contact_invoices_off', 'free_mail_typo'] as const) {
    const finding = known[rule]
    if (finding && other[rule]) findings.push(finding)
    else if (finding || other[rule]) notChecked.push(rule)
  }
  if (facts.reminders === null) notChecked.push('reminders_failed')
  else {
    // A failure to addresses that no longer receive invoices (fixed since, or opted out) is history, not a risk.
    const current = new Set([...(preference !== false && owner ? [owner] : []), ...receiving].map((address) => address.email.toLowerCase()))
    const failed = failedReminders(facts.reminders, current)
    if (failed.length > 0) findings.push({ rule: 'reminders_failed', severity: RULE_SEVERITY.reminders_failed, detail: { failed } })
  }

  findings.sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || ruleRank(a.rule) - ruleRank(b.rule))
  notChecked.sort((a, b) => ruleRank(a) - ruleRank(b))
  const recipients = [...(preference === true && owner ? [owner] : []), ...receiving].map(({ email, localId }) => ({ email, localId }))
  return { clientId: facts.clientId, status: facts.status, severity: findings[0]?.severity ?? null, recipients, findings, notChecked }
}

/** The rules that turn on who receives invoice e-mails, for one set of recipients. */
function ownerRules(recipients: readonly Address[], offOutside: readonly Address<string>[]): OwnerRules {
  const rules: OwnerRules = {}
  if (recipients.length === 0) rules.nobody_on_invoices = { rule: 'nobody_on_invoices', severity: RULE_SEVERITY.nobody_on_invoices, detail: {} }
  else if (recipients.every((recipient) => recipient.ownDomain !== null)) {
    const addresses = recipients.map((recipient) => recipient.email)
    const domains = [...new Set(recipients.flatMap((recipient) => recipient.ownDomain ?? []))]
    rules.own_domain_only = { rule: 'own_domain_only', severity: RULE_SEVERITY.own_domain_only, detail: { addresses, domains } }
  }
  // Wanted only while no working address outside the client's domains receives invoices: then it is the way out.
  if (offOutside.length > 0 && !recipients.some((recipient) => recipient.ownDomain === null && recipient.typo === null)) {
    const contacts = offOutside.map(({ localId, email }) => ({ localId, email }))
    rules.external_contact_invoices_off = { rule: 'external_contact_invoices_off', severity: RULE_SEVERITY.external_contact_invoices_off, detail: { contacts } }
  }
  const typos = recipients.flatMap(({ localId, email, typo }) => (typo === null ? [] : [{ localId, email, suggestion: typo }]))
  if (typos.length > 0) rules.free_mail_typo = { rule: 'free_mail_typo', severity: RULE_SEVERITY.free_mail_typo, detail: { typos } }
  return rules
}

/**
 * The reminders that failed since the last one delivered (newest first; pending and unknown ones tell neither
 * way), to a current recipient or to nobody the log names.
 */
function failedReminders(reminders: readonly ReminderEmail[], current: ReadonlySet<string>): ReminderEmail[] {
  const failed: ReminderEmail[] = []
  for (const reminder of reminders) {
    if (reminder.state === 'delivered') break
    if (reminder.state !== 'failed') continue
    const to = [...reminder.to, ...reminder.cc].flatMap(addressesIn)
    if (to.length === 0 || to.some((email) => current.has(email))) failed.push(reminder)
  }
  return failed
}

/** The bare, lowercased addresses in a to/cc entry ("Ana <Ana@X.com.br>, b@y.com" → two). */
const addressesIn = (text: string): string[] => (text.match(/[^\s<>,;"']+@[^\s<>,;"']+/g) ?? []).map((email) => email.toLowerCase())

/** Something mail can be sent to: a local part, an @, a domain with a dot (WHMCS itself accepts little else). */
const isAddress = (email: string): boolean => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)

function addressOf<L extends string | null>(email: string, localId: L, own: ReadonlySet<string>): Address<L> {
  const ownDomain = ownDomainOf(email, own)
  // An address on a domain the client holds is never a typo, whatever it looks like.
  const typo = ownDomain === null ? freeMailTypo(email) : null
  return { email, localId, ownDomain, typo: typo?.certain ? typo.suggestion : null }
}

/**
 * The client's own domains, whose suspension would silence an address on them or on a sub-domain: its registered
 * domains, its hosting services' domains and the owner's e-mail domain, never free mail (never suspended) nor the
 * owner's likely typo of it (joao@gmial.com owns no gmial.com).
 */
function ownDomainsOfClient(facts: ClientFacts): Set<string> {
  const own = new Set<string>()
  for (const domains of [facts.registeredDomains, facts.productDomains])
    for (const domain of domains) {
      const clean = cleanDomain(domain)
      if (clean.includes('.') && !isFreeMail(clean)) own.add(clean)
    }
  const owner = emailDomain(facts.owner.email).replace(/\.$/, '')
  if (owner.includes('.') && !isFreeMail(owner) && !freeMailTypo(owner)?.certain) own.add(owner)
  return own
}

/** Already a bare, lowercased domain, as the cache stores nearly all of them: nothing for cleanDomain to do. */
const BARE_DOMAIN = /^(?!www\.)[a-z0-9-]+(?:\.[a-z0-9-]+)+$/

/** A domain as staff typed it on a service ("https://www.Padaria.com.br/loja" → padaria.com.br). */
function cleanDomain(domain: string): string {
  if (BARE_DOMAIN.test(domain)) return domain
  return domain
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/[/?#:].*$/, '')
    .replace(/\.$/, '')
    .replace(/^www\./, '')
}
