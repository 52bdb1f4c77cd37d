// The request body WHMCS expects: application/x-www-form-urlencoded as PHP's http_build_query writes it.
// Nested values need PHP bracket keys (`email_preferences[invoice]=1`), which URLSearchParams and
// querystring cannot produce (docs/WHMCS.md §1, §8).
// qs can write these keys, but it would replace only the walk in append(): WHMCS's 1/0, plain decimals,
// refusing what PHP would misread and U+FFFD for a lone surrogate would stay ours, beside its 21 packages.

/**
 * Encodes `params` for a WHMCS POST body.
 * - objects and arrays become bracket keys: `a[b]=…`, `a[0]=…`
 * - booleans become `1`/`0` (PHP reads any non-empty string but "0" as true, so never "true"/"false")
 * - numbers become plain decimal strings (never exponent notation)
 * - null and undefined are left out, as are empty arrays and objects (http_build_query does the same)
 * - text is UTF-8, percent-encoded
 * Anything else (a Date, a function, NaN, a key with brackets) is a programming error and throws a TypeError.
 */
export function encodeForm(params: Readonly<Record<string, unknown>>): string {
  const pairs: string[] = []
  for (const [key, value] of Object.entries(params)) append(pairs, percentEncode(checkedKey(key)), value)
  return pairs.join('&')
}

function append(pairs: string[], name: string, value: unknown): void {
  if (value === null || value === undefined) return
  if (typeof value === 'string') pairs.push(`${name}=${percentEncode(value)}`)
  else if (typeof value === 'boolean') pairs.push(`${name}=${value ? '1' : '0'}`)
  else if (typeof value === 'number') pairs.push(`${name}=${decimalString(value)}`)
  else if (Array.isArray(value)) value.forEach((item: unknown, index) => append(pairs, `${name}[${index}]`, item))
  else if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) append(pairs, `${name}[${percentEncode(checkedKey(key))}]`, item)
  } else throw new TypeError(`Cannot send a ${describe(value)} to the portal (parameter ${name})`)
}

/** The number's shortest exact digits, written out in full: PHP must not see "1e+21". */
function decimalString(value: number): string {
  if (!Number.isFinite(value)) throw new TypeError(`Cannot send ${value} to the portal`)
  const text = String(value) // shortest round-trip form; String(-0) is "0"
  const exponent = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text)
  if (!exponent) return text
  const [, sign = '', lead = '', fraction = '', power = '0'] = exponent
  const digits = lead + fraction
  const point = lead.length + Number(power)
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`
}

/** PHP would read a bracket inside a key as nesting, and an empty key as "append". */
function checkedKey(key: string): string {
  if (key === '' || /[[\]]/.test(key)) throw new TypeError(`Invalid parameter name for the portal: "${key}"`)
  return key
}

const UTF8 = new TextEncoder()
const UNRESERVED = /[A-Za-z0-9\-_.~]/

/** RFC 3986 percent-encoding of the UTF-8 bytes (PHP's rawurlencode); a lone surrogate becomes U+FFFD. */
export function percentEncode(text: string): string {
  let out = ''
  for (const byte of UTF8.encode(text)) {
    const char = String.fromCharCode(byte)
    out += byte < 0x80 && UNRESERVED.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return out
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

function describe(value: unknown): string {
  return typeof value === 'object' ? (value?.constructor?.name ?? 'object') : typeof value
}
