import { describe, expect, it } from 'vitest'
import { findLanded, type Unclaimed } from '../../../../src/main/core/sync/landed'

const sent = { fields: { email: 'maria@gmail.com', firstName: 'Maria', lastName: 'Souza' }, afterRemoteId: 100 }
const contact = (remoteId: number, email: string, firstName = 'Maria', lastName = 'Souza'): Unclaimed => ({ remoteId, email, firstName, lastName })

describe('findLanded: which portal contact is a create whose answer was lost', () => {
  it('is the one with the address it sent, in any case and spacing', () => {
    expect(findLanded(sent, [contact(7, 'outra@gmail.com', 'Ana'), contact(101, ' Maria@Gmail.com ')])?.remoteId).toBe(101)
  })

  it('is the only newer one with its name when the address was changed there', () => {
    expect(findLanded(sent, [contact(90, 'velha@gmail.com'), contact(102, 'nova@yahoo.com.br', ' maria ', 'SOUZA')])?.remoteId).toBe(102)
  })

  it('is none when the name matches only an older contact (someone else, already there)', () => {
    expect(findLanded(sent, [contact(90, 'velha@gmail.com')])).toBeNull()
  })

  it('is none when several newer contacts carry the name: adopting the wrong one would merge two people', () => {
    expect(findLanded(sent, [contact(101, 'a@yahoo.com'), contact(102, 'b@yahoo.com')])).toBeNull()
  })

  it('is none by name without the bound (an entry from before it was recorded)', () => {
    expect(findLanded({ ...sent, afterRemoteId: null }, [contact(102, 'nova@yahoo.com.br')])).toBeNull()
  })
})
