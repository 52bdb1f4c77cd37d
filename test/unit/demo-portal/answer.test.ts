import { describe, expect, it } from 'vitest'
import { DemoStore } from '../../../src/main/demo-portal/store'
import { generateDemoState } from '../../../src/main/demo-portal/data'
import { listAnswer } from '../../../src/main/demo-portal/answer'

describe('list answers', () => {
  const store = new DemoStore(generateDemoState({ seed: 1, clients: 3 }))
  const page = { total: 0, limitstart: 0, page: [], wrapper: 'contacts', item: 'contact' }

  it('leave out the list key when empty, with a string "0" total beside integer counters', () => {
    for (const generation of ['7', '8'] as const) {
      expect(listAnswer({ store, generation, emailDelivery: true, now: () => new Date() }, page)).toEqual({
        result: 'success',
        totalresults: '0',
        startnumber: 0,
        numreturned: 0,
      })
    }
    expect(listAnswer({ store, generation: '8', emailDelivery: true, now: () => new Date() }, { ...page, total: 40, limitstart: 50 })).toEqual({
      result: 'success',
      totalresults: 40,
      startnumber: 50,
      numreturned: 0,
    })
  })

  it('send 7.x scalars as strings, false as ""', () => {
    const answer = listAnswer(
      { store, generation: '7', emailDelivery: true, now: () => new Date() },
      { ...page, total: 1, page: [{ id: 1, on: true, off: false, name: 'x' }] },
    )
    expect(answer).toEqual({
      result: 'success',
      totalresults: '1',
      startnumber: '0',
      numreturned: '1',
      contacts: { contact: [{ id: '1', on: '1', off: '', name: 'x' }] },
    })
  })
})
