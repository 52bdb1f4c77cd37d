// GetClients (docs/WHMCS.md §3.1): one page of client accounts, mapped to the domain's Client.
import { z } from 'zod'
import type { Client } from '../../../shared/domain'
import type { Call } from './api-call'
import { count, dateOrNull, idLike, listOf, text } from './decode'
import { checkPage, clientStatus as status, groupId } from './answer-fields'

export interface GetClientsParams {
  limitstart: number
  limitnum: number
  /** Prefix match on e-mail, first, last, full or company name (the portal's rule). */
  search?: string
  signal?: AbortSignal
}

export interface ClientsPage {
  /** How many clients match in all, across pages. */
  total: number
  /** The offset of this page, as the portal echoes it. */
  start: number
  clients: Client[]
  warnings: string[]
}

const ClientWire = z.looseObject({
  id: idLike,
  firstname: text,
  lastname: text,
  companyname: text,
  email: text,
  status,
  datecreated: dateOrNull,
  groupid: groupId,
})

const GetClientsAnswer = z.looseObject({
  // 7.x sends "0" as a string when nothing matches (docs/WHMCS.md §2.4).
  totalresults: count,
  startnumber: count.optional(),
  ...listOf('clients', 'client', ClientWire),
})

export async function getClients(call: Call, params: GetClientsParams): Promise<ClientsPage> {
  const { limitstart, limitnum, search, signal } = params
  const { data, warnings } = await call(
    'GetClients',
    // An empty search is left out rather than sent as `search=`.
    { limitstart, limitnum, search: search || undefined },
    GetClientsAnswer,
    { signal },
  )
  const start = data.startnumber ?? limitstart
  checkPage('GetClients', 'clients', data.clients.length, start, data.totalresults)
  return { total: data.totalresults, start, clients: data.clients.map(toClient), warnings }
}

function toClient(wire: z.infer<typeof ClientWire>): Client {
  return {
    id: wire.id,
    firstName: wire.firstname,
    lastName: wire.lastname,
    companyName: wire.companyname,
    email: wire.email,
    status: wire.status,
    createdOn: wire.datecreated,
    groupId: wire.groupid,
  }
}
