// What GetClientsDomains and GetClientsProducts share: a list of records that each belong to a client, asked for
// one client or, without clientid, for every client's (the sync's pull: clientid is optional and the list pages
// like GetClients, per WHMCS's reference), paged with limitstart/limitnum. A record that does not name its
// client is the asked client's; without a client asked for, each must name its own. WHMCS's reference shows
// GetClientsDomains flattened into top-level keys ("domains[domain][0][id]":"1"): either list is read back from
// that form where it is unambiguous (decode.ts unflattenList).
import { z } from 'zod'
import type { Call, CallOptions } from './api-call'
import { count, listOf, unflattenList } from './decode'
import { badResponse } from './failures'
import { checkInput, paging, positiveId } from './request-checks'
import { checkPage } from './answer-fields'

export interface ClientListParams extends CallOptions {
  /** Left out: every client's. */
  clientId?: number
  limitstart: number
  limitnum: number
}

export interface ClientListPage<T> {
  /** How many records the client (or the portal) has in all, across pages. */
  total: number
  /** The offset of this page, as the portal echoes it. */
  start: number
  items: T[]
  warnings: string[]
}

/** One such list: its action, its keys, what a record is called, and one record's schema. */
export interface ClientList<T extends { clientId: number }> {
  action: string
  /** `{"domains":{"domain":[…]}}`: "domains" and "domain". The wrapper also names the records in messages. */
  wrapper: string
  item: string
  /** A record's nested fields never read, left out of the flattened form (decode.ts unflattenList). */
  unread?: readonly string[]
  /** One record in messages: "domain x.com.br". */
  describe: (record: T) => string
  /** What the input check calls a request: "domain listing". */
  listing: string
  /** One record's schema, for a page asked of `clientId` (undefined: of every client). */
  record: (clientId: number | undefined) => z.ZodType<T, unknown>
}

const Input = z.object({ clientId: positiveId.optional(), ...paging })

export async function readClientList<T extends { clientId: number }>(call: Call, list: ClientList<T>, params: ClientListParams): Promise<ClientListPage<T>> {
  const { clientId, limitstart, limitnum } = checkInput(Input, params, list.listing)
  const answer = z.preprocess(
    unflattenList(list.wrapper, list.item, list.unread),
    z.looseObject({ totalresults: count, startnumber: count.optional(), ...listOf(list.wrapper, list.item, list.record(clientId)) }),
  )
  const { data, warnings } = await call(list.action, { ...(clientId === undefined ? {} : { clientid: clientId }), limitstart, limitnum }, answer, {
    signal: params.signal,
  })
  // The schema put the records under the wrapper's key and nowhere else.
  const items = data[list.wrapper] as T[]
  const start = data.startnumber ?? limitstart
  checkPage(list.action, list.wrapper, items.length, start, data.totalresults)
  const stray = clientId === undefined ? undefined : items.find((record) => record.clientId !== clientId)
  if (stray) throw badResponse(list.action, `it lists ${list.describe(stray)} of client ${stray.clientId} among client ${String(clientId)}'s`)
  return { total: data.totalresults, start, items, warnings }
}

/**
 * The client a record belongs to: the one it names at `key` (its wire form already read), else the one asked
 * for. With neither (every client's records asked for, and this one silent about whose it is), an issue at
 * `key` and undefined.
 */
export function ownerOf<W extends object>(ctx: z.RefinementCtx, wire: W, key: keyof W & string, asked: number | undefined, what: string): number | undefined {
  const named = wire[key]
  const owner = typeof named === 'number' ? named : asked
  if (owner === undefined) ctx.addIssue({ code: 'custom', message: `the ${what} does not say whose it is`, path: [key], input: wire })
  return owner
}
