import { describe, expect, it } from 'vitest'
import { createWhmcsClient } from '../../../../src/main/core/portal/whmcs-client'
import { Client } from '../../../../src/shared/domain'
import { DeskFailure } from '../../../../src/shared/errors'
import { answer, fakeTransport, fixture, jsonAnswer, type Responder } from './fake-transport'

function portalAnswering(respond: Responder) {
  const { transport, requests } = fakeTransport(respond)
  const portal = createWhmcsClient({ apiUrl: 'https://portal.example.com/', identifier: 'id', secret: 'secret', transport })
  return { portal, requests }
}

const fromFixture =
  (name: string): Responder =>
  () =>
    answer(200, fixture(name), { 'content-type': 'application/json' })

describe('getClients', () => {
  it('sends the paging parameters and leaves out an empty search', async () => {
    const { portal, requests } = portalAnswering(fromFixture('getclients-empty-7x.json'))
    await portal.getClients({ limitstart: 250, limitnum: 250, search: '' })
    await portal.getClients({ limitstart: 0, limitnum: 25, search: 'jos' })
    expect(requests[0]?.body).toBe('action=GetClients&identifier=id&secret=secret&responsetype=json&limitstart=250&limitnum=250')
    expect(requests[1]?.form.get('search')).toBe('jos')
  })

  it('reads an 8.x answer (typed values, PHP escaping)', async () => {
    const { portal } = portalAnswering(fromFixture('getclients-8x.json'))
    const page = await portal.getClients({ limitstart: 0, limitnum: 25 })
    expect(page.total).toBe(3)
    expect(page.start).toBe(0)
    expect(page.warnings).toEqual([])
    expect(page.clients).toEqual([
      {
        id: 1,
        firstName: 'Test',
        lastName: 'Client',
        companyName: '',
        email: 'test-client@example.com',
        status: 'Active',
        createdOn: '2016-01-15',
        groupId: 0,
      },
      {
        id: 2,
        firstName: 'José',
        lastName: 'Conceição',
        companyName: 'Padaria Pão & Café / Filial 2',
        email: 'jose@padaria.example.com.br',
        status: 'Inactive',
        createdOn: '2021-03-09',
        groupId: 2,
      },
      {
        id: 7,
        firstName: 'Old',
        lastName: 'Import',
        companyName: 'Legacy Ltd',
        email: 'old@example.org',
        status: 'Closed',
        createdOn: null,
        groupId: 0,
      },
    ])
    for (const client of page.clients) expect(Client.parse(client)).toEqual(client)
  })

  it('reads a 7.x answer (every value a string), keeping numeric-looking text as text', async () => {
    const { portal } = portalAnswering(fromFixture('getclients-7x.json'))
    const page = await portal.getClients({ limitstart: 0, limitnum: 25 })
    expect(page.total).toBe(2)
    expect(page.start).toBe(0)
    expect(page.clients.map((c) => c.id)).toEqual([2, 3])
    expect(page.clients[1]).toEqual({
      id: 3,
      firstName: '12345',
      lastName: 'Tester',
      companyName: '0800 Hosting',
      email: 'tester@example.net',
      status: 'Closed',
      createdOn: null,
      groupId: 1,
    })
    expect(page.clients[0]?.lastName).toBe("O'Neil")
  })

  it('reads the 7.x empty answer: no clients key and "totalresults":"0"', async () => {
    const { portal } = portalAnswering(fromFixture('getclients-empty-7x.json'))
    expect(await portal.getClients({ limitstart: 0, limitnum: 25 })).toEqual({ total: 0, start: 0, clients: [], warnings: [] })
  })

  it('reads a single client sent as an object instead of a one-item array', async () => {
    const { portal } = portalAnswering(fromFixture('getclients-single-7x.json'))
    const page = await portal.getClients({ limitstart: 0, limitnum: 25 })
    expect(page.clients).toHaveLength(1)
    expect(page.clients[0]?.id).toBe(9)
  })

  it('falls back to the requested offset when the portal does not echo it', async () => {
    const { portal } = portalAnswering(() => jsonAnswer({ result: 'success', totalresults: 3 }))
    expect((await portal.getClients({ limitstart: 3, limitnum: 25 })).start).toBe(3)
  })

  it('accepts odd status casing and a missing group', async () => {
    const { portal } = portalAnswering(() =>
      jsonAnswer({
        result: 'success',
        totalresults: 1,
        clients: { client: [{ id: 4, firstname: 'A', lastname: 'B', email: 'a@b.c', status: 'active', datecreated: '2020-02-02' }] },
      }),
    )
    const [client] = (await portal.getClients({ limitstart: 0, limitnum: 25 })).clients
    expect(client).toMatchObject({ status: 'Active', groupId: 0, companyName: '' })
  })

  it("passes the portal's warning on", async () => {
    const { portal } = portalAnswering(() => jsonAnswer({ result: 'success', totalresults: 0, warning: 'Deprecated parameter' }))
    expect((await portal.getClients({ limitstart: 0, limitnum: 25 })).warnings).toEqual(['Deprecated parameter'])
  })

  it('refuses an empty page that contradicts the total, so a sync never reads it as "all deleted"', async () => {
    const { portal } = portalAnswering(() => jsonAnswer({ result: 'success', totalresults: 120, startnumber: 0, numreturned: 0 }))
    const error = await portal.getClients({ limitstart: 0, limitnum: 25 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DeskFailure)
    expect(error).toMatchObject({ code: 'bad_response', message: expect.stringContaining('lists no clients from 0 although it reports 120') })
  })

  it.each([
    ['an unknown status', { status: 'Suspended' }, 'clients.client.0.status'],
    ['a missing id', { id: undefined }, 'clients.client.0.id'],
    ['a broken date', { datecreated: '15/01/2016' }, 'clients.client.0.datecreated'],
  ])('refuses %s, naming the field', async (_what, change, path) => {
    const client = { id: 1, firstname: 'A', lastname: 'B', companyname: '', email: 'a@b.c', status: 'Active', datecreated: '2020-01-01', groupid: 0, ...change }
    const { portal } = portalAnswering(() => jsonAnswer({ result: 'success', totalresults: 1, clients: { client: [client] } }))
    const error = await portal.getClients({ limitstart: 0, limitnum: 25 }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'bad_response', params: { action: 'GetClients', path } })
  })

  it('a role without GetClients → permission_denied', async () => {
    const { portal } = portalAnswering(() => jsonAnswer({ result: 'error', message: 'Invalid Permissions: API action "getclients" is not allowed' }, 403))
    await expect(portal.getClients({ limitstart: 0, limitnum: 25 })).rejects.toMatchObject({
      code: 'permission_denied',
      params: { action: 'getclients' },
    })
  })

  it('can be cancelled', async () => {
    const { portal } = portalAnswering(
      (request) => new Promise((_resolve, reject) => request.signal.addEventListener('abort', () => reject(request.signal.reason as Error))),
    )
    const controller = new AbortController()
    const pending = portal.getClients({ limitstart: 0, limitnum: 25, signal: controller.signal })
    controller.abort()
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' })
  })
})
