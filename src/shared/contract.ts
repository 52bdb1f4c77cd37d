// The one API contract. Main's IPC handlers, the preload client, the renderer's client, the loopback
// bridge and the CLI are all derived from these two tables: no method or channel name is written twice.
import { z } from 'zod'
import {
  Access,
  Client,
  ClientStatus,
  Contact,
  EmailPreferences,
  Entity,
  GenerationChoice,
  OutboxOp,
  OutboxState,
  Permission,
  SyncBadge,
  PortalInfo,
  Settings,
  SkippedRead,
  SyncProgress,
  SyncScope,
  SyncSummary,
} from './domain'
import { ContactEdit } from './contact-rules'
import { MAX_PAGE } from './paging'
import { ReachabilityRule, ReminderEmail, Verdict } from './reachability'
import { DeskError, type Result } from './errors'

const none = z.strictObject({})

export const ConnectInput = z.strictObject({
  /** The portal's base URL or its …/includes/api.php. */
  url: z.string().trim().min(1, 'required').max(2000),
  identifier: z.string().trim().min(1, 'required').max(200),
  secret: z.string().min(1, 'required').max(500),
  generation: GenerationChoice.default('auto'),
})
export type ConnectInput = z.input<typeof ConnectInput>

export const ConnectResult = z.strictObject({
  portal: PortalInfo,
  /** How many clients the portal reports. */
  clientCount: z.number().int().nonnegative(),
  /** Whether the secret is kept for the next start (false: asked again, or given on every CLI call). */
  secretStored: z.boolean(),
  /** A `warning` the portal sent along, shown as is. */
  warnings: z.array(z.string()),
})
export type ConnectResult = z.infer<typeof ConnectResult>

export const LastSync = z.strictObject({
  at: z.string(),
  ok: z.boolean(),
  error: DeskError.nullable(),
  /** The auxiliary reads the last pull that landed went without (the rest of it landed), and LogActivity where the last pass went without it. */
  skipped: z.array(SkippedRead),
})
export type LastSync = z.infer<typeof LastSync>

export const DuplicateKind = z.enum(['email', 'taxId', 'phone'])

/** One holder of a duplicated value: a client's owner (localId null) or one of its contacts. */
export const DuplicateHolder = z.strictObject({
  clientId: z.number().int().positive(),
  /** The contact's local id; null: the client's owner. */
  localId: z.string().nullable(),
  name: z.string(),
  companyName: z.string(),
  email: z.string(),
  /** The value as this holder has it written ("(11) 8765-4321", "123.456.789-09"). */
  written: z.string(),
})
export type DuplicateHolder = z.infer<typeof DuplicateHolder>

/**
 * The same e-mail (case-folded), CPF/CNPJ (digits only) or phone (+55, DDD, the mobile ninth digit restored) on two
 * holders or more. `accountant`: one person serving many accounts — on 3 clients or more, or only ever a contact, each
 * on another client — shown as such, not as a mistake.
 */
export const DuplicateGroup = z.strictObject({
  kind: DuplicateKind,
  /** The normalised key ("ana@x.com.br", "12345678909", "+5511987654321"). */
  key: z.string(),
  /** The key as staff read it ("123.456.789-09", "+55 (11) 98765-4321"). */
  value: z.string(),
  /** How many clients the holders are on. */
  clients: z.number().int().positive(),
  accountant: z.boolean(),
  holders: z.array(DuplicateHolder),
})
export type DuplicateGroup = z.infer<typeof DuplicateGroup>

export const DuplicatesPage = z.strictObject({
  total: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  items: z.array(DuplicateGroup),
})
export type DuplicatesPage = z.infer<typeof DuplicatesPage>

export const AppStatus = z.strictObject({
  portal: PortalInfo.nullable(),
  /** The secret is at hand (kept, or given in this session). */
  secretAvailable: z.boolean(),
  clientCount: z.number().int().nonnegative(),
  lastSync: LastSync.nullable(),
  syncing: z.boolean(),
  /** Whether the portal answered the last time it was asked; null before the first call. */
  online: z.boolean().nullable(),
  /** Outbox entries by state. */
  outbox: z.strictObject({
    pending: z.number().int().nonnegative(),
    failed: z.number().int().nonnegative(),
    rejected: z.number().int().nonnegative(),
    conflict: z.number().int().nonnegative(),
    held: z.number().int().nonnegative(),
  }),
  /** Open conflicts, for the badge in the navigation. */
  conflicts: z.number().int().nonnegative(),
  /** Why sync stopped and will not retry by itself (authentication, IP, API role), until settings change or the user asks. */
  refused: DeskError.nullable(),
  /** When the next whole-portal pull runs by itself (ISO); null when none is scheduled (the command line, a refusal). */
  nextPullAt: z.string().nullable(),
})
export type AppStatus = z.infer<typeof AppStatus>

const Milliseconds = z.number().nonnegative()
export const DurationStats = z.strictObject({ count: z.number().int().nonnegative(), p50Ms: Milliseconds, p99Ms: Milliseconds, maxMs: Milliseconds })
export type DurationStats = z.infer<typeof DurationStats>

/** How the thread that holds the cache is doing (core/diagnostics.ts). */
export const Diagnostics = z.strictObject({
  /** How long work held the cache: each staff edit, and each of a pull's short transactions (the most recent ones). */
  transactions: z.strictObject({ edits: DurationStats, pull: DurationStats }),
  /** How long work waited for that thread's event loop since it started. */
  eventLoopDelay: z.strictObject({ p99Ms: Milliseconds, maxMs: Milliseconds }),
  memory: z.strictObject({ rssBytes: z.number().int().nonnegative(), heapUsedBytes: z.number().int().nonnegative() }),
})
export type Diagnostics = z.infer<typeof Diagnostics>

export const OutboxItem = z.strictObject({
  id: z.number().int().positive(),
  op: OutboxOp,
  /** The contact's local id, or the client's id for the owner's e-mail preferences. */
  entityKey: z.string(),
  clientId: z.number().int().positive(),
  /** A readable name of the record (the contact's name and e-mail, or the client's). */
  label: z.string(),
  keys: z.array(z.string()),
  state: OutboxState,
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: z.string().nullable(),
  lastError: DeskError.nullable(),
  staff: z.string(),
  createdAt: z.string(),
})
export type OutboxItem = z.infer<typeof OutboxItem>

const FlatValue = z.union([z.string(), z.boolean(), z.null()])
const ConflictValue = z.union([FlatValue, z.record(z.string(), FlatValue)])
export const ConflictItem = z.strictObject({
  id: z.number().int().positive(),
  entity: Entity,
  entityKey: z.string(),
  clientId: z.number().int().positive(),
  label: z.string(),
  /** A field key (`email`, `emailPreferences.invoice`, `access`…), or `*`: deleted on one side, edited on the other. */
  key: z.string(),
  base: ConflictValue,
  mine: ConflictValue,
  theirs: ConflictValue,
  createdAt: z.string(),
})
export type ConflictItem = z.infer<typeof ConflictItem>

export const AuditItem = z.strictObject({
  id: z.number().int().positive(),
  at: z.string(),
  staff: z.string(),
  clientId: z.number().int().positive(),
  entity: Entity,
  entityKey: z.string(),
  action: z.string(),
  old: z.unknown(),
  new: z.unknown(),
  syncedAt: z.string().nullable(),
})
export type AuditItem = z.infer<typeof AuditItem>

/** Who can log in to a client's area (docs/ARCHITECTURE.md §2: one concept for both generations). */
export const Login = z.strictObject({
  kind: z.enum(['owner', 'subaccount', 'user', 'invite']),
  name: z.string(),
  email: z.string(),
  permissions: z.array(Permission),
  /** Invites only: pending, expired (after 7 days), or sending (the portal never confirmed it). */
  inviteState: z.enum(['pending', 'expired', 'sending']).nullable(),
  /** The contact this login belongs to (same e-mail on the same client), if any. */
  contactLocalId: z.string().nullable(),
  /** 8.x users: the portal's user id (its access can be changed here when it is none of the contacts). */
  userId: z.number().int().positive().nullable(),
  /** Edits of this login's access waiting for the portal (users that are not contacts; otherwise 'synced'). */
  sync: SyncBadge,
  /** Its access to this client is being taken away (the edit has not reached the portal yet). */
  removing: z.boolean(),
})
export type Login = z.infer<typeof Login>

/** An 8.x login with an e-mail address on one client it reaches, where no contact of that client has the address. */
export const LoginHit = z.strictObject({
  clientId: z.number().int().positive(),
  clientName: z.string(),
  userId: z.number().int().positive(),
  name: z.string(),
  email: z.string(),
  /** Its permissions there; null when never read (the client was not opened online since). */
  permissions: z.array(Permission).nullable(),
  sync: SyncBadge,
  /** Its access to this client is being taken away (not on the portal yet). */
  removing: z.boolean(),
})
export type LoginHit = z.infer<typeof LoginHit>

/** Everything the "who gets what" page shows of one client. */
export const ClientView = z.strictObject({
  client: Client,
  /** The owner's own e-mail preferences; null until read from the portal once. */
  ownerEmailPreferences: EmailPreferences.nullable(),
  /** The owner's preferences have local edits not yet on the portal. */
  ownerSync: SyncBadge,
  contacts: z.array(Contact),
  /** Logins; null when they could not be read (offline and never read before). */
  logins: z.array(Login).nullable(),
  /** When the details and logins were last read from the portal (ISO), or null. */
  fetchedAt: z.string().nullable(),
  /** Whether this view was just refreshed from the portal (false: the cache, offline). */
  fresh: z.boolean(),
  /** The client's registered domains (GetClientsDomains), as last read. */
  domains: z.array(z.string()),
  /** What the data itself warns about. */
  warnings: z.array(z.enum(['no_invoice_recipient', 'all_recipients_on_own_domain'])),
  /** The latest payment reminders of the portal's e-mail log (GetEmails), as last read. */
  paymentReminders: z.strictObject({
    /** When the log was last read (ISO); null: never. */
    readAt: z.string().nullable(),
    /** Newest first; state `unknown` where the portal does not report delivery. */
    reminders: z.array(ReminderEmail),
    /** Why this opening could not read the log (the API role refuses it, the portal does not know it, its answer could not be read); null otherwise. */
    unavailable: SkippedRead.nullable(),
  }),
})
export type ClientView = z.infer<typeof ClientView>

const localId = z.string().min(1).max(100)
/** A 7.x sub-account password: sent once, never stored in clear (docs/ARCHITECTURE.md §9.4). */
const password = z.string().min(8, 'at least 8 characters').max(200)
const localIds = z.array(localId).min(1).max(5000)

export const ClientPage = z.strictObject({
  total: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  items: z.array(Client),
})
export type ClientPage = z.infer<typeof ClientPage>

/** The reachability audit: a page of the clients at risk, in its order, and how the whole cache stands. */
export const ReachabilityPage = z.strictObject({
  total: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  items: z.array(Verdict.extend({ name: z.string() })),
  /** Clients judged (every cached one, once the audit is up to date). */
  judged: z.number().int().nonnegative(),
  /** Clients breaking each rule, over the whole cache (not only this page or filter). */
  byRule: z.partialRecord(ReachabilityRule, z.number().int().nonnegative()),
  /** Clients whose per-client facts were read (opened, or by the background check): the rest are "not checked yet". */
  checked: z.number().int().nonnegative(),
  /** When the longest-ago of those was read (ISO 8601); null when none is checked. */
  oldestCheckAt: z.string().nullable(),
  /** Why the background check stopped for this session (an auxiliary read refused, unknown or unreadable); null while it runs. */
  checkStopped: SkippedRead.nullable(),
})
export type ReachabilityPage = z.infer<typeof ReachabilityPage>

/** One step of a deep check (`audit reachability --deep`): a client read at the configured pace, and what is left. */
export const ReachabilityCheckStep = z.strictObject({
  /** The client read this step; null when none was due. */
  clientId: z.number().int().positive().nullable(),
  /** Clients not checked yet, or checked longer ago than the re-check period, after this step. */
  remaining: z.number().int().nonnegative(),
  /** The auxiliary read that stopped the check (refused, unknown or unreadable); nothing more is read this session. */
  stopped: SkippedRead.nullable(),
})
export type ReachabilityCheckStep = z.infer<typeof ReachabilityCheckStep>

/** Contacts found across every client (bulk delegation), each with its client's name. */
export const ContactHits = z.strictObject({
  total: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  items: z.array(z.strictObject({ contact: Contact, clientName: z.string() })),
})
export type ContactHits = z.infer<typeof ContactHits>

/** What the last LGPD purge removed from the current portal's cache (housekeeping.ts). */
export const PurgeReport = z.strictObject({
  at: z.string(),
  /** The purgeAfterDays setting it ran with. */
  afterDays: z.number().int().positive(),
  clients: z.number().int().nonnegative(),
  auditEntries: z.number().int().nonnegative(),
  resolvedConflicts: z.number().int().nonnegative(),
})
export type PurgeReport = z.infer<typeof PurgeReport>

/** Every method main serves: name → zod input → zod output. */
export const methods = {
  /** Where the app stands: portal, cache size, last sync, whether a sync runs. */
  'app.status': { input: none, output: AppStatus },
  /** How the thread that holds the cache is doing: transaction times, event-loop delay, memory. */
  'app.diagnostics': { input: none, output: Diagnostics },
  /** Check a portal's URL and credentials without saving anything. */
  'portal.test': { input: ConnectInput, output: ConnectResult },
  /** Check, then make this portal the current one (its own cache; the secret kept where a keychain allows). */
  'portal.connect': { input: ConnectInput, output: ConnectResult },
  /** Give the current portal's secret for this session (where it is not kept on this machine). */
  'portal.unlock': { input: z.strictObject({ secret: z.string().min(1, 'required').max(500) }), output: AppStatus },
  /** Start the built-in demo portal on this machine and connect to it. */
  'portal.connectDemo': { input: none, output: ConnectResult },
  /** One sync pass: by default the whole portal pulled into the cache, then the outbox sent; `push`: the outbox alone. */
  'sync.run': { input: z.strictObject({ scope: SyncScope.default('full') }), output: SyncSummary },
  /** Page through the cached clients, optionally searched (name, company, e-mail). */
  'clients.list': {
    input: z.strictObject({
      search: z.string().max(200).default(''),
      offset: z.number().int().nonnegative().default(0),
      limit: z.number().int().min(1).max(MAX_PAGE).default(100),
    }),
    output: ClientPage,
  },
  /** One cached client by the portal's id. */
  'clients.get': { input: z.strictObject({ id: z.number().int().positive() }), output: Client },
  /** A client's page: refreshed from the portal when it answers (owner's preferences, logins, permissions), else the cache. */
  'clients.open': {
    input: z.strictObject({
      id: z.number().int().positive(),
      /** false: from the cache alone, never asking the portal (a re-render after a local edit; fresh is false). */
      refresh: z.boolean().default(true),
    }),
    output: ClientView,
  },
  'settings.get': { input: none, output: Settings },
  'settings.update': { input: Settings.partial().strict(), output: Settings },
  /** Stop the running sync (what it already wrote stays written). */
  'sync.cancel': { input: none, output: z.strictObject({ cancelled: z.boolean() }) },
  /** A client's contacts as the cache holds them, each with its sync badge. */
  'contacts.list': { input: z.strictObject({ clientId: z.number().int().positive() }), output: z.array(Contact) },
  /**
   * Contacts on any client: by their name, company, e-mail, phone or CPF/CNPJ, or by their client's (name,
   * e-mail, domain…); a whole e-mail address finds exactly the contacts with that address. Up to 5,000 at
   * once, the most one bulk change takes.
   */
  'contacts.search': {
    input: z.strictObject({
      search: z.string().max(200),
      hasAccess: z.boolean().optional(),
      offset: z.number().int().nonnegative().default(0),
      limit: z.number().int().min(1).max(5000).default(200),
    }),
    output: ContactHits,
  },
  'contacts.create': {
    input: z.strictObject({
      clientId: z.number().int().positive(),
      fields: ContactEdit,
      access: Access.nullable().default(null),
      password: password.optional(),
    }),
    output: Contact,
  },
  'contacts.update': { input: z.strictObject({ localId, changes: ContactEdit.partial() }), output: Contact },
  'contacts.delete': { input: z.strictObject({ localId }), output: z.strictObject({ localId }) },
  /** 8.x: change the permissions of a login that is none of the client's contacts, or take its access to this client away. */
  'logins.setAccess': {
    input: z.strictObject({ clientId: z.number().int().positive(), userId: z.number().int().positive(), access: Access }),
    output: Login,
  },
  /** Give, change or take away a person's client-area access (7.x sub-account, 8.x invite/user). */
  'access.set': { input: z.strictObject({ localId, access: Access, password: password.optional() }), output: Contact },
  /**
   * One access for many people in one transaction: contacts, and (8.x) logins that are no contact of their
   * client (found with logins.search). Answers the contacts as saved.
   */
  'bulk.setAccess': {
    input: z
      .strictObject({
        localIds: z.array(localId).max(5000).default([]),
        logins: z
          .array(z.strictObject({ clientId: z.number().int().positive(), userId: z.number().int().positive() }))
          .max(5000)
          .default([]),
        access: Access,
      })
      .refine((input) => input.localIds.length + input.logins.length > 0, { message: 'nobody chosen', path: ['localIds'] }),
    output: z.array(Contact),
  },
  /** 8.x: the logins with this exact e-mail address, on every client they reach where they are no contact (for "revoke everywhere"). */
  'logins.search': { input: z.strictObject({ email: z.string().trim().max(255) }), output: z.array(LoginHit) },
  'bulk.setEmailPreferences': { input: z.strictObject({ localIds, emailPreferences: EmailPreferences }), output: z.array(Contact) },
  /** The owner's own e-mail preferences. */
  'clients.setEmailPreferences': {
    input: z.strictObject({ clientId: z.number().int().positive(), emailPreferences: EmailPreferences }),
    output: EmailPreferences,
  },
  'outbox.list': { input: none, output: z.array(OutboxItem) },
  /** Try a failed, rejected or held entry again now; `resendInvite` confirms a second 8.x invite e-mail. */
  'outbox.retry': {
    input: z.strictObject({ id: z.number().int().positive(), resendInvite: z.boolean().default(false) }),
    output: OutboxItem,
  },
  /** Give up an edit: the record goes back to what the portal has. */
  'outbox.discard': { input: z.strictObject({ id: z.number().int().positive() }), output: z.strictObject({ id: z.number().int() }) },
  'conflicts.list': { input: none, output: z.array(ConflictItem) },
  'conflicts.resolve': {
    input: z.strictObject({
      id: z.number().int().positive(),
      choice: z.enum(['mine', 'theirs', 'edit']),
      /** With `edit`: the value to keep. */
      value: FlatValue.optional(),
    }),
    output: z.strictObject({ id: z.number().int() }),
  },
  'audit.list': {
    input: z.strictObject({ clientId: z.number().int().positive().optional(), limit: z.number().int().min(1).max(5000).default(200) }),
    output: z.array(AuditItem),
  },
  /** Values (e-mail, CPF/CNPJ, phone) on several holders, over the cache: mistakes first, accountants after. */
  'reachability.duplicates': {
    input: z.strictObject({
      kind: DuplicateKind.optional(),
      limit: z.number().int().min(1).max(MAX_PAGE).default(100),
      offset: z.number().int().nonnegative().default(0),
    }),
    output: DuplicatesPage,
  },
  /**
   * The clients whose reminders may not reach anyone, worst first (severity, then Active before the others), from
   * the local cache (offline too); filtered by a rule and a status. Brought up to date first for the clients whose
   * facts changed.
   */
  'reachability.list': {
    input: z.strictObject({
      rule: ReachabilityRule.optional(),
      status: ClientStatus.optional(),
      offset: z.number().int().nonnegative().default(0),
      limit: z.number().int().min(1).max(MAX_PAGE).default(100),
    }),
    output: ReachabilityPage,
  },
  /**
   * Reads the next client the audit is waiting on (not checked yet, or not re-checked for the configured days; the
   * likeliest at risk first) through the per-client read, at the background check's pace, which it shares.
   */
  'reachability.checkNext': { input: none, output: ReachabilityCheckStep },
  /**
   * Delete the current portal's cache on this computer and start it empty (the connection and secret stay).
   * Refused with `pending_edits` while edits wait or conflicts are open, unless `discardPending`; `busy` while a sync runs.
   */
  'cache.reset': { input: z.strictObject({ discardPending: z.boolean().default(false) }), output: AppStatus },
  /** Run the LGPD purge now; null when purgeAfterDays is off. */
  'housekeeping.purge': { input: none, output: PurgeReport.nullable() },
  /** What the last purge of the current cache removed; null if none ran yet. */
  'housekeeping.lastPurge': { input: none, output: PurgeReport.nullable() },
} as const

/** Every event main pushes to the renderer: name → zod payload. */
export const events = {
  'sync.progress': SyncProgress,
  'status.changed': AppStatus,
} as const

export type Methods = typeof methods
export type MethodName = keyof Methods
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>
export type MethodParsedInput<M extends MethodName> = z.output<Methods[M]['input']>
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>
export type Events = typeof events
export type EventName = keyof Events
export type EventPayload<E extends EventName> = z.output<Events[E]>

export const methodNames = Object.keys(methods) as MethodName[]
export const eventNames = Object.keys(events) as EventName[]

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name)
}
export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name)
}

/** The IPC channel of a method (renderer → main, invoke/handle). */
export const methodChannel = (method: MethodName): string => `desk:call:${method}`
/** The IPC channel of an event (main → renderer). */
export const eventChannel = (event: EventName): string => `desk:event:${event}`
/** The bridge's HTTP path of a method. */
export const methodPath = (method: MethodName): string => `/api/call/${method}`
/** The bridge's stream of events (newline-delimited JSON). */
export const EVENTS_PATH = '/api/events'
/** The header that carries the bridge's per-run token. */
export const TOKEN_HEADER = 'x-desk-token'

/** The typed API a renderer (or any client) sees: one async function per method, errors as data. */
export type DeskApi = {
  [M in MethodName]: (input: MethodInput<M>) => Promise<Result<MethodOutput<M>>>
}
export type Unsubscribe = () => void
/** How main pushes an event (to IPC, the bridge's streams, or a test's list). */
export type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void
export type EventListener<E extends EventName> = (payload: EventPayload<E>) => void
export type Subscribe = <E extends EventName>(event: E, listener: EventListener<E>) => Unsubscribe

/** What the preload exposes as `window.desk` and the bridge client provides in a plain browser. */
export interface DeskBridge {
  api: DeskApi
  on: Subscribe
}

/** Builds the typed API from one generic call (IPC invoke, or an HTTP POST to the bridge). */
export function createApi(call: (method: MethodName, input: unknown) => Promise<Result<unknown>>): DeskApi {
  const api: Record<string, (input: unknown) => Promise<Result<unknown>>> = {}
  for (const method of methodNames) api[method] = (input) => call(method, input ?? {})
  return api as DeskApi
}

/** A transport failure (IPC gone, bridge down) as a DeskError, so callers only ever see Results. */
export function transportError(message: string): { ok: false; error: DeskError } {
  return { ok: false, error: { code: 'app_unavailable', message } }
}
