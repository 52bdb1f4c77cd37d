import { describe, expect, it } from 'vitest'
import { DemoState, generateDemoState, NO_TIMESTAMP } from '../../../src/main/demo-portal/data'

// Check-digit validators written from the published rules, independently of the generator's code.
function isValidCpf(text: string): boolean {
  if (!/^\d{3}\.\d{3}\.\d{3}-\d{2}$/.test(text)) return false
  const d = text.replace(/\D/g, '').split('').map(Number)
  if (new Set(d).size === 1) return false
  const digit = (length: number): number => {
    let sum = 0
    for (let i = 0; i < length; i++) sum += d[i]! * (length + 1 - i)
    return ((sum * 10) % 11) % 10
  }
  return digit(9) === d[9] && digit(10) === d[10]
}

function isValidCnpj(text: string): boolean {
  if (!/^\d{2}\.\d{3}\.\d{3}\/\d{4}-\d{2}$/.test(text)) return false
  const d = text.replace(/\D/g, '').split('').map(Number)
  const weights = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]
  const digit = (length: number): number => {
    const w = weights.slice(weights.length - length)
    const rest = w.reduce((sum, weight, i) => sum + weight * d[i]!, 0) % 11
    return rest < 2 ? 0 : 11 - rest
  }
  return digit(12) === d[12] && digit(13) === d[13]
}

/** Area codes (DDD) by federative unit, from Anatel's plan. */
const DDDS: Record<string, string[]> = {
  SP: ['11', '12', '13', '14', '15', '16', '17', '18', '19'],
  RJ: ['21', '22', '24'],
  ES: ['27', '28'],
  MG: ['31', '32', '33', '34', '35', '37', '38'],
  PR: ['41', '42', '43', '44', '45', '46'],
  SC: ['47', '48', '49'],
  RS: ['51', '53', '54', '55'],
  DF: ['61'],
  GO: ['62', '64'],
  TO: ['63'],
  MT: ['65', '66'],
  MS: ['67'],
  AC: ['68'],
  RO: ['69'],
  BA: ['71', '73', '74', '75', '77'],
  SE: ['79'],
  PE: ['81', '87'],
  AL: ['82'],
  PB: ['83'],
  RN: ['84'],
  CE: ['85', '88'],
  PI: ['86', '89'],
  PA: ['91', '93', '94'],
  AM: ['92', '97'],
  RR: ['95'],
  AP: ['96'],
  MA: ['98', '99'],
}

/** "+55.<DDD><number>": 11 digits are mobiles (9 after the DDD), 10 digits landlines (2–5 after it). */
function expectBrazilianPhone(phone: string, uf: string): void {
  expect(phone).toMatch(/^\+55\.\d{10,11}$/)
  const digits = phone.slice(4)
  expect(DDDS[uf]).toContain(digits.slice(0, 2))
  if (digits.length === 11) expect(digits[2]).toBe('9')
  else expect(digits[2]).toMatch(/[2-5]/)
}

const FREE_MAIL = ['gmail.com', 'hotmail.com', 'yahoo.com.br', 'outlook.com']
/** The misspelt free-mail domains the reachability audit must flag (generated on purpose). */
const TYPO_MAIL = ['gmial.com', 'hotmial.com', 'gmail.com.br', 'yaho.com.br', 'outlok.com']

describe('generateDemoState', () => {
  const state = generateDemoState({ seed: 7, clients: 2000 })

  it('is deterministic: the same seed gives the same data, another seed other data', () => {
    expect(generateDemoState({ seed: 7, clients: 2000 })).toEqual(state)
    const other = generateDemoState({ seed: 8, clients: 2000 })
    expect(other.clients[0]).not.toEqual(state.clients[0])
    expect(other.clients.map((c) => c.email)).not.toEqual(state.clients.map((c) => c.email))
  })

  it('passes its own schema', () => {
    expect(DemoState.safeParse(state).success).toBe(true)
  })

  it('numbers clients 1..N with sign-up dates from 2012 to 2026 growing with the id', () => {
    expect(state.clients.map((c) => c.id)).toEqual(Array.from({ length: 2000 }, (_, i) => i + 1))
    const dates = state.clients.map((c) => c.datecreated)
    expect(dates).toEqual([...dates].sort())
    expect(dates[0]! >= '2012-01-01').toBe(true)
    expect(dates.at(-1)! <= '2026-12-31').toBe(true)
  })

  it('gives every CPF and CNPJ valid check digits, CNPJ to companies and CPF to persons, never twice', () => {
    for (const client of state.clients) {
      if (client.companyname === '') expect(isValidCpf(client.tax_id), client.tax_id).toBe(true)
      else expect(isValidCnpj(client.tax_id), client.tax_id).toBe(true)
    }
    const contactIds = state.contacts.map((c) => c.tax_id).filter((id) => id !== '')
    expect(contactIds.length).toBeGreaterThan(0)
    for (const id of contactIds) expect(isValidCpf(id), id).toBe(true)
    const all = [...state.clients.map((c) => c.tax_id), ...contactIds]
    expect(new Set(all).size).toBe(all.length)
  })

  it('checks the validators themselves against known documents', () => {
    expect(isValidCpf('529.982.247-25')).toBe(true)
    expect(isValidCpf('529.982.247-24')).toBe(false)
    expect(isValidCpf('111.111.111-11')).toBe(false)
    expect(isValidCnpj('11.222.333/0001-81')).toBe(true)
    expect(isValidCnpj('11.222.333/0001-80')).toBe(false)
  })

  it('writes phones as WHMCS does, with the DDD of the state and the mobile ninth digit', () => {
    let mobiles = 0
    let landlines = 0
    for (const person of [...state.clients, ...state.contacts]) {
      if (person.phonenumber === '') continue
      expectBrazilianPhone(person.phonenumber, person.state)
      if (person.phonenumber.length === 15) mobiles++
      else landlines++
    }
    expect(mobiles).toBeGreaterThan(landlines)
    expect(landlines).toBeGreaterThan(0)
  })

  it('puts each client on its own domain, with its e-mail on it, and no e-mail twice', () => {
    for (const client of state.clients) {
      expect(client.domain).toMatch(/^[a-z0-9]+\.(com\.br|com|net\.br|ind\.br)$/)
      expect(client.email.endsWith(`@${client.domain}`)).toBe(true)
      expect(client.email).toMatch(/^[a-z0-9.]+@/)
    }
    expect(new Set(state.clients.map((c) => c.domain)).size).toBe(state.clients.length)
    const emails = [...state.clients, ...state.contacts].map((p) => p.email)
    expect(new Set(emails).size).toBe(emails.length)
    const share = state.clients.filter((c) => c.domain.endsWith('.com.br')).length / state.clients.length
    expect(share).toBeGreaterThan(0.7)
  })

  it('uses valid UFs with consistent addresses and Brazilian postcodes', () => {
    for (const person of [...state.clients, ...state.contacts]) {
      expect(Object.keys(DDDS)).toContain(person.state)
      expect(person.country).toBe('BR')
      expect(person.postcode).toMatch(/^\d{5}-\d{3}$/)
      expect(person.address1).toMatch(/^(Rua|Av\.|Travessa|Alameda) .+, \d+$/)
      expect(person.city).not.toBe('')
    }
    expect(new Set(state.clients.map((c) => c.state)).size).toBeGreaterThan(20)
    expect(state.clients.some((c) => c.address2 !== '')).toBe(true)
    expect(state.clients.some((c) => c.address2 === '')).toBe(true)
  })

  it('looks like a Brazilian client base: accents, companies with and without a legal suffix, mostly active', () => {
    const names = state.clients.map((c) => `${c.firstname} ${c.lastname}`)
    expect(names.some((n) => /[\u0080-\uffff]/.test(n))).toBe(true)
    const companies = state.clients.filter((c) => c.companyname !== '')
    expect(companies.length).toBeGreaterThan(state.clients.length * 0.3)
    expect(companies.length).toBeLessThan(state.clients.length * 0.9)
    for (const suffix of [' Ltda', ' ME', ' EIRELI', ' S.A.']) {
      expect(companies.some((c) => c.companyname.endsWith(suffix))).toBe(true)
    }
    const count = (status: string) => state.clients.filter((c) => c.status === status).length
    expect(count('Active')).toBeGreaterThan(state.clients.length * 0.7)
    expect(count('Inactive')).toBeGreaterThan(0)
    expect(count('Closed')).toBeGreaterThan(0)
    expect(count('Closed')).toBeLessThan(count('Inactive'))
    expect(state.clients.filter((c) => c.groupid === 0).length).toBeGreaterThan(state.clients.length * 0.8)
  })

  it('gives clients 0 to 3 contacts, on the client domain or on (sometimes misspelt) free mail, with WHMCS timestamps', () => {
    const byClient = new Map(state.clients.map((c) => [c.id, c]))
    const perClient = new Map<number, number>()
    for (const contact of state.contacts) perClient.set(contact.userid, (perClient.get(contact.userid) ?? 0) + 1)
    expect(Math.max(...perClient.values())).toBe(3)
    expect(perClient.size).toBeLessThan(state.clients.length) // some have none
    expect(state.contacts.map((c) => c.id)).toEqual(state.contacts.map((_, i) => i + 1))

    let own = 0
    let free = 0
    for (const contact of state.contacts) {
      const client = byClient.get(contact.userid)!
      const domain = contact.email.split('@')[1]!
      if (domain === client.domain) own++
      else if (FREE_MAIL.includes(domain) || TYPO_MAIL.includes(domain)) free++
      else throw new Error(`unexpected contact domain ${contact.email}`)
      if (contact.created_at === NO_TIMESTAMP) {
        expect(contact.updated_at).toBe(NO_TIMESTAMP)
        continue
      }
      expect(contact.created_at >= client.datecreated).toBe(true)
      expect(contact.updated_at >= contact.created_at).toBe(true)
    }
    expect(own).toBeGreaterThan(0)
    expect(free).toBeGreaterThan(0)
    expect(state.contacts.some((c) => c.created_at === NO_TIMESTAMP)).toBe(true)
    expect(state.contacts.some((c) => c.invoiceemails && !c.supportemails)).toBe(true)
    expect(state.contacts.some((c) => c.domainemails)).toBe(true)
  })

  // How long it takes is measured by npm run bench (the sync at scale prints how soon its 100k portal is ready), not here.
  it('generates 100,000 clients, still unique where it must be', () => {
    const big = generateDemoState({ seed: 1, clients: 100_000 })
    expect(big.clients).toHaveLength(100_000)
    expect(big.clients.at(-1)?.datecreated.startsWith('2026')).toBe(true)
    expect(new Set(big.clients.map((c) => c.domain)).size).toBe(100_000)
    expect(new Set(big.domains.map((d) => d.domainname)).size).toBe(big.domains.length)
    expect(new Set(big.users.map((u) => u.email)).size).toBe(big.users.length)
    const emails = [...big.clients, ...big.contacts].map((p) => p.email)
    expect(new Set(emails).size).toBe(emails.length)
  }, 30_000)
})
