// The demo portal's data: its schema (the state is persisted and validated when read back) and a
// deterministic generator of realistic pt-BR clients and contacts. Field names are WHMCS's own
// (tblclients / tblcontacts as the API returns them), so answering an action is a projection.
import { z } from 'zod'
import {
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
  type City,
  type State,
} from './brazil'
import { createRandom, cumulative, type Random } from './prng'
import { formatCnpj, formatCpf } from './tax-id'
import { asciiFold } from './text'

export const CLIENT_STATUSES = ['Active', 'Inactive', 'Closed'] as const

const DATE = /^\d{4}-\d{2}-\d{2}$/
/** Contacts' timestamps; legacy rows hold the "0000-00-00 00:00:00" sentinel, which matches too. */
const DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/
export const NO_TIMESTAMP = '0000-00-00 00:00:00'

const AddressFields = {
  address1: z.string(),
  address2: z.string(),
  city: z.string(),
  /** The UF ("SP"). */
  state: z.string(),
  postcode: z.string(),
  country: z.string(),
  phonenumber: z.string(),
  tax_id: z.string(),
}

export const DemoClient = z.strictObject({
  id: z.number().int().positive(),
  firstname: z.string(),
  lastname: z.string(),
  companyname: z.string(),
  email: z.string(),
  /** Not a WHMCS column: the client's own domain, which its e-mail addresses live on. */
  domain: z.string(),
  ...AddressFields,
  datecreated: z.string().regex(DATE),
  groupid: z.number().int().nonnegative(),
  status: z.enum(CLIENT_STATUSES),
})
export type DemoClient = z.infer<typeof DemoClient>

export const DemoContact = z.strictObject({
  id: z.number().int().positive(),
  /** The client's id (WHMCS calls it userid in contact payloads). */
  userid: z.number().int().positive(),
  firstname: z.string(),
  lastname: z.string(),
  companyname: z.string(),
  email: z.string(),
  ...AddressFields,
  generalemails: z.boolean(),
  productemails: z.boolean(),
  domainemails: z.boolean(),
  invoiceemails: z.boolean(),
  supportemails: z.boolean(),
  affiliateemails: z.boolean(),
  created_at: z.string().regex(DATETIME),
  updated_at: z.string().regex(DATETIME),
})
export type DemoContact = z.infer<typeof DemoContact>

export const DemoState = z
  .strictObject({
    /** Bumped when the shape changes, so an old state file is refused instead of misread. */
    version: z.literal(1),
    seed: z.number().int(),
    clients: z.array(DemoClient),
    contacts: z.array(DemoContact),
  })
  .superRefine((state, ctx) => {
    const clientIds = new Set<number>()
    state.clients.forEach((client, index) => {
      if (clientIds.has(client.id)) ctx.addIssue({ code: 'custom', path: ['clients', index, 'id'], message: `duplicate client id ${client.id}` })
      clientIds.add(client.id)
    })
    const contactIds = new Set<number>()
    state.contacts.forEach((contact, index) => {
      if (contactIds.has(contact.id)) ctx.addIssue({ code: 'custom', path: ['contacts', index, 'id'], message: `duplicate contact id ${contact.id}` })
      contactIds.add(contact.id)
      if (!clientIds.has(contact.userid)) ctx.addIssue({ code: 'custom', path: ['contacts', index, 'userid'], message: `no client ${contact.userid}` })
    })
  })
export type DemoState = z.infer<typeof DemoState>

export interface GenerateOptions {
  seed: number
  clients: number
}

const DAY_MS = 86_400_000
const FIRST_DAY_MS = Date.UTC(2012, 0, 1)
/** A fixed end, not "now": the same seed must give the same data whenever it runs. */
const LAST_DAY_MS = Date.UTC(2026, 1, 28)
const TOTAL_DAYS = (LAST_DAY_MS - FIRST_DAY_MS) / DAY_MS + 1
/** "YYYY-MM-DD" of every day in the range, built once: formatting a Date per record is the slow part. */
const DAYS: readonly string[] = Array.from({ length: TOTAL_DAYS }, (_, day) =>
  new Date(FIRST_DAY_MS + day * DAY_MS).toISOString().slice(0, 10),
)
const FIRST_DAY_OF_2016 = (Date.UTC(2016, 0, 1) - FIRST_DAY_MS) / DAY_MS

const STATE_WEIGHTS = cumulative(STATES.map((state) => state.weight))
const SUFFIX_WEIGHTS = cumulative(COMPANY_SUFFIX_WEIGHTS)
const DOMAIN_WEIGHTS = cumulative(DOMAIN_SUFFIX_WEIGHTS)
const STATUS_WEIGHTS = cumulative([85, 11, 4])
const CONTACT_COUNTS = [0, 1, 2, 3]
const CONTACT_COUNT_WEIGHTS = cumulative([35, 35, 20, 10])

type EmailFlags = Pick<
  DemoContact,
  'generalemails' | 'productemails' | 'domainemails' | 'invoiceemails' | 'supportemails' | 'affiliateemails'
>
/** What a contact is there for decides which e-mails it gets: billing, technical, everything, or nothing. */
const ROLE_FLAGS: readonly EmailFlags[] = [
  { generalemails: true, productemails: false, domainemails: false, invoiceemails: true, supportemails: false, affiliateemails: false },
  { generalemails: true, productemails: true, domainemails: true, invoiceemails: false, supportemails: true, affiliateemails: false },
  { generalemails: true, productemails: true, domainemails: true, invoiceemails: true, supportemails: true, affiliateemails: false },
  { generalemails: false, productemails: false, domainemails: false, invoiceemails: false, supportemails: false, affiliateemails: false },
]
const ROLE_WEIGHTS = cumulative([35, 30, 25, 10])

type Address = Pick<DemoClient, 'address1' | 'address2' | 'city' | 'state' | 'postcode' | 'country'>
/** Where someone lives: the city's DDD goes into the phone number. */
interface Place {
  state: State
  city: City
}

/** Same seed and size → the same state, on any machine. */
export function generateDemoState({ seed, clients: count }: GenerateOptions): DemoState {
  const random = createRandom(seed)
  const generator = new Generator(random)
  const clients: DemoClient[] = []
  const contacts: DemoContact[] = []
  for (let index = 0; index < count; index++) {
    // Spread over the date range in id order: WHMCS ids grow with the sign-up date.
    const day = Math.floor(((index + random.next()) / count) * TOTAL_DAYS)
    const state = random.pickWeighted(STATES, STATE_WEIGHTS)
    const place = { state, city: random.pick(state.cities) }
    const client = generator.client(index + 1, day, place)
    clients.push(client)
    // The client's domain is its own, so its mailboxes only need to be unique among its own people.
    const mailboxes = [client.email]
    const contactCount = random.pickWeighted(CONTACT_COUNTS, CONTACT_COUNT_WEIGHTS)
    for (let n = 0; n < contactCount; n++) contacts.push(generator.contact(contacts.length + 1, client, day, place, mailboxes))
  }
  return { version: 1, seed, clients, contacts }
}

/** Keeps what must be unique across the portal: domains, free-mail addresses, CPFs/CNPJs. */
class Generator {
  private readonly domains = new UniqueNames()
  private readonly freeMail = new UniqueNames()
  private readonly cpfs: UniqueNumbers
  private readonly cnpjs: UniqueNumbers

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
    return {
      id,
      firstname,
      lastname,
      companyname,
      email: `${mailbox}@${domain}`,
      domain,
      ...this.address(place),
      phonenumber: this.phone(place.city, r.chance(0.7)),
      tax_id: this.taxId(companyname === '' ? 'cpf' : 'cnpj'),
      datecreated: DAYS[day] ?? '',
      groupid: r.chance(0.9) ? 0 : r.int(1, 2),
      status: r.pickWeighted(CLIENT_STATUSES, STATUS_WEIGHTS),
    }
  }

  /** `mailboxes` holds the addresses already used on the client's domain, and gets the new one. */
  contact(id: number, client: DemoClient, clientDay: number, clientPlace: Place, mailboxes: string[]): DemoContact {
    const r = this.random
    const { firstname, lastname } = this.person()
    const mailbox = personMailbox(r, firstname, lastname)
    let email: string
    if (r.chance(0.5)) {
      email = `${mailbox}@${client.domain}`
      for (let n = 2; mailboxes.includes(email); n++) email = `${mailbox}${n}@${client.domain}`
      mailboxes.push(email)
    } else {
      email = this.freeMailAddress(r.chance(0.6) ? `${mailbox}${r.int(1, 99)}` : mailbox, r.pick(FREE_MAIL_DOMAINS))
    }
    // Most contacts share the client's address; others live elsewhere in the same state.
    const sameAddress = r.chance(0.7)
    const place = sameAddress ? clientPlace : { state: clientPlace.state, city: r.pick(clientPlace.state.cities) }
    const [created_at, updated_at] = this.contactTimes(clientDay)
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
      ...r.pickWeighted(ROLE_FLAGS, ROLE_WEIGHTS),
      created_at,
      updated_at,
    }
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

  /** Contacts of pre-2016 clients sometimes still carry the legacy zero timestamps (whmcs-api.md §6). */
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
 * equal another name, which the callers guarantee by the shape of their names.
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
