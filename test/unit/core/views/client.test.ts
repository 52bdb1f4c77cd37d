import { describe, expect, it } from 'vitest'
import { warningsFor } from '../../../../src/main/core/views/client'
import type { Contact } from '../../../../src/shared/domain'

const prefs = (invoice: boolean) => ({ general: true, invoice, product: false, domain: true, support: false, affiliate: false })
const contact = (email: string, invoice: boolean) => ({ email, emailPreferences: prefs(invoice) }) as Contact

describe("the help article's warnings", () => {
  it('nobody receives invoices', () => {
    expect(warningsFor('dono@padaria.com.br', prefs(false), [contact('x@gmail.com', false)])).toEqual(['no_invoice_recipient'])
  })
  it("every invoice recipient is on the client's own domain", () => {
    expect(warningsFor('dono@padaria.com.br', prefs(true), [contact('financeiro@padaria.com.br', true), contact('x@gmail.com', false)])).toEqual([
      'all_recipients_on_own_domain',
    ])
  })
  it('a second contact on another domain receiving invoices: no warning', () => {
    expect(warningsFor('dono@padaria.com.br', prefs(true), [contact('dono.padaria@gmail.com', true)])).toEqual([])
  })
  it('an owner on free mail has no own domain to lose', () => {
    expect(warningsFor('dono@gmail.com', prefs(true), [contact('outro@gmail.com', true)])).toEqual([])
  })
  it("counts the client's registered domains as its own, even when the owner is on free mail", () => {
    expect(warningsFor('dono@gmail.com', prefs(false), [contact('financeiro@padariasaojose.com.br', true)], ['padariasaojose.com.br'])).toEqual([
      'all_recipients_on_own_domain',
    ])
    expect(warningsFor('dono@padaria.com.br', prefs(true), [contact('loja@padaria-loja.com', true)], ['padaria-loja.com'])).toEqual([
      'all_recipients_on_own_domain',
    ])
    expect(warningsFor('dono@gmail.com', prefs(true), [contact('loja@padaria-loja.com', true)], ['padaria-loja.com'])).toEqual([])
  })
  it("says nothing before the owner's preferences are known", () => {
    expect(warningsFor('dono@padaria.com.br', null, [])).toEqual([])
  })
})
