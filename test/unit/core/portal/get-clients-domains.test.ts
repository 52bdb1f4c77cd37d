import { describe, expect, it } from 'vitest'
import { ClientDomain } from '../../../../src/shared/domain'
import { fromFixture, jsonAnswer, portalAnswering, rejectionOf } from './fake-transport'

describe('getClientsDomains', () => {
  it('sends clientid and the paging', async () => {
    const { portal, requests } = portalAnswering(fromFixture('getclientsdomains-empty-7x.json'))
    await portal.getClientsDomains({ clientId: 42, limitstart: 0, limitnum: 100 })
    expect(requests[0]?.body).toBe('action=GetClientsDomains&identifier=id&secret=secret&responsetype=json&clientid=42&limitstart=0&limitnum=100')
  })

  it('reads an 8.x answer, lowercasing the domain name', async () => {
    const { portal } = portalAnswering(fromFixture('getclientsdomains-8x.json'))
    const page = await portal.getClientsDomains({ clientId: 42, limitstart: 0, limitnum: 25 })
    expect(page).toEqual({
      total: 2,
      start: 0,
      warnings: [],
      domains: [
        { id: 301, clientId: 42, domain: 'padariapaoecafe.com.br', status: 'Active', expiryDate: '2026-05-20', nextDueDate: '2026-04-20' },
        { id: 302, clientId: 42, domain: 'pãoecafé.com.br', status: 'Expired', expiryDate: '2024-02-01', nextDueDate: '2024-01-01' },
      ],
    })
    for (const domain of page.domains) expect(ClientDomain.parse(domain)).toEqual(domain)
  })

  it('reads a 7.x answer (strings, 0000-00-00 dates as null)', async () => {
    const { portal } = portalAnswering(fromFixture('getclientsdomains-7x.json'))
    const page = await portal.getClientsDomains({ clientId: 42, limitstart: 0, limitnum: 25 })
    expect(page.total).toBe(2)
    expect(page.domains[1]).toEqual({ id: 303, clientId: 42, domain: 'antigo.net.br', status: 'Pending', expiryDate: null, nextDueDate: null })
  })

  it('reads the empty answer without a domains key', async () => {
    const { portal } = portalAnswering(fromFixture('getclientsdomains-empty-7x.json'))
    expect(await portal.getClientsDomains({ clientId: 42, limitstart: 0, limitnum: 25 })).toEqual({ total: 0, start: 0, domains: [], warnings: [] })
  })

  it('a domain without userid belongs to the client asked for; one of another client is refused', async () => {
    const domain = { id: 9, domainname: 'x.com.br', status: 'Active', expirydate: '2030-01-01', nextduedate: '2029-12-01' }
    const missing = portalAnswering(() => jsonAnswer({ result: 'success', totalresults: 1, domains: { domain } }))
    expect((await missing.portal.getClientsDomains({ clientId: 42, limitstart: 0, limitnum: 25 })).domains[0]?.clientId).toBe(42)
    const other = portalAnswering(() => jsonAnswer({ result: 'success', totalresults: 1, domains: { domain: { ...domain, userid: 7 } } }))
    expect(await rejectionOf(other.portal.getClientsDomains({ clientId: 42, limitstart: 0, limitnum: 25 }))).toMatchObject({ code: 'bad_response' })
  })

  it("without a client, asks for every domain and takes each one's client from userid (none: refused)", async () => {
    const domain = { id: 9, userid: 7, domainname: 'X.com.br', status: 'Active', expirydate: '2030-01-01', nextduedate: '2029-12-01' }
    const all = portalAnswering(() => jsonAnswer({ result: 'success', clientid: '', totalresults: 600, startnumber: 500, domains: { domain } }))
    const page = await all.portal.getClientsDomains({ limitstart: 500, limitnum: 500 })
    expect(all.requests[0]?.body).toBe('action=GetClientsDomains&identifier=id&secret=secret&responsetype=json&limitstart=500&limitnum=500')
    expect(page).toMatchObject({ total: 600, start: 500, domains: [{ id: 9, clientId: 7, domain: 'x.com.br' }] })
    const { userid: _userid, ...ownerless } = domain
    const unowned = portalAnswering(() => jsonAnswer({ result: 'success', totalresults: 1, domains: { domain: ownerless } }))
    expect(await rejectionOf(unowned.portal.getClientsDomains({ limitstart: 0, limitnum: 25 }))).toMatchObject({ code: 'bad_response' })
  })

  it('refuses a domain without a name, and an empty page that contradicts the total', async () => {
    const nameless = portalAnswering(() => jsonAnswer({ result: 'success', totalresults: 1, domains: { domain: [{ id: 9, userid: 42, domainname: '' }] } }))
    expect(await rejectionOf(nameless.portal.getClientsDomains({ clientId: 42, limitstart: 0, limitnum: 25 }))).toMatchObject({
      code: 'bad_response',
      params: { path: 'domains.domain.0.domain' },
    })
    const empty = portalAnswering(() => jsonAnswer({ result: 'success', totalresults: 3, startnumber: 0 }))
    expect(await rejectionOf(empty.portal.getClientsDomains({ clientId: 42, limitstart: 0, limitnum: 25 }))).toMatchObject({ code: 'bad_response' })
  })

  it("reads the list flattened into top-level keys, as WHMCS's reference shows it, the same as the nested form", async () => {
    const nested = await portalAnswering(fromFixture('getclientsdomains-7x.json')).portal.getClientsDomains({ clientId: 42, limitstart: 0, limitnum: 25 })
    const flattened = await portalAnswering(fromFixture('getclientsdomains-documented.json')).portal.getClientsDomains({
      clientId: 42,
      limitstart: 0,
      limitnum: 25,
    })
    expect(flattened).toEqual(nested)
    expect(flattened.domains.map((domain) => domain.domain)).toEqual(['padariapaoecafe.com.br', 'antigo.net.br'])
  })

  it('refuses a flattened list it would have to guess at: an index gap, an odd index, a deeper key, or a nested list beside it', async () => {
    const base = { result: 'success', totalresults: 2 }
    const item = (index: string, id: number) => ({
      [`domains[domain][${index}][id]`]: String(id),
      [`domains[domain][${index}][domainname]`]: `d${id}.com.br`,
      [`domains[domain][${index}][status]`]: 'Active',
    })
    const ambiguous = [
      { ...base, ...item('0', 1), ...item('2', 2) },
      { ...base, ...item('0', 1), ...item('01', 2) },
      { ...base, ...item('0', 1), ...item('1', 2), 'domains[domain][1][nameservers][ns1]': 'ns1.exemplo.com.br' },
      { ...base, ...item('0', 1), ...item('1', 2), domains: { domain: [] } },
    ]
    for (const answer of ambiguous) {
      const { portal } = portalAnswering(() => jsonAnswer(answer))
      expect(await rejectionOf(portal.getClientsDomains({ clientId: 42, limitstart: 0, limitnum: 25 })), JSON.stringify(answer)).toMatchObject({
        code: 'bad_response',
      })
    }
  })
})
