// The keys two holders (a client's owner, a contact) share when they are the same person or line: an e-mail
// case-folded, a CPF/CNPJ without punctuation, a phone as +55 DDD number with the mobile ninth digit restored.
// Placeholders (0000-0000, 9999-9999, 000.000.000-00) key nothing. Built on brazil.ts's checks.
import { checkBrazilPhone, checkTaxId, compactTaxId, formatCnpj, formatCpf, looksLikeInternationalPhone, onlyDigits } from './brazil'

export type DuplicateKind = 'email' | 'taxId' | 'phone'

/** An e-mail case-folded and trimmed; null when it is no address. */
export function emailKey(email: string): string | null {
  const key = email.trim().toLowerCase()
  return /^[^@\s]+@[^@\s]+$/.test(key) ? key : null
}

/**
 * A CPF (11 digits) or CNPJ (14 characters) without its punctuation, letters uppercased; null for any other length,
 * another character or one character repeated (000.000.000-00). Wrong check digits still key: the same typo on two
 * holders is still the same number.
 */
export function taxIdKey(taxId: string): string | null {
  const check = checkTaxId(taxId)
  if (check.ok) return check.value
  return check.problem === 'checkDigits' ? compactTaxId(taxId) : null
}

/** A subscriber number no one has: one digit repeated (0000-0000, 99999-9999), or 1234-5678. */
const placeholder = (digits: string): boolean => /^(\d)\1+$/.test(digits) || digits === '12345678'

/**
 * A phone as "+55" DDD number: a mobile typed without its ninth digit gets it ("(11) 8765-4321" and "(11) 98765-4321"
 * are one key), a landline keeps its 8 digits (never the key of a mobile). Another country's number keys as "+" and its
 * digits. null for a placeholder or what is no phone (no DDD, wrong length).
 */
export function phoneKey(phone: string): string | null {
  const trimmed = phone.trim()
  if (trimmed === '') return null
  let check = checkBrazilPhone(trimmed)
  if (!check.ok && check.problem === 'ninthDigit') {
    const digits = onlyDigits(trimmed)
    check = checkBrazilPhone(`${trimmed.startsWith('+') ? '+' : ''}${digits.slice(0, -8)}9${digits.slice(-8)}`)
  }
  if (check.ok) return placeholder(check.number.slice(-8)) ? null : `+55${check.ddd}${check.number}`
  if (check.problem === 'foreign' && looksLikeInternationalPhone(trimmed)) {
    const digits = onlyDigits(trimmed)
    return placeholder(digits.slice(-8)) ? null : `+${digits}`
  }
  return null
}

/** A key as staff read it: the e-mail, a formatted CPF/CNPJ, a formatted phone. */
export function displayKey(kind: DuplicateKind, key: string): string {
  if (kind === 'taxId') return key.length === 11 ? formatCpf(key) : formatCnpj(key)
  if (kind === 'phone' && key.startsWith('+55')) {
    const check = checkBrazilPhone(key)
    return check.ok ? check.formatted : key
  }
  return key
}

/** Every key of one holder, with the value as written. */
export function holderKeys(fields: { email: string; taxId: string; phoneNumber: string }): { kind: DuplicateKind; key: string; written: string }[] {
  const keys: { kind: DuplicateKind; key: string; written: string }[] = []
  const email = emailKey(fields.email)
  if (email !== null) keys.push({ kind: 'email', key: email, written: fields.email })
  const taxId = taxIdKey(fields.taxId)
  if (taxId !== null) keys.push({ kind: 'taxId', key: taxId, written: fields.taxId })
  const phone = phoneKey(fields.phoneNumber)
  if (phone !== null) keys.push({ kind: 'phone', key: phone, written: fields.phoneNumber })
  return keys
}
