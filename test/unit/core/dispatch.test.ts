// createDispatch: the one place a contract call runs. Its answers and its type: a caller that names a method
// gets that method's answer type, and a wrong input or a name the contract lacks does not compile; a call off
// the wire (a plain string) compiles, and the contract refuses what it must at run time.
import { describe, expect, it } from 'vitest'
import type { MethodOutput } from '../../../src/shared/contract'
import { DeskFailure } from '../../../src/shared/errors'
import { createDispatch, type Handlers, type WireDispatch } from '../../../src/main/core/dispatch'
import { unreachableHandlers } from '../../support/unreachable-handlers'

const client: MethodOutput<'clients.get'> = {
  id: 7,
  firstName: 'Ana',
  lastName: 'Souza',
  companyName: '',
  email: 'ana@exemplo.com.br',
  status: 'Active',
  createdOn: null,
  groupId: 0,
}

function dispatchOf(overrides: Partial<Handlers>) {
  const bugs: string[] = []
  const { handlers: unreachable } = unreachableHandlers()
  const dispatch = createDispatch({ ...unreachable, ...overrides }, { onInternalError: (method) => void bugs.push(method) })
  return { dispatch, bugs }
}

describe('createDispatch', () => {
  it('answers a known method with its typed value', async () => {
    const { dispatch } = dispatchOf({ 'clients.get': async ({ id }) => ({ ...client, id }) })
    const answer = await dispatch('clients.get', { id: 9 })
    expect(answer).toEqual({ ok: true, value: { ...client, id: 9 } })
    // The answer's type is the contract's: this line compiles only because `value` is a Client.
    if (answer.ok) expect(answer.value.firstName.toUpperCase()).toBe('ANA')
  })

  it('does not compile a wrong input or an unknown method name, and refuses both off the wire', async () => {
    const { dispatch, bugs } = dispatchOf({})
    // @ts-expect-error a client id is a number
    expect(await dispatch('clients.get', { id: 'seven' })).toMatchObject({ ok: false, error: { code: 'validation' } })
    // @ts-expect-error the contract has no such method
    expect(await dispatch('clients.remove', { id: 7 })).toMatchObject({ ok: false, error: { code: 'validation', message: 'Unknown method "clients.remove"' } })
    const wire: WireDispatch = dispatch
    const fromTheWire: string = 'clients.get'
    expect(await wire(fromTheWire, { id: 'seven' })).toMatchObject({ ok: false, error: { code: 'validation' } })
    expect(await dispatch(fromTheWire, { id: 'seven' })).toMatchObject({ ok: false, error: { code: 'validation' } })
    expect(bugs).toEqual([])
  })

  it('says a DeskFailure as itself, and an answer the contract refuses or a throw as internal, told to the log', async () => {
    const { dispatch, bugs } = dispatchOf({
      'clients.get': async ({ id }) => {
        throw new DeskFailure('not_found', `Client ${id} is not in the local cache.`)
      },
      'clients.list': async () => ({ total: -1 }) as unknown as MethodOutput<'clients.list'>,
      'settings.get': async () => {
        throw new Error('boom')
      },
    })
    expect(await dispatch('clients.get', { id: 3 })).toEqual({ ok: false, error: { code: 'not_found', message: 'Client 3 is not in the local cache.' } })
    expect(await dispatch('clients.list', { search: '', offset: 0, limit: 5 })).toMatchObject({ ok: false, error: { code: 'internal' } })
    expect(await dispatch('settings.get', {})).toMatchObject({ ok: false, error: { code: 'internal', message: 'Unexpected error in settings.get: boom' } })
    expect(bugs).toEqual(['clients.list', 'settings.get'])
  })
})
