import { describe, expect, it } from 'vitest'
import { parsePhpForm } from '../../../src/main/demo-portal/php-form'
import { emailPreferencesParam, legacyEmailFlagsParam, permissionsParam, phpBool } from '../../../src/main/demo-portal/request'
import { localDateTime } from '../../../src/main/demo-portal/answer'

describe('request values as PHP reads them', () => {
  it('casts flags like (bool): only "" and "0" are false', () => {
    expect(['', '0'].map(phpBool)).toEqual([false, false])
    expect(['1', 'true', 'false', 'off', 'no', ' '].map(phpBool)).toEqual([true, true, true, true, true, true])
    expect(phpBool(undefined)).toBeUndefined()
  })

  it('reads email_preferences[…] key by key, and the old flag names', () => {
    const params = parsePhpForm('email_preferences[invoice]=1&email_preferences[domain]=0&email_preferences[bogus]=1&supportemails=1')
    expect(emailPreferencesParam(params)).toEqual({ invoice: true, domain: false })
    expect(legacyEmailFlagsParam(params)).toEqual({ support: true })
    expect(emailPreferencesParam(parsePhpForm('email_preferences=1'))).toEqual({})
  })

  it('keeps only known permission names, once each, in the canonical order', () => {
    expect(permissionsParam(' tickets,invoices ,Profile,nope,invoices')).toEqual(['invoices', 'tickets'])
    expect(permissionsParam(parsePhpForm('p[]=orders&p[]=profile').p)).toEqual(['profile', 'orders'])
    expect(permissionsParam('')).toEqual([])
    expect(permissionsParam(undefined)).toEqual([])
  })

  it('writes local "YYYY-MM-DD HH:MM:SS"', () => {
    expect(localDateTime(new Date(2026, 0, 2, 3, 4, 5))).toBe('2026-01-02 03:04:05')
  })
})
