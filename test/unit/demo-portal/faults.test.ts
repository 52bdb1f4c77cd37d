import { describe, expect, it } from 'vitest'
import { FaultBook } from '../../../src/main/demo-portal/faults'

describe('FaultBook', () => {
  it('adds up matching latencies and plays the first matching failure, counting only what applied', () => {
    const book = new FaultBook()
    book.add({ kind: 'latency', ms: 100 })
    book.add({ kind: 'latency', ms: 50, actions: ['GetClients'] })
    book.add({ kind: 'http-500', actions: ['AddContact'], count: 1 })
    book.add({ kind: 'hang' })
    expect(book.take('getclients')).toEqual({ delayMs: 150, failure: expect.objectContaining({ kind: 'hang', id: 4 }) })
    expect(book.take('addcontact')).toEqual({ delayMs: 100, failure: expect.objectContaining({ kind: 'http-500', id: 3 }) })
    // The 500 is used up; the hang (not played for addcontact) has counted one request only.
    expect(book.list().map((fault) => [fault.id, fault.hits, fault.remaining])).toEqual([
      [1, 2, undefined],
      [2, 1, undefined],
      [4, 1, undefined],
    ])
  })

  it('expires a fault after its count, and never plays "down" per request', () => {
    const book = new FaultBook()
    book.add({ kind: 'down' })
    book.add({ kind: 'auth-failed', count: 2 })
    expect(book.down).toBe(true)
    expect(book.take('x').failure?.kind).toBe('auth-failed')
    expect(book.take('x').failure?.kind).toBe('auth-failed')
    expect(book.take('x')).toEqual({ delayMs: 0 })
    expect(book.remove(1)).toBe(true)
    expect(book.remove(1)).toBe(false)
    expect(book.down).toBe(false)
  })

  it('refuses a spec that makes no sense, and defaults an html page to 502', () => {
    const book = new FaultBook()
    expect(() => book.add({ kind: 'latency' } as never)).toThrow()
    expect(() => book.add({ kind: 'down', actions: ['x'] } as never)).toThrow()
    expect(() => book.add({ kind: 'hang', count: 0 })).toThrow()
    expect(() => book.add({ kind: 'hang', actions: [] })).toThrow()
    expect(book.add({ kind: 'html' })).toMatchObject({ kind: 'html', status: 502 })
    expect(book.list()).toHaveLength(1)
  })
})
