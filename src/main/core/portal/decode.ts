// Lenient zod building blocks for the portal's answers. The same field arrives as "1", 1, true or ""
// depending on the WHMCS version and the action (docs/WHMCS.md §2.4, §3.2, §9.8), so each block accepts
// every spelling the portal uses and still refuses values that mean nothing.
import { z } from 'zod'

/**
 * Any input, an absent key included: each block below decides what a missing value means (zod 4 would
 * otherwise refuse an absent key before the block is asked).
 */
const anyInput = z.unknown().optional()

const TRUE_VALUES: ReadonlySet<unknown> = new Set([true, 1, '1', 'on', 'true'])
// 7.x writes false as "" (docs/WHMCS.md §3.2).
const FALSE_VALUES: ReadonlySet<unknown> = new Set([false, 0, '0', '', null, 'off', 'false'])

/** A yes/no flag: true, 1, "1", "on" → true; false, 0, "0", "", null → false. */
export const flag = anyInput.transform((value, ctx) => {
  const key = typeof value === 'string' ? value.trim().toLowerCase() : value
  if (TRUE_VALUES.has(key)) return true
  if (FALSE_VALUES.has(key)) return false
  ctx.addIssue({ code: 'custom', message: `expected a yes/no flag, got ${show(value)}`, input: value })
  return z.NEVER
})

/** A whole number, sent as a number (8.x) or as a string (7.x: `"totalresults":"0"`). */
export const intLike = anyInput.transform((value, ctx) => {
  const number = typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value
  if (typeof number === 'number' && Number.isSafeInteger(number)) return number
  ctx.addIssue({ code: 'custom', message: `expected a whole number, got ${show(value)}`, input: value })
  return z.NEVER
})

/** A record id: a positive whole number, as a number or a string (`"contactid":"1"`). */
export const idLike = intLike.refine((id) => id > 0, { message: 'expected a positive id' })

/**
 * Free text. A number becomes its string (a 7.x phone number or postcode must never be treated as a
 * number: that would drop a leading 0 or +); a missing or null value is "".
 */
export const text = anyInput.transform((value, ctx) => {
  if (typeof value === 'string') return value
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  if (value === null || value === undefined) return ''
  ctx.addIssue({ code: 'custom', message: `expected text, got ${show(value)}`, input: value })
  return z.NEVER
})

/**
 * A date as YYYY-MM-DD, or null where the portal has none: the "0000-00-00" / "0000-00-00 00:00:00"
 * sentinel of legacy rows (docs/WHMCS.md §6), "", null or a missing key. A time part is dropped.
 */
export const dateOrNull = anyInput.transform((value, ctx) => {
  if (value === null || value === undefined || value === '') return null
  const date = typeof value === 'string' ? /^(\d{4}-\d{2}-\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2})?)?$/.exec(value.trim()) : null
  if (date?.[1] !== undefined) return date[1] === '0000-00-00' ? null : date[1]
  ctx.addIssue({ code: 'custom', message: `expected a date (YYYY-MM-DD), got ${show(value)}`, input: value })
  return z.NEVER
})

/**
 * The shape fragment for a WHMCS list, to spread into an answer's schema:
 * `z.looseObject({ totalresults: intLike, ...listOf('clients', 'client', ClientWire) })` yields `clients: T[]`.
 *
 * Accepted, because the portal sends all of them (docs/WHMCS.md §2.4, §9.6–9.7):
 * `{"clients":{"client":[…]}}`; `{"clients":{"client":{…}}}` (one item, not in an array);
 * the wrapper key missing, `""`, `[]`, `{}` or null (an empty list); a plain array `{"users":[…]}`.
 */
export function listOf<K extends string, T>(wrapperKey: K, itemKey: string, item: z.ZodType<T>): Record<K, z.ZodType<T[], unknown>> {
  const list: z.ZodType<T[], unknown> = z
    .preprocess((raw) => ({ [itemKey]: itemsOf(raw, itemKey) }), z.object({ [itemKey]: z.array(item) }))
    // Read back by key: the schema above puts the items there and nowhere else.
    .transform((wrapper) => wrapper[itemKey] as T[])
  return { [wrapperKey]: list } as Record<K, z.ZodType<T[], unknown>>
}

/**
 * An answer whose list arrives flattened into its top-level keys, as WHMCS's own reference shows GetClientsDomains:
 * `"domains[domain][0][id]":"1", "domains[domain][0][domainname]":"…"` instead of `"domains":{"domain":[…]}`. Read back
 * into the nested form where that is unambiguous: no nested `wrapperKey` beside it, the item indexes exactly 0…n-1,
 * every key a plain field of one item. The keys below an item's `unread` fields (a hosting service's
 * `configoptions[configoption][0][id]`) are left out, not guessed at: the list's schema never reads them.
 * Anything else is left as it came, for the list's schema to refuse.
 */
export function unflattenList(wrapperKey: string, itemKey: string, unread: readonly string[] = []): (raw: unknown) => unknown {
  const prefix = `${wrapperKey}[${itemKey}][`
  const flatKey = /^(\d+)\]\[([A-Za-z0-9_]+)\](.*)$/
  return (raw) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw
    const entries = Object.entries(raw)
    const flattened = entries.filter(([key]) => key.startsWith(prefix))
    if (flattened.length === 0 || Object.hasOwn(raw, wrapperKey)) return raw
    const items: Record<string, unknown>[] = []
    for (const [key, value] of flattened) {
      const match = flatKey.exec(key.slice(prefix.length))
      const index = Number(match?.[1])
      // An index spelled oddly ("07") or past the count of keys leaves a gap that would have to be guessed at.
      if (!match || String(index) !== match[1] || index >= flattened.length) return raw
      const [, , field = '', deeper = ''] = match
      if (deeper !== '' && !(unread.includes(field) && deeper.startsWith('['))) return raw
      const item = (items[index] ??= {})
      if (deeper === '') item[field] = value
    }
    for (let index = 0; index < items.length; index++) if (items[index] === undefined) return raw
    const rest = Object.fromEntries(entries.filter(([key]) => !key.startsWith(prefix)))
    return { ...rest, [wrapperKey]: { [itemKey]: items } }
  }
}

/**
 * The raw items, or the raw value itself when it has no recognisable shape, so that the array check
 * reports it. A wrapper holding some other key is refused rather than read as empty: an empty list
 * read by mistake would look like every record was deleted.
 */
function itemsOf(raw: unknown, itemKey: string): unknown {
  if (isEmpty(raw)) return []
  if (Array.isArray(raw)) return raw
  if (typeof raw !== 'object' || raw === null || !Object.hasOwn(raw, itemKey)) return raw
  const inner = (raw as Record<string, unknown>)[itemKey]
  if (isEmpty(inner)) return []
  return Array.isArray(inner) ? inner : [inner]
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true
  if (Array.isArray(value)) return value.length === 0
  return typeof value === 'object' && Object.keys(value).length === 0
}

/** A short, safe rendering of an unexpected value for an issue message. */
function show(value: unknown): string {
  const json = JSON.stringify(value)
  if (json === undefined) return typeof value
  return json.length > 40 ? `${json.slice(0, 40)}…` : json
}

/** A count of 0 or more (`totalresults`, `startnumber`), as a number or a string. */
export const count = intLike.refine((n) => n >= 0, { message: 'expected a count of 0 or more' })

/**
 * A date and time as "YYYY-MM-DD HH:MM:SS" (the portal's local time, no zone), or null for the
 * "0000-00-00 00:00:00" sentinel of legacy rows (docs/WHMCS.md §6), "", null or a missing key.
 * Also read: a "T" separator, missing seconds, fractional seconds and a zone suffix (Laravel's
 * serialization), which are dropped: these values are only compared with what the same portal sent
 * before, never converted. A date alone gets 00:00:00.
 */
export const dateTimeOrNull = anyInput.transform((value, ctx) => {
  if (value === null || value === undefined || value === '') return null
  const parts = typeof value === 'string' ? /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2})(:\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(value.trim()) : null
  if (parts?.[1] !== undefined) {
    const [, date, time = '00:00', seconds = ':00'] = parts
    return date === '0000-00-00' ? null : `${date} ${time}${seconds}`
  }
  ctx.addIssue({ code: 'custom', message: `expected a date and time (YYYY-MM-DD HH:MM:SS), got ${show(value)}`, input: value })
  return z.NEVER
})
