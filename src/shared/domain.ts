// Domain schemas shared by main, preload, renderer, the bridge and the CLI.
// Names follow DESIGN.md; the portal's wire names live only in src/main/core/portal.
import { z } from 'zod'

/** The 13 client-area permission keys (whmcs-api.md §4), in the portal's order. */
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

/** The 6 e-mail notification categories (whmcs-api.md §5). */
export const EMAIL_CATEGORIES = ['general', 'product', 'domain', 'invoice', 'support', 'affiliate'] as const
export const EmailCategory = z.enum(EMAIL_CATEGORIES)
export type EmailCategory = z.infer<typeof EmailCategory>

/** Every category is always present: the portal is always sent all six (whmcs-api.md §5). */
export const EmailPreferences = z.strictObject({
  general: z.boolean(),
  product: z.boolean(),
  domain: z.boolean(),
  invoice: z.boolean(),
  support: z.boolean(),
  affiliate: z.boolean(),
})
export type EmailPreferences = z.infer<typeof EmailPreferences>

export const Generation = z.enum(['7', '8'])
export type Generation = z.infer<typeof Generation>
export const GenerationChoice = z.enum(['auto', '7', '8'])
export type GenerationChoice = z.infer<typeof GenerationChoice>

export const ClientStatus = z.enum(['Active', 'Inactive', 'Closed'])
export type ClientStatus = z.infer<typeof ClientStatus>

/** A client account as GetClients lists it. Clients are never created here: the portal's id is their identity. */
export const Client = z.strictObject({
  id: z.number().int().positive(),
  firstName: z.string(),
  lastName: z.string(),
  companyName: z.string(),
  email: z.string(),
  status: ClientStatus,
  /** YYYY-MM-DD, or null where the portal has none. */
  createdOn: z.string().nullable(),
  groupId: z.number().int().nonnegative(),
})
export type Client = z.infer<typeof Client>

/** Every WHMCS contact field that can be edited (AddContact / UpdateContact, whmcs-api.md §2). */
export const ContactFields = z.strictObject({
  firstName: z.string().max(255),
  lastName: z.string().max(255),
  companyName: z.string().max(255),
  email: z.string().max(255),
  address1: z.string().max(255),
  address2: z.string().max(255),
  city: z.string().max(255),
  state: z.string().max(255),
  postcode: z.string().max(32),
  /** ISO 3166-1 alpha-2, or empty. */
  country: z.string().regex(/^([A-Z]{2})?$/, 'two-letter country code'),
  phoneNumber: z.string().max(64),
  taxId: z.string().max(64),
  emailPreferences: EmailPreferences,
})
export type ContactFields = z.infer<typeof ContactFields>

export const Contact = ContactFields.extend({
  /** Stable local id, assigned on creation (also offline). */
  localId: z.string().min(1),
  /** The portal's id once synced. */
  remoteId: z.number().int().positive().nullable(),
  clientId: z.number().int().positive(),
})
export type Contact = z.infer<typeof Contact>

/** A portal (its API endpoint plus the credential's identifier); the secret is never part of it. */
export const PortalRef = z.strictObject({
  apiUrl: z.string(),
  identifier: z.string(),
})
export type PortalRef = z.infer<typeof PortalRef>

export const PortalInfo = PortalRef.extend({
  generation: Generation,
  /** As WhmcsDetails reports it, or null when the portal did not say. */
  version: z.string().nullable(),
  /** The built-in demo portal. */
  demo: z.boolean(),
})
export type PortalInfo = z.infer<typeof PortalInfo>

export const Language = z.enum(['pt-BR', 'en'])
export type Language = z.infer<typeof Language>
export const Theme = z.enum(['system', 'light', 'dark'])
export type Theme = z.infer<typeof Theme>

export const Settings = z.strictObject({
  /** Who edits, for the audit log. */
  staffName: z.string().max(120),
  /** null: follow the system locale (pt-BR unless it is English). */
  language: Language.nullable(),
  theme: Theme,
})
export type Settings = z.infer<typeof Settings>

export const SyncPhase = z.enum(['connecting', 'clients', 'saving', 'done'])
export type SyncPhase = z.infer<typeof SyncPhase>

export const SyncProgress = z.strictObject({
  phase: SyncPhase,
  done: z.number().int().nonnegative(),
  /** null while the total is not known yet. */
  total: z.number().int().nonnegative().nullable(),
  /** Records per second so far. */
  rate: z.number().nonnegative(),
})
export type SyncProgress = z.infer<typeof SyncProgress>

export const ChangeCounts = z.strictObject({
  added: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  removed: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
})
export type ChangeCounts = z.infer<typeof ChangeCounts>

export const SyncSummary = z.strictObject({
  clients: ChangeCounts,
  startedAt: z.string(),
  finishedAt: z.string(),
  durationMs: z.number().nonnegative(),
})
export type SyncSummary = z.infer<typeof SyncSummary>
