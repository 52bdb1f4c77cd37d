import { describe, expect, it } from 'vitest'
import { ClientProduct } from '../../../../src/shared/domain'
import { fromFixture, jsonAnswer, portalAnswering, rejectionOf } from './fake-transport'

const SERVICES = [
  { id: 501, clientId: 42, domain: 'padariapaoecafe.com.br', status: 'Active', name: 'Hospedagem Básica' },
  { id: 502, clientId: 42, domain: 'padariapaoecafe.net.br', status: 'Suspended', name: 'E-mail Profissional' },
]

describe('getClientsProducts', () => {
  it('sends clientid and the paging; without a client, only the paging', async () => {
    const { portal, requests } = portalAnswering(fromFixture('getclientsproducts-empty-7x.json'))
    await portal.getClientsProducts({ clientId: 42, limitstart: 0, limitnum: 100 })
    await portal.getClientsProducts({ limitstart: 999, limitnum: 1000 })
    expect(requests.map((request) => request.body)).toEqual([
      'action=GetClientsProducts&identifier=id&secret=secret&responsetype=json&clientid=42&limitstart=0&limitnum=100',
      'action=GetClientsProducts&identifier=id&secret=secret&responsetype=json&limitstart=999&limitnum=1000',
    ])
  })

  it('reads an 8.x answer: id, client, domain (lowercased), status and product name of each service', async () => {
    const { portal } = portalAnswering(fromFixture('getclientsproducts-8x.json'))
    const page = await portal.getClientsProducts({ clientId: 42, limitstart: 0, limitnum: 25 })
    expect(page).toEqual({ total: 2, start: 0, warnings: [], products: SERVICES })
    for (const product of page.products) expect(ClientProduct.parse(product)).toEqual(product)
  })

  it('reads a 7.x answer, every value a string; a service without a domain has ""', async () => {
    const { portal } = portalAnswering(fromFixture('getclientsproducts-7x.json'))
    const page = await portal.getClientsProducts({ clientId: 42, limitstart: 0, limitnum: 25 })
    expect(page).toEqual({
      total: 2,
      start: 0,
      warnings: [],
      products: [SERVICES[0], { id: 503, clientId: 42, domain: '', status: 'Terminated', name: 'Revenda Prata' }],
    })
  })

  it('reads the empty answer without a products key', async () => {
    const { portal } = portalAnswering(fromFixture('getclientsproducts-empty-7x.json'))
    expect(await portal.getClientsProducts({ clientId: 42, limitstart: 0, limitnum: 25 })).toEqual({ total: 0, start: 0, products: [], warnings: [] })
  })

  it('reads the list flattened into top-level keys, as WHMCS documents its lists, the same as the nested form (config options left out)', async () => {
    const nested = await portalAnswering(fromFixture('getclientsproducts-8x.json')).portal.getClientsProducts({ clientId: 42, limitstart: 0, limitnum: 25 })
    const flattened = await portalAnswering(fromFixture('getclientsproducts-documented.json')).portal.getClientsProducts({
      clientId: 42,
      limitstart: 0,
      limitnum: 25,
    })
    expect(flattened).toEqual(nested)
    expect(flattened.products).toEqual(SERVICES)
  })

  it('refuses a flattened list nested below a field it reads, or with a gap', async () => {
    const base = { result: 'success', totalresults: 2 }
    const item = (index: string, id: number) => ({
      [`products[product][${index}][id]`]: String(id),
      [`products[product][${index}][clientid]`]: '42',
      [`products[product][${index}][domain]`]: `d${id}.com.br`,
      [`products[product][${index}][status]`]: 'Active',
    })
    for (const answer of [
      { ...base, ...item('0', 1), ...item('2', 2) },
      { ...base, ...item('0', 1), ...item('1', 2), 'products[product][1][domain][0]': 'outro.com.br' },
    ]) {
      const { portal } = portalAnswering(() => jsonAnswer(answer))
      expect(await rejectionOf(portal.getClientsProducts({ clientId: 42, limitstart: 0, limitnum: 25 })), JSON.stringify(answer)).toMatchObject({
        code: 'bad_response',
      })
    }
  })

  it("without a client, takes each service's client from clientid (none: refused); with one, a service of another client is refused", async () => {
    const service = { id: 9, clientid: 7, name: 'Hospedagem', domain: 'X.com.br', status: 'Active' }
    const all = portalAnswering(() => jsonAnswer({ result: 'success', clientid: '', totalresults: 1200, startnumber: 999, products: { product: service } }))
    expect(await all.portal.getClientsProducts({ limitstart: 999, limitnum: 1000 })).toEqual({
      total: 1200,
      start: 999,
      warnings: [],
      products: [{ id: 9, clientId: 7, domain: 'x.com.br', status: 'Active', name: 'Hospedagem' }],
    })
    const { clientid: _clientid, ...ownerless } = service
    const unowned = portalAnswering(() => jsonAnswer({ result: 'success', totalresults: 1, products: { product: ownerless } }))
    expect(await rejectionOf(unowned.portal.getClientsProducts({ limitstart: 0, limitnum: 25 }))).toMatchObject({
      code: 'bad_response',
      params: { path: 'products.product.0.clientid' },
    })
    const asked = portalAnswering(() => jsonAnswer({ result: 'success', totalresults: 1, products: { product: ownerless } }))
    expect((await asked.portal.getClientsProducts({ clientId: 42, limitstart: 0, limitnum: 25 })).products[0]?.clientId).toBe(42)
    const other = portalAnswering(() => jsonAnswer({ result: 'success', totalresults: 1, products: { product: service } }))
    expect(await rejectionOf(other.portal.getClientsProducts({ clientId: 42, limitstart: 0, limitnum: 25 }))).toMatchObject({ code: 'bad_response' })
  })

  it('refuses an empty page that contradicts the total, and a bad input before sending anything', async () => {
    const empty = portalAnswering(() => jsonAnswer({ result: 'success', totalresults: 3, startnumber: 0 }))
    expect(await rejectionOf(empty.portal.getClientsProducts({ limitstart: 0, limitnum: 25 }))).toMatchObject({ code: 'bad_response' })
    const unsent = portalAnswering(fromFixture('getclientsproducts-empty-7x.json'))
    expect(await rejectionOf(unsent.portal.getClientsProducts({ clientId: 0, limitstart: 0, limitnum: 25 }))).toMatchObject({ code: 'validation' })
    expect(unsent.requests).toEqual([])
  })
})
