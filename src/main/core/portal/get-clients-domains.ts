// GetClientsDomains: one page of a client's domain registrations, for the reachability audit (is every
// invoice recipient on a domain that could lapse or be suspended?), or, without clientid, one page of every
// client's (the sync's pull: clientid is optional and the list pages like GetClients, per WHMCS's reference).
// [clientid=…&]limitstart=…&limitnum=…
// {"result":"success","clientid":"1","domainid":"","totalresults":2,"startnumber":0,"numreturned":2,
//  "domains":{"domain":[{"id":1,"userid":1,"orderid":1,"regtype":"Register","domainname":"example.com.br",
//  "registrar":"registrobr","regperiod":1,"regdate":"2016-01-01","expirydate":"2027-01-01",
//  "nextduedate":"2026-12-01","status":"Active","donotrenew":0,…}]}}
// (7.x: every value a string; no domains: no `domains` key. WHMCS's reference shows the list flattened into
// top-level keys, "domains[domain][0][id]":"1": read back where unambiguous, decode.ts unflattenList.)
import { z } from 'zod'
import { ClientDomain } from '../../../shared/domain'
import type { Call, CallOptions } from './api-call'
import { count, dateOrNull, idLike, listOf, text, unflattenList } from './decode'
import { badResponse } from './failures'
import { checkInput, paging, positiveId } from './request-checks'
import { checkPage } from './answer-fields'

export interface GetClientsDomainsParams extends CallOptions {
  /** Left out: every client's domains. */
  clientId?: number
  limitstart: number
  limitnum: number
}

export interface DomainsPage {
  /** How many domains the client (or the portal) has in all, across pages. */
  total: number
  /** The offset of this page, as the portal echoes it. */
  start: number
  domains: ClientDomain[]
  warnings: string[]
}

/**
 * The answer's schema: a domain that does not name its client is the asked client's; without a client
 * asked for, a domain must name its own.
 */
function answerFor(clientId: number | undefined) {
  const DomainWire = z
    .looseObject({
      id: idLike,
      userid: idLike.optional(),
      domainname: text,
      status: text,
      expirydate: dateOrNull,
      nextduedate: dateOrNull,
    })
    .transform((wire, ctx) => {
      const owner = wire.userid ?? clientId
      if (owner === undefined) {
        ctx.addIssue({ code: 'custom', message: 'the domain does not say whose it is', path: ['userid'], input: wire })
        return z.NEVER
      }
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
    .pipe(ClientDomain)
  return z.preprocess(
    unflattenList('domains', 'domain'),
    z.looseObject({
      totalresults: count,
      startnumber: count.optional(),
      ...listOf('domains', 'domain', DomainWire),
    }),
  )
}

const Input = z.object({ clientId: positiveId.optional(), ...paging })

export async function getClientsDomains(call: Call, params: GetClientsDomainsParams): Promise<DomainsPage> {
  const { clientId, limitstart, limitnum } = checkInput(Input, params, 'domain listing')
  const { data, warnings } = await call(
    'GetClientsDomains',
    { ...(clientId === undefined ? {} : { clientid: clientId }), limitstart, limitnum },
    answerFor(clientId),
    { signal: params.signal },
  )
  const start = data.startnumber ?? limitstart
  checkPage('GetClientsDomains', 'domains', data.domains.length, start, data.totalresults)
  const stray = clientId === undefined ? undefined : data.domains.find((domain) => domain.clientId !== clientId)
  if (stray) {
    throw badResponse('GetClientsDomains', `it lists domain ${stray.domain} of client ${stray.clientId} among client ${String(clientId)}'s`)
  }
  return { total: data.totalresults, start, domains: data.domains, warnings }
}
