import type { Net } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { createApiCall } from '../../../src/main/core/portal/api-call'
import { createNetTransport } from '../../../src/main/electron/net-transport'
import { createFakeNet } from '../../support/fake-electron'

const URL = 'https://portal.example/includes/api.php'

function send(signal = new AbortController().signal) {
  const net = createFakeNet()
  const answer = createNetTransport(net as unknown as Net)(URL, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'action=GetClients&secret=x',
    signal,
  })
  const request = net.requests[0]
  if (!request) throw new Error('no request was made')
  return { answer, request }
}

describe('createNetTransport', () => {
  it('POSTs through net.request with the headers and body, redirects never followed', () => {
    const { request } = send()
    expect(request.options).toEqual({ method: 'POST', url: URL, redirect: 'manual' })
    expect(request.headers).toEqual({ 'content-type': 'application/x-www-form-urlencoded' })
    expect(request.body).toBe('action=GetClients&secret=x')
    expect(request.ended).toBe(true)
  })

  it('answers the status, the headers (any case) and the whole body', async () => {
    const { answer, request } = send()
    request.answer(403, { 'Content-Type': 'application/json', 'set-cookie': ['a=1', 'b=2'] }, ['{"result":"error",', '"message":"Invalid IP"}'])
    const response = await answer
    expect(response.status).toBe(403)
    expect(response.headers.get('content-type')).toBe('application/json')
    expect(response.headers.get('Set-Cookie')).toBe('a=1, b=2')
    expect(response.headers.get('location')).toBeNull()
    await expect(response.text()).resolves.toBe('{"result":"error","message":"Invalid IP"}')
  })

  it.each([301, 302, 307, 308])('answers a %i itself, with its Location, and goes no further', async (status) => {
    const { answer, request } = send()
    request.redirect(status, 'https://new-portal.example/includes/api.php')
    const response = await answer
    expect(response.status).toBe(status)
    expect(response.headers.get('location')).toBe('https://new-portal.example/includes/api.php')
    await expect(response.text()).resolves.toBe('')
    expect(request.aborted).toBe(true)
  })

  it('rejects with the network error', async () => {
    const { answer, request } = send()
    request.emit('error', new Error('net::ERR_NAME_NOT_RESOLVED'))
    await expect(answer).rejects.toThrow('net::ERR_NAME_NOT_RESOLVED')
  })

  it('aborts the request when the signal fires, and rejects with its reason', async () => {
    const controller = new AbortController()
    const { answer, request } = send(controller.signal)
    controller.abort(new Error('stopped'))
    await expect(answer).rejects.toThrow('stopped')
    expect(request.aborted).toBe(true)
  })

  it('sends nothing when the signal already fired', async () => {
    const net = createFakeNet()
    const controller = new AbortController()
    controller.abort(new Error('too late'))
    await expect(createNetTransport(net as unknown as Net)(URL, { method: 'POST', headers: {}, body: '', signal: controller.signal })).rejects.toThrow(
      'too late',
    )
    expect(net.request).not.toHaveBeenCalled()
  })

  it("gives the core what it needs to tell the user where the portal moved (net.fetch could only say 'network error')", async () => {
    const net = createFakeNet()
    const call = createApiCall({ apiUrl: URL, identifier: 'id', secret: 'shh', transport: createNetTransport(net as unknown as Net), timeoutMs: 5_000 })
    const answer = call('GetClients', {}, z.object({}))
    await vi.waitFor(() => expect(net.requests).toHaveLength(1))
    net.requests[0]?.redirect(301, 'https://new-portal.example/includes/api.php')
    await expect(answer).rejects.toMatchObject({
      code: 'bad_response',
      message: expect.stringContaining('redirected (HTTP 301) to https://new-portal.example/includes/api.php'),
    })
  })
})
