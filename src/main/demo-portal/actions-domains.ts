// GetClientsDomains: what the reachability audit needs to know about a client's domains (which ones,
// their status, when they expire and are next billed).
import { stringParam, type FormArray } from './php-form'
import type { DemoDomain } from './schema'
import { idParam } from './request'
import { clientListAnswer } from './client-lists'
import { type ActionContext, type JsonObject } from './action'

/**
 * Filters `clientid`, `domainid`, `domain` (exact, case-insensitive); no filter lists every domain.
 * An unknown client is an empty list, not an error (our choice; nothing is documented). The answer
 * echoes `clientid` and `domainid` as they were sent (strings, "" when absent, as PHP echoes request
 * values), then the usual list envelope with `{"domains":{"domain":[…]}}`.
 */
export function getClientsDomains(params: FormArray, context: ActionContext): JsonObject {
  const { store } = context
  const clientParam = stringParam(params, 'clientid') ?? ''
  const domainIdParam = stringParam(params, 'domainid') ?? ''
  const name = (stringParam(params, 'domain') ?? '').trim().toLowerCase()
  const filters: ((domain: DemoDomain) => boolean)[] = []
  if (domainIdParam !== '') {
    const wanted = idParam(params, 'domainid')
    filters.push((domain) => domain.id === wanted)
  }
  if (name !== '') filters.push((domain) => domain.domainname.toLowerCase() === name)
  return clientListAnswer(params, context, {
    all: store.state.domains,
    ofClient: (clientId) => store.domainsOf(clientId),
    filters,
    item: domainItem,
    wrapper: 'domains',
    itemKey: 'domain',
    head: { clientid: clientParam, domainid: domainIdParam },
  })
}

function domainItem(domain: DemoDomain): JsonObject {
  return {
    id: domain.id,
    userid: domain.userid,
    orderid: domain.id,
    regtype: 'Register',
    domainname: domain.domainname,
    registrar: domain.registrar,
    regperiod: domain.regperiod,
    firstpaymentamount: domain.recurringamount,
    recurringamount: domain.recurringamount,
    paymentmethod: 'boleto',
    paymentmethodname: 'Boleto Bancário',
    regdate: domain.regdate,
    expirydate: domain.expirydate,
    nextduedate: domain.nextduedate,
    status: domain.status,
    subscriptionid: '',
    promoid: 0,
    dnsmanagement: 0,
    emailforwarding: 0,
    idprotection: 0,
    donotrenew: 0,
    notes: '',
  }
}
