// The keys duplicates are found by (src/shared/duplicate-keys.ts): one person or line however it was written, and
// placeholders and non-numbers keying nothing.
import { describe, expect, it } from 'vitest'
import { displayKey, emailKey, holderKeys, phoneKey, taxIdKey } from '../../../src/shared/duplicate-keys'

describe('phoneKey', () => {
  it('is +55, the DDD and the number however the number was typed', () => {
    const forms = ['(11) 98765-4321', '11 98765 4321', '+55 11 98765-4321', '+55.11987654321', '5511987654321', '011 98765-4321']
    for (const form of forms) expect(phoneKey(form), form).toBe('+5511987654321')
  })

  it('gives a mobile typed without its ninth digit the key of the same mobile with it', () => {
    expect(phoneKey('(11) 8765-4321')).toBe('+5511987654321')
    expect(phoneKey('+55.1187654321')).toBe('+5511987654321')
    expect(phoneKey('81 9988-7766')).toBe(phoneKey('(81) 99988-7766'))
  })

  it('keeps landlines apart from mobiles', () => {
    expect(phoneKey('(11) 3333-4444')).toBe('+551133334444')
    expect(phoneKey('(11) 3333-4444')).not.toBe(phoneKey('(11) 93333-4444'))
    expect(phoneKey('+55 11 3333-4444')).toBe(phoneKey('11 3333 4444'))
  })

  it('keys no placeholder', () => {
    for (const placeholder of [
      '0000-0000',
      '(11) 0000-0000',
      '9999-9999',
      '(11) 9999-9999',
      '(11) 99999-9999',
      '1111111111',
      '(21) 1111-1111',
      '11 2222-2222',
      '(11) 1234-5678',
      '+55 11 98888-8888',
      '00000000000',
    ])
      expect(phoneKey(placeholder), placeholder).toBeNull()
  })

  it('keys nothing that is no phone: no DDD, wrong length, letters, empty', () => {
    for (const text of ['', '  ', '98765-4321', '123', '(00) 98765-4321', 'ramal 12']) expect(phoneKey(text), text).toBeNull()
  })

  it('keys another country as + and its digits', () => {
    expect(phoneKey('+1 (415) 555-0134')).toBe('+14155550134')
    expect(phoneKey('+351 912 876 543')).toBe('+351912876543')
  })

  it('reads back as people write it', () => {
    expect(displayKey('phone', '+5511987654321')).toBe('+55 (11) 98765-4321')
    expect(displayKey('phone', '+14155550134')).toBe('+14155550134')
  })
})

describe('taxIdKey', () => {
  it('is the digits of a CPF or CNPJ with or without punctuation', () => {
    expect(taxIdKey('123.456.789-09')).toBe('12345678909')
    expect(taxIdKey('12345678909')).toBe('12345678909')
    expect(taxIdKey(' 123 456 789 09 ')).toBe('12345678909')
    expect(taxIdKey('11.222.333/0001-81')).toBe('11222333000181')
    expect(taxIdKey('11222333000181')).toBe('11222333000181')
  })

  it('keys a number with wrong check digits (the same typo twice is still one number), not a placeholder', () => {
    expect(taxIdKey('123.456.789-00')).toBe('12345678900')
    for (const text of ['000.000.000-00', '111.111.111-11', '00.000.000/0000-00', '', '123', '123.456.789-0X', 'isento'])
      expect(taxIdKey(text), text).toBeNull()
  })

  it('reads back formatted', () => {
    expect(displayKey('taxId', '12345678909')).toBe('123.456.789-09')
    expect(displayKey('taxId', '11222333000181')).toBe('11.222.333/0001-81')
  })
})

describe('emailKey', () => {
  it('folds case and trims', () => {
    expect(emailKey(' Ana.Souza@Padaria.COM.br ')).toBe('ana.souza@padaria.com.br')
    expect(emailKey('ana.souza@padaria.com.br')).toBe(emailKey('ANA.SOUZA@PADARIA.COM.BR'))
  })

  it('keys no text that is no address', () => {
    for (const text of ['', 'ana', 'ana@', '@padaria.com.br', 'a b@c.d']) expect(emailKey(text), text).toBeNull()
  })
})

describe('holderKeys', () => {
  it('gives each known value of a holder, as written', () => {
    expect(holderKeys({ email: 'Ana@X.com.br', taxId: '123.456.789-09', phoneNumber: '(11) 8765-4321' })).toEqual([
      { kind: 'email', key: 'ana@x.com.br', written: 'Ana@X.com.br' },
      { kind: 'taxId', key: '12345678909', written: '123.456.789-09' },
      { kind: 'phone', key: '+5511987654321', written: '(11) 8765-4321' },
    ])
    expect(holderKeys({ email: '', taxId: '', phoneNumber: '0000-0000' })).toEqual([])
  })
})
