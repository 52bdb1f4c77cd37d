// How WHMCS shapes answers: success and error, list envelopes and their empty-list quirk, the 7.x "everything
// is a string" output, its 1/0 flags and local timestamps, and the messages several actions use word for word.
import type { JsonValue } from './php-json'
import type { ActionContext, DemoGeneration, JsonObject } from './action'

export function success(fields: JsonObject = {}): JsonObject {
  return { result: 'success', ...fields }
}

export function failure(message: string): JsonObject {
  return { result: 'error', message }
}

/** docs/WHMCS.md §2.2: UpdateContact (and, our choice, DeleteContact) refusing to leave no domain recipient. */
export const ICANN_CONTACT_MESSAGE =
  'You must have at least one email address enabled to receive domain related notifications as required by ICANN. ' +
  'To disable domain notifications, please enable domain notifications for the primary account holder or another contact'
/** docs/WHMCS.md §3.3: the same rule on UpdateClient, worded for the owner. */
export const ICANN_CLIENT_MESSAGE =
  'You must have at least one email address enabled to receive domain related notifications as required by ICANN. ' +
  'To disable domain notifications, please create an alternative contact that is set to receive them'

export interface ListPage {
  /** How many records matched, before paging. */
  total: number
  limitstart: number
  /** The records on this page, already in the generation's shape. */
  page: JsonObject[]
  /** `{"contacts":{"contact":[…]}}`: "contacts" and "contact". */
  wrapper: string
  item: string
  /** Keys that come right after `result` (GetClientsDomains echoes its filters there). */
  head?: JsonObject
}

/**
 * A WHMCS list answer: totalresults, startnumber (echoes limitstart), numreturned, then the wrapped list.
 * An empty page has no list key at all and a string "0" total beside integer counters (the real quirk,
 * docs/WHMCS.md §2.4 and §9.7); 7.x sends every other scalar as a string.
 */
export function listAnswer(context: ActionContext, { total, limitstart, page, wrapper, item, head = {} }: ListPage): JsonObject {
  if (page.length === 0) {
    return {
      result: 'success',
      ...head,
      totalresults: total === 0 || context.generation === '7' ? String(total) : total,
      startnumber: limitstart,
      numreturned: 0,
    }
  }
  return typed(context.generation, {
    result: 'success',
    ...head,
    totalresults: total,
    startnumber: limitstart,
    numreturned: page.length,
    [wrapper]: { [item]: page },
  })
}

/** 7.x answers every scalar as a string, false as "" (docs/WHMCS.md §9.8); 8.x keeps the types. */
export function typed(generation: DemoGeneration, answer: JsonObject): JsonObject {
  return generation === '7' ? stringlyObject(answer) : answer
}

function stringlyObject(object: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(object).map(([key, value]) => [key, stringly(value)]))
}

function stringly(value: JsonValue): JsonValue {
  if (value === null || typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  if (typeof value === 'boolean') return value ? '1' : ''
  if (Array.isArray(value)) return value.map(stringly)
  return stringlyObject(value)
}

/** A database flag column as 7.x returns rows: "1" or "0" (not ""; docs/WHMCS.md §2.4's 7.x example). */
export function flag01(value: boolean): string {
  return value ? '1' : '0'
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n))

/** "YYYY-MM-DD HH:MM:SS" in the server's local time, without a zone (docs/WHMCS.md §6). */
export function localDateTime(date: Date): string {
  return (
    `${date.getFullYear()}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())} ` +
    `${pad2(date.getHours())}:${pad2(date.getMinutes())}:${pad2(date.getSeconds())}`
  )
}
