// E-mail domains, checked offline: typos of free-mail providers ("gmial.com"), and addresses on the
// client's own domain, which a suspension for non-payment would silence (the help article is about both).
// Pure functions, no I/O: the renderer checks as staff type, and main runs the same rules on save.

/** Free-mail providers Brazilians use: an address there survives the client's own domain being suspended. */
export const FREE_MAIL_DOMAINS = [
  'gmail.com',
  'googlemail.com',
  'hotmail.com',
  'outlook.com',
  'outlook.com.br',
  'live.com',
  'msn.com',
  'yahoo.com.br',
  'yahoo.com',
  'ymail.com',
  'rocketmail.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'uol.com.br',
  'bol.com.br',
  'terra.com.br',
  'ig.com.br',
  'globo.com',
  'globomail.com',
  'r7.com',
  'zipmail.com.br',
  'proton.me',
  'protonmail.com',
  'aol.com',
  'gmx.com',
  'mail.com',
  'email.com',
  'zoho.com',
] as const

/** Domains people type by mistake, and what they meant. Provider domains that exist are not here. */
const KNOWN_TYPOS: Readonly<Record<string, string>> = {
  'gmial.com': 'gmail.com',
  'gmal.com': 'gmail.com',
  'gmai.com': 'gmail.com',
  'gamil.com': 'gmail.com',
  'gnail.com': 'gmail.com',
  'gmaill.com': 'gmail.com',
  'gmail.co': 'gmail.com',
  'gmail.con': 'gmail.com',
  'gmail.cm': 'gmail.com',
  'gmail.com.br': 'gmail.com',
  'gmail.br': 'gmail.com',
  'gemail.com': 'gmail.com',
  'hotmial.com': 'hotmail.com',
  'hotmal.com': 'hotmail.com',
  'hotmai.com': 'hotmail.com',
  'homail.com': 'hotmail.com',
  'hotamil.com': 'hotmail.com',
  'hotmaill.com': 'hotmail.com',
  'hotmail.co': 'hotmail.com',
  'hotmail.con': 'hotmail.com',
  'hotmail.com.br': 'hotmail.com',
  'hotmail.br': 'hotmail.com',
  'hormail.com': 'hotmail.com',
  'outlok.com': 'outlook.com',
  'outloo.com': 'outlook.com',
  'otlook.com': 'outlook.com',
  'outlook.co': 'outlook.com',
  'outlook.con': 'outlook.com',
  'outllook.com': 'outlook.com',
  'yaho.com.br': 'yahoo.com.br',
  'yahooo.com.br': 'yahoo.com.br',
  'yhaoo.com.br': 'yahoo.com.br',
  'yahoo.com.b': 'yahoo.com.br',
  'yahoo.br': 'yahoo.com.br',
  'yaho.com': 'yahoo.com.br',
  'uol.com': 'uol.com.br',
  'bol.com': 'bol.com.br',
  'terra.com': 'terra.com.br',
  'ig.com': 'ig.com.br',
  'icloud.co': 'icloud.com',
  'iclod.com': 'icloud.com',
  'icoud.com': 'icloud.com',
}

/**
 * Real domains worth a second look: most Brazilian Yahoo addresses are @yahoo.com.br, so "yahoo.com" is
 * often a slip, but not always.
 */
const SOFT_TYPOS: Readonly<Record<string, string>> = { 'yahoo.com': 'yahoo.com.br' }

/** The providers a near-miss is compared with (one letter added, left out, changed or swapped). */
const TYPO_TARGETS = ['gmail.com', 'hotmail.com', 'outlook.com', 'yahoo.com.br', 'icloud.com', 'uol.com.br', 'bol.com.br', 'terra.com.br']

export const emailDomain = (email: string): string => {
  const at = email.lastIndexOf('@')
  return at < 0
    ? ''
    : email
        .slice(at + 1)
        .trim()
        .toLowerCase()
}

export function isFreeMail(domain: string): boolean {
  return (FREE_MAIL_DOMAINS as readonly string[]).includes(domain.trim().toLowerCase())
}

export type MailTypo = { domain: string; suggestion: string; certain: boolean }

/** A likely typo of a free-mail provider's domain ("gmial.com" → "gmail.com"), or null. */
export function freeMailTypo(emailOrDomain: string): MailTypo | null {
  const domain = emailOrDomain.includes('@') ? emailDomain(emailOrDomain) : emailOrDomain.trim().toLowerCase()
  if (domain === '') return null
  const known = KNOWN_TYPOS[domain]
  if (known) return { domain, suggestion: known, certain: true }
  const soft = SOFT_TYPOS[domain]
  if (soft) return { domain, suggestion: soft, certain: false }
  if (isFreeMail(domain)) return null
  const near = TYPO_TARGETS.find((target) => isOneEditAway(domain, target))
  return near ? { domain, suggestion: near, certain: true } : null
}

/** One insertion, deletion, substitution or swap of neighbours (Damerau, distance 1). */
function isOneEditAway(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false
  if (a.length === b.length) {
    const diffs: number[] = []
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diffs.push(i)
    if (diffs.length === 1) return true
    const [i, j] = diffs
    return diffs.length === 2 && i !== undefined && j === i + 1 && a[i] === b[j] && a[j] === b[i]
  }
  const [short, long] = a.length < b.length ? [a, b] : [b, a]
  let i = 0
  while (i < short.length && short[i] === long[i]) i++
  return short.slice(i) === long.slice(i + 1)
}

/**
 * A client's own domains, the ones a suspension for non-payment would silence: those it registered with the
 * company (GetClientsDomains) and the owner's e-mail domain — unless that is free mail, which is never suspended.
 */
export function ownDomainsOf(ownerEmail: string, registered: readonly string[] = []): string[] {
  const owner = emailDomain(ownerEmail)
  const domains = [...registered.map((domain) => domain.trim().toLowerCase()), ...(owner !== '' && !isFreeMail(owner) ? [owner] : [])]
  return [...new Set(domains.filter((domain) => domain !== '' && !isFreeMail(domain)))]
}

/** The client's own domain this address is on, if any (ownDomainsOf). */
export function ownDomainOf(email: string, ownDomains: readonly string[]): string | null {
  const domain = emailDomain(email)
  return domain !== '' && ownDomains.includes(domain) ? domain : null
}

/** Replaces the domain of an address ("ana@gmial.com" + "gmail.com" → "ana@gmail.com"). */
export function withDomain(email: string, domain: string): string {
  const at = email.lastIndexOf('@')
  return at < 0 ? email : `${email.slice(0, at + 1)}${domain}`
}
