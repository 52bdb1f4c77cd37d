// E-mail domains, checked offline: typos of free-mail providers ("gmial.com"), and addresses on the
// client's own domain, which a suspension for non-payment would silence (the help article is about both).
// Pure functions, no I/O: the renderer checks as staff type, and main runs the same rules on save.

/**
 * Free-mail providers Brazilians use: an address there survives the client's own domain being suspended.
 * Also those a near-miss check would otherwise take for a slip (hotmail.com.br, yahoo.com.ar: the same providers
 * in another country), and a few from abroad that clients' accountants and relatives use. Every one of them is in
 * test/fixtures/email/real-providers.json, which the tests hold against this list.
 */
export const FREE_MAIL_DOMAINS = [
  'gmail.com',
  'googlemail.com',
  'hotmail.com',
  // Microsoft offers @hotmail.com.br and @outlook.com.br to Brazilian accounts.
  'hotmail.com.br',
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
  'oi.com.br',
  'pop.com.br',
  'ibest.com.br',
  'superig.com.br',
  'hotmail.com.ar',
  'outlook.com.ar',
  'yahoo.com.ar',
  'yahoo.com.mx',
  'outlook.pt',
  'sapo.pt',
  'hotmail.co.uk',
  'hotmail.fr',
  'hotmail.es',
  'hotmail.it',
  'outlook.es',
  'yahoo.co.uk',
  'yahoo.es',
  'yandex.com',
  'gmx.net',
  'gmx.de',
  'web.de',
  'mail.ru',
  'tutanota.com',
  'fastmail.com',
] as const
const FREE_MAIL: ReadonlySet<string> = new Set(FREE_MAIL_DOMAINS)

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
  'uol.com.b': 'uol.com.br',
  'uol.br': 'uol.com.br',
  'bol.com': 'bol.com.br',
  'bol.com.b': 'bol.com.br',
  'bol.br': 'bol.com.br',
  'terra.com': 'terra.com.br',
  'ig.com': 'ig.com.br',
  'icloud.co': 'icloud.com',
  'iclod.com': 'icloud.com',
  'icoud.com': 'icloud.com',
}

/**
 * Real domains worth a second look (certain: false): most Brazilian Yahoo addresses are @yahoo.com.br, so
 * "yahoo.com" is often a slip, but not always; @hotmail.com.br exists (Microsoft offers it in Brazil), yet most
 * who type it have an @hotmail.com address. The reachability audit never reports these (src/shared/reachability.ts).
 */
const SOFT_TYPOS: Readonly<Record<string, string>> = { 'yahoo.com': 'yahoo.com.br', 'hotmail.com.br': 'hotmail.com' }

/** The providers a near-miss is compared with (one letter added, left out, changed or swapped). */
const TYPO_TARGETS = [
  'gmail.com',
  'hotmail.com',
  'outlook.com',
  'yahoo.com.br',
  'icloud.com',
  'uol.com.br',
  'bol.com.br',
  'terra.com.br',
  'hotmail.com.br',
  'outlook.com.br',
]

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
  return FREE_MAIL.has(domain.trim().toLowerCase())
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
  const near = TYPO_TARGETS.find((target) => isNearMiss(domain, target))
  return near ? { domain, suggestion: near, certain: true } : null
}

/**
 * One edit away from a provider's domain, except where one edit more often makes another real domain than a slip:
 * a three-letter name (sol.com.br, gol.com.br are companies, not a mistyped uol.com.br or bol.com.br: for those only
 * the suffix may be the slip), or another two-letter country code (yahoo.com.ar is Yahoo in Argentina, not a
 * mistyped yahoo.com.br). The slips those leave out that staff meet are in KNOWN_TYPOS.
 */
function isNearMiss(domain: string, target: string): boolean {
  if (!isOneEditAway(domain, target)) return false
  const name = firstLabel(target)
  if (name.length < 5 && firstLabel(domain) !== name) return false
  const [tld, targetTld] = [lastLabel(domain), lastLabel(target)]
  const sameButTld = domain.slice(0, -tld.length) === target.slice(0, -targetTld.length)
  return !(sameButTld && tld.length === 2 && targetTld.length === 2)
}

const firstLabel = (domain: string): string => domain.split('.', 1)[0] ?? ''
const lastLabel = (domain: string): string => domain.slice(domain.lastIndexOf('.') + 1)

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

/**
 * The client's own domain this address is on, if any (ownDomainsOf), sub-domains included:
 * financeiro@cobranca.padaria.com.br is on padaria.com.br, whose suspension silences it too.
 * One look-up per label of the address's domain, so pass a Set where there are many domains.
 */
export function ownDomainOf(email: string, ownDomains: readonly string[] | ReadonlySet<string>): string | null {
  const has = (domain: string): boolean => ('has' in ownDomains ? ownDomains.has(domain) : ownDomains.includes(domain))
  for (let domain = emailDomain(email); domain !== '';) {
    if (has(domain)) return domain
    const dot = domain.indexOf('.')
    domain = dot < 0 ? '' : domain.slice(dot + 1)
  }
  return null
}

/** Replaces the domain of an address ("ana@gmial.com" + "gmail.com" → "ana@gmail.com"). */
export function withDomain(email: string, domain: string): string {
  const at = email.lastIndexOf('@')
  return at < 0 ? email : `${email.slice(0, at + 1)}${domain}`
}
