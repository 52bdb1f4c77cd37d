// E-mail domains checked offline (src/shared/email-domains.ts): free-mail typos, and the client's own domains.
import { describe, expect, it } from 'vitest'
import { freeMailTypo, isFreeMail, ownDomainOf, ownDomainsOf, withDomain } from '../../../src/shared/email-domains'

describe('e-mail', () => {
  it('flags the typos staff meet most', () => {
    expect(freeMailTypo('ana@gmial.com')).toEqual({ domain: 'gmial.com', suggestion: 'gmail.com', certain: true })
    expect(freeMailTypo('ana@hotmial.com')?.suggestion).toBe('hotmail.com')
    expect(freeMailTypo('ana@hotmail.com.br')?.suggestion).toBe('hotmail.com')
    expect(freeMailTypo('ana@outlok.com')?.suggestion).toBe('outlook.com')
    expect(freeMailTypo('ana@yahoo.com')).toEqual({ domain: 'yahoo.com', suggestion: 'yahoo.com.br', certain: false })
    expect(freeMailTypo('ana@gmaik.com')?.suggestion).toBe('gmail.com')
    expect(freeMailTypo('ana@hotmali.com')?.suggestion).toBe('hotmail.com')
  })

  it('leaves real providers and company domains alone', () => {
    for (const email of ['ana@gmail.com', 'ana@yahoo.com.br', 'ana@outlook.com.br', 'ana@mail.com', 'ana@uol.com.br', 'ana@padaria.com.br', 'ana@gmail']) {
      expect(freeMailTypo(email)).toBeNull()
    }
  })

  it('knows the client’s own domain, except for free mail, which is never suspended', () => {
    expect(ownDomainOf('financeiro@padaria.com.br', ownDomainsOf('joao@padaria.com.br'))).toBe('padaria.com.br')
    expect(ownDomainOf('FINANCEIRO@Padaria.com.br', ownDomainsOf('joao@padaria.com.br'))).toBe('padaria.com.br')
    expect(ownDomainOf('ana@gmail.com', ownDomainsOf('joao@padaria.com.br'))).toBeNull()
    expect(ownDomainOf('ana@gmail.com', ownDomainsOf('joao@gmail.com'))).toBeNull()
    // The domains registered with the company count too, also for an owner on free mail.
    expect(ownDomainsOf('joao@gmail.com', ['Padaria.com.br', 'gmail.com'])).toEqual(['padaria.com.br'])
    expect(ownDomainOf('caixa@padaria.com.br', ownDomainsOf('joao@gmail.com', ['padaria.com.br']))).toBe('padaria.com.br')
    expect(isFreeMail('Gmail.com')).toBe(true)
    expect(withDomain('ana@gmial.com', 'gmail.com')).toBe('ana@gmail.com')
  })
})

describe('e-mail, for the reachability audit', () => {
  it('counts a sub-domain of the client’s own domain as on it, from a list or a set', () => {
    expect(ownDomainOf('financeiro@cobranca.padaria.com.br', ownDomainsOf('joao@padaria.com.br'))).toBe('padaria.com.br')
    expect(ownDomainOf('nfe@a.b.padaria.com.br', new Set(['padaria.com.br']))).toBe('padaria.com.br')
    expect(ownDomainOf('ana@minhapadaria.com.br', ['padaria.com.br'])).toBeNull()
    expect(ownDomainOf('ana@', ['padaria.com.br'])).toBeNull()
  })

  it('takes real providers for what they are: hotmail.com.br exists, yahoo.com.ar is Yahoo abroad, sol.com.br a company', () => {
    expect(isFreeMail('hotmail.com.br')).toBe(true)
    expect(freeMailTypo('ana@hotmail.com.br')).toEqual({ domain: 'hotmail.com.br', suggestion: 'hotmail.com', certain: false })
    for (const domain of ['yahoo.com.ar', 'yahoo.com.bo', 'sol.com.br', 'gol.com.br', 'boi.com.br']) expect(freeMailTypo(domain)).toBeNull()
    // The slip in a short provider's suffix is still one.
    expect(freeMailTypo('ana@uol.combr')?.suggestion).toBe('uol.com.br')
    expect(freeMailTypo('ana@hotmial.com.br')?.suggestion).toBe('hotmail.com.br')
  })
})
