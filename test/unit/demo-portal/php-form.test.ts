import { describe, expect, it } from 'vitest'
import { parsePhpForm, stringParam } from '../../../src/main/demo-portal/php-form'

/** Null-prototype arrays compare like plain objects once copied. */
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value))

describe('parsePhpForm', () => {
  it('decodes flat pairs: "+" is a space, percent escapes are UTF-8, the last value wins', () => {
    const params = parsePhpForm('action=GetClients&search=Jo%C3%A3o+da+Silva&limitnum=1&limitnum=2&flag')
    expect(plain(params)).toEqual({ action: 'GetClients', search: 'João da Silva', limitnum: '2', flag: '' })
  })

  it('builds nested arrays from bracket keys, and [] appends after the largest integer key', () => {
    const params = parsePhpForm('email_preferences%5Bgeneral%5D=1&email_preferences[invoice]=0&a[b][c]=x&list[]=p&list[5]=q&list[]=r')
    expect(plain(params)).toEqual({
      email_preferences: { general: '1', invoice: '0' },
      a: { b: { c: 'x' } },
      list: { '0': 'p', '5': 'q', '6': 'r' },
    })
  })

  it('follows PHP on odd keys: scalar replaced by an array, "." and " " in names, unclosed bracket, empty name', () => {
    expect(plain(parsePhpForm('a=1&a[b]=2'))).toEqual({ a: { b: '2' } })
    expect(plain(parsePhpForm('a[b]=2&a=1'))).toEqual({ a: '1' })
    expect(plain(parsePhpForm('my.field=1&my+name=2&x[y=3&[z]=4&=5'))).toEqual({ my_field: '1', my_name: '2', x_y: '3' })
  })

  it('keeps a malformed escape as written and "__proto__" as plain data', () => {
    const params = parsePhpForm('search=100%&__proto__[polluted]=yes')
    expect(stringParam(params, 'search')).toBe('100%')
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.keys(params)).toContain('__proto__')
  })

  it('stringParam gives strings only', () => {
    const params = parsePhpForm('a=1&b[c]=2')
    expect(stringParam(params, 'a')).toBe('1')
    expect(stringParam(params, 'b')).toBeUndefined()
    expect(stringParam(params, 'missing')).toBeUndefined()
  })
})
