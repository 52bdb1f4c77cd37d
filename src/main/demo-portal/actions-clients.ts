// GetClientsDetails and UpdateClient (docs/WHMCS.md §3.2, §3.3): one client's full record, with the
// owner's e-mail preferences, and the changes staff make to it.
import { STATE_NAMES } from './brazil'
import { stringParam, type FormArray } from './php-form'
import { CLIENT_STATUSES, EMAIL_CATEGORIES, type DemoClient } from './schema'
import { emailKey } from './store'
import { emailPreferencesParam, idParam, isValidEmail, phpBool, phpInt } from './request'
import { failure, ICANN_CLIENT_MESSAGE, success, typed } from './answer'
import { type ActionContext, type JsonObject } from './action'

/**
 * By `clientid`, else by `email` (exact, case-insensitive: MySQL's collation). The client's fields come
 * twice: under `client` and again at the top level (the deprecated copy, docs/WHMCS.md §3.2), the latter
 * without `users`. `email_preferences` are "1"/"0" strings in both generations; on 7.x every other
 * scalar is a string too, false as "".
 */
export function getClientsDetails(params: FormArray, context: ActionContext): JsonObject {
  const clientId = idParam(params, 'clientid')
  const email = (stringParam(params, 'email') ?? '').trim()
  if (clientId === 0 && email === '') return failure('Either clientid Or email Is Required')
  const client = clientId !== 0 ? context.store.client(clientId) : context.store.clientByEmail(email)
  if (client === undefined) return failure('Client Not Found')

  const details = clientDetails(client, context)
  const answer: JsonObject = { result: 'success', ...details }
  if (context.generation === '8') {
    const users = context.store.usersOf(client.id).map((user) => ({
      id: user.id,
      name: `${user.firstname} ${user.lastname}`.trim(),
      email: user.email,
      is_owner: user.clients.some((link) => link.clientid === client.id && link.owner),
    }))
    answer.client = { ...details, users: { user: users } }
  } else {
    answer.client = details
  }
  if (phpBool(params.stats) === true) answer.stats = stats(client, context)
  return typed(context.generation, answer)
}

function clientDetails(client: DemoClient, context: ActionContext): JsonObject {
  const v8 = context.generation === '8'
  const owner = context.store.usersOf(client.id).find((user) => user.clients.some((link) => link.clientid === client.id && link.owner))
  const phone = client.phonenumber
  const formattedPhone = phone === '' || phone.startsWith('+') ? phone : `+55.${phone.replace(/\D/g, '')}`
  const marketing = client.id % 3 === 0
  return {
    ...(v8 ? { client_id: client.id, owner_user_id: owner?.id ?? 0 } : {}),
    userid: client.id,
    id: client.id,
    uuid: uuidOf(client.id),
    firstname: client.firstname,
    lastname: client.lastname,
    fullname: `${client.firstname} ${client.lastname}`,
    companyname: client.companyname,
    email: client.email,
    address1: client.address1,
    address2: client.address2,
    city: client.city,
    fullstate: STATE_NAMES[client.state] ?? client.state,
    state: client.state,
    postcode: client.postcode,
    countrycode: client.country,
    country: client.country,
    phonenumber: phone,
    tax_id: client.tax_id,
    email_preferences: Object.fromEntries(EMAIL_CATEGORIES.map((key) => [key, client.email_preferences[key] ? '1' : '0'])),
    statecode: client.state,
    countryname: client.country === 'BR' ? 'Brazil' : client.country,
    phonecc: 55,
    phonenumberformatted: formattedPhone,
    telephoneNumber: formattedPhone,
    billingcid: 0,
    notes: '',
    currency: 1,
    defaultgateway: '',
    groupid: client.groupid,
    status: client.status,
    credit: '0.00',
    taxexempt: false,
    latefeeoveride: false,
    overideduenotices: client.overideduenotices,
    separateinvoices: false,
    disableautocc: false,
    emailoptout: false,
    marketing_emails_opt_in: marketing,
    overrideautoclose: false,
    allowSingleSignOn: 1,
    email_verified: client.id % 4 !== 0,
    language: '',
    ...(v8 ? { isOptedInToMarketingEmails: marketing } : {}),
    lastlogin: lastLogin(client),
    currency_code: 'BRL',
    customfields: [],
  }
}

/** A few of the `stats=true` counters; money as WHMCS formats it for display. */
function stats(client: DemoClient, context: ActionContext): JsonObject {
  const domains = context.store.domainsOf(client.id)
  return {
    numdueinvoices: 0,
    dueinvoicesbalance: 'R$0.00 BRL',
    numoverdueinvoices: 0,
    overdueinvoicesbalance: 'R$0.00 BRL',
    incredit: false,
    creditbalance: 'R$0.00 BRL',
    numdomains: domains.length,
    numactivedomains: domains.filter((domain) => domain.status === 'Active').length,
    numtickets: 0,
    numactivetickets: 0,
  }
}

/** An HTML display string, not a timestamp (docs/WHMCS.md §3.2); PHP's json_encode escapes its "/". */
function lastLogin(client: DemoClient): string {
  if (client.id % 5 === 0) return 'No Login Logged'
  const [year, month, day] = client.datecreated.split('-')
  const ip = `177.${(client.id * 7) % 256}.${(client.id * 13) % 256}.${((client.id * 31) % 254) + 1}`
  return `Date: ${day}/${month}/${year} 10:26<br>IP Address: ${ip}<br>Host: ${ip}`
}

/** A stable UUID-shaped id per client (version-4 layout), derived from the id. */
function uuidOf(id: number): string {
  let state = (id * 0x9e3779b1) >>> 0
  let hex = ''
  while (hex.length < 32) {
    state = Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) >>> 0
    state = (state ^ (state >>> 12)) >>> 0
    hex += state.toString(16).padStart(8, '0')
  }
  const variant = ((parseInt(hex[16] ?? '0', 16) & 3) | 8).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

const TEXT_FIELDS = ['firstname', 'lastname', 'companyname', 'address1', 'address2', 'city', 'state', 'postcode', 'country', 'phonenumber', 'tax_id'] as const

/**
 * By `clientid`, else `clientemail`. Only the fields sent change, `email_preferences[…]` key by key.
 * Refuses, in this order: `Client ID Not Found`; `The email address entered is not valid`;
 * `Duplicate Email Address` (another client has it); the ICANN message worded for the owner, when
 * `email_preferences[domain]` turns off and no contact receives domain e-mails.
 * Answers `{"result":"success","clientid":"<id>"}` (a string in both generations).
 */
export function updateClient(params: FormArray, context: ActionContext): JsonObject {
  const { store } = context
  const clientId = idParam(params, 'clientid')
  const byEmail = (stringParam(params, 'clientemail') ?? '').trim()
  const client = clientId !== 0 ? store.client(clientId) : byEmail !== '' ? store.clientByEmail(byEmail) : undefined
  if (client === undefined) return failure('Client ID Not Found')

  const next: DemoClient = { ...client, email_preferences: { ...client.email_preferences, ...emailPreferencesParam(params) } }
  for (const field of TEXT_FIELDS) {
    const value = stringParam(params, field)
    if (value !== undefined) next[field] = value
  }
  const email = stringParam(params, 'email')
  if (email !== undefined) {
    next.email = email.trim()
    if (!isValidEmail(next.email)) return failure('The email address entered is not valid')
    const holder = store.clientByEmail(next.email)
    if (holder !== undefined && holder !== client) return failure('Duplicate Email Address')
  }
  const status = CLIENT_STATUSES.find((name) => name.toLowerCase() === stringParam(params, 'status')?.toLowerCase())
  if (status !== undefined) next.status = status
  const groupid = stringParam(params, 'groupid')
  if (groupid !== undefined && phpInt(groupid) >= 0) next.groupid = phpInt(groupid)

  const turnsDomainOff = emailPreferencesParam(params).domain === false
  if (turnsDomainOff && !store.contactsOf(client.id).some((contact) => contact.domainemails)) {
    return failure(ICANN_CLIENT_MESSAGE)
  }

  const previousEmail = client.email
  Object.assign(client, next)
  store.clientChanged(client, emailKey(previousEmail))
  return success({ clientid: String(client.id) })
}
