// The demo portal's data: a deterministic generator of realistic pt-BR clients, their contacts, logins
// (8.x users), domains, hosting services and e-mail preferences, including on purpose the cases Contact Desk's
// reachability audit must find. The schema lives in schema.ts (re-exported here).
import {
  ACCOUNTING_FIRMS,
  ADDRESS2_VALUES,
  BUSINESS_KINDS,
  BUSINESS_NAMES,
  CLIENT_MAILBOXES,
  COMPANY_SUFFIX_WEIGHTS,
  COMPANY_SUFFIXES,
  COMPOUND_FIRST_NAMES,
  DOMAIN_SUFFIX_WEIGHTS,
  DOMAIN_SUFFIXES,
  FIRST_NAMES,
  FREE_MAIL_DOMAINS,
  JOINED_SURNAMES,
  STATES,
  STREET_NAMES,
  STREET_TYPES,
  SURNAMES,
  TYPO_MAIL_DOMAINS,
  type City,
  type State,
} from './brazil'
import { fakeHash } from './password-hash'
import { createRandom, cumulative, type Random } from './prng'
import {
  CLIENT_STATUSES,
  NO_TIMESTAMP,
  PERMISSIONS,
  type DemoClient,
  type DemoContact,
  type DemoDomain,
  type DemoProduct,
  type DemoState,
  type DemoUser,
  type EmailPreferences,
  type Permission,
} from './schema'
import { formatCnpj, formatCpf } from './tax-id'
import { asciiFold } from './text'

export * from './schema'

export interface GenerateOptions {
  seed: number
  clients: number
  /**
   * Contacts per client on average, from BASE_CONTACTS_PER_CLIENT up: the extra ones are technical contacts on the
   * client's own domain (no invoice e-mail), so every client stays in its reachability case. Left out, the data
   * is exactly what the seed always gave.
   */
  contactsPerClient?: number
}

/**
 * The reachability cases, one per client, at these shares (percent). Each client is built so that it
 * falls in exactly its case:
 * - own-domain-only: everyone who receives invoices (the owner, contacts with invoice e-mails on) is on
 *   the client's own domain, which is what gets suspended when the client does not pay;
 * - second-contact-off: the same, plus an outside "second contact" (free mail) with invoice e-mails off,
 *   as WHMCS creates contacts by default, so it protects nobody;
 * - nobody-invoiced: nobody receives invoice e-mails at all;
 * - free-mail-typo: the only outside invoice recipient is on a misspelt free-mail domain (gmial.com, …);
 * - reachable: someone on a correctly spelt free-mail domain receives invoices.
 */
export const AUDIT_CASE_SHARES = {
  'own-domain-only': 40,
  'second-contact-off': 10,
  'nobody-invoiced': 5,
  'free-mail-typo': 6,
  reachable: 39,
} as const
export type AuditCase = keyof typeof AUDIT_CASE_SHARES
const AUDIT_CASES = Object.keys(AUDIT_CASE_SHARES) as AuditCase[]
const AUDIT_CASE_WEIGHTS = cumulative(Object.values(AUDIT_CASE_SHARES))

/** How many contacts each case gets: [counts, weights]. */
const CONTACT_COUNTS: Record<AuditCase, [number[], number[]]> = {
  'own-domain-only': [
    [0, 1, 2, 3],
    [45, 30, 17, 8],
  ],
  'second-contact-off': [
    [1, 2, 3],
    [60, 28, 12],
  ],
  'nobody-invoiced': [
    [0, 1, 2],
    [40, 40, 20],
  ],
  'free-mail-typo': [
    [1, 2, 3],
    [60, 28, 12],
  ],
  reachable: [
    [1, 2, 3],
    [55, 30, 15],
  ],
}
/** The contacts per client the cases above give on average (about 1.26). */
export const BASE_CONTACTS_PER_CLIENT = AUDIT_CASES.reduce((sum, name) => {
  const [counts, weights] = CONTACT_COUNTS[name]
  const total = weights.reduce((a, b) => a + b, 0)
  return sum + (AUDIT_CASE_SHARES[name] / 100) * counts.reduce((mean, count, index) => mean + (count * (weights[index] ?? 0)) / total, 0)
}, 0)
const CONTACT_COUNT_WEIGHTS = Object.fromEntries(AUDIT_CASES.map((name) => [name, cumulative(CONTACT_COUNTS[name][1])])) as Record<
  AuditCase,
  ReturnType<typeof cumulative>
>

const DAY_MS = 86_400_000
const FIRST_DAY_MS = Date.UTC(2012, 0, 1)
/** A fixed end, not "now": the same seed must give the same data whenever it runs. */
const LAST_DAY_MS = Date.UTC(2026, 1, 28)
const TOTAL_DAYS = (LAST_DAY_MS - FIRST_DAY_MS) / DAY_MS + 1
/** Domains registered on the last sign-up day for 3 years expire in 2029. */
const CALENDAR_DAYS = (Date.UTC(2030, 11, 31) - FIRST_DAY_MS) / DAY_MS + 1
/** "YYYY-MM-DD" of every day in the range, built once: formatting a Date per record is the slow part. */
const DAYS: readonly string[] = Array.from({ length: CALENDAR_DAYS }, (_, day) => new Date(FIRST_DAY_MS + day * DAY_MS).toISOString().slice(0, 10))
const FIRST_DAY_OF_2016 = (Date.UTC(2016, 0, 1) - FIRST_DAY_MS) / DAY_MS
/** The day the data is "as of": domains' expiry dates are spread around it. */
const TODAY = TOTAL_DAYS - 1

const STATE_WEIGHTS = cumulative(STATES.map((state) => state.weight))
const SUFFIX_WEIGHTS = cumulative(COMPANY_SUFFIX_WEIGHTS)
const DOMAIN_WEIGHTS = cumulative(DOMAIN_SUFFIX_WEIGHTS)
const STATUS_WEIGHTS = cumulative([85, 11, 4])

type EmailFlags = Pick<DemoContact, 'generalemails' | 'productemails' | 'domainemails' | 'invoiceemails' | 'supportemails' | 'affiliateemails'>
const flags = (general: boolean, product: boolean, domain: boolean, invoice: boolean, support: boolean): EmailFlags => ({
  generalemails: general,
  productemails: product,
  domainemails: domain,
  invoiceemails: invoice,
  supportemails: support,
  affiliateemails: false,
})
/** What a contact is there for decides which e-mails it gets: billing, technical, everything, or nothing. */
const BILLING = flags(true, false, false, true, false)
const TECHNICAL = flags(true, true, true, false, true)
const EVERYTHING = flags(true, true, true, true, true)
/** WHMCS's default for a new contact (docs/WHMCS.md §5): no e-mail at all. */
const NOTHING = flags(false, false, false, false, false)
const ANY_ROLE: readonly EmailFlags[] = [BILLING, TECHNICAL, EVERYTHING, NOTHING]
const ANY_ROLE_WEIGHTS = cumulative([35, 30, 25, 10])
const INVOICED_ROLE: readonly EmailFlags[] = [BILLING, EVERYTHING]
const INVOICED_ROLE_WEIGHTS = cumulative([60, 40])
const UNINVOICED_ROLE: readonly EmailFlags[] = [TECHNICAL, NOTHING, flags(true, false, false, false, false)]
const UNINVOICED_ROLE_WEIGHTS = cumulative([45, 40, 15])

/** Where a contact's mailbox is: on the client's domain, on free mail, or on a misspelt free-mail domain. */
type MailHome = 'own' | 'free' | 'typo'

/**
 * Permission presets staff actually use (Financeiro, Técnico, Acesso total), and a few odd mixes. Each in the canonical order
 * (PERMISSIONS), which is how the portal stores and answers them (README "Our choices").
 */
const PRESETS: readonly (readonly Permission[])[] = [
  ['invoices', 'quotes', 'emails', 'orders'],
  ['products', 'productsso', 'domains', 'managedomains', 'tickets'],
  PERMISSIONS,
  ['profile', 'contacts', 'invoices', 'tickets'],
  ['invoices'],
]
const PRESET_WEIGHTS = cumulative([40, 30, 15, 10, 5])
const FINANCE = PRESETS[0] ?? []

const DOMAIN_STATUS_WEIGHTS = cumulative([80, 4, 10, 6])
const EXTRA_DOMAIN_COUNTS = [0, 1, 2]
const EXTRA_DOMAIN_WEIGHTS = cumulative([70, 22, 8])
const EXTRA_USER_KINDS = ['contact', 'standalone', 'shared'] as const
const EXTRA_USER_WEIGHTS = cumulative([45, 35, 20])

/** The portal's catalogue of hosting products: [pid, name, group, billing cycle, price], and how often each is ordered. */
const PRODUCT_CATALOGUE: readonly Pick<DemoProduct, 'pid' | 'name' | 'groupname' | 'billingcycle' | 'recurringamount'>[] = [
  { pid: 1, name: 'Hospedagem Básica', groupname: 'Hospedagem de Sites', billingcycle: 'Monthly', recurringamount: '24.90' },
  { pid: 2, name: 'Hospedagem Profissional', groupname: 'Hospedagem de Sites', billingcycle: 'Monthly', recurringamount: '49.90' },
  { pid: 3, name: 'Hospedagem Básica Anual', groupname: 'Hospedagem de Sites', billingcycle: 'Annually', recurringamount: '249.00' },
  { pid: 4, name: 'E-mail Profissional', groupname: 'E-mail', billingcycle: 'Monthly', recurringamount: '14.90' },
  { pid: 5, name: 'Loja Virtual', groupname: 'Comércio Eletrônico', billingcycle: 'Quarterly', recurringamount: '179.70' },
  { pid: 6, name: 'Revenda Prata', groupname: 'Revenda', billingcycle: 'Monthly', recurringamount: '89.90' },
]
const CATALOGUE_WEIGHTS = cumulative([35, 20, 15, 18, 7, 5])
const CYCLE_DAYS: Record<DemoProduct['billingcycle'], number> = { Monthly: 30, Quarterly: 91, Annually: 365 }
const SERVICE_COUNTS = [0, 1, 2]
const SERVICE_COUNT_WEIGHTS = cumulative([35, 45, 20])
const SERVICE_STATUS_WEIGHTS = cumulative([85, 9, 6])
/** What a site registered elsewhere is called when the client's own domain is a .com.br already. */
const ELSEWHERE_WORDS = ['online', 'digital', 'web', 'site']
/** Hosting services are drawn from a stream of their own (seed ^ this): what a seed gave before they existed is unchanged. */
const HOSTING_STREAM = 0x6b7a3c15
/** The clients whose overdue notices staff switched off, from a stream of their own too; a few in a hundred. */
const OVERDUE_NOTICES_STREAM = 0x2c91e4d7
const OVERDUE_NOTICES_OFF_SHARE = 0.03

type Address = Pick<DemoClient, 'address1' | 'address2' | 'city' | 'state' | 'postcode' | 'country'>
/** Where someone lives: the city's DDD goes into the phone number. */
interface Place {
  state: State
  city: City
}

/** Same seed and size → the same state, on any machine. */
export function generateDemoState({ seed, clients: count, contactsPerClient }: GenerateOptions): DemoState {
  if (contactsPerClient !== undefined && !(contactsPerClient >= BASE_CONTACTS_PER_CLIENT)) {
    throw new RangeError(`contactsPerClient must be at least ${BASE_CONTACTS_PER_CLIENT.toFixed(2)}, the demo's own mix`)
  }
  const extra = contactsPerClient === undefined ? 0 : contactsPerClient - BASE_CONTACTS_PER_CLIENT
  const random = createRandom(seed)
  const generator = new Generator(random)
  const clients: DemoClient[] = []
  const contacts: DemoContact[] = []
  const domains: DemoDomain[] = []
  /** Each client's sign-up day and registered domains, for its hosting services. */
  const signUps: { day: number; registered: string[] }[] = []
  for (let index = 0; index < count; index++) {
    // Spread over the date range in id order: WHMCS ids grow with the sign-up date.
    const day = Math.floor(((index + random.next()) / count) * TOTAL_DAYS)
    const state = random.pickWeighted(STATES, STATE_WEIGHTS)
    const place = { state, city: random.pick(state.cities) }
    const client = generator.client(index + 1, day, place)
    clients.push(client)
    const auditCase = random.pickWeighted(AUDIT_CASES, AUDIT_CASE_WEIGHTS)
    const own = generator.contactsFor(auditCase, client, day, place, contacts.length + 1)
    if (extra > 0) own.push(...generator.technicalContacts(extra, client, day, place, contacts.length + own.length + 1))
    contacts.push(...own)
    client.email_preferences = generator.ownerPreferences(auditCase, own)
    generator.users(client, day, own)
    const registered = generator.domainsFor(client, day, domains.length + 1)
    domains.push(...registered)
    signUps.push({ day, registered: registered.map((domain) => domain.domainname) })
  }
  // Once every registered domain is claimed, so a domain registered elsewhere is none of them.
  const hosting = createRandom((seed ^ HOSTING_STREAM) >>> 0)
  const products: DemoProduct[] = []
  clients.forEach((client, index) => {
    const { day, registered } = signUps[index] ?? { day: 0, registered: [client.domain] }
    products.push(...generator.hostingFor(hosting, client, day, registered, products.length + 1))
  })
  const overdue = createRandom((seed ^ OVERDUE_NOTICES_STREAM) >>> 0)
  for (const client of clients) client.overideduenotices = overdue.chance(OVERDUE_NOTICES_OFF_SHARE)
  return { version: 2, seed, clients, contacts, users: generator.allUsers, domains, products, invites: [], activity: [] }
}

/** Keeps what must be unique across the portal: domains, free-mail addresses, CPFs/CNPJs, users. */
class Generator {
  readonly allUsers: DemoUser[] = []
  private readonly owners: DemoUser[] = []
  private readonly accountants: DemoUser[] = []
  private readonly domains = new UniqueNames()
  private readonly freeMail = new UniqueNames()
  private readonly cpfs: UniqueNumbers
  private readonly cnpjs: UniqueNumbers
  /** The addresses used on the current client's domain: its people only need to be unique among themselves. */
  private mailboxes: string[] = []

  constructor(private readonly random: Random) {
    this.cpfs = new UniqueNumbers(1_000_000_000, random.int(0, 999_999_999))
    this.cnpjs = new UniqueNumbers(100_000_000, random.int(0, 99_999_999))
  }

  client(id: number, day: number, place: Place): DemoClient {
    const r = this.random
    const { firstname, lastname } = this.person()
    const companyname = r.chance(0.6) ? this.company() : ''
    const domain = this.domain(companyname === '' ? personLabel(firstname, lastname) : companyLabel(companyname))
    const mailbox = companyname !== '' && r.chance(0.7) ? r.pick(CLIENT_MAILBOXES) : personMailbox(r, firstname, lastname)
    const email = `${mailbox}@${domain}`
    this.mailboxes = [email]
    return {
      id,
      firstname,
      lastname,
      companyname,
      email,
      domain,
      ...this.address(place),
      phonenumber: this.phone(place.city, r.chance(0.7)),
      // Drawn after every client, from its own stream (generateDemoState).
      overideduenotices: false,
      tax_id: this.taxId(companyname === '' ? 'cpf' : 'cnpj'),
      datecreated: DAYS[day] ?? '',
      groupid: r.chance(0.9) ? 0 : r.int(1, 2),
      status: r.pickWeighted(CLIENT_STATUSES, STATUS_WEIGHTS),
      // Settled once the contacts are known (ownerPreferences).
      email_preferences: { general: true, product: true, domain: true, invoice: true, support: true, affiliate: false },
    }
  }

  /** The client's contacts, built so that the client falls in `auditCase` (see AUDIT_CASE_SHARES). */
  contactsFor(auditCase: AuditCase, client: DemoClient, day: number, place: Place, firstId: number): DemoContact[] {
    const r = this.random
    const [counts] = CONTACT_COUNTS[auditCase]
    const count = r.pickWeighted(counts, CONTACT_COUNT_WEIGHTS[auditCase])
    const contacts: DemoContact[] = []
    const add = (home: MailHome, role: EmailFlags): void => {
      contacts.push(this.contact(firstId + contacts.length, client, day, place, home, role))
    }
    const anyRole = (): EmailFlags => r.pickWeighted(ANY_ROLE, ANY_ROLE_WEIGHTS)
    const invoiced = (): EmailFlags => r.pickWeighted(INVOICED_ROLE, INVOICED_ROLE_WEIGHTS)
    const uninvoiced = (): EmailFlags => r.pickWeighted(UNINVOICED_ROLE, UNINVOICED_ROLE_WEIGHTS)
    switch (auditCase) {
      case 'own-domain-only':
        for (let n = 0; n < count; n++) add('own', anyRole())
        break
      case 'second-contact-off':
        // Most often exactly WHMCS's default for a new contact: nothing ticked.
        add('free', r.chance(0.7) ? NOTHING : uninvoiced())
        for (let n = 1; n < count; n++) add('own', anyRole())
        break
      case 'nobody-invoiced':
        for (let n = 0; n < count; n++) add(r.chance(0.5) ? 'own' : 'free', uninvoiced())
        break
      case 'free-mail-typo':
        add('typo', invoiced())
        for (let n = 1; n < count; n++) add('own', anyRole())
        break
      case 'reachable':
        add('free', invoiced())
        for (let n = 1; n < count; n++) add(r.chance(0.5) ? 'own' : 'free', anyRole())
        break
    }
    // The outside contact is not always the first one listed.
    if (contacts.length > 1 && r.chance(0.4)) {
      const [first, second] = [contacts[0], contacts[1]]
      if (first !== undefined && second !== undefined) {
        contacts[0] = { ...second, id: first.id }
        contacts[1] = { ...first, id: second.id }
      }
    }
    return contacts
  }

  /** About `mean` more contacts (a whole part, then one more by chance) for the technical side, on the client's domain. */
  technicalContacts(mean: number, client: DemoClient, day: number, place: Place, firstId: number): DemoContact[] {
    const count = Math.floor(mean) + (this.random.chance(mean - Math.floor(mean)) ? 1 : 0)
    return Array.from({ length: count }, (_, n) => this.contact(firstId + n, client, day, place, 'own', TECHNICAL))
  }

  /**
   * The owner's own preferences: invoices on unless the case says nobody gets them; domain e-mails may be
   * off only when a contact receives them (WHMCS's ICANN rule, docs/WHMCS.md §5).
   */
  ownerPreferences(auditCase: AuditCase, contacts: readonly DemoContact[]): EmailPreferences {
    const r = this.random
    const domainElsewhere = contacts.some((contact) => contact.domainemails)
    return {
      general: r.chance(0.95),
      product: r.chance(0.9),
      domain: !domainElsewhere || r.chance(0.85),
      invoice: auditCase !== 'nobody-invoiced' && (auditCase !== 'reachable' || r.chance(0.85)),
      support: r.chance(0.9),
      affiliate: r.chance(0.3),
    }
  }

  /**
   * The client's logins (8.x): its owner, with the client's e-mail; 7.x sub-accounts converted by the
   * upgrade (most of them); and sometimes one or two more: a contact who also logs in, a login that is
   * no contact, or someone who reaches several clients (an accounting office, another client's owner).
   */
  users(client: DemoClient, day: number, contacts: readonly DemoContact[]): void {
    const r = this.random
    const owner = this.user(client.firstname, client.lastname, client.email, day, true)
    owner.clients.push({ clientid: client.id, owner: true, permissions: [] })
    const previousOwner = this.owners.length > 0 ? r.pick(this.owners) : undefined
    this.owners.push(owner)

    const withLogin = new Set<DemoContact>()
    const link = (user: DemoUser, permissions: readonly Permission[]): void => {
      if (!user.clients.some((existing) => existing.clientid === client.id)) {
        user.clients.push({ clientid: client.id, owner: false, permissions: [...permissions] })
      }
    }
    for (const contact of contacts) {
      if (contact.subaccount && r.chance(0.7)) {
        withLogin.add(contact)
        link(this.user(contact.firstname, contact.lastname, contact.email, day), contact.permissions)
      }
    }
    if (!r.chance(0.22)) return
    const extra = r.chance(0.7) ? 1 : 2
    for (let n = 0; n < extra; n++) {
      const kind = r.pickWeighted(EXTRA_USER_KINDS, EXTRA_USER_WEIGHTS)
      const preset = r.pickWeighted(PRESETS, PRESET_WEIGHTS)
      const contact = contacts.find((candidate) => !withLogin.has(candidate) && candidate.email !== '')
      if (kind === 'contact' && contact !== undefined) {
        withLogin.add(contact)
        link(this.user(contact.firstname, contact.lastname, contact.email, day), preset)
      } else if (kind === 'shared' && previousOwner !== undefined && r.chance(0.5)) {
        link(previousOwner, preset)
      } else if (kind === 'shared') {
        link(this.accountant(day), FINANCE)
      } else {
        const { firstname, lastname } = this.person()
        const mailbox = personMailbox(r, firstname, lastname)
        const email = r.chance(0.6) ? this.ownMailbox(mailbox, client.domain) : this.freeMailAddress(`${mailbox}${r.int(1, 99)}`, r.pick(FREE_MAIL_DOMAINS))
        link(this.user(firstname, lastname, email, day), preset)
      }
    }
  }

  /** The client's own domain and sometimes one or two more, with statuses and dates around TODAY. */
  domainsFor(client: DemoClient, clientDay: number, firstId: number): DemoDomain[] {
    const r = this.random
    const names = [client.domain]
    const extra = r.pickWeighted(EXTRA_DOMAIN_COUNTS, EXTRA_DOMAIN_WEIGHTS)
    // "padaria2.com.br" is the second Padaria's: its other domains are named after "padaria".
    const label = client.domain.slice(0, client.domain.indexOf('.')).replace(/\d+$/, '')
    for (let n = 0; n < extra; n++) names.push(this.domain(n === 0 ? label : `${label}loja`))
    return names.map((domainname, n) => {
      const closed = client.status !== 'Active'
      let status = closed
        ? r.chance(0.6)
          ? 'Expired'
          : 'Suspended'
        : r.pickWeighted(['Active', 'Pending', 'Expired', 'Suspended'] as const, DOMAIN_STATUS_WEIGHTS)
      const regperiod = r.chance(0.8) ? 1 : r.int(2, 3)
      let regday = Math.min(TODAY, clientDay + (n === 0 ? r.int(0, 3) : r.int(0, TODAY - clientDay)))
      let expiry: number
      if (status === 'Pending') {
        regday = TODAY - r.int(0, 10)
        expiry = regday + 365 * regperiod
      } else if (status === 'Active') {
        expiry = TODAY + r.int(1, 365)
      } else {
        expiry = TODAY - (status === 'Suspended' ? r.int(1, 60) : r.int(1, 700))
      }
      // A domain cannot expire before its first term ends: too young to have lapsed means it is active.
      if (expiry < regday + 365) {
        status = 'Active'
        expiry = Math.max(regday + 365 * regperiod, TODAY + 1)
      }
      const expirydate = DAYS[expiry] ?? ''
      return {
        id: firstId + n,
        userid: client.id,
        domainname,
        status,
        regdate: DAYS[regday] ?? '',
        expirydate,
        // Usually billed on the expiry date, sometimes two weeks ahead of it.
        nextduedate: r.chance(0.85) ? expirydate : (DAYS[expiry - 14] ?? expirydate),
        registrar: domainname.endsWith('.br') ? 'registrobr' : 'enom',
        regperiod,
        recurringamount: domainname.endsWith('.br') ? '40.00' : '69.90',
      }
    })
  }

  /**
   * The client's hosting services (0–2), drawn from `r`: on its own domain, on another it registered here, or
   * on a .com.br it registered elsewhere (Registro.br: GetClientsDomains does not list it); a second service is
   * often the first one's e-mail, on the same domain. A closed client's services are suspended or terminated.
   */
  hostingFor(r: Random, client: DemoClient, clientDay: number, registered: readonly string[], firstId: number): DemoProduct[] {
    const count = r.pickWeighted(SERVICE_COUNTS, SERVICE_COUNT_WEIGHTS)
    const services: DemoProduct[] = []
    for (let n = 0; n < count; n++) {
      const plan = r.pickWeighted(PRODUCT_CATALOGUE, CATALOGUE_WEIGHTS)
      const where = r.next()
      const first = services[0]
      const domain =
        first !== undefined && where < 0.4
          ? first.domain
          : where < 0.6
            ? client.domain
            : where < 0.75
              ? r.pick(registered)
              : this.registeredElsewhere(r, client.domain)
      const status =
        client.status === 'Active'
          ? r.pickWeighted(['Active', 'Suspended', 'Terminated'] as const, SERVICE_STATUS_WEIGHTS)
          : r.chance(0.7)
            ? 'Terminated'
            : 'Suspended'
      const regday = Math.min(TODAY, clientDay + (n === 0 ? r.int(0, 30) : r.int(0, TODAY - clientDay)))
      const cycle = CYCLE_DAYS[plan.billingcycle]
      // Active: paid up to a day within the cycle; suspended for an unpaid invoice weeks ago; terminated long since.
      const due = status === 'Active' ? TODAY + r.int(1, cycle) : Math.max(regday, TODAY - (status === 'Suspended' ? r.int(1, 60) : r.int(61, 900)))
      services.push({
        id: firstId + n,
        clientid: client.id,
        ...plan,
        domain,
        status,
        regdate: DAYS[regday] ?? '',
        nextduedate: DAYS[due] ?? '',
        username: `${domain.slice(0, Math.min(7, domain.indexOf('.')))}${r.int(0, 9)}`,
      })
    }
    return services
  }

  /** A .com.br the client registered with another registrar: its own name where its domain is not a .com.br. */
  private registeredElsewhere(r: Random, own: string): string {
    const dot = own.indexOf('.')
    const label = own.slice(0, dot).replace(/\d+$/, '')
    const name = own.slice(dot) === '.com.br' ? `${label}${r.pick(ELSEWHERE_WORDS)}` : label
    return this.domains.claim(`${name}.com.br`, (n) => `${name}${n}.com.br`)
  }

  /** `home` says where the mailbox lives; `role` which e-mails the contact receives. */
  private contact(id: number, client: DemoClient, clientDay: number, clientPlace: Place, home: MailHome, role: EmailFlags): DemoContact {
    const r = this.random
    const { firstname, lastname } = this.person()
    const mailbox = personMailbox(r, firstname, lastname)
    const email =
      home === 'own'
        ? this.ownMailbox(mailbox, client.domain)
        : this.freeMailAddress(r.chance(0.6) ? `${mailbox}${r.int(1, 99)}` : mailbox, r.pick(home === 'free' ? FREE_MAIL_DOMAINS : TYPO_MAIL_DOMAINS))
    // Most contacts share the client's address; others live elsewhere in the same state.
    const sameAddress = r.chance(0.7)
    const place = sameAddress ? clientPlace : { state: clientPlace.state, city: r.pick(clientPlace.state.cities) }
    const [created_at, updated_at] = this.contactTimes(clientDay)
    // 7.x sub-accounts log in with their own password; WHMCS gave other contacts a random one too.
    const subaccount = r.chance(0.12)
    return {
      id,
      userid: client.id,
      firstname,
      lastname,
      companyname: r.chance(0.6) ? client.companyname : '',
      email,
      ...(sameAddress ? clientAddress(client) : this.address(place)),
      phonenumber: r.chance(0.8) ? this.phone(place.city, r.chance(0.85)) : '',
      tax_id: r.chance(0.25) ? this.taxId('cpf') : '',
      ...role,
      created_at,
      updated_at,
      subaccount,
      password: subaccount || r.chance(0.5) ? fakeHash(r) : '',
      permissions: subaccount ? [...r.pickWeighted(PRESETS, PRESET_WEIGHTS)] : [],
    }
  }

  /** A new login; an owner's is created with the client, others the same day or later. */
  private user(firstname: string, lastname: string, email: string, day: number, signUp = false): DemoUser {
    const r = this.random
    const created = signUp || r.chance(0.7) ? day : r.int(day, TODAY)
    const user: DemoUser = {
      id: this.allUsers.length + 1,
      firstname,
      lastname,
      email,
      datecreated: dateTime(created * 86_400 + r.int(8 * 3600, 20 * 3600)),
      clients: [],
    }
    this.allUsers.push(user)
    return user
  }

  /** An accounting office's login, shared by several clients: reused more often than created. */
  private accountant(day: number): DemoUser {
    const r = this.random
    const existing = this.accountants.length > 0 && r.chance(0.75) ? r.pick(this.accountants) : undefined
    if (existing !== undefined) return existing
    const { firstname, lastname } = this.person()
    const firm = this.domain(`${r.pick(ACCOUNTING_FIRMS)}${fold(lastWord(lastname))}`)
    const user = this.user(firstname, lastname, `${personMailbox(r, firstname, lastname)}@${firm}`, day)
    this.accountants.push(user)
    return user
  }

  /** An address on the client's domain not yet used by one of its people. */
  private ownMailbox(mailbox: string, domain: string): string {
    let email = `${mailbox}@${domain}`
    for (let n = 2; this.mailboxes.includes(email); n++) email = `${mailbox}${n}@${domain}`
    this.mailboxes.push(email)
    return email
  }

  private person(): { firstname: string; lastname: string } {
    const r = this.random
    const firstname = r.chance(0.12) ? r.pick(COMPOUND_FIRST_NAMES) : r.pick(FIRST_NAMES)
    const shape = r.next()
    const lastname =
      shape < 0.4
        ? r.pick(SURNAMES)
        : shape < 0.75
          ? `${r.pick(SURNAMES)} ${r.pick(SURNAMES)}`
          : shape < 0.95
            ? `${r.pick(SURNAMES)} ${r.pick(JOINED_SURNAMES)}`
            : r.pick(JOINED_SURNAMES)
    return { firstname, lastname }
  }

  private company(): string {
    const r = this.random
    const shape = r.next()
    const name =
      shape < 0.7
        ? `${r.pick(BUSINESS_KINDS)} ${r.pick(BUSINESS_NAMES)}`
        : shape < 0.85
          ? `${r.pick(SURNAMES)} & Filhos`
          : `${r.pick(BUSINESS_KINDS)} Irmãos ${r.pick(SURNAMES)}`
    return `${name} ${r.pickWeighted(COMPANY_SUFFIXES, SUFFIX_WEIGHTS)}`
  }

  private domain(label: string): string {
    const suffix = this.random.pickWeighted(DOMAIN_SUFFIXES, DOMAIN_WEIGHTS)
    // Labels never end in a digit, so "padariasaojose2.com.br" cannot be another client's first choice.
    return this.domains.claim(`${label}${suffix}`, (n) => `${label}${n}${suffix}`)
  }

  private freeMailAddress(mailbox: string, domain: string): string {
    // Mailboxes never end in "." and digits, so "maria.2@gmail.com" cannot be someone's first choice.
    return this.freeMail.claim(`${mailbox}@${domain}`, (n) => `${mailbox}.${n}@${domain}`)
  }

  private taxId(kind: 'cpf' | 'cnpj'): string {
    return kind === 'cpf' ? formatCpf(this.cpfs.next()) : formatCnpj(this.cnpjs.next())
  }

  private address({ state, city }: Place): Address {
    const r = this.random
    const cep = String(r.int(city.cepFrom, city.cepTo) * 1000 + r.int(0, 999)).padStart(8, '0')
    return {
      address1: `${r.pick(STREET_TYPES)} ${r.pick(STREET_NAMES)}, ${r.int(1, 3999)}`,
      address2: r.chance(0.4) ? r.pick(ADDRESS2_VALUES) : '',
      city: city.name,
      state: state.uf,
      postcode: `${cep.slice(0, 5)}-${cep.slice(5)}`,
      country: 'BR',
    }
  }

  /** WHMCS's "+55.<DDD><number>": mobiles have 9 digits starting with 9, landlines 8 starting with 2–5. */
  private phone(city: City, mobile: boolean): string {
    const r = this.random
    const rest = String(r.int(0, 9_999_999)).padStart(7, '0')
    return `+55.${city.ddd}${mobile ? `9${r.int(6, 9)}` : r.int(2, 5)}${rest}`
  }

  /** Contacts of pre-2016 clients sometimes still carry the legacy zero timestamps (docs/WHMCS.md §6). */
  private contactTimes(clientDay: number): [string, string] {
    const r = this.random
    if (clientDay < FIRST_DAY_OF_2016 && r.chance(0.25)) return [NO_TIMESTAMP, NO_TIMESTAMP]
    const totalSeconds = TOTAL_DAYS * 86_400
    const created = clientDay * 86_400 + Math.floor(r.next() * (totalSeconds - clientDay * 86_400))
    const updated = r.chance(0.4) ? created : created + Math.floor(r.next() * (totalSeconds - created))
    return [dateTime(created), dateTime(updated)]
  }
}

/**
 * Hands out a name, or its n-th variant when the name was already taken. Only sound when no variant can
 * equal another name, which the callers guarantee by the shape of their names: variants end in a
 * number, first choices never do (remembering every name instead costs a third of the generation time).
 */
class UniqueNames {
  private readonly counts = new Map<string, number>()

  claim(name: string, variant: (n: number) => string): string {
    const count = (this.counts.get(name) ?? 0) + 1
    this.counts.set(name, count)
    return count === 1 ? name : variant(count)
  }
}

/**
 * Distinct, random-looking numbers below `size` without remembering them: k ↦ (offset + k·step) mod size
 * is a bijection because the step is coprime with the (power-of-ten) size.
 */
class UniqueNumbers {
  private static readonly STEP = 387_420_489 // 3^18
  private count = 0

  constructor(
    private readonly size: number,
    private readonly offset: number,
  ) {}

  next(): number {
    for (;;) {
      const value = (this.offset + ++this.count * UniqueNumbers.STEP) % this.size
      // All-equal digits ("111.111.111-11") pass the check-digit test but are not valid documents.
      if (value % ((this.size - 1) / 9) !== 0) return value
    }
  }
}

function clientAddress(client: DemoClient): Address {
  const { address1, address2, city, state, postcode, country } = client
  return { address1, address2, city, state, postcode, country }
}

/** "Maria José" "Ferreira da Silva" → "mariajose.silva", "mariajose" or "mariajosesilva". */
function personMailbox(r: Random, firstname: string, lastname: string): string {
  const shape = r.next()
  if (shape < 0.45) return `${fold(firstname)}.${fold(lastWord(lastname))}`
  if (shape < 0.85) return fold(firstname)
  return `${fold(firstname)}${fold(lastWord(lastname))}`
}

function personLabel(firstname: string, lastname: string): string {
  return `${fold(firstname)}${fold(lastWord(lastname))}`
}

const LABEL_STOP_WORDS = new Set(['de', 'da', 'do', 'dos', 'das', 'e', ...COMPANY_SUFFIXES.map(asciiFold)])

/** "Padaria São José Ltda" → "padariasaojose"; long names lose leading words ("Clínica Odontológica …"). */
function companyLabel(companyname: string): string {
  const words = companyname
    .split(' ')
    .map(fold)
    .filter((word) => word !== '' && !LABEL_STOP_WORDS.has(word))
  while (words.join('').length > 22 && words.length > 2) words.shift()
  return words.join('')
}

/** Every word folded comes from the small tables above, so a cache turns the Unicode work into a lookup. */
const folded = new Map<string, string>()
function fold(word: string): string {
  let result = folded.get(word)
  if (result === undefined) folded.set(word, (result = asciiFold(word)))
  return result
}

function lastWord(text: string): string {
  return text.slice(text.lastIndexOf(' ') + 1)
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n))

/** "YYYY-MM-DD HH:MM:SS" from seconds since the first day. */
function dateTime(seconds: number): string {
  const day = Math.floor(seconds / 86_400)
  const inDay = seconds - day * 86_400
  const h = Math.floor(inDay / 3600)
  const m = Math.floor((inDay % 3600) / 60)
  return `${DAYS[day] ?? ''} ${pad2(h)}:${pad2(m)}:${pad2(inDay % 60)}`
}
