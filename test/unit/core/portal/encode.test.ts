import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { encodeForm } from '../../../../src/main/core/portal/encode'

type Decoded = { [key: string]: string | Decoded }

/**
 * What PHP makes of a form body ($_POST / parse_str), written independently of the encoder:
 * split on & and the first =, URL-decode both sides (+ is a space), then read `base[a][b]` as nesting.
 * (PHP also turns "." and " " in top-level names into "_"; the portal client never sends such names.)
 */
function phpDecode(body: string): Decoded {
  const root: Decoded = Object.create(null) as Decoded
  for (const pair of body.split('&')) {
    if (pair === '') continue
    const cut = pair.indexOf('=')
    const rawName = cut === -1 ? pair : pair.slice(0, cut)
    const rawValue = cut === -1 ? '' : pair.slice(cut + 1)
    const name = decodeURIComponent(rawName.replace(/\+/g, ' '))
    const value = decodeURIComponent(rawValue.replace(/\+/g, ' '))
    const open = name.indexOf('[')
    const base = open === -1 ? name : name.slice(0, open)
    const path = [base, ...Array.from(name.slice(open === -1 ? name.length : open).matchAll(/\[([^\]]*)\]/g), (m) => m[1] ?? '')]
    let node = root
    path.forEach((key, index) => {
      if (index === path.length - 1) {
        node[key] = value
        return
      }
      const next = node[key]
      if (typeof next === 'object') node = next
      else {
        const created = Object.create(null) as Decoded
        node[key] = created
        node = created
      }
    })
  }
  return root
}

/** The model: what PHP should end up with for a value, per the encoding rules. */
function expected(value: unknown): string | Decoded | undefined {
  if (value === null || value === undefined) return undefined
  if (typeof value === 'string') return value
  if (typeof value === 'boolean') return value ? '1' : '0'
  if (typeof value === 'number') return String(value)
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((item: unknown, index) => [String(index), item])
    : Object.entries(value as Record<string, unknown>)
  const out = Object.create(null) as Decoded
  for (const [key, item] of entries) {
    const model = expected(item)
    if (model !== undefined) out[key] = model
  }
  return Object.keys(out).length === 0 ? undefined : out
}

// Characters that mean something in a form or to PHP come up often, not once in a million code points.
const char = fc.oneof(
  fc.constantFrom('%', '&', '=', '+', ' ', '[', ']', '#', '?', '/', ';', '.', 'é', '😀', '\u0000', '\n'),
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
)
const key = fc.string({ unit: char, minLength: 1, maxLength: 6 }).filter((k) => !/[[\]]/.test(k))
const scalar = fc.oneof(
  fc.string({ unit: char, maxLength: 12 }),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
)
const { tree } = fc.letrec<{ tree: unknown }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('tree'), { maxLength: 4 }),
    fc.dictionary(key, tie('tree'), { maxKeys: 4 }),
  ),
}))

describe('encodeForm', () => {
  it('writes nested objects and arrays as PHP bracket keys', () => {
    expect(
      encodeForm({
        action: 'UpdateContact',
        contactid: 42,
        email_preferences: { general: true, invoice: false },
        a: ['x', 'y'],
      }),
    ).toBe('action=UpdateContact&contactid=42&email_preferences[general]=1&email_preferences[invoice]=0&a[0]=x&a[1]=y')
  })

  it('nests arrays of objects to any depth, percent-encoding each key but never the brackets', () => {
    expect(encodeForm({ a: { 'b c': [{ d: true, é: 0.5 }, ['x y']] } })).toBe('a[b%20c][0][d]=1&a[b%20c][0][%C3%A9]=0.5&a[b%20c][1][0]=x%20y')
  })

  it('leaves out null, undefined and empty containers, keeping array indexes', () => {
    expect(encodeForm({ a: null, b: undefined, c: [], d: {}, e: ['x', null, 'z'], f: '' })).toBe('e[0]=x&e[2]=z&f=')
  })

  it('percent-encodes UTF-8, including the characters that mean something in a form', () => {
    expect(encodeForm({ name: 'José Conceição', note: 'a&b=c+d e/f?', emoji: '😀' })).toBe(
      'name=Jos%C3%A9%20Concei%C3%A7%C3%A3o&note=a%26b%3Dc%2Bd%20e%2Ff%3F&emoji=%F0%9F%98%80',
    )
    expect(encodeForm({ 'odd key&': 1 })).toBe('odd%20key%26=1')
  })

  it('keeps phone numbers and postcodes exactly as typed', () => {
    expect(encodeForm({ phonenumber: '+55 011 98765-4321', postcode: '01310-100' })).toBe('phonenumber=%2B55%20011%2098765-4321&postcode=01310-100')
  })

  it('writes numbers as plain decimals, never in exponent notation', () => {
    expect(encodeForm({ a: 1e21, b: 1.5e-7, c: -0, d: -2.5, e: 123456789012345680000 })).toBe(
      'a=1000000000000000000000&b=0.00000015&c=0&d=-2.5&e=123456789012345680000',
    )
  })

  it('replaces a lone surrogate with U+FFFD instead of failing', () => {
    expect(encodeForm({ a: 'x\uD800y' })).toBe('a=x%EF%BF%BDy')
  })

  it.each([
    ['a Date', { when: new Date(0) }],
    ['NaN', { n: Number.NaN }],
    ['Infinity', { n: Number.POSITIVE_INFINITY }],
    ['a function', { f: () => 1 }],
    ['a Map', { m: new Map() }],
    ['a key with brackets', { 'a[b]': 1 }],
    ['an empty nested key', { a: { '': 1 } }],
  ])('refuses %s as a programming error', (_what, params) => {
    expect(() => encodeForm(params)).toThrow(TypeError)
  })

  it('decodes in PHP to exactly the values given (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(key, tree, { maxKeys: 5 }), (params) => {
        expect(phpDecode(encodeForm(params))).toEqual(expected(params) ?? {})
      }),
      { numRuns: 500 },
    )
  })

  it('round-trips every finite number through a plain decimal (property)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        const sent = phpDecode(encodeForm({ n })).n
        expect(sent).toMatch(/^-?\d+(\.\d+)?$/)
        expect(Number(sent)).toBe(n === 0 ? 0 : n)
      }),
      { numRuns: 2000 },
    )
  })
})
