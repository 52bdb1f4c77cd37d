// What every action shares: how PHP reads the request values, how WHMCS shapes answers (the 7.x
// "everything is a string" output, list envelopes and their empty-list quirk), and the messages several
// actions use word for word.
import { stringParam, type FormArray, type FormValue } from './php-form'
import type { JsonValue } from './php-json'
import { EMAIL_CATEGORIES, PERMISSIONS, type EmailPreferences, type Permission } from './schema'
import type { DemoStore } from './store'

export const DEMO_GENERATIONS = ['7', '8'] as const
/** Which WHMCS major the portal imitates: "7" answers every scalar as a string, "8" sends typed values. */
export type DemoGeneration = (typeof DEMO_GENERATIONS)[number]

export type JsonObject = { [key: string]: JsonValue }

export interface ActionContext {
  readonly store: DemoStore
  readonly generation: DemoGeneration
  /** The server's clock; timestamps are written in its local time, as WHMCS does. */
  now(): Date
}

export type Action = (params: FormArray, context: ActionContext) => JsonObject

/**
 * A refusal of a control operation (not a WHMCS answer): `status` is the HTTP status the control
 * endpoint answers with.
 */
export class DemoControlError extends Error {
  override readonly name = 'DemoControlError'

  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

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

/** PHP's (int) cast: leading whitespace and digits count, anything else is 0. */
export function phpInt(text: string | undefined): number {
  const match = /^\s*([+-]?\d+)/.exec(text ?? '')
  return match?.[1] === undefined ? 0 : Number.parseInt(match[1], 10)
}

/** An id parameter: 0 when absent or not a number (no record has id 0). */
export function idParam(params: FormArray, name: string): number {
  return phpInt(stringParam(params, name))
}

/**
 * PHP's (bool) cast of a request value, as WHMCS reads flags: "" and "0" are false, anything else true,
 * "false" and "off" included (docs/WHMCS.md §5: never send "false"). undefined when the key is absent.
 */
export function phpBool(value: FormValue | undefined): boolean | undefined {
  if (value === undefined) return undefined
  if (typeof value === 'string') return value !== '' && value !== '0'
  return Object.keys(value).length > 0
}

/** True when the key was sent with a value PHP would call non-empty: how WHMCS notices a parameter. */
export function sent(params: FormArray, name: string): boolean {
  return phpBool(params[name]) === true
}

/** limitstart (default 0) and limitnum (default 25, no upper cap); 0, negative or nonsense means the default. */
export function paging(params: FormArray): { limitstart: number; limitnum: number } {
  const limitstart = Math.max(0, phpInt(stringParam(params, 'limitstart')))
  const requested = phpInt(stringParam(params, 'limitnum'))
  return { limitstart, limitnum: requested > 0 ? requested : 25 }
}

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

/**
 * The categories sent as `email_preferences[<key>]` (7.10+); only the keys sent, so an update changes
 * only those (docs/WHMCS.md §5 leaves the others unverified; keeping them is our choice).
 */
export function emailPreferencesParam(params: FormArray): Partial<EmailPreferences> {
  const sentPreferences = params.email_preferences
  const preferences: Partial<EmailPreferences> = {}
  if (sentPreferences === undefined || typeof sentPreferences === 'string') return preferences
  for (const key of EMAIL_CATEGORIES) {
    const value = phpBool(sentPreferences[key])
    if (value !== undefined) preferences[key] = value
  }
  return preferences
}

/** The same categories under their old names (`generalemails`, …; ≤ 7.9 and still on AddContact). */
export function legacyEmailFlagsParam(params: FormArray): Partial<EmailPreferences> {
  const preferences: Partial<EmailPreferences> = {}
  for (const key of EMAIL_CATEGORIES) {
    const value = phpBool(params[`${key}emails`])
    if (value !== undefined) preferences[key] = value
  }
  return preferences
}

const KNOWN_PERMISSIONS: ReadonlySet<string> = new Set(PERMISSIONS)

/**
 * A `permissions` parameter: a comma list ("profile,invoices"), or `permissions[]=…` entries. Names are
 * trimmed and matched exactly (lowercase). A name outside the 13 is DROPPED without a word: our choice
 * for what WHMCS leaves undocumented (docs/WHMCS.md §4); a list left empty that way counts as missing.
 * The answer is de-duplicated and in the canonical order.
 */
export function permissionsParam(value: FormValue | undefined): Permission[] {
  if (value === undefined) return []
  const parts = typeof value === 'string' ? value.split(',') : Object.values(value).flatMap((part) => (typeof part === 'string' ? part.split(',') : []))
  const names = new Set(parts.map((part) => part.trim()).filter((name) => KNOWN_PERMISSIONS.has(name)))
  return PERMISSIONS.filter((name) => names.has(name))
}

/** Loose on purpose (one "@", a dot in the domain, no spaces): WHMCS's own check is not documented. */
export function isValidEmail(email: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)
}
