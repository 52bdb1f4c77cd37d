import { describe, expect, it } from 'vitest'
import { DemoStore } from '../../../src/main/demo-portal/store'
import { generateDemoState } from '../../../src/main/demo-portal/data'

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
