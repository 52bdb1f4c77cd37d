// GetClientsProducts: a client's hosting services (or every client's), for the domains they are on: the
// client's own, even where GetClientsDomains does not list them (registered elsewhere).
import { stringParam, type FormArray } from './php-form'
import type { DemoProduct } from './schema'
import { idParam } from './request'
import { clientListAnswer } from './client-lists'
import { type ActionContext, type JsonObject } from './action'

/** The server every demo service is on. */
const SERVER = { serverid: 1, servername: 'Jupiter', serverip: '198.51.100.10', serverhostname: 'jupiter.hospedagem.demo' }

/**
 * Filters `clientid`, `serviceid`, `pid`, `domain` (exact, case-insensitive) and `username2` (exact); no
 * filter lists every service. An unknown client is an empty list, as for domains. The answer echoes
 * `clientid`, `serviceid`, `pid` and `domain` as sent, null when absent (WHMCS's reference shows null), then
 * the usual list envelope with `{"products":{"product":[…]}}`.
 */
export function getClientsProducts(params: FormArray, context: ActionContext): JsonObject {
  const { store } = context
  const echo = (name: string): string | null => stringParam(params, name) ?? null
  const filters: ((product: DemoProduct) => boolean)[] = []
  if ((stringParam(params, 'serviceid') ?? '') !== '') {
    const wanted = idParam(params, 'serviceid')
    filters.push((product) => product.id === wanted)
  }
  if ((stringParam(params, 'pid') ?? '') !== '') {
    const wanted = idParam(params, 'pid')
    filters.push((product) => product.pid === wanted)
  }
  const domain = (stringParam(params, 'domain') ?? '').trim().toLowerCase()
  if (domain !== '') filters.push((product) => product.domain === domain)
  const username = stringParam(params, 'username2') ?? ''
  if (username !== '') filters.push((product) => product.username === username)
  return clientListAnswer(params, context, {
    all: store.state.products,
    ofClient: (clientId) => store.productsOf(clientId),
    filters,
    item: productItem,
    wrapper: 'products',
    itemKey: 'product',
    head: { clientid: echo('clientid'), serviceid: echo('serviceid'), pid: echo('pid'), domain: echo('domain') },
  })
}

/** A service as WHMCS lists it; the control-panel password is never given out here (WHMCS sends it decrypted). */
function productItem(product: DemoProduct): JsonObject {
  return {
    id: product.id,
    clientid: product.clientid,
    orderid: product.id,
    ordernumber: String(4_800_000_000 + product.id),
    pid: product.pid,
    regdate: product.regdate,
    name: product.name,
    translated_name: product.name,
    groupname: product.groupname,
    translated_groupname: product.groupname,
    domain: product.domain,
    dedicatedip: '',
    ...SERVER,
    suspensionreason: product.status === 'Suspended' ? 'Fatura em atraso' : '',
    firstpaymentamount: product.recurringamount,
    recurringamount: product.recurringamount,
    paymentmethod: 'boleto',
    paymentmethodname: 'Boleto Bancário',
    billingcycle: product.billingcycle,
    nextduedate: product.nextduedate,
    status: product.status,
    username: product.username,
    password: '',
    subscriptionid: '',
    promoid: 0,
    overideautosuspend: 0,
    overidesuspenduntil: '0000-00-00',
    ns1: '',
    ns2: '',
    assignedips: '',
    notes: '',
    diskusage: 0,
    disklimit: 0,
    bwusage: 0,
    bwlimit: 0,
    lastupdate: '0000-00-00 00:00:00',
    customfields: { customfield: [] },
    configoptions: { configoption: [] },
  }
}
