// The demo portal's state: its schema, checked whenever a state file is read back. Field names are
// WHMCS's own (tblclients, tblcontacts, tblusers, tbldomains, tblhosting as the API returns them), so answering an
// action is a projection. One state serves both generations: a 7.x portal shows the contacts'
// sub-account fields and hides the users, an 8.x portal the reverse (as after the 8.0 upgrade, which
// kept the old columns and converted sub-accounts into users).
import { z } from 'zod'

export const CLIENT_STATUSES = ['Active', 'Inactive', 'Closed'] as const
/** The statuses the reachability audit cares about; real WHMCS has more (Grace, Redemption, …). */
export const DOMAIN_STATUSES = ['Active', 'Pending', 'Expired', 'Suspended'] as const

/** Hosting services' statuses here; real WHMCS also has Pending, Cancelled, Fraud and Completed. */
export const SERVICE_STATUSES = ['Active', 'Suspended', 'Terminated'] as const
export const BILLING_CYCLES = ['Monthly', 'Quarterly', 'Annually'] as const

/** The 13 client-area permissions (docs/WHMCS.md §4), in GetPermissionsList's order. */
export const PERMISSIONS = [
  'profile',
  'contacts',
  'products',
  'manageproducts',
  'productsso',
  'domains',
  'managedomains',
  'invoices',
  'quotes',
  'tickets',
  'affiliates',
  'emails',
  'orders',
] as const
export const Permission = z.enum(PERMISSIONS)
export type Permission = z.infer<typeof Permission>

/** The six e-mail categories (docs/WHMCS.md §5): `email_preferences[<key>]` and `<key>emails`. */
export const EMAIL_CATEGORIES = ['general', 'product', 'domain', 'invoice', 'support', 'affiliate'] as const
export type EmailCategory = (typeof EMAIL_CATEGORIES)[number]

const DATE = /^\d{4}-\d{2}-\d{2}$/
/** Contacts' timestamps; legacy rows hold the "0000-00-00 00:00:00" sentinel, which matches too. */
const DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/
export const NO_TIMESTAMP = '0000-00-00 00:00:00'

const id = z.number().int().positive()

const AddressFields = {
  address1: z.string(),
  address2: z.string(),
  city: z.string(),
  /** The UF ("SP"). */
  state: z.string(),
  postcode: z.string(),
  country: z.string(),
  phonenumber: z.string(),
  tax_id: z.string(),
}

export const EmailPreferences = z.strictObject({
  general: z.boolean(),
  product: z.boolean(),
  domain: z.boolean(),
  invoice: z.boolean(),
  support: z.boolean(),
  affiliate: z.boolean(),
})
export type EmailPreferences = z.infer<typeof EmailPreferences>

const ClientFields = {
  id,
  firstname: z.string(),
  lastname: z.string(),
  companyname: z.string(),
  email: z.string(),
  /** Not a WHMCS column: the client's own domain, which its e-mail addresses live on. */
  domain: z.string(),
  ...AddressFields,
  datecreated: z.string().regex(DATE),
  groupid: z.number().int().nonnegative(),
  status: z.enum(CLIENT_STATUSES),
}

export const DemoClient = z.strictObject({
  ...ClientFields,
  /** The owner's own e-mail preferences (GetClientsDetails `email_preferences`). */
  email_preferences: EmailPreferences,
  /** No overdue notices at all for this client (GetClientsDetails `overideduenotices`); false in state files from before it. */
  overideduenotices: z.boolean().default(false),
})
export type DemoClient = z.infer<typeof DemoClient>

const ContactFields = {
  id,
  /** The client's id (WHMCS calls it userid in contact payloads). */
  userid: id,
  firstname: z.string(),
  lastname: z.string(),
  companyname: z.string(),
  email: z.string(),
  ...AddressFields,
  generalemails: z.boolean(),
  productemails: z.boolean(),
  domainemails: z.boolean(),
  invoiceemails: z.boolean(),
  supportemails: z.boolean(),
  affiliateemails: z.boolean(),
  created_at: z.string().regex(DATETIME),
  updated_at: z.string().regex(DATETIME),
}

export const DemoContact = z.strictObject({
  ...ContactFields,
  /** 7.x sub-account: the contact can log in to the client area with `password` and `permissions`. */
  subaccount: z.boolean(),
  /** A bcrypt-shaped hash or "": never a password in clear (see password-hash.ts). */
  password: z.string(),
  permissions: z.array(Permission),
})
export type DemoContact = z.infer<typeof DemoContact>

/** A user's access to one client (8.x); the owner implicitly holds every permission. */
export const DemoUserClient = z.strictObject({
  clientid: id,
  owner: z.boolean(),
  /** Ignored for the owner. */
  permissions: z.array(Permission),
})
export type DemoUserClient = z.infer<typeof DemoUserClient>

/** An 8.x login: one user can reach many clients, with permissions per client. */
export const DemoUser = z.strictObject({
  id,
  firstname: z.string(),
  lastname: z.string(),
  email: z.string(),
  datecreated: z.string().regex(DATETIME),
  clients: z.array(DemoUserClient),
})
export type DemoUser = z.infer<typeof DemoUser>

export const DemoDomain = z.strictObject({
  id,
  /** The client's id. */
  userid: id,
  domainname: z.string(),
  status: z.enum(DOMAIN_STATUSES),
  regdate: z.string().regex(DATE),
  expirydate: z.string().regex(DATE),
  nextduedate: z.string().regex(DATE),
  registrar: z.string(),
  regperiod: z.number().int().min(1).max(10),
  /** Money as WHMCS sends it: "40.00". */
  recurringamount: z.string().regex(/^\d+\.\d{2}$/),
})
export type DemoDomain = z.infer<typeof DemoDomain>

/** A hosting service (tblhosting, as GetClientsProducts lists it): its domain need not be one the client registered here. */
export const DemoProduct = z.strictObject({
  id,
  /** The client's id (GetClientsProducts calls it clientid). */
  clientid: id,
  /** The product ordered, from the portal's catalogue (PRODUCT_CATALOGUE in data.ts). */
  pid: id,
  name: z.string(),
  groupname: z.string(),
  /** Lowercased, e.g. "padaria.com.br". */
  domain: z.string(),
  status: z.enum(SERVICE_STATUSES),
  regdate: z.string().regex(DATE),
  nextduedate: z.string().regex(DATE),
  billingcycle: z.enum(BILLING_CYCLES),
  recurringamount: z.string().regex(/^\d+\.\d{2}$/),
  /** The control-panel login (cPanel's 8-character style). */
  username: z.string(),
})
export type DemoProduct = z.infer<typeof DemoProduct>

/**
 * A pending 8.x invite (CreateClientInvite). WHMCS keeps these where the API cannot see them; the
 * portal keeps them here so tests can inspect and accept them.
 */
export const DemoInvite = z.strictObject({
  id,
  clientid: id,
  email: z.string(),
  permissions: z.array(Permission).min(1),
  /** ISO 8601, UTC: when the invite was sent (it is valid for 7 days). */
  created_at: z.iso.datetime(),
})
export type DemoInvite = z.infer<typeof DemoInvite>

/** One line of the activity log (LogActivity, docs/WHMCS.md §10); GetActivityLog reads it back. */
export const DemoActivity = z.strictObject({
  id,
  /** The client it is about; 0 when none was named. */
  clientid: z.number().int().nonnegative(),
  description: z.string(),
  /** ISO 8601, UTC. */
  date: z.iso.datetime(),
})
export type DemoActivity = z.infer<typeof DemoActivity>

export const DemoState = z
  .strictObject({
    /** Bumped when the shape changes incompatibly (version 1 files are upgraded when read, see upgradeStateV1); a list added since has a default. */
    version: z.literal(2),
    seed: z.number().int(),
    clients: z.array(DemoClient),
    contacts: z.array(DemoContact),
    users: z.array(DemoUser),
    domains: z.array(DemoDomain),
    /** Hosting services; a state file written before they existed has none. */
    products: z.array(DemoProduct).default([]),
    invites: z.array(DemoInvite),
    /** The activity log (LogActivity); a state file written before it existed has none. */
    activity: z.array(DemoActivity).default([]),
  })
  .superRefine((state, ctx) => {
    const clientIds = uniqueIds(state.clients, 'clients', ctx)
    uniqueIds(state.contacts, 'contacts', ctx)
    uniqueIds(state.users, 'users', ctx)
    uniqueIds(state.domains, 'domains', ctx)
    uniqueIds(state.products, 'products', ctx)
    uniqueIds(state.invites, 'invites', ctx)
    const knownClient = (clientId: number, path: (string | number)[]): void => {
      if (!clientIds.has(clientId)) ctx.addIssue({ code: 'custom', path, message: `no client ${clientId}` })
    }
    state.contacts.forEach((contact, index) => knownClient(contact.userid, ['contacts', index, 'userid']))
    state.domains.forEach((domain, index) => knownClient(domain.userid, ['domains', index, 'userid']))
    state.products.forEach((product, index) => knownClient(product.clientid, ['products', index, 'clientid']))
    state.invites.forEach((invite, index) => knownClient(invite.clientid, ['invites', index, 'clientid']))

    const owners = new Map<number, number>()
    const emails = new Set<string>()
    state.users.forEach((user, index) => {
      const email = user.email.toLowerCase()
      if (emails.has(email)) ctx.addIssue({ code: 'custom', path: ['users', index, 'email'], message: `duplicate user e-mail ${user.email}` })
      emails.add(email)
      const linked = new Set<number>()
      user.clients.forEach((link, n) => {
        const path = ['users', index, 'clients', n, 'clientid']
        knownClient(link.clientid, path)
        if (linked.has(link.clientid)) ctx.addIssue({ code: 'custom', path, message: `user ${user.id} linked twice to client ${link.clientid}` })
        linked.add(link.clientid)
        if (link.owner) owners.set(link.clientid, (owners.get(link.clientid) ?? 0) + 1)
      })
    })
    // 8.x: every client has exactly one owner (docs/WHMCS.md §4).
    state.clients.forEach((client, index) => {
      const count = owners.get(client.id) ?? 0
      if (count !== 1) ctx.addIssue({ code: 'custom', path: ['clients', index, 'id'], message: `client ${client.id} has ${count} owners` })
    })
  })
export type DemoState = z.infer<typeof DemoState>

function uniqueIds(records: readonly { id: number }[], key: string, ctx: z.RefinementCtx): Set<number> {
  const ids = new Set<number>()
  records.forEach((record, index) => {
    if (ids.has(record.id)) ctx.addIssue({ code: 'custom', path: [key, index, 'id'], message: `duplicate ${key} id ${record.id}` })
    ids.add(record.id)
  })
  return ids
}

/** The version 1 state (clients and contacts only), still accepted from an old state file. */
export const DemoStateV1 = z
  .strictObject({
    version: z.literal(1),
    seed: z.number().int(),
    clients: z.array(z.strictObject(ClientFields)),
    contacts: z.array(z.strictObject(ContactFields)),
  })
  .transform(upgradeStateV1)

/**
 * A version 1 state in today's shape: owners receive every category, contacts are no sub-accounts,
 * each client gets its owner user and its own domain (active, renewed yearly), and no hosting service.
 */
function upgradeStateV1(old: {
  seed: number
  clients: z.infer<z.ZodObject<typeof ClientFields>>[]
  contacts: z.infer<z.ZodObject<typeof ContactFields>>[]
}): DemoState {
  const all = { general: true, product: true, domain: true, invoice: true, support: true, affiliate: true }
  return {
    version: 2,
    seed: old.seed,
    clients: old.clients.map((client) => ({ ...client, email_preferences: { ...all }, overideduenotices: false })),
    contacts: old.contacts.map((contact) => ({ ...contact, subaccount: false, password: '', permissions: [] })),
    users: old.clients.map((client) => ({
      id: client.id,
      firstname: client.firstname,
      lastname: client.lastname,
      email: client.email,
      datecreated: `${client.datecreated} 00:00:00`,
      clients: [{ clientid: client.id, owner: true, permissions: [] }],
    })),
    domains: old.clients.map((client) => {
      const expiry = `2026-${client.datecreated.slice(5)}`.replace('-02-29', '-02-28')
      return {
        id: client.id,
        userid: client.id,
        domainname: client.domain,
        status: 'Active' as const,
        regdate: client.datecreated,
        expirydate: expiry,
        nextduedate: expiry,
        registrar: client.domain.endsWith('.br') ? 'registrobr' : 'enom',
        regperiod: 1,
        recurringamount: client.domain.endsWith('.br') ? '40.00' : '69.90',
      }
    }),
    products: [],
    invites: [],
    activity: [],
  }
}

/** Reads a state of any known version; the answer is in today's shape. */
export function parseAnyDemoState(json: unknown): ReturnType<typeof DemoState.safeParse> {
  const version = typeof json === 'object' && json !== null ? (json as { version?: unknown }).version : undefined
  return version === 1 ? DemoStateV1.safeParse(json) : DemoState.safeParse(json)
}
