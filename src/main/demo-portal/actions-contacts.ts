// GetContacts, AddContact, UpdateContact, DeleteContact (docs/WHMCS.md §2). Contacts carry the six
// e-mail flags and, on 7.x, the sub-account fields; 8.x accepts those fields with a warning and ignores
// them (the contact is still created or updated, without any access).
import { hashPassword } from './password-hash'
import { stringParam, type FormArray } from './php-form'
import type { DemoClient, DemoContact, EmailCategory, EmailPreferences } from './schema'
import { emailKey, type DemoStore } from './store'
import { foldCase } from './text'
import { emailPreferencesParam, idParam, legacyEmailFlagsParam, paging, permissionsParam, phpBool, sent } from './request'
import { failure, flag01, ICANN_CONTACT_MESSAGE, listAnswer, localDateTime, success } from './answer'
import { type ActionContext, type JsonObject } from './action'

const TEXT_FIELDS = [
  'firstname',
  'lastname',
  'companyname',
  'email',
  'address1',
  'address2',
  'city',
  'state',
  'postcode',
  'country',
  'phonenumber',
  'tax_id',
] as const
/** GetContacts' filters: every field above but tax_id, each an exact, case- and accent-insensitive match. */
const FILTER_FIELDS = TEXT_FIELDS.filter((field) => field !== 'tax_id')
const SUBACCOUNT_FIELDS = ['subaccount', 'password2', 'permissions'] as const

export const ADD_CONTACT_WARNING = 'Sub Accounts are no longer supported. Please use AddUser and CreateClientInvite'
export const UPDATE_CONTACT_WARNING = 'Sub Accounts are no longer supported. Please use UpdateUser'

/**
 * `userid` (the client) narrows to one account; the text filters match exactly (case- and
 * accent-insensitive, as MySQL compares); 7.x also filters on `subaccount`. Sorted by id. 8.x items
 * are typed; 7.x items are all strings, flags "1"/"0", with the sub-account columns (subaccount,
 * password hash, permissions, pwresetkey, pwresetexpiry) as in the 7.x docs.
 */
export function getContacts(params: FormArray, context: ActionContext): JsonObject {
  const { store, generation } = context
  const { limitstart, limitnum } = paging(params)
  const clientFilter = stringParam(params, 'userid')
  let candidates: readonly DemoContact[] =
    clientFilter === undefined || clientFilter === '' ? store.state.contacts : store.contactsOf(idParam(params, 'userid'))
  for (const field of FILTER_FIELDS) {
    const wanted = stringParam(params, field)
    if (wanted === undefined || wanted === '') continue
    const folded = foldCase(wanted.trim())
    candidates = candidates.filter((contact) => foldCase(contact[field]) === folded)
  }
  const subaccount = generation === '7' ? stringParam(params, 'subaccount') : undefined
  if (subaccount !== undefined && subaccount !== '') {
    const wanted = phpBool(subaccount)
    candidates = candidates.filter((contact) => contact.subaccount === wanted)
  }
  const sorted = store.inIdOrder(candidates)
  const page = sorted.slice(limitstart, limitstart + limitnum).map((contact) => (generation === '7' ? contactV7(contact) : contactV8(contact)))
  return listAnswer(context, { total: sorted.length, limitstart, page, wrapper: 'contacts', item: 'contact' })
}

function contactV8(contact: DemoContact): JsonObject {
  return {
    id: contact.id,
    userid: contact.userid,
    ...contactText(contact),
    domainemails: contact.domainemails,
    generalemails: contact.generalemails,
    invoiceemails: contact.invoiceemails,
    productemails: contact.productemails,
    supportemails: contact.supportemails,
    affiliateemails: contact.affiliateemails,
    created_at: contact.created_at,
    updated_at: contact.updated_at,
  }
}

/** Key order and values as the 7.x docs example (tblcontacts as PDO returns it: every column a string). */
function contactV7(contact: DemoContact): JsonObject {
  return {
    id: String(contact.id),
    userid: String(contact.userid),
    ...contactText(contact),
    subaccount: flag01(contact.subaccount),
    password: contact.password,
    permissions: contact.permissions.join(','),
    domainemails: flag01(contact.domainemails),
    generalemails: flag01(contact.generalemails),
    invoiceemails: flag01(contact.invoiceemails),
    productemails: flag01(contact.productemails),
    supportemails: flag01(contact.supportemails),
    affiliateemails: flag01(contact.affiliateemails),
    pwresetkey: '',
    created_at: contact.created_at,
    updated_at: contact.updated_at,
    pwresetexpiry: '0000-00-00 00:00:00',
  }
}

function contactText(contact: DemoContact): JsonObject {
  return {
    firstname: contact.firstname,
    lastname: contact.lastname,
    companyname: contact.companyname,
    email: contact.email,
    address1: contact.address1,
    address2: contact.address2,
    city: contact.city,
    state: contact.state,
    postcode: contact.postcode,
    country: contact.country,
    phonenumber: contact.phonenumber,
    tax_id: contact.tax_id,
  }
}

/**
 * `clientid` is required (`Client ID Not Found`). E-mail flags from `email_preferences[…]` or the old
 * `generalemails`… names (email_preferences wins per key); a flag not sent is OFF, WHMCS's default for a
 * new contact. On 7.x, `password2` (or a true `subaccount`) makes a sub-account with `permissions`,
 * keeping only a hash of the password. On 8.x those fields, when non-empty, only add the warning.
 */
export function addContact(params: FormArray, context: ActionContext): JsonObject {
  const { store, generation } = context
  const client = store.client(idParam(params, 'clientid'))
  if (client === undefined) return failure('Client ID Not Found')
  const email = (stringParam(params, 'email') ?? '').trim()
  const password2 = stringParam(params, 'password2') ?? ''
  const subaccount = generation === '7' && (phpBool(params.subaccount) ?? password2 !== '')
  if (duplicateEmail(store, client, email, undefined, subaccount)) return failure('Duplicate Email Address')

  const preferences: Partial<EmailPreferences> = { ...legacyEmailFlagsParam(params), ...emailPreferencesParam(params) }
  const now = localDateTime(context.now())
  const text = Object.fromEntries(TEXT_FIELDS.map((field) => [field, (stringParam(params, field) ?? '').trim()])) as Record<
    (typeof TEXT_FIELDS)[number],
    string
  >
  const contact = store.addContact({
    userid: client.id,
    ...text,
    email,
    ...flagsOf((category) => preferences[category] ?? false),
    created_at: now,
    updated_at: now,
    subaccount,
    password: subaccount && password2 !== '' ? hashPassword(password2) : '',
    permissions: subaccount ? permissionsParam(params.permissions) : [],
  })
  const answer = success({ contactid: String(contact.id) })
  if (generation === '8' && SUBACCOUNT_FIELDS.some((field) => sent(params, field))) answer.warning = ADD_CONTACT_WARNING
  return answer
}

/**
 * `contactid` is required (`Contact ID Not Found`). Only the fields sent change; `email_preferences[…]`
 * key by key (on 7.x the old flag names too; 8.x ignores them). Refuses `Duplicate Email Address` and,
 * when `email_preferences[domain]` turns off the last domain recipient, the ICANN message worded for
 * contacts. 7.x changes the sub-account fields; 8.x ignores them with the UpdateUser warning.
 * `updated_at` moves on every successful call.
 */
export function updateContact(params: FormArray, context: ActionContext): JsonObject {
  const { store, generation } = context
  const contact = store.contact(idParam(params, 'contactid'))
  if (contact === undefined) return failure('Contact ID Not Found')
  const client = store.client(contact.userid)
  if (client === undefined) return failure('Contact ID Not Found')

  const next: DemoContact = { ...contact }
  for (const field of TEXT_FIELDS) {
    const value = stringParam(params, field)
    if (value !== undefined) next[field] = field === 'email' ? value.trim() : value
  }
  const preferences = { ...(generation === '7' ? legacyEmailFlagsParam(params) : {}), ...emailPreferencesParam(params) }
  Object.assign(
    next,
    flagsOf((category) => preferences[category] ?? contact[FLAG_OF[category]]),
  )
  if (generation === '7') {
    const subaccount = phpBool(params.subaccount)
    if (subaccount !== undefined) next.subaccount = subaccount
    const password2 = stringParam(params, 'password2') ?? ''
    if (password2 !== '') next.password = hashPassword(password2)
    if (params.permissions !== undefined) next.permissions = permissionsParam(params.permissions)
  }

  const emailChanged = emailKey(next.email) !== emailKey(contact.email)
  const becomesLogin = next.subaccount && !contact.subaccount
  if ((emailChanged || becomesLogin) && duplicateEmail(store, client, next.email, contact, next.subaccount)) {
    return failure('Duplicate Email Address')
  }
  if (preferences.domain === false && !hasDomainRecipient(store, client, contact)) return failure(ICANN_CONTACT_MESSAGE)

  Object.assign(contact, next, { updated_at: localDateTime(context.now()) })
  store.contactChanged()
  const answer = success({ contactid: String(contact.id) })
  if (generation === '8' && SUBACCOUNT_FIELDS.some((field) => sent(params, field))) answer.warning = UPDATE_CONTACT_WARNING
  return answer
}

/**
 * `contactid` is required (`Contact ID Not Found`). Our choice where WHMCS is silent: deleting the only
 * recipient of domain e-mails (the owner's are off, no other contact has them) is refused with the
 * contact wording of the ICANN message, as turning its flag off would be.
 */
export function deleteContact(params: FormArray, context: ActionContext): JsonObject {
  const { store } = context
  const contact = store.contact(idParam(params, 'contactid'))
  if (contact === undefined) return failure('Contact ID Not Found')
  const client = store.client(contact.userid)
  if (client !== undefined && contact.domainemails && !hasDomainRecipient(store, client, contact)) return failure(ICANN_CONTACT_MESSAGE)
  store.removeContact(contact)
  return success({ contactid: String(contact.id) })
}

type EmailFlags = Pick<DemoContact, 'generalemails' | 'productemails' | 'domainemails' | 'invoiceemails' | 'supportemails' | 'affiliateemails'>

/** Each category's column on a contact. */
const FLAG_OF = {
  general: 'generalemails',
  product: 'productemails',
  domain: 'domainemails',
  invoice: 'invoiceemails',
  support: 'supportemails',
  affiliate: 'affiliateemails',
} as const satisfies Record<EmailCategory, keyof EmailFlags>

function flagsOf(value: (category: EmailCategory) => boolean): EmailFlags {
  return {
    generalemails: value('general'),
    productemails: value('product'),
    domainemails: value('domain'),
    invoiceemails: value('invoice'),
    supportemails: value('support'),
    affiliateemails: value('affiliate'),
  }
}

/** Does anyone but `except` receive the client's domain e-mails: the owner, or another contact? */
function hasDomainRecipient(store: DemoStore, client: DemoClient, except: DemoContact): boolean {
  return client.email_preferences.domain || store.contactsOf(client.id).some((other) => other !== except && other.domainemails)
}

/**
 * The scope of `Duplicate Email Address` (our choice; WHMCS documents only the message): another contact
 * of the SAME client with that address, case-insensitive; other clients' contacts may share it. A 7.x
 * sub-account logs in with its address, so it must also be unique among all clients' e-mails and all
 * sub-accounts. An empty address is never a duplicate.
 */
function duplicateEmail(store: DemoStore, client: DemoClient, email: string, self: DemoContact | undefined, login: boolean): boolean {
  if (email === '') return false
  const key = emailKey(email)
  if (store.contactsOf(client.id).some((other) => other !== self && emailKey(other.email) === key)) return true
  if (!login) return false
  return store.clientByEmail(email) !== undefined || store.state.contacts.some((other) => other !== self && other.subaccount && emailKey(other.email) === key)
}
