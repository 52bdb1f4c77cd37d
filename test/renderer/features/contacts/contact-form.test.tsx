// The contact editor's rules apart from the screen: main's ContactEdit, the Brazilian formats, what is sent,
// and main's validation answer mapped back to the fields; every problem worded in both languages.
import { newContactFields } from '../../../../src/shared/contact-rules'
import { ownDomainsOf } from '../../../../src/shared/email-domains'
import { describe, expect, it } from 'vitest'
import { changedFields, checkContact, contactToSave, problemsFromMain, type ProblemCode } from '../../../../src/renderer/src/features/contacts/contactForm'
import { problemText } from '../../../../src/renderer/src/features/contacts/fieldText'
import { createI18n } from '../../../../src/renderer/src/i18n'

const OWN = ownDomainsOf('joao@padaria.com.br')

describe('contact rules', () => {
  it('starts a new contact with invoice and general e-mails on, in Brazil', () => {
    expect(newContactFields()).toMatchObject({
      country: 'BR',
      emailPreferences: { invoice: true, general: true, product: false, domain: false, support: false, affiliate: false },
    })
  })

  it('blocks on what main refuses and on bad Brazilian values, one problem per field', () => {
    const check = checkContact(
      {
        ...newContactFields(),
        firstName: '',
        email: 'ana@',
        taxId: '529.982.247-24',
        postcode: '0131',
        phoneNumber: '(11) 8765-4321',
        state: 'XX',
        country: 'BR',
      },
      { ownDomains: OWN },
    )
    expect(check.errors).toEqual({
      firstName: { code: 'required' },
      email: { code: 'email' },
      taxId: { code: 'taxId.checkDigits', params: { kind: 'CPF' } },
      postcode: { code: 'postcode.length' },
      phoneNumber: { code: 'phoneNumber.ninthDigit' },
      state: { code: 'state.unknown' },
    })
  })

  it('hints without blocking: own domain and free-mail typos', () => {
    const check = checkContact({ ...newContactFields(), firstName: 'Ana', email: 'financeiro@padaria.com.br' }, { ownDomains: OWN })
    expect(check.errors).toEqual({})
    expect(check.hints.email).toEqual([{ path: 'email', code: 'email_own_domain', domain: 'padaria.com.br' }])
    expect(checkContact({ ...newContactFields(), firstName: 'Ana', email: 'ana@hotmail.com.br' }, { ownDomains: OWN }).hints.email?.[0]).toMatchObject({
      code: 'email_typo',
      suggestion: 'hotmail.com',
    })
  })

  it('never blocks on a value the portal holds that nobody changed', () => {
    const original = { ...newContactFields(), firstName: 'Ana', email: 'ana@gmail.com', taxId: '123' }
    const check = checkContact({ ...original, lastName: 'Lima' }, { ownDomains: OWN, original })
    expect(check.errors).toEqual({})
    expect(check.legacy.taxId).toEqual({ code: 'taxId.length', params: { kind: 'CPF/CNPJ' } })
    expect(checkContact({ ...original, taxId: '1234' }, { ownDomains: OWN, original }).errors.taxId?.code).toBe('taxId.length')
  })

  it('sends values the way WHMCS keeps them, and only what changed', () => {
    const saved = contactToSave({
      ...newContactFields(),
      firstName: ' Ana ',
      email: ' Ana@Gmail.COM ',
      phoneNumber: '(11) 98765-4321',
      taxId: '52998224725',
      postcode: '01310100',
      state: 'sp',
    })
    expect(saved).toMatchObject({
      firstName: 'Ana',
      email: 'ana@gmail.com',
      phoneNumber: '+55.11987654321',
      taxId: '529.982.247-25',
      postcode: '01310-100',
      state: 'SP',
    })
    expect(changedFields(saved, { ...saved, city: 'Recife', emailPreferences: { ...saved.emailPreferences, support: true } })).toEqual({
      city: 'Recife',
      emailPreferences: { ...saved.emailPreferences, support: true },
    })
    expect(changedFields(saved, { ...saved })).toEqual({})
  })

  it("puts main's validation issues next to their fields", () => {
    expect(
      problemsFromMain({
        code: 'validation',
        message: 'x',
        issues: [
          { path: 'fields.email', message: 'a valid e-mail address' },
          { path: 'changes.postcode', message: 'at most 32 characters' },
          { path: 'password', message: 'at least 8 characters' },
        ],
      }),
    ).toEqual({
      fields: { email: { code: 'email' }, postcode: { code: 'tooLong', params: { max: '32' } } },
      form: [{ code: 'password', params: { detail: 'at least 8 characters' } }],
    })
  })

  it('words every problem in pt-BR and English, never leaving a placeholder', () => {
    const codes: ProblemCode[] = [
      'required',
      'email',
      'country',
      'tooLong',
      'main',
      'password',
      'duplicate',
      'taxId.length',
      'taxId.characters',
      'taxId.repeated',
      'taxId.checkDigits',
      'postcode.length',
      'postcode.characters',
      'postcode.zeros',
      'phoneNumber.length',
      'phoneNumber.characters',
      'phoneNumber.ddd',
      'phoneNumber.ninthDigit',
      'phoneNumber.mobilePrefix',
      'phoneNumber.landlinePrefix',
      'state.unknown',
    ]
    for (const language of ['pt-BR', 'en'] as const) {
      const { t } = createI18n(language)
      for (const code of codes) {
        const text = problemText(t, { code, params: { kind: 'CPF', max: '10', detail: 'x' } })
        expect(text, `${language} ${code}`).not.toContain('contact.errors')
        expect(text, `${language} ${code}`).not.toContain('{{')
      }
    }
    expect(problemText(createI18n('pt-BR').t, { code: 'taxId.checkDigits', params: { kind: 'CNPJ' } })).toBe(
      'CNPJ inválido: os dígitos verificadores não conferem.',
    )
  })
})
