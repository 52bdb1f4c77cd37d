// What may reach a log line (issue 7, LGPD): no credential value at all, and personal data only in a
// shape that tells a support engineer what kind of value it was, never the value itself.
import { inspect } from 'node:util'
import { maskPersonalData } from '../../../shared/mask'

const REDACTED = '[redacted]'

// A key whose value is a credential: WHMCS's identifier/secret/accesskey, passwords (WHMCS calls the
// client's password2), tokens (the bridge's #token=…), API keys, Authorization and cookie headers.
const SECRET_KEY = /secret|passw(?:or)?d|passwd|token|identifier|access_?key|api_?key|authorization|cookie/i

// key=value (form bodies, query strings, fragments), key: value (util.inspect, headers), "key":"value" (JSON).
// Each pattern starts only where a token starts (the lookbehinds), so a long run of text costs linear time.
const KEY_VALUE =
  /(?<![\w.[\]-])(["']?)([\w.[\]-]*(?:secret|passw(?:or)?d|passwd|token|identifier|access_?key|api_?key|authorization|cookie)[\w.[\]-]*)\1(\s*[:=]\s*)("(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?|(?:Bearer|Basic)\s+\S+|[^\s&,;}\]'"]+)/gi

const AUTH_SCHEME = /\b(Bearer|Basic)\s+[\w.~+/=-]{8,}/g
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^/\s@]+@/gi
// Long hex runs are tokens or key material (the bridge's token is 64 hex digits).
const HEX_TOKEN = /\b[0-9a-f]{32,}\b/gi

function maskValue(value: string): string {
  const quote = value[0] === '"' || value[0] === "'" ? value[0] : ''
  return `${quote}${REDACTED}${quote}`
}

/** Removes credentials and masks personal data in one piece of text (a formatted log line). */
export function redactText(text: string): string {
  const withoutCredentials = text
    .replace(KEY_VALUE, (_match, quote: string, key: string, separator: string, value: string) => `${quote}${key}${quote}${separator}${maskValue(value)}`)
    .replace(AUTH_SCHEME, `$1 ${REDACTED}`)
    .replace(URL_USERINFO, `$1${REDACTED}@`)
  return maskPersonalData(withoutCredentials).replace(HEX_TOKEN, REDACTED)
}

const MAX_DEPTH = 4

/** A copy of a value with every credential-named field's value replaced, before it is turned into text. */
function scrub(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value !== 'object' || value === null) return value
  if (seen.has(value)) return '[circular]'
  if (depth > MAX_DEPTH) return '[…]'
  seen.add(value)
  if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1, seen))
  const copy: Record<string, unknown> = {}
  for (const [key, field] of Object.entries(value)) {
    copy[key] = SECRET_KEY.test(key) ? REDACTED : scrub(field, depth + 1, seen)
  }
  return copy
}

function formatError(error: Error, depth: number, seen: WeakSet<object>): string {
  seen.add(error)
  let text = error.stack ?? `${error.name}: ${error.message}`
  // Fields such as DeskFailure's code and details; the stack already holds name and message.
  const fields = Object.fromEntries(Object.entries(error).filter(([key]) => key !== 'cause'))
  if (Object.keys(fields).length > 0) text += ` ${inspect(scrub(fields, depth + 1, seen), { depth: MAX_DEPTH, breakLength: Infinity })}`
  if (error.cause !== undefined && depth < MAX_DEPTH) text += `\n  caused by: ${formatValue(error.cause, depth + 1, seen)}`
  return text
}

function formatValue(value: unknown, depth: number, seen: WeakSet<object>): string {
  if (typeof value === 'string') return value
  if (value instanceof Error) return seen.has(value) ? '[circular error]' : formatError(value, depth, seen)
  return inspect(scrub(value, depth, seen), { depth: MAX_DEPTH, breakLength: Infinity })
}

// One message cannot flood a file (a huge error body): the rest is cut.
const MAX_MESSAGE_CHARS = 8 * 1024

/** Turns console-style arguments into one redacted message of at most about MAX_MESSAGE_CHARS. */
export function formatLogMessage(args: readonly unknown[]): string {
  const text = args.map((arg) => formatValue(arg, 0, new WeakSet())).join(' ')
  if (text.length <= MAX_MESSAGE_CHARS) return redactText(text)
  // Cut before redacting (bounded work), dropping the token the cut went through: half an e-mail
  // address or half a secret would no longer look like one to the patterns.
  return `${redactText(text.slice(0, MAX_MESSAGE_CHARS).replace(/\S*$/, ''))}… [cut]`
}
