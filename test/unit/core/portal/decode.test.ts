import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { count, dateOrNull, dateTimeOrNull, flag, idLike, intLike, listOf, text } from '../../../../src/main/core/portal/decode'

describe('flag', () => {
  it.each([true, 1, '1', 'on', 'On', 'true'])('%j is true', (value) => {
    expect(flag.parse(value)).toBe(true)
  })
  it.each([false, 0, '0', '', null, 'off', 'false'])('%j is false', (value) => {
    expect(flag.parse(value)).toBe(false)
  })
  it.each(['yes please', 2, -1, {}, [], undefined])('%j is refused', (value) => {
    expect(flag.safeParse(value).success).toBe(false)
  })
})

describe('intLike', () => {
  it.each([
    [0, 0],
    ['0', 0],
    [42, 42],
    ['42', 42],
    [' 7 ', 7],
    ['-3', -3],
  ])('%j → %j', (value, expected) => {
    expect(intLike.parse(value)).toBe(expected)
  })
  it.each(['', 'abc', '1.5', 1.5, '1e3', '0x10', null, undefined, true, '99999999999999999999', Number.NaN])('%j is refused', (value) => {
    expect(intLike.safeParse(value).success).toBe(false)
  })
})

describe('idLike', () => {
  it('takes positive ids from numbers and strings ("contactid":"1")', () => {
    expect(idLike.parse('1')).toBe(1)
    expect(idLike.parse(12)).toBe(12)
  })
  it.each([0, '0', -1, '', 'x'])('%j is refused', (value) => {
    expect(idLike.safeParse(value).success).toBe(false)
  })
})

describe('text', () => {
  it('keeps strings exactly, including numeric-looking ones', () => {
    expect(text.parse('+55 (11) 0800-1234')).toBe('+55 (11) 0800-1234')
    expect(text.parse('01310-100')).toBe('01310-100')
    expect(text.parse('')).toBe('')
  })
  it('turns numbers into strings, never the other way round', () => {
    expect(text.parse(12345)).toBe('12345')
  })
  it('reads null and a missing value as empty', () => {
    expect(text.parse(null)).toBe('')
    expect(text.parse(undefined)).toBe('')
  })
  it.each([{}, [], true, Number.POSITIVE_INFINITY])('%j is refused', (value) => {
    expect(text.safeParse(value).success).toBe(false)
  })
})

describe('dateOrNull', () => {
  it.each([
    ['2016-01-15', '2016-01-15'],
    ['2016-01-15 10:26:00', '2016-01-15'],
    ['0000-00-00', null],
    ['0000-00-00 00:00:00', null],
    ['', null],
    [null, null],
    [undefined, null],
  ])('%j → %j', (value, expected) => {
    expect(dateOrNull.parse(value)).toBe(expected)
  })
  it.each(['15/01/2016', 'yesterday', 20160115, '2016-1-5'])('%j is refused', (value) => {
    expect(dateOrNull.safeParse(value).success).toBe(false)
  })
})

describe('count', () => {
  it('takes 0 and up, as numbers or strings ("totalresults":"0")', () => {
    expect(count.parse('0')).toBe(0)
    expect(count.parse(25)).toBe(25)
  })
  it.each([-1, '-1', '', null])('%j is refused', (value) => {
    expect(count.safeParse(value).success).toBe(false)
  })
})

describe('dateTimeOrNull', () => {
  it.each([
    ['2024-11-02 17:03:09', '2024-11-02 17:03:09'],
    [' 2024-11-02 17:03:09 ', '2024-11-02 17:03:09'],
    ['2024-11-02T17:03:09', '2024-11-02 17:03:09'],
    ['2024-11-02T17:03:09.000000Z', '2024-11-02 17:03:09'],
    ['2024-11-02 17:03:09-03:00', '2024-11-02 17:03:09'],
    ['2024-11-02 17:03', '2024-11-02 17:03:00'],
    ['2024-11-02', '2024-11-02 00:00:00'],
    ['0000-00-00 00:00:00', null],
    ['0000-00-00', null],
    ['', null],
    [null, null],
    [undefined, null],
  ])('%j → %j', (value, expected) => {
    expect(dateTimeOrNull.parse(value)).toBe(expected)
  })
  it.each(['02/11/2024 17:03', 'yesterday', 20241102, '2024-11-02 5pm', true])('%j is refused', (value) => {
    expect(dateTimeOrNull.safeParse(value).success).toBe(false)
  })
})

describe('inside an object, a missing key', () => {
  const Row = z.looseObject({ name: text, created: dateOrNull, active: flag })
  it('is "" for text and null for a date', () => {
    expect(Row.parse({ active: 1 })).toEqual({ name: '', created: null, active: true })
  })
  it('is refused for a flag, naming the key', () => {
    const result = Row.safeParse({})
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([['active']])
  })
})

describe('listOf', () => {
  const Item = z.looseObject({ id: idLike })
  const Answer = z.looseObject({ total: intLike, ...listOf('clients', 'client', Item) })
  const ids = (value: unknown): number[] => Answer.parse({ total: 0, ...(value as object) }).clients.map((c) => c.id)

  it('reads the wrapped list', () => {
    expect(ids({ clients: { client: [{ id: 1 }, { id: '2' }] } })).toEqual([1, 2])
  })
  it('reads a single item that is not in an array', () => {
    expect(ids({ clients: { client: { id: 9 } } })).toEqual([9])
  })
  it('reads a plain array (GetUsers has no inner key)', () => {
    expect(ids({ clients: [{ id: 3 }] })).toEqual([3])
  })
  it.each([{}, { clients: '' }, { clients: [] }, { clients: {} }, { clients: null }, { clients: { client: [] } }, { clients: { client: '' } }])(
    'reads %j as an empty list',
    (value) => {
      expect(ids(value)).toEqual([])
    },
  )
  it('accepts and ignores extra keys', () => {
    expect(ids({ clients: { client: [{ id: 1, uuid: 'x' }], extra: true }, numreturned: 1 })).toEqual([1])
  })
  it('refuses a wrapper holding another key rather than reading it as empty', () => {
    const result = Answer.safeParse({ total: 1, clients: { contact: [{ id: 1 }] } })
    expect(result.success).toBe(false)
  })
  it('names the failing item in the issue path', () => {
    const result = Answer.safeParse({ total: 2, clients: { client: [{ id: 1 }, { id: 'abc' }] } })
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.path).toEqual(['clients', 'client', 1, 'id'])
  })
  it('refuses a scalar where the list should be', () => {
    expect(Answer.safeParse({ total: 1, clients: 'lots' }).success).toBe(false)
  })
})
