// What GetClientsDomains and GetClientsProducts answer alike: every client's records or, with clientid, one
// client's (an unknown client is an empty list, not an error: our choice, nothing is documented), narrowed by
// the action's own filters, in id order, one page in the usual list envelope with the filters echoed first.
import { stringParam, type FormArray } from './php-form'
import { idParam, paging } from './request'
import { listAnswer } from './answer'
import type { ActionContext, JsonObject } from './action'

export interface ClientList<T> {
  all: readonly T[]
  ofClient: (clientId: number) => readonly T[]
  /** The filters sent, each keeping the records it matches. */
  filters: readonly ((record: T) => boolean)[]
  /** One record as the action lists it (8.x types: 7.x strings are made by listAnswer). */
  item: (record: T) => JsonObject
  /** `{"domains":{"domain":[…]}}`: "domains" and "domain". */
  wrapper: string
  itemKey: string
  /** What the answer echoes of the request, right after `result`. */
  head: JsonObject
}

export function clientListAnswer<T extends { id: number }>(params: FormArray, context: ActionContext, list: ClientList<T>): JsonObject {
  const { limitstart, limitnum } = paging(params)
  let records = (stringParam(params, 'clientid') ?? '') === '' ? list.all : list.ofClient(idParam(params, 'clientid'))
  for (const keep of list.filters) records = records.filter(keep)
  const sorted = context.store.inIdOrder(records)
  return listAnswer(context, {
    total: sorted.length,
    limitstart,
    page: sorted.slice(limitstart, limitstart + limitnum).map(list.item),
    wrapper: list.wrapper,
    item: list.itemKey,
    head: list.head,
  })
}
