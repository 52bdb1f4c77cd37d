// Domain schemas shared by main, preload, renderer, the bridge and the CLI.
// Names follow docs/ARCHITECTURE.md; the portal's wire names live only in src/main/core/portal.
import { z } from 'zod'
import { DeskError } from './errors'
import { foldText } from './text'

/** The 13 client-area permission keys (docs/WHMCS.md §4), in the portal's order. */
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

/** The 6 e-mail notification categories (docs/WHMCS.md §5). */
export const EMAIL_CATEGORIES = ['general', 'product', 'domain', 'invoice', 'support', 'affiliate'] as const
export const EmailCategory = z.enum(EMAIL_CATEGORIES)
export type EmailCategory = z.infer<typeof EmailCategory>

/** Every category is always present: the portal is always sent all six (docs/WHMCS.md §5). */
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

/**
 * Every WHMCS contact field (AddContact / UpdateContact, docs/WHMCS.md §2), as the portal may hold it:
 * WHMCS stores plain TEXT and installs validate differently, so what the portal holds is taken as is.
 * What staff may save is checked by the editor's own rules (CPF/CNPJ, CEP, phones, lengths), not here.
 */
export const ContactFields = z.strictObject({
  firstName: z.string(),
  lastName: z.string(),
  companyName: z.string(),
  email: z.string(),
  address1: z.string(),
  address2: z.string(),
  city: z.string(),
  state: z.string(),
  postcode: z.string(),
  /** ISO 3166-1 alpha-2 where the portal validates it. */
  country: z.string(),
  phoneNumber: z.string(),
  taxId: z.string(),
  emailPreferences: EmailPreferences,
})
export type ContactFields = z.infer<typeof ContactFields>

/** A contact's text fields: everything but its e-mail preferences. */
export const CONTACT_TEXT_FIELDS = [
  'firstName',
  'lastName',
  'companyName',
  'email',
  'address1',
  'address2',
  'city',
  'state',
  'postcode',
  'country',
  'phoneNumber',
  'taxId',
] as const satisfies readonly Exclude<keyof ContactFields, 'emailPreferences'>[]
export type ContactTextField = (typeof CONTACT_TEXT_FIELDS)[number]

/** Just the contact fields of a record that holds more (a portal contact, a contact with its sync state). */
export function contactFieldsOf(record: ContactFields): ContactFields {
  const text = Object.fromEntries(CONTACT_TEXT_FIELDS.map((field) => [field, record[field]])) as Record<ContactTextField, string>
  return { ...text, emailPreferences: { ...record.emailPreferences } }
}

/** Client-area access of a person: may they log in, with which permissions (7.x sub-account, 8.x user or invite). */
export const Access = z.strictObject({
  enabled: z.boolean(),
  permissions: z.array(Permission),
})
export type Access = z.infer<typeof Access>

/** The intent-level operations the outbox holds (docs/ARCHITECTURE.md §7). */
export const OUTBOX_OPS = [
  'create_contact',
  'update_contact',
  'delete_contact',
  'grant_access',
  'change_access',
  'revoke_access',
  'set_client_email_preferences',
  // 8.x: a login (user) on a client that is none of its contacts.
  'change_login_access',
  'revoke_login_access',
] as const
export const OutboxOp = z.enum(OUTBOX_OPS)
export type OutboxOp = z.infer<typeof OutboxOp>

/** What an edit, a conflict or an audit row is about: a contact, a client's own settings, or an 8.x login. */
export const ENTITIES = ['contact', 'client', 'login'] as const
export const Entity = z.enum(ENTITIES)
export type Entity = z.infer<typeof Entity>

export function entityOf(op: OutboxOp): Entity {
  if (op === 'set_client_email_preferences') return 'client'
  if (op === 'change_login_access' || op === 'revoke_login_access') return 'login'
  return 'contact'
}

/** Where an outbox entry stands; held waits for a person's decision (an 8.x invite whose answer was lost). */
export const OUTBOX_STATES = ['pending', 'failed', 'rejected', 'conflict', 'held'] as const
export const OutboxState = z.enum(OUTBOX_STATES)
export type OutboxState = z.infer<typeof OutboxState>

/** Where a record stands against the portal, as the UI badges it. Failed ≠ rejected ≠ conflict (docs/ARCHITECTURE.md §8.6). */
export const SyncBadge = z.enum(['synced', 'pending', 'failed', 'rejected', 'conflict'])
export type SyncBadge = z.infer<typeof SyncBadge>

/** A contact as the cache holds it: the portal's last known state with this computer's pending edits on top. */
export const Contact = ContactFields.extend({
  /** Stable local id, assigned on creation (also offline). */
  localId: z.string().min(1),
  /** The portal's id once synced. */
  remoteId: z.number().int().positive().nullable(),
  clientId: z.number().int().positive(),
  /** null: not known yet (8.x permissions are read when the client is opened). */
  access: Access.nullable(),
  sync: SyncBadge,
})
export type Contact = z.infer<typeof Contact>

/** A contact as the portal holds it (GetContacts), before any local edit. */
export const RemoteContact = ContactFields.extend({
  remoteId: z.number().int().positive(),
  clientId: z.number().int().positive(),
  /**
   * WHMCS ≤ 7.10: the contact itself may log in to the client area (a sub-account) with these permissions.
   * null on 8.x, where contacts cannot log in (access belongs to Users).
   */
  subAccount: z.strictObject({ enabled: z.boolean(), permissions: z.array(Permission) }).nullable(),
  /** "YYYY-MM-DD HH:MM:SS" in the portal's local time, or null for the 0000-00-00 sentinel. */
  createdAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
})
export type RemoteContact = z.infer<typeof RemoteContact>

/** A login linked to a client account (WHMCS ≥ 8: GetClientsDetails `users`). */
export const ClientUser = z.strictObject({
  userId: z.number().int().positive(),
  name: z.string(),
  email: z.string(),
  isOwner: z.boolean(),
})
export type ClientUser = z.infer<typeof ClientUser>

/** The owner's own details (GetClientsDetails): address, tax id, e-mail preferences and, on 8.x, its users. */
export const ClientDetails = Client.extend({
  address1: z.string(),
  address2: z.string(),
  city: z.string(),
  state: z.string(),
  postcode: z.string(),
  country: z.string(),
  phoneNumber: z.string(),
  taxId: z.string(),
  emailPreferences: EmailPreferences,
  /**
   * `overideduenotices` (sic): true when the client gets no overdue notices at all, whatever its contacts' preferences
   * (docs/WHMCS.md §10); null where the portal did not send it.
   */
  overdueNoticesOff: z.boolean().nullable(),
  /** null on 7.x, which has no users. */
  users: z.array(ClientUser).nullable(),
})
export type ClientDetails = z.infer<typeof ClientDetails>

/** A login (WHMCS ≥ 8.1: GetUsers), with every client account it can reach. */
export const PortalUser = z.strictObject({
  id: z.number().int().positive(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  /** "YYYY-MM-DD HH:MM:SS", or null. */
  createdAt: z.string().nullable(),
  clients: z.array(z.strictObject({ clientId: z.number().int().positive(), isOwner: z.boolean() })),
})
export type PortalUser = z.infer<typeof PortalUser>

/**
 * A domain registered for a client (GetClientsDomains), for the reachability audit: a recipient on a
 * domain that lapses stops receiving e-mail. WHMCS's domain statuses are Pending, Pending Registration,
 * Pending Transfer, Active, Grace, Redemption, Expired, Transferred Away, Cancelled and Fraud; kept as
 * the portal wrote it, so a status from a newer version is not refused.
 */
export const ClientDomain = z.strictObject({
  id: z.number().int().positive(),
  clientId: z.number().int().positive(),
  /** Lowercased, e.g. "padaria.com.br". */
  domain: z.string().min(1),
  status: z.string(),
  /** YYYY-MM-DD, or null where the portal has none. */
  expiryDate: z.string().nullable(),
  nextDueDate: z.string().nullable(),
})
export type ClientDomain = z.infer<typeof ClientDomain>

/**
 * A client's hosting service (GetClientsProducts), for the reachability audit: its domain is the client's own
 * even where GetClientsDomains does not list it (most .com.br domains are registered at Registro.br, not with
 * the host). WHMCS's service statuses are Pending, Active, Suspended, Terminated, Cancelled, Fraud and
 * Completed; kept as the portal wrote it, like a domain's.
 */
export const ClientProduct = z.strictObject({
  id: z.number().int().positive(),
  clientId: z.number().int().positive(),
  /** Lowercased, e.g. "padaria.com.br"; "" for a service without one (a VPS, a licence). */
  domain: z.string(),
  status: z.string(),
  /** The product's name, e.g. "Hospedagem Básica". */
  name: z.string(),
})
export type ClientProduct = z.infer<typeof ClientProduct>

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

/** Staff's own permission presets, beside the three built in (Financeiro, Técnico, Acesso total). */
export const MAX_PERMISSION_PRESETS = 100
export const PermissionPreset = z.strictObject({
  id: z.string().min(1).max(100),
  name: z.string().trim().min(1).max(80),
  permissions: z.array(Permission).min(1),
})
export type PermissionPreset = z.infer<typeof PermissionPreset>
/** A preset is picked by its name: two that differ only in case or spaces around could not be told apart on screen. */
export const presetNameKey = (name: string): string => name.trim().toLocaleLowerCase()
export const PermissionPresets = z
  .array(PermissionPreset)
  .max(MAX_PERMISSION_PRESETS)
  .refine((presets) => new Set(presets.map((preset) => presetNameKey(preset.name))).size === presets.length, 'duplicate_name')

/** Days after which housekeeping drops what opening a client cached; null turns the purge off. */
export const PurgeAfterDays = z.number().int().min(1).max(3650).nullable()
/**
 * 90 days: a quarter covers a client's billing cycle and the usual follow-up of a ticket, so the data of
 * clients staff are working with stays at hand; past that, LGPD's necessity principle (art. 6º, III) wins,
 * and what is dropped costs one portal round trip to read again when the client is opened.
 */
export const DEFAULT_PURGE_AFTER_DAYS = 90

/** The least time between two whole-portal pulls a desktop makes by itself (bigger portals wait longer: pull-interval.ts). */
export const PullIntervalMinutes = z.number().int().min(5).max(1440)
export const DEFAULT_PULL_INTERVAL_MINUTES = 15

/**
 * The subjects of the install's payment-reminder templates: an e-mail of the portal's log whose subject contains one
 * (case and accents aside) is a payment reminder. Distinct, at least one: a list left empty would find no reminder and
 * read as "none failed".
 */
export const ReminderSubjects = z
  .array(z.string().trim().min(1).max(200))
  .min(1)
  .max(50)
  .refine((subjects) => new Set(subjects.map((subject) => foldText(subject))).size === subjects.length, 'duplicate_subject')
/** WHMCS's own templates (docs/WHMCS.md §10) and their pt-BR translations; "Aviso de Fatura Vencida" is in all three notices. */
export const DEFAULT_REMINDER_SUBJECTS: readonly string[] = [
  'Invoice Payment Reminder',
  'First Invoice Overdue Notice',
  'Second Invoice Overdue Notice',
  'Third Invoice Overdue Notice',
  'Lembrete de Pagamento de Fatura',
  'Aviso de Fatura Vencida',
]
/**
 * The background check's pace (issue 15): portal calls a second at most, every call of its per-client reads counted.
 * 0.5 by default: a 2,000-client portal (about three calls a client) is checked in under four hours of idle time.
 */
export const CheckCallsPerSecond = z.number().min(0.05).max(5)
export const DEFAULT_CHECK_CALLS_PER_SECOND = 0.5
/** Days after which the background check reads a client again; a week by default. */
export const RecheckAfterDays = z.number().int().min(1).max(365)
export const DEFAULT_RECHECK_AFTER_DAYS = 7

export const Settings = z.strictObject({
  /** Who edits, for the audit log. */
  staffName: z.string().max(120),
  /** null: follow the system locale (pt-BR unless it is English). */
  language: Language.nullable(),
  theme: Theme,
  /**
   * No zod default here on purpose: settings.update takes Settings.partial(), and zod 4 fills a defaulted key
   * in even when the patch leaves it out, which would wipe the presets on every other change. A settings file
   * written before this key existed gets DEFAULT_SETTINGS' [] (src/main/core/app-state.ts).
   */
  permissionPresets: PermissionPresets,
  /** LGPD: cached personal data of clients not opened in this many days is removed (housekeeping.ts); null: never. */
  purgeAfterDays: PurgeAfterDays,
  pullIntervalMinutes: PullIntervalMinutes,
  /**
   * After a push, one LogActivity entry per client whose edits reached the portal, naming the staff member and each
   * change (personal data masked), so the portal's own activity log shows the trail too (core/sync/activity.ts).
   */
  recordActivity: z.boolean(),
  /** Which e-mails of the portal's log are payment reminders (the client page and the audit's reminders_failed). */
  reminderSubjects: ReminderSubjects,
  /** The background check runs by itself while the app is open; `audit reachability --deep` checks whatever this says. */
  backgroundCheck: z.boolean(),
  checkCallsPerSecond: CheckCallsPerSecond,
  recheckAfterDays: RecheckAfterDays,
})
export type Settings = z.infer<typeof Settings>

export const SyncPhase = z.enum(['connecting', 'clients', 'contacts', 'users', 'domains', 'products', 'saving', 'pushing', 'done'])
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

/** full: the whole portal pulled, then the outbox pushed; push: only the outbox, each entry reading what it needs. */
export const SyncScope = z.enum(['full', 'push'])
export type SyncScope = z.infer<typeof SyncScope>

/** An auxiliary read a pass went without (refused by the API role, unknown to the portal, or an answer it could not read). */
export const SkippedRead = z.strictObject({
  /** The WHMCS action, as the portal knows it. */
  action: z.string(),
  error: DeskError,
})
export type SkippedRead = z.infer<typeof SkippedRead>

export const PushCounts = z.strictObject({
  sent: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
  conflicts: z.number().int().nonnegative(),
  held: z.number().int().nonnegative(),
  /** LogActivity, where this push went without the portal's activity log (activity.ts); passes recorded before it have none. */
  skipped: z.array(SkippedRead).default([]),
})
export type PushCounts = z.infer<typeof PushCounts>

export const PullCounts = z.strictObject({
  clients: ChangeCounts,
  contacts: ChangeCounts,
  /** null on 7.x (no users). */
  users: ChangeCounts.nullable(),
  /** null where GetClientsDomains was skipped (see skipped). */
  domains: ChangeCounts.nullable(),
  /** Hosting services (GetClientsProducts); null where that read was skipped (see skipped). */
  products: ChangeCounts.nullable(),
  /** The auxiliary reads this pull went without; the rest of it landed. Passes recorded before this list have none. */
  skipped: z.array(SkippedRead).default([]),
})
export type PullCounts = z.infer<typeof PullCounts>

export const SyncSummary = z.strictObject({
  scope: SyncScope,
  /** What the pull changed in the cache; null for a push-only pass. */
  pulled: PullCounts.nullable(),
  pushed: PushCounts,
  /** API calls this pass made. */
  calls: z.number().int().nonnegative(),
  startedAt: z.string(),
  finishedAt: z.string(),
  durationMs: z.number().nonnegative(),
})
export type SyncSummary = z.infer<typeof SyncSummary>
