// Brazilian formats, checked offline: CPF and CNPJ (also the alphanumeric CNPJ of July 2026) with their
// check digits, CEP, +55 phones with DDD and the mobile ninth digit, the 27 UFs; and a whole Brazilian
// contact at once, its e-mail included (email-domains.ts). Pure functions, no I/O: the renderer checks as
// staff type, and main can run the very same rules on save.
import { cnpj, cpf } from 'cpf-cnpj-validator'
import { freeMailTypo, ownDomainOf } from './email-domains'

/** The 27 federative units (26 states and the Federal District). */
export const UFS = [
  'AC',
  'AL',
  'AP',
  'AM',
  'BA',
  'CE',
  'DF',
  'ES',
  'GO',
  'MA',
  'MT',
  'MS',
  'MG',
  'PA',
  'PB',
  'PR',
  'PE',
  'PI',
  'RJ',
  'RN',
  'RS',
  'RO',
  'RR',
  'SC',
  'SP',
  'SE',
  'TO',
] as const
export type Uf = (typeof UFS)[number]

export const UF_NAMES: Record<Uf, string> = {
  AC: 'Acre',
  AL: 'Alagoas',
  AP: 'Amapá',
  AM: 'Amazonas',
  BA: 'Bahia',
  CE: 'Ceará',
  DF: 'Distrito Federal',
  ES: 'Espírito Santo',
  GO: 'Goiás',
  MA: 'Maranhão',
  MT: 'Mato Grosso',
  MS: 'Mato Grosso do Sul',
  MG: 'Minas Gerais',
  PA: 'Pará',
  PB: 'Paraíba',
  PR: 'Paraná',
  PE: 'Pernambuco',
  PI: 'Piauí',
  RJ: 'Rio de Janeiro',
  RN: 'Rio Grande do Norte',
  RS: 'Rio Grande do Sul',
  RO: 'Rondônia',
  RR: 'Roraima',
  SC: 'Santa Catarina',
  SP: 'São Paulo',
  SE: 'Sergipe',
  TO: 'Tocantins',
}

export function isUf(value: string): value is Uf {
  return (UFS as readonly string[]).includes(value)
}

/** The UF a value names: its code in any case ("sp"), or its name with or without accents ("Sao Paulo"). */
export function toUf(value: string): Uf | null {
  const trimmed = value.trim()
  const upper = trimmed.toUpperCase()
  if (isUf(upper)) return upper
  const plain = fold(trimmed)
  return UFS.find((uf) => fold(UF_NAMES[uf]) === plain) ?? null
}

const fold = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim()

export const onlyDigits = (value: string): string => value.replace(/\D/g, '')

// ---------------------------------------------------------------------------------------------------
// CPF and CNPJ

export type TaxIdKind = 'cpf' | 'cnpj'
export type TaxIdProblem =
  /** Neither 11 digits (CPF) nor 14 characters (CNPJ). */
  | 'length'
  /** A character that no CPF or CNPJ holds (letters in a CPF, letters in a CNPJ's check digits, symbols). */
  | 'characters'
  /** Every character the same (000.000.000-00): passes the arithmetic, never issued. */
  | 'repeated'
  /** The check digits do not match the rest. */
  | 'checkDigits'

export type TaxIdCheck =
  | { ok: true; kind: TaxIdKind; /** Without punctuation, letters uppercased. */ value: string; formatted: string }
  | { ok: false; kind: TaxIdKind | null; problem: TaxIdProblem }

/** A tax id without its punctuation (dots, slash, dash, spaces), letters uppercased. */
export const compactTaxId = (value: string): string => value.replace(/[\s./-]/g, '').toUpperCase()

/** Both check digits: the modulo-11 arithmetic is cpf-cnpj-validator's, whose verifierDigit gives one at a time. */
function twoCheckDigits(body: string, verifierDigit: (digits: string) => number): string {
  const first = verifierDigit(body)
  return `${first}${verifierDigit(`${body}${first}`)}`
}

/** The two check digits of a CPF's 9-digit body. */
export const cpfCheckDigits = (body: string): string => twoCheckDigits(body, cpf.verifierDigit)

/**
 * The two check digits of a CNPJ's 12-character body (digits, or digits and uppercase letters since July 2026:
 * a character weighs its ASCII code − 48, so 'A' counts 17).
 */
export const cnpjCheckDigits = (body: string): string => twoCheckDigits(body, cnpj.verifierDigit)

export const formatCpf = (digits: string): string => cpf.format(digits)
export const formatCnpj = (chars: string): string => cnpj.format(chars)

// The library's isValid is not used: it refuses 123.456.789-09, a CPF the arithmetic allows, and tells
// no problem from another (length, characters, repeated, check digits), which staff are shown.
export function checkCpf(input: string): TaxIdCheck {
  const value = compactTaxId(input)
  if (!/^[0-9A-Z]*$/.test(value)) return { ok: false, kind: 'cpf', problem: 'characters' }
  if (value.length !== 11) return { ok: false, kind: 'cpf', problem: 'length' }
  if (!/^\d{11}$/.test(value)) return { ok: false, kind: 'cpf', problem: 'characters' }
  if (/^(.)\1*$/.test(value)) return { ok: false, kind: 'cpf', problem: 'repeated' }
  if (cpfCheckDigits(value.slice(0, 9)) !== value.slice(9)) return { ok: false, kind: 'cpf', problem: 'checkDigits' }
  return { ok: true, kind: 'cpf', value, formatted: formatCpf(value) }
}

/** A CNPJ: 12 digits or uppercase letters, then 2 check digits (the alphanumeric CNPJ keeps numeric check digits). */
export function checkCnpj(input: string): TaxIdCheck {
  const value = compactTaxId(input)
  if (!/^[0-9A-Z]*$/.test(value)) return { ok: false, kind: 'cnpj', problem: 'characters' }
  if (value.length !== 14) return { ok: false, kind: 'cnpj', problem: 'length' }
  if (!/^[0-9A-Z]{12}\d{2}$/.test(value)) return { ok: false, kind: 'cnpj', problem: 'characters' }
  if (/^(.)\1*$/.test(value)) return { ok: false, kind: 'cnpj', problem: 'repeated' }
  if (cnpjCheckDigits(value.slice(0, 12)) !== value.slice(12)) return { ok: false, kind: 'cnpj', problem: 'checkDigits' }
  return { ok: true, kind: 'cnpj', value, formatted: formatCnpj(value) }
}

/** A CPF (11 digits) or a CNPJ (14 characters), told apart by length. */
export function checkTaxId(input: string): TaxIdCheck {
  const value = compactTaxId(input)
  if (!/^[0-9A-Z]*$/.test(value)) return { ok: false, kind: null, problem: 'characters' }
  if (value.length === 11) return checkCpf(value)
  if (value.length === 14) return checkCnpj(value)
  return { ok: false, kind: null, problem: 'length' }
}

// ---------------------------------------------------------------------------------------------------
// CEP

export type CepProblem = 'length' | 'characters' | 'zeros'
export type CepCheck = { ok: true; digits: string; formatted: string } | { ok: false; problem: CepProblem }

/** An 8-digit CEP, written 00000-000. */
export function checkCep(input: string): CepCheck {
  const trimmed = input.trim()
  if (!/^[\d\s.-]*$/.test(trimmed)) return { ok: false, problem: 'characters' }
  const digits = onlyDigits(trimmed)
  if (digits.length !== 8) return { ok: false, problem: 'length' }
  if (/^0+$/.test(digits)) return { ok: false, problem: 'zeros' }
  return { ok: true, digits, formatted: `${digits.slice(0, 5)}-${digits.slice(5)}` }
}

/** The Correios ranges (first five digits) of each UF. */
const CEP_RANGES: readonly [number, number, Uf][] = [
  [1000, 19999, 'SP'],
  [20000, 28999, 'RJ'],
  [29000, 29999, 'ES'],
  [30000, 39999, 'MG'],
  [40000, 48999, 'BA'],
  [49000, 49999, 'SE'],
  [50000, 56999, 'PE'],
  [57000, 57999, 'AL'],
  [58000, 58999, 'PB'],
  [59000, 59999, 'RN'],
  [60000, 63999, 'CE'],
  [64000, 64999, 'PI'],
  [65000, 65999, 'MA'],
  [66000, 68899, 'PA'],
  [68900, 68999, 'AP'],
  [69000, 69299, 'AM'],
  [69300, 69399, 'RR'],
  [69400, 69899, 'AM'],
  [69900, 69999, 'AC'],
  [70000, 72799, 'DF'],
  [72800, 72999, 'GO'],
  [73000, 73699, 'DF'],
  [73700, 76799, 'GO'],
  [76800, 76999, 'RO'],
  [77000, 77999, 'TO'],
  [78000, 78899, 'MT'],
  [79000, 79999, 'MS'],
  [80000, 87999, 'PR'],
  [88000, 89999, 'SC'],
  [90000, 99999, 'RS'],
]

/** The UF a valid CEP belongs to, or null. */
export function cepUf(input: string): Uf | null {
  const check = checkCep(input)
  if (!check.ok) return null
  const prefix = Number(check.digits.slice(0, 5))
  return CEP_RANGES.find(([from, to]) => prefix >= from && prefix <= to)?.[2] ?? null
}

// ---------------------------------------------------------------------------------------------------
// Phones

/** Every DDD (area code) in use, with the UFs it serves (61 also covers Goiás around Brasília). */
export const DDD_UFS: Readonly<Record<string, readonly Uf[]>> = {
  ...Object.fromEntries(['11', '12', '13', '14', '15', '16', '17', '18', '19'].map((d) => [d, ['SP']])),
  ...Object.fromEntries(['21', '22', '24'].map((d) => [d, ['RJ']])),
  ...Object.fromEntries(['27', '28'].map((d) => [d, ['ES']])),
  ...Object.fromEntries(['31', '32', '33', '34', '35', '37', '38'].map((d) => [d, ['MG']])),
  ...Object.fromEntries(['41', '42', '43', '44', '45', '46'].map((d) => [d, ['PR']])),
  ...Object.fromEntries(['47', '48', '49'].map((d) => [d, ['SC']])),
  ...Object.fromEntries(['51', '53', '54', '55'].map((d) => [d, ['RS']])),
  '61': ['DF', 'GO'],
  '62': ['GO'],
  '63': ['TO'],
  '64': ['GO'],
  '65': ['MT'],
  '66': ['MT'],
  '67': ['MS'],
  '68': ['AC'],
  '69': ['RO'],
  ...Object.fromEntries(['71', '73', '74', '75', '77'].map((d) => [d, ['BA']])),
  '79': ['SE'],
  '81': ['PE'],
  '82': ['AL'],
  '83': ['PB'],
  '84': ['RN'],
  '85': ['CE'],
  '86': ['PI'],
  '87': ['PE'],
  '88': ['CE'],
  '89': ['PI'],
  ...Object.fromEntries(['91', '93', '94'].map((d) => [d, ['PA']])),
  '92': ['AM'],
  '95': ['RR'],
  '96': ['AP'],
  '97': ['AM'],
  '98': ['MA'],
  '99': ['MA'],
}

export type PhoneProblem =
  /** Not 10 or 11 digits after the country code (DDD + 8 or 9 digits). */
  | 'length'
  /** Letters or symbols a phone number does not have. */
  | 'characters'
  /** The first two digits are no Brazilian area code. */
  | 'ddd'
  /** 8 digits starting with 6–9: a mobile number without its ninth digit (since 2016 every mobile has it). */
  | 'ninthDigit'
  /** 9 digits that do not start with 9 (only mobiles have 9 digits). */
  | 'mobilePrefix'
  /** 8 digits starting with 0 or 1: no landline starts that way. */
  | 'landlinePrefix'
  /** Another country's code: not checked as a Brazilian number. */
  | 'foreign'

export type PhoneCheck =
  | {
      ok: true
      ddd: string
      /** The subscriber's 8 (landline) or 9 (mobile) digits. */
      number: string
      kind: 'mobile' | 'landline'
      /** As WHMCS stores it: "+55.11987654321". */
      stored: string
      /** As people read it: "+55 (11) 98765-4321". */
      formatted: string
    }
  | { ok: false; problem: PhoneProblem }

/**
 * A Brazilian phone, however it was typed: "(11) 98765-4321", "11 3333 4444", "+55 11 98765-4321",
 * "+55.11987654321" (WHMCS), "011 98765-4321" (long-distance prefix), "5511987654321".
 */
export function checkBrazilPhone(input: string): PhoneCheck {
  const trimmed = input.trim()
  if (!/^\+?[\d\s().-]*$/.test(trimmed)) return { ok: false, problem: 'characters' }
  let digits = onlyDigits(trimmed)
  if (trimmed.startsWith('+')) {
    if (!digits.startsWith('55')) return { ok: false, problem: 'foreign' }
    digits = digits.slice(2)
  } else if ((digits.length === 12 || digits.length === 13) && digits.startsWith('55')) {
    digits = digits.slice(2)
  } else if ((digits.length === 11 || digits.length === 12) && digits.startsWith('0')) {
    digits = digits.slice(1)
  }
  if (digits.length !== 10 && digits.length !== 11) return { ok: false, problem: 'length' }
  const ddd = digits.slice(0, 2)
  const number = digits.slice(2)
  if (!DDD_UFS[ddd]) return { ok: false, problem: 'ddd' }
  let kind: 'mobile' | 'landline'
  if (number.length === 9) {
    if (!number.startsWith('9')) return { ok: false, problem: 'mobilePrefix' }
    kind = 'mobile'
  } else if (/^[6-9]/.test(number)) {
    return { ok: false, problem: 'ninthDigit' }
  } else if (/^[01]/.test(number)) {
    return { ok: false, problem: 'landlinePrefix' }
  } else {
    kind = 'landline'
  }
  const split = number.length - 4
  return {
    ok: true,
    ddd,
    number,
    kind,
    stored: `+55.${ddd}${number}`,
    formatted: `+55 (${ddd}) ${number.slice(0, split)}-${number.slice(split)}`,
  }
}

/** A phone from another country, loosely: "+CC" and 6 to 15 digits in all (E.164). */
export function looksLikeInternationalPhone(input: string): boolean {
  const trimmed = input.trim()
  if (!/^\+[\d\s().-]+$/.test(trimmed)) return false
  const digits = onlyDigits(trimmed)
  return digits.length >= 6 && digits.length <= 15
}

/** WHMCS's own form: "+CC.number". */
export function internationalStored(input: string): string {
  const digits = onlyDigits(input)
  const groups = input
    .trim()
    .replace(/^\+/, '')
    .split(/[\s().-]+/)
    .filter(Boolean)
  const cc = groups.length > 1 && (groups[0]?.length ?? 0) <= 3 ? (groups[0] ?? '') : digits.slice(0, 2)
  return `+${cc}.${digits.slice(cc.length)}`
}

// ---------------------------------------------------------------------------------------------------
// A contact, all at once (for main's save path): the problems that block and the hints that do not.

export interface BrazilianFields {
  email: string
  country: string
  state: string
  postcode: string
  phoneNumber: string
  taxId: string
}

/** What blocks a save: the field, and what is wrong with it (`<path>.<problem>`, e.g. "taxId.checkDigits"). */
export type BrazilIssue =
  | { path: 'taxId'; code: `taxId.${TaxIdProblem}`; kind: TaxIdKind | null }
  | { path: 'postcode'; code: `postcode.${CepProblem}` }
  | { path: 'phoneNumber'; code: `phoneNumber.${Exclude<PhoneProblem, 'foreign'>}` }
  | { path: 'state'; code: 'state.unknown' }

export type BrazilHint =
  | { path: 'email'; code: 'email_typo'; suggestion: string; certain: boolean }
  | { path: 'email'; code: 'email_own_domain'; domain: string }
  | { path: 'postcode'; code: 'cep_other_uf'; uf: Uf }
  | { path: 'phoneNumber'; code: 'ddd_other_uf'; ufs: readonly Uf[] }

/** The country is Brazil (ISO BR; an empty country is taken as Brazil, where every client of this desk lives). */
export const isBrazil = (country: string): boolean => {
  const code = country.trim().toUpperCase()
  return code === 'BR' || code === ''
}

/**
 * What blocks a save of a Brazilian contact (an empty field never does) and what only deserves a look.
 * `ownDomains` are the client's own domains (ownDomainsOf), for the "same domain" hint.
 */
export function checkBrazilianContact(fields: BrazilianFields, ownDomains: readonly string[] = []): { issues: BrazilIssue[]; hints: BrazilHint[] } {
  const issues: BrazilIssue[] = []
  const hints: BrazilHint[] = []
  const typo = fields.email.includes('@') ? freeMailTypo(fields.email) : null
  if (typo) hints.push({ path: 'email', code: 'email_typo', suggestion: typo.suggestion, certain: typo.certain })
  const own = ownDomainOf(fields.email, ownDomains)
  if (own !== null) hints.push({ path: 'email', code: 'email_own_domain', domain: own })

  const brazil = isBrazil(fields.country)
  const phone = fields.phoneNumber.trim()
  let phoneUfs: readonly Uf[] | null = null
  if (phone !== '') {
    const check = checkBrazilPhone(phone)
    if (check.ok) phoneUfs = DDD_UFS[check.ddd] ?? null
    else if (check.problem === 'foreign') {
      if (!looksLikeInternationalPhone(phone)) issues.push({ path: 'phoneNumber', code: 'phoneNumber.length' })
    } else if (brazil || phone.startsWith('+55')) issues.push({ path: 'phoneNumber', code: `phoneNumber.${check.problem}` })
  }
  if (!brazil) return { issues, hints }

  const taxId = fields.taxId.trim()
  if (taxId !== '') {
    const check = checkTaxId(taxId)
    if (!check.ok) issues.push({ path: 'taxId', code: `taxId.${check.problem}`, kind: check.kind })
  }
  const uf = fields.state.trim() === '' ? null : toUf(fields.state)
  if (fields.state.trim() !== '' && uf === null) issues.push({ path: 'state', code: 'state.unknown' })
  const postcode = fields.postcode.trim()
  if (postcode !== '') {
    const check = checkCep(postcode)
    if (!check.ok) issues.push({ path: 'postcode', code: `postcode.${check.problem}` })
    else {
      const cepState = cepUf(postcode)
      if (uf && cepState && cepState !== uf) hints.push({ path: 'postcode', code: 'cep_other_uf', uf: cepState })
    }
  }
  if (uf && phoneUfs && !phoneUfs.includes(uf)) hints.push({ path: 'phoneNumber', code: 'ddd_other_uf', ufs: phoneUfs })
  return { issues, hints }
}

/** The same contact written the way WHMCS keeps Brazilian data: +55.DDNUMBER, 000.000.000-00, 00000-000, UF. */
export function normalizeBrazilianContact<T extends BrazilianFields>(fields: T): T {
  const next = { ...fields }
  const phone = checkBrazilPhone(fields.phoneNumber)
  if (phone.ok) next.phoneNumber = phone.stored
  else if (looksLikeInternationalPhone(fields.phoneNumber)) next.phoneNumber = internationalStored(fields.phoneNumber)
  if (!isBrazil(fields.country)) return next
  if (fields.country.trim() === '') next.country = 'BR'
  const taxId = checkTaxId(fields.taxId)
  if (taxId.ok) next.taxId = taxId.formatted
  const cep = checkCep(fields.postcode)
  if (cep.ok) next.postcode = cep.formatted
  const uf = toUf(fields.state)
  if (uf) next.state = uf
  return next
}
