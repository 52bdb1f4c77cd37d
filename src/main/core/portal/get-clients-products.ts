// GetClientsProducts: one page of a client's hosting services, or, without clientid, one page of every
// client's (the sync's pull), for the reachability audit: a service's domain is the client's own even where
// the domain is registered elsewhere (most .com.br domains are registered at Registro.br, so GetClientsDomains
// does not list them). Asked, paged and read like GetClientsDomains (client-lists.ts).
// [clientid=…&]limitstart=…&limitnum=…
// {"result":"success","clientid":"1","serviceid":null,"pid":null,"domain":null,"totalresults":"2",
//  "startnumber":0,"numreturned":2,"products":{"product":[{"id":"1","clientid":"1","orderid":"1","pid":"1",
//  "regdate":"2015-01-01","name":"Starter","groupname":"Shared Hosting","domain":"demodomain.com",
//  "nextduedate":"2016-11-25","status":"Terminated","username":"demodoma",…,
//  "customfields":{"customfield":[]},"configoptions":{"configoption":[]}}]}}
// (7.x: every value a string; no services: no `products` key; the flattened form is read back as for domains.)
import { z } from 'zod'
import { ClientProduct } from '../../../shared/domain'
import type { Call } from './api-call'
import { ownerOf, readClientList, type ClientList, type ClientListPage, type ClientListParams } from './client-lists'
import { idLike, text } from './decode'

export type GetClientsProductsParams = ClientListParams

export interface ProductsPage extends Omit<ClientListPage<ClientProduct>, 'items'> {
  products: ClientProduct[]
}

const PRODUCTS: ClientList<ClientProduct> = {
  action: 'GetClientsProducts',
  wrapper: 'products',
  item: 'product',
  unread: ['customfields', 'configoptions'],
  listing: 'hosting service listing',
  describe: (product) => `hosting service ${product.id}${product.domain === '' ? '' : ` (${product.domain})`}`,
  record: (clientId) =>
    z
      .looseObject({ id: idLike, clientid: idLike.optional(), domain: text, status: text, name: text })
      .transform((wire, ctx) => {
        const owner = ownerOf(ctx, wire, 'clientid', clientId, 'hosting service')
        if (owner === undefined) return z.NEVER
        const product: ClientProduct = {
          id: wire.id,
          clientId: owner,
          domain: wire.domain.trim().toLowerCase(),
          status: wire.status.trim(),
          name: wire.name.trim(),
        }
        return product
      })
      .pipe(ClientProduct),
}

export async function getClientsProducts(call: Call, params: GetClientsProductsParams): Promise<ProductsPage> {
  const { items, ...page } = await readClientList(call, PRODUCTS, params)
  return { ...page, products: items }
}
