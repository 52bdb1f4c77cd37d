// GetClientsDomains: one page of a client's domain registrations, for the reachability audit (is every
// invoice recipient on a domain that could lapse or be suspended?), or, without clientid, one page of every
// client's (the sync's pull). Asked, paged and read like GetClientsProducts (client-lists.ts).
// [clientid=…&]limitstart=…&limitnum=…
// {"result":"success","clientid":"1","domainid":"","totalresults":2,"startnumber":0,"numreturned":2,
//  "domains":{"domain":[{"id":1,"userid":1,"orderid":1,"regtype":"Register","domainname":"example.com.br",
//  "registrar":"registrobr","regperiod":1,"regdate":"2016-01-01","expirydate":"2027-01-01",
//  "nextduedate":"2026-12-01","status":"Active","donotrenew":0,…}]}}
// (7.x: every value a string; no domains: no `domains` key. WHMCS's reference shows the list flattened into
// top-level keys, "domains[domain][0][id]":"1": read back where unambiguous, decode.ts unflattenList.)
import { z } from 'zod'
import { ClientDomain } from '../../../shared/domain'
import type { Call } from './api-call'
import { ownerOf, readClientList, type ClientList, type ClientListPage, type ClientListParams } from './client-lists'
import { dateOrNull, idLike, text } from './decode'

export type GetClientsDomainsParams = ClientListParams

export interface DomainsPage extends Omit<ClientListPage<ClientDomain>, 'items'> {
  domains: ClientDomain[]
}

const DOMAINS: ClientList<ClientDomain> = {
  action: 'GetClientsDomains',
  wrapper: 'domains',
  item: 'domain',
  listing: 'domain listing',
  describe: (domain) => `domain ${domain.domain}`,
  record: (clientId) =>
    z
      .looseObject({
        id: idLike,
        userid: idLike.optional(),
        domainname: text,
        status: text,
        expirydate: dateOrNull,
        nextduedate: dateOrNull,
      })
      .transform((wire, ctx) => {
        const owner = ownerOf(ctx, wire, 'userid', clientId, 'domain')
        if (owner === undefined) return z.NEVER
        const domain: ClientDomain = {
          id: wire.id,
          clientId: owner,
          domain: wire.domainname.trim().toLowerCase(),
          status: wire.status.trim(),
          expiryDate: wire.expirydate,
          nextDueDate: wire.nextduedate,
        }
        return domain
      })
      .pipe(ClientDomain),
}

export async function getClientsDomains(call: Call, params: GetClientsDomainsParams): Promise<DomainsPage> {
  const { items, ...page } = await readClientList(call, DOMAINS, params)
  return { ...page, domains: items }
}
