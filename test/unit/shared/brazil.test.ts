// Brazilian formats checked offline (src/shared/brazil.ts): known good and bad values, and properties over
// generated ones — every generated CPF/CNPJ (also alphanumeric) passes, any single change to it fails,
// punctuation never matters, and what the checks normalise checks again to the same value.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  cepUf,
  checkBrazilianContact,
  checkBrazilPhone,
  checkCep,
  checkCnpj,
  checkCpf,
  checkTaxId,
  cnpjCheckDigits,
  cpfCheckDigits,
  DDD_UFS,
  formatCnpj,
  formatCpf,
  normalizeBrazilianContact,
  toUf,
  UFS,
} from '../../../src/shared/brazil'
import { ownDomainsOf } from '../../../src/shared/email-domains'

const digit = fc.constantFrom(...'0123456789'.split(''))
const alnum = fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split(''))
const notRepeated = (value: string): boolean => !/^(.)\1*$/.test(value)
const cpf = fc
  .array(digit, { minLength: 9, maxLength: 9 })
  .map((d) => d.join(''))
  .map((body) => `${body}${cpfCheckDigits(body)}`)
  .filter(notRepeated)
const cnpj = (chars: fc.Arbitrary<string>) =>
  fc
    .array(chars, { minLength: 12, maxLength: 12 })
    .map((d) => d.join(''))
    .map((body) => `${body}${cnpjCheckDigits(body)}`)
    .filter(notRepeated)

/** Every other character of the same class at one position. */
function mutations(value: string, position: number, alphabet: string): string[] {
  return alphabet
    .split('')
    .filter((char) => char !== value[position])
    .map((char) => `${value.slice(0, position)}${char}${value.slice(position + 1)}`)
}

describe('CPF', () => {
  it('accepts known valid numbers, with or without punctuation', () => {
    for (const value of ['529.982.247-25', '52998224725', '111.444.777-35', ' 111 444 777 35 ']) {
      expect(checkCpf(value)).toMatchObject({ ok: true, kind: 'cpf' })
    }
    expect(checkCpf('52998224725')).toMatchObject({ formatted: '529.982.247-25' })
  })

  it('says what is wrong', () => {
    expect(checkCpf('529.982.247-24')).toEqual({ ok: false, kind: 'cpf', problem: 'checkDigits' })
    expect(checkCpf('111.111.111-11')).toEqual({ ok: false, kind: 'cpf', problem: 'repeated' })
    expect(checkCpf('000.000.000-00')).toEqual({ ok: false, kind: 'cpf', problem: 'repeated' })
    expect(checkCpf('529.982.247')).toEqual({ ok: false, kind: 'cpf', problem: 'length' })
    expect(checkCpf('529.982.247-2X')).toEqual({ ok: false, kind: 'cpf', problem: 'characters' })
    expect(checkCpf('529#982')).toEqual({ ok: false, kind: 'cpf', problem: 'characters' })
  })

  it('property: every generated CPF passes, formatted or not', () => {
    fc.assert(
      fc.property(cpf, (value) => {
        expect(checkCpf(value)).toMatchObject({ ok: true, value })
        expect(checkCpf(formatCpf(value))).toMatchObject({ ok: true, value, formatted: formatCpf(value) })
        expect(checkTaxId(value)).toMatchObject({ ok: true, kind: 'cpf' })
      }),
    )
  })

  // Only the check digits are certain: remainders 0 and 1 both give the digit 0, so a rare change in the body
  // goes unnoticed by the modulo-11 scheme itself (and must be accepted, as the Receita Federal does).
  it('property: changing either check digit breaks it', () => {
    fc.assert(
      fc.property(cpf, fc.integer({ min: 9, max: 10 }), (value, position) => {
        for (const changed of mutations(value, position, '0123456789')) {
          expect(checkCpf(changed).ok).toBe(false)
        }
      }),
    )
  })
})

describe('CNPJ', () => {
  it('accepts known valid numbers, numeric and alphanumeric (the Receita Federal example)', () => {
    expect(checkCnpj('11.222.333/0001-81')).toMatchObject({ ok: true, value: '11222333000181' })
    expect(checkCnpj('12.ABC.345/01DE-35')).toMatchObject({ ok: true, value: '12ABC34501DE35', formatted: '12.ABC.345/01DE-35' })
    // Lowercase letters are the same CNPJ.
    expect(checkCnpj('12.abc.345/01de-35')).toMatchObject({ ok: true, value: '12ABC34501DE35' })
    expect(checkTaxId('12ABC34501DE35')).toMatchObject({ ok: true, kind: 'cnpj' })
  })

  it('weighs letters as their ASCII code minus 48', () => {
    // 'A' (65) counts as 17, 'Z' (90) as 42.
    expect(cnpjCheckDigits('00000000000A')).toBe(checkDigitsOfValues([...Array<number>(11).fill(0), 17]))
    expect(cnpjCheckDigits('Z0000000000A')).toBe(checkDigitsOfValues([42, ...Array<number>(10).fill(0), 17]))
  })

  it('says what is wrong', () => {
    expect(checkCnpj('11.222.333/0001-80')).toEqual({ ok: false, kind: 'cnpj', problem: 'checkDigits' })
    expect(checkCnpj('12.ABC.345/01DE-3A')).toEqual({ ok: false, kind: 'cnpj', problem: 'characters' })
    expect(checkCnpj('00.000.000/0000-00')).toEqual({ ok: false, kind: 'cnpj', problem: 'repeated' })
    expect(checkCnpj('11.222.333/0001')).toEqual({ ok: false, kind: 'cnpj', problem: 'length' })
    expect(checkTaxId('123')).toEqual({ ok: false, kind: null, problem: 'length' })
    expect(checkTaxId('12.ABC.345/01DE-34')).toEqual({ ok: false, kind: 'cnpj', problem: 'checkDigits' })
  })

  it('property: every generated numeric and alphanumeric CNPJ passes, formatted or not', () => {
    fc.assert(
      fc.property(fc.oneof(cnpj(digit), cnpj(alnum)), (value) => {
        expect(checkCnpj(value)).toMatchObject({ ok: true, value })
        expect(checkCnpj(formatCnpj(value))).toMatchObject({ ok: true, value })
        expect(checkCnpj(formatCnpj(value).toLowerCase())).toMatchObject({ ok: true, value })
        expect(checkTaxId(formatCnpj(value))).toMatchObject({ ok: true, kind: 'cnpj', formatted: formatCnpj(value) })
      }),
    )
  })

  it('property: changing a check digit of a numeric CNPJ breaks it', () => {
    fc.assert(
      fc.property(cnpj(digit), fc.integer({ min: 12, max: 13 }), (value, position) => {
        for (const changed of mutations(value, position, '0123456789')) expect(checkCnpj(changed).ok).toBe(false)
      }),
    )
  })

  it('property: changing a check digit of an alphanumeric CNPJ breaks it', () => {
    fc.assert(
      fc.property(cnpj(alnum), fc.integer({ min: 12, max: 13 }), (value, position) => {
        for (const changed of mutations(value, position, '0123456789')) expect(checkCnpj(changed).ok).toBe(false)
      }),
    )
  })
})

/** The modulo-11 check digits (CNPJ weights) over values already converted, to cross-check the letter rule. */
function checkDigitsOfValues(values: number[]): string {
  const digit = (vs: number[]): number => {
    let sum = 0
    let weight = 2
    for (let i = vs.length - 1; i >= 0; i--) {
      sum += (vs[i] ?? 0) * weight
      weight = weight === 9 ? 2 : weight + 1
    }
    const rest = sum % 11
    return rest < 2 ? 0 : 11 - rest
  }
  const first = digit(values)
  return `${first}${digit([...values, first])}`
}

// Today's outputs, pinned: the check digits, the accepted edge cases and the formatting must stay the same
// whichever code computes them.
describe('check digits (golden)', () => {
  it.each([
    ['000000001', '91'],
    ['123456789', '09'],
    ['529982247', '25'],
    ['111444777', '35'],
    ['999999998', '08'],
    ['100000000', '19'],
  ])('CPF %s → %s', (body, digits) => {
    expect(cpfCheckDigits(body)).toBe(digits)
  })

  it.each([
    ['000000000001', '91'],
    ['112223330001', '81'],
    ['12ABC34501DE', '35'],
    ['ZZZZZZZZZZZZ', '62'],
    ['A00000000000', '32'],
    ['99999999999Z', '62'],
  ])('CNPJ %s → %s', (body, digits) => {
    expect(cnpjCheckDigits(body)).toBe(digits)
  })

  it('accepts every well-formed number that is not one character repeated, 123.456.789-09 included', () => {
    expect(checkCpf('123.456.789-09')).toEqual({ ok: true, kind: 'cpf', value: '12345678909', formatted: '123.456.789-09' })
    expect(checkCnpj('zz.zzz.zzz/zzzz-62')).toEqual({ ok: true, kind: 'cnpj', value: 'ZZZZZZZZZZZZ62', formatted: 'ZZ.ZZZ.ZZZ/ZZZZ-62' })
  })
})

describe('CEP', () => {
  it('takes 8 digits, with or without the dash, and writes 00000-000', () => {
    expect(checkCep('01310-100')).toEqual({ ok: true, digits: '01310100', formatted: '01310-100' })
    expect(checkCep('01310100')).toMatchObject({ ok: true, formatted: '01310-100' })
    expect(checkCep('01.310-100')).toMatchObject({ ok: true })
    expect(checkCep('1310-100')).toEqual({ ok: false, problem: 'length' })
    expect(checkCep('01310-1000')).toEqual({ ok: false, problem: 'length' })
    expect(checkCep('0131O-100')).toEqual({ ok: false, problem: 'characters' })
    expect(checkCep('00000-000')).toEqual({ ok: false, problem: 'zeros' })
  })

  it('knows the UF of a CEP', () => {
    expect(cepUf('01310-100')).toBe('SP')
    expect(cepUf('20040-020')).toBe('RJ')
    expect(cepUf('70040-010')).toBe('DF')
    expect(cepUf('69900-000')).toBe('AC')
    expect(cepUf('90010-000')).toBe('RS')
    expect(cepUf('123')).toBeNull()
  })

  it('property: every 8-digit CEP but 00000-000 is valid, and its formatted form checks to itself', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999_999 }), (n) => {
        const digits = String(n).padStart(8, '0')
        const check = checkCep(digits)
        expect(check.ok).toBe(true)
        if (check.ok) expect(checkCep(check.formatted)).toEqual(check)
        // Not every prefix belongs to a UF (78900–78999 lies between MT and MS, for one): a UF, when given, is one of the 27.
        const uf = cepUf(digits)
        if (uf !== null) expect(UFS).toContain(uf)
      }),
    )
  })
})

describe('UF', () => {
  it('has the 27 federative units', () => {
    expect(UFS).toHaveLength(27)
    expect(new Set(UFS).size).toBe(27)
  })

  it('reads codes in any case and names with or without accents', () => {
    expect(toUf('sp')).toBe('SP')
    expect(toUf('São Paulo')).toBe('SP')
    expect(toUf('sao paulo')).toBe('SP')
    expect(toUf('Distrito Federal')).toBe('DF')
    expect(toUf('XX')).toBeNull()
    expect(toUf('Paulo')).toBeNull()
  })
})

describe('phones (+55, DDD, ninth digit)', () => {
  it('reads every way a Brazilian number is written and stores it as WHMCS does', () => {
    for (const input of ['(11) 98765-4321', '11 98765 4321', '+55 11 98765-4321', '+55.11987654321', '5511987654321', '011 98765-4321']) {
      expect(checkBrazilPhone(input)).toEqual({
        ok: true,
        ddd: '11',
        number: '987654321',
        kind: 'mobile',
        stored: '+55.11987654321',
        formatted: '+55 (11) 98765-4321',
      })
    }
    expect(checkBrazilPhone('(81) 3333-4444')).toMatchObject({ ok: true, kind: 'landline', stored: '+55.8133334444', formatted: '+55 (81) 3333-4444' })
  })

  it('says what is wrong', () => {
    expect(checkBrazilPhone('(11) 8765-4321')).toEqual({ ok: false, problem: 'ninthDigit' })
    expect(checkBrazilPhone('(11) 88765-4321')).toEqual({ ok: false, problem: 'mobilePrefix' })
    expect(checkBrazilPhone('(11) 1765-4321')).toEqual({ ok: false, problem: 'landlinePrefix' })
    expect(checkBrazilPhone('(20) 98765-4321')).toEqual({ ok: false, problem: 'ddd' })
    expect(checkBrazilPhone('98765-4321')).toEqual({ ok: false, problem: 'length' })
    expect(checkBrazilPhone('+1 415 555 0100')).toEqual({ ok: false, problem: 'foreign' })
    expect(checkBrazilPhone('11 9876-ABCD')).toEqual({ ok: false, problem: 'characters' })
  })

  it('property: every mobile and landline of every DDD checks, and its stored form checks to the same', () => {
    const ddd = fc.constantFrom(...Object.keys(DDD_UFS))
    const mobile = fc.array(digit, { minLength: 8, maxLength: 8 }).map((d) => `9${d.join('')}`)
    const landline = fc
      .tuple(fc.constantFrom('2', '3', '4', '5'), fc.array(digit, { minLength: 7, maxLength: 7 }))
      .map(([first, rest]) => `${first}${rest.join('')}`)
    fc.assert(
      fc.property(ddd, fc.oneof(mobile, landline), (area, number) => {
        const check = checkBrazilPhone(`(${area}) ${number}`)
        expect(check).toMatchObject({ ok: true, ddd: area, number, stored: `+55.${area}${number}` })
        if (check.ok) {
          expect(checkBrazilPhone(check.stored)).toEqual(check)
          expect(checkBrazilPhone(check.formatted)).toEqual(check)
        }
      }),
    )
  })
})

describe('a Brazilian contact as a whole', () => {
  const blank = { email: '', country: 'BR', state: '', postcode: '', phoneNumber: '', taxId: '' }

  it('blocks on bad values only, hints at the rest, and leaves empty fields alone', () => {
    expect(checkBrazilianContact(blank)).toEqual({ issues: [], hints: [] })
    const result = checkBrazilianContact(
      { email: 'financeiro@padaria.com.br', country: 'BR', state: 'RJ', postcode: '01310-100', phoneNumber: '(11) 8765-4321', taxId: '111.111.111-11' },
      ownDomainsOf('joao@padaria.com.br'),
    )
    expect(result.issues).toEqual([
      { path: 'phoneNumber', code: 'phoneNumber.ninthDigit' },
      { path: 'taxId', code: 'taxId.repeated', kind: 'cpf' },
    ])
    expect(result.hints).toEqual([
      { path: 'email', code: 'email_own_domain', domain: 'padaria.com.br' },
      { path: 'postcode', code: 'cep_other_uf', uf: 'SP' },
    ])
    expect(checkBrazilianContact({ ...blank, state: 'RJ', phoneNumber: '(11) 98765-4321' }).hints).toEqual([
      { path: 'phoneNumber', code: 'ddd_other_uf', ufs: ['SP'] },
    ])
    expect(checkBrazilianContact({ ...blank, state: 'Narnia' }).issues).toEqual([{ path: 'state', code: 'state.unknown' }])
  })

  it('checks no Brazilian rule for a contact abroad, but still the phone format', () => {
    const abroad = { ...blank, country: 'PT', state: 'Lisboa', postcode: '1000-001', taxId: 'PT123', phoneNumber: '+351 21 123 4567' }
    expect(checkBrazilianContact(abroad)).toEqual({ issues: [], hints: [] })
    expect(checkBrazilianContact({ ...abroad, phoneNumber: '+351 1' }).issues).toEqual([{ path: 'phoneNumber', code: 'phoneNumber.length' }])
  })

  it('writes values the way WHMCS keeps them', () => {
    expect(
      normalizeBrazilianContact({ ...blank, country: '', state: 'sp', postcode: '01310100', phoneNumber: '(11) 98765-4321', taxId: '52998224725' }),
    ).toEqual({ email: '', country: 'BR', state: 'SP', postcode: '01310-100', phoneNumber: '+55.11987654321', taxId: '529.982.247-25' })
    expect(normalizeBrazilianContact({ ...blank, country: 'PT', phoneNumber: '+351 21 123 4567' }).phoneNumber).toBe('+351.211234567')
  })
})
