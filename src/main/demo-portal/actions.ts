// The API actions the demo portal answers, as pure functions of the request and the state. Each returns
// the response body; the server adds transport, authentication and encoding. Business errors are
// answers too (HTTP 200, result=error), exactly as WHMCS sends them.
import { getActivityLog, logActivity } from './actions-activity'
import { getClientsDetails, updateClient } from './actions-clients'
import { addContact, deleteContact, getContacts, updateContact } from './actions-contacts'
import { getClientsDomains } from './actions-domains'
import { getEmails } from './actions-emails'
import { getClientsProducts } from './actions-products'
import { createClientInvite, deleteUserClient, getUserPermissions, getUsers, updateUserPermissions } from './actions-users'
import type { DemoClient } from './data'
import { stringParam, type FormArray } from './php-form'
import { foldCase } from './text'
import { listAnswer } from './answer'
import { paging } from './request'
import { type Action, type ActionContext, type DemoGeneration, type JsonObject } from './action'

export { clientSearchKeys } from './store'
export { DEMO_GENERATIONS, type Action, type ActionContext, type DemoGeneration, type JsonObject } from './action'

const COMMON: [string, Action][] = [
  ['whmcsdetails', whmcsDetails],
  ['getclients', getClients],
  ['getclientsdetails', getClientsDetails],
  ['updateclient', updateClient],
  ['getcontacts', getContacts],
  ['addcontact', addContact],
  ['updatecontact', updateContact],
  ['deletecontact', deleteContact],
  ['getclientsdomains', getClientsDomains],
  ['getclientsproducts', getClientsProducts],
  ['logactivity', logActivity],
  ['getactivitylog', getActivityLog],
  ['getemails', getEmails],
]

/** The 8.x user actions (docs/WHMCS.md §4); a 7.x portal does not know them at all. */
const USERS: [string, Action][] = [
  ['getusers', getUsers],
  ['createclientinvite', createClientInvite],
  ['getuserpermissions', getUserPermissions],
  ['updateuserpermissions', updateUserPermissions],
  ['deleteuserclient', deleteUserClient],
]

/** Per generation, keyed by the lowercased name: WHMCS matches action names case-insensitively. */
export const ACTIONS: Readonly<Record<DemoGeneration, ReadonlyMap<string, Action>>> = {
  '7': new Map(COMMON),
  '8': new Map([...COMMON, ...USERS]),
}

const VERSIONS: Record<DemoGeneration, { version: string; canonicalversion: string }> = {
  '7': { version: '7.10.3', canonicalversion: '7.10.3-release.1' },
  '8': { version: '8.10.1', canonicalversion: '8.10.1-release.1' },
}

function whmcsDetails(_params: FormArray, { generation }: ActionContext): JsonObject {
  return { result: 'success', whmcs: { ...VERSIONS[generation] } }
}

/** The fields GetClients lists (docs/WHMCS.md §3.1); the rest needs GetClientsDetails. */
function listedClient(client: DemoClient): JsonObject {
  const { id, firstname, lastname, companyname, email, datecreated, groupid, status } = client
  return { id, firstname, lastname, companyname, email, datecreated, groupid, status }
}

function getClients(params: FormArray, context: ActionContext): JsonObject {
  const { limitstart, limitnum } = paging(params)
  const descending = stringParam(params, 'sorting')?.toUpperCase() === 'DESC'
  const status = foldCase(stringParam(params, 'status') ?? '')
  const search = foldCase(stringParam(params, 'search') ?? '')
  const { store } = context

  const filtered =
    status === '' && search === ''
      ? store.state.clients
      : store.state.clients.filter(
          (client) =>
            (status === '' || foldCase(client.status) === status) && (search === '' || store.searchKeys(client).some((key) => key.startsWith(search))),
        )
  const matches = store.inIdOrder(filtered, descending)
  const page = matches.slice(limitstart, limitstart + limitnum).map(listedClient)
  return listAnswer(context, { total: matches.length, limitstart, page, wrapper: 'clients', item: 'client' })
}
