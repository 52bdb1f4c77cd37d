import { describe, expect, it } from 'vitest'
import { generationOf } from '../../../../src/main/core/portal/whmcs-details'
import { createWhmcsClient } from '../../../../src/main/core/portal/whmcs-client'
import { answer, fakeTransport, fixture, jsonAnswer, type Responder } from './fake-transport'

function portalAnswering(respond: Responder) {
  const { transport, requests } = fakeTransport(respond)
  const portal = createWhmcsClient({ apiUrl: 'https://portal.example.com/billing/includes/api.php', identifier: 'id', secret: 'pw', transport })
  return { portal, requests }
}

describe('whmcsDetails', () => {
  it('reads an 8.x portal', async () => {
    const { portal, requests } = portalAnswering(() => answer(200, fixture('whmcsdetails-8x.json')))
    expect(await portal.whmcsDetails()).toEqual({ version: '8.10.1', generation: '8' })
    expect(requests[0]?.body).toBe('action=WhmcsDetails&identifier=id&secret=pw&responsetype=json')
  })

  it('reads a 7.x portal', async () => {
    const { portal } = portalAnswering(() => answer(200, fixture('whmcsdetails-7x.json')))
    expect(await portal.whmcsDetails()).toEqual({ version: '7.10.2', generation: '7' })
  })

  it('falls back to the canonical version', async () => {
    const { portal } = portalAnswering(() => jsonAnswer({ result: 'success', whmcs: { canonicalversion: '9.0.1-release.1' } }))
    expect(await portal.whmcsDetails()).toEqual({ version: '9.0.1-release.1', generation: '8' })
  })

  it('says null when the portal does not tell', async () => {
    const { portal } = portalAnswering(() => jsonAnswer({ result: 'success' }))
    expect(await portal.whmcsDetails()).toEqual({ version: null, generation: null })
  })

  it('leaves a forbidden WhmcsDetails to the caller as permission_denied', async () => {
    const { portal } = portalAnswering(() => jsonAnswer({ result: 'error', message: 'Invalid Permissions: API action "whmcsdetails" is not allowed' }, 403))
    await expect(portal.whmcsDetails()).rejects.toMatchObject({ code: 'permission_denied', params: { action: 'whmcsdetails' } })
  })
})

describe('generationOf', () => {
  it.each([
    ['8.0.0', '8'],
    ['8.10.1', '8'],
    ['9.0.1', '8'],
    ['10.2', '8'],
    ['7.10.2', '7'],
    ['7.2.0', '7'],
    ['6.3.2', '7'],
    ['8', '8'],
    ['v8.1.0', '8'],
    ['8.10.1-release.1', '8'],
    ['0.9', null],
    ['', null],
    ['unknown', null],
  ])('%s → %s', (version, generation) => {
    expect(generationOf(version)).toBe(generation)
  })
})
