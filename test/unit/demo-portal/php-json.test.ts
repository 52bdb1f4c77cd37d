import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { phpJsonEncode, type JsonValue } from '../../../src/main/demo-portal/php-json'

describe('phpJsonEncode', () => {
  it('escapes "/" and non-ASCII the way PHP json_encode does by default', () => {
    expect(phpJsonEncode({ url: 'https://portal.example.com/a' })).toBe('{"url":"https:\\/\\/portal.example.com\\/a"}')
    expect(phpJsonEncode('João Conceição ©')).toBe('"Jo\\u00e3o Concei\\u00e7\\u00e3o \\u00a9"')
    expect(phpJsonEncode('€')).toBe('"\\u20ac"')
  })

  it('writes astral characters as a surrogate pair and keeps lone surrogates escaped', () => {
    expect(phpJsonEncode('😀')).toBe('"\\ud83d\\ude00"')
    expect(phpJsonEncode('\ud800')).toBe('"\\ud800"')
  })

  it('leaves the rest standard JSON: control characters, quotes, DEL, numbers, nesting', () => {
    expect(phpJsonEncode({ a: 'x\n"y"\t\\', b: '\u0001\u007f', c: [1, -2.5, true, null] })).toBe(
      '{"a":"x\\n\\"y\\"\\t\\\\","b":"\\u0001\u007f","c":[1,-2.5,true,null]}',
    )
  })

  const anyUtf16Unit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code))

  it('round-trips through JSON.parse and is printable ASCII with every "/" escaped', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue({ stringUnit: 'binary' }), fc.jsonValue({ stringUnit: anyUtf16Unit })), (value) => {
        // fast-check types object members as optional; the values it generates are never undefined.
        const encoded = phpJsonEncode(value as JsonValue)
        expect(JSON.parse(encoded)).toEqual(JSON.parse(JSON.stringify(value)))
        expect(encoded).toMatch(/^[\x20-\x7f]*$/) // PHP leaves DEL raw, as JSON allows
        expect(encoded.replaceAll('\\/', '')).not.toContain('/')
      }),
      { numRuns: 500 },
    )
  })
})
