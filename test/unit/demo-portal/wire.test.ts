import { describe, expect, it } from 'vitest'
import { parsePhpForm } from '../../../src/main/demo-portal/php-form'
import { DemoStore } from '../../../src/main/demo-portal/store'
import { generateDemoState } from '../../../src/main/demo-portal/data'
import { emailPreferencesParam, legacyEmailFlagsParam, permissionsParam, phpBool } from '../../../src/main/demo-portal/request'
import { listAnswer, localDateTime } from '../../../src/main/demo-portal/answer'

describe('request values as PHP reads them', () => {
  it('casts flags like (bool): only "" and "0" are false', () => {
    expect(['', '0'].map(phpBool)).toEqual([false, false])
    expect(['1', 'true', 'false', 'off', 'no', ' '].map(phpBool)).toEqual([true, true, true, true, true, true])
    expect(phpBool(undefined)).toBeUndefined()
  })

  it('reads email_preferences[…] key by key, and the old flag names', () => {
    const params = parsePhpForm('email_preferences[invoice]=1&email_preferences[domain]=0&email_preferences[bogus]=1&supportemails=1')
    expect(emailPreferencesParam(params)).toEqual({ invoice: true, domain: false })
    expect(legacyEmailFlagsParam(params)).toEqual({ support: true })
    expect(emailPreferencesParam(parsePhpForm('email_preferences=1'))).toEqual({})
  })

  it('keeps only known permission names, once each, in the canonical order', () => {
    expect(permissionsParam(' tickets,invoices ,Profile,nope,invoices')).toEqual(['invoices', 'tickets'])
    expect(permissionsParam(parsePhpForm('p[]=orders&p[]=profile').p)).toEqual(['profile', 'orders'])
    expect(permissionsParam('')).toEqual([])
    expect(permissionsParam(undefined)).toEqual([])
  })

  it('writes local "YYYY-MM-DD HH:MM:SS"', () => {
    expect(localDateTime(new Date(2026, 0, 2, 3, 4, 5))).toBe('2026-01-02 03:04:05')
  })
})

describe('list answers', () => {
  const store = new DemoStore(generateDemoState({ seed: 1, clients: 3 }))
  const page = { total: 0, limitstart: 0, page: [], wrapper: 'contacts', item: 'contact' }

  it('leave out the list key when empty, with a string "0" total beside integer counters', () => {
    for (const generation of ['7', '8'] as const) {
      expect(listAnswer({ store, generation, now: () => new Date() }, page)).toEqual({ result: 'success', totalresults: '0', startnumber: 0, numreturned: 0 })
    }
    expect(listAnswer({ store, generation: '8', now: () => new Date() }, { ...page, total: 40, limitstart: 50 })).toEqual({
      result: 'success',
      totalresults: 40,
      startnumber: 50,
      numreturned: 0,
    })
  })

  it('send 7.x scalars as strings, false as ""', () => {
    const answer = listAnswer({ store, generation: '7', now: () => new Date() }, { ...page, total: 1, page: [{ id: 1, on: true, off: false, name: 'x' }] })
    expect(answer).toEqual({ result: 'success', totalresults: '1', startnumber: '0', numreturned: '1', contacts: { contact: [{ id: '1', on: '1', off: '', name: 'x' }] } })
  })
})

describe('DemoStore', () => {
  it('keeps its indexes right through writes, and never reuses a contact id', () => {
    const state = generateDemoState({ seed: 2, clients: 10 })
    const store = new DemoStore(state)
    const client = state.clients[3]!
    const before = store.contactsOf(client.id).length
    const contact = store.addContact({ ...state.contacts[0]!, userid: client.id, email: 'novo@gmail.com' })
    expect(store.contactsOf(client.id)).toHaveLength(before + 1)
    expect(store.contact(contact.id)).toBe(contact)
    store.removeContact(contact)
    expect(store.contact(contact.id)).toBeUndefined()
    store.invalidate()
    expect(store.addContact({ ...state.contacts[0]!, userid: client.id }).id).toBe(contact.id + 1)

    const previous = client.email
    expect(store.clientByEmail(previous.toUpperCase())).toBe(client)
    client.email = 'OUTRO@exemplo.com.br'
    expect(store.clientByEmail('outro@exemplo.com.br')).toBeUndefined() // until the change is recorded
    store.clientChanged(client, previous)
    expect(store.clientByEmail('outro@EXEMPLO.com.br')).toBe(client)
    expect(store.clientByEmail(previous)).toBeUndefined()
  })
})
