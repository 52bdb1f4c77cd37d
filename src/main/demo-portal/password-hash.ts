// Password hashes shaped like WHMCS's bcrypt ("$2y$10$" + 22 salt + 31 hash characters, bcrypt's
// base-64 alphabet), so a client that shows or compares them sees realistic values. The portal never
// keeps a password in clear: a sub-account's `password2` is stored only as a salted SHA-256 in that shape.
// It is not bcrypt (no cost factor, nothing can verify it against bcrypt): the demo never logs anyone in.
import { createHash, randomBytes } from 'node:crypto'
import type { Random } from './prng'

const ALPHABET = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
const PREFIX = '$2y$10$'

/** A hash of `password` with a fresh random salt. */
export function hashPassword(password: string): string {
  const salt = encode(randomBytes(22), 22)
  const digest = createHash('sha256').update(`${salt}\0${password}`, 'utf8').digest()
  return `${PREFIX}${salt}${encode(digest, 31)}`
}

/** A hash-looking value for generated data: no password behind it at all. Deterministic per `random`. */
export function fakeHash(random: Random): string {
  let text = PREFIX
  // Each draw gives 30 usable bits: five characters of the 64-letter alphabet.
  while (text.length < PREFIX.length + 53) {
    let bits = Math.floor(random.next() * 0x40000000)
    for (let n = 0; n < 5 && text.length < PREFIX.length + 53; n++, bits >>>= 6) text += ALPHABET[bits & 63]
  }
  return text
}

export const PASSWORD_HASH = /^\$2y\$10\$[./A-Za-z0-9]{53}$/

function encode(bytes: Buffer, length: number): string {
  let text = ''
  for (let i = 0; text.length < length; i++) text += ALPHABET[(bytes[i % bytes.length] ?? 0) & 63]
  return text
}
