// The API actions the demo portal answers, as pure functions of the request and the state. Each returns
// the response body; the server adds transport, authentication and encoding. Business errors are
// answers too (HTTP 200, result=error), exactly as WHMCS sends them.
import type { DemoClient, DemoState } from './data'
import type { JsonValue } from './php-json'
import { stringParam, type FormArray } from './php-form'
import { foldCase } from './text'

export const DEMO_GENERATIONS = ['7', '8'] as const
/** Which WHMCS major the portal imitates: "7" answers every scalar as a string, "8" sends typed values. */
export type DemoGeneration = (typeof DEMO_GENERATIONS)[number]

export type JsonObject = { [key: string]: JsonValue }

export interface ActionContext {
  readonly state: DemoState
  readonly generation: DemoGeneration
  /** The client's text as GetClients searches it, folded; cached by the caller. */
  searchKeys(client: DemoClient): readonly string[]
}

type Action = (params: FormArray, context: ActionContext) => JsonObject

/** Keyed by the lowercased name: WHMCS matches action names case-insensitively. */
export const ACTIONS: ReadonlyMap<string, Action> = new Map<string, Action>([
  ['whmcsdetails', whmcsDetails],
  ['getclients', getClients],
])

const VERSIONS: Record<DemoGeneration, { version: string; canonicalversion: string }> = {
  '7': { version: '7.10.3', canonicalversion: '7.10.3-release.1' },
  '8': { version: '8.10.1', canonicalversion: '8.10.1-release.1' },
}

function whmcsDetails(_params: FormArray, { generation }: ActionContext): JsonObject {
  return { result: 'success', whmcs: { ...VERSIONS[generation] } }
}

/** The fields GetClients lists (whmcs-api.md §3.1); the rest needs GetClientsDetails. */
function listedClient(client: DemoClient): JsonObject {
  const { id, firstname, lastname, companyname, email, datecreated, groupid, status } = client
  return { id, firstname, lastname, companyname, email, datecreated, groupid, status }
}

function getClients(params: FormArray, context: ActionContext): JsonObject {
  const limitstart = Math.max(0, phpInt(stringParam(params, 'limitstart')))
  const requested = phpInt(stringParam(params, 'limitnum'))
  // 0, absent or nonsense means the default page of 25; there is no upper cap.
  const limitnum = requested > 0 ? requested : 25
  const descending = stringParam(params, 'sorting')?.toUpperCase() === 'DESC'
  const status = foldCase(stringParam(params, 'status') ?? '')
  const search = foldCase(stringParam(params, 'search') ?? '')

  const matches = context.state.clients.filter(
    (client) =>
      (status === '' || foldCase(client.status) === status) &&
      (search === '' || context.searchKeys(client).some((key) => key.startsWith(search))),
  )
  matches.sort(descending ? (a, b) => b.id - a.id : (a, b) => a.id - b.id)
  const page = matches.slice(limitstart, limitstart + limitnum)

  if (page.length === 0) {
    // The real quirk (whmcs-api.md §2.4): no list key at all, a string "0" total beside integer counters.
    const total = matches.length
    return {
      result: 'success',
      totalresults: total === 0 || context.generation === '7' ? String(total) : total,
      startnumber: limitstart,
      numreturned: 0,
    }
  }
  return typed(context.generation, {
    result: 'success',
    totalresults: matches.length,
    startnumber: limitstart,
    numreturned: page.length,
    clients: { client: page.map(listedClient) },
  })
}

/** What GetClients' search compares against; "firstname lastname" also covers the first name alone. */
export function clientSearchKeys(client: DemoClient): string[] {
  return [client.email, `${client.firstname} ${client.lastname}`, client.lastname, client.companyname].map(foldCase)
}

/** PHP's (int) cast: leading whitespace and digits count, anything else is 0. */
function phpInt(text: string | undefined): number {
  const match = /^\s*([+-]?\d+)/.exec(text ?? '')
  return match?.[1] === undefined ? 0 : Number.parseInt(match[1], 10)
}

/** 7.x answers every scalar as a string, false as "" (whmcs-api.md §9.8). */
function typed(generation: DemoGeneration, answer: JsonObject): JsonObject {
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
