// A DeskBridge in memory for renderer tests: handlers per method (overridable), events pushed by the test.
// Every call goes through main's own dispatch, so the contract parses its input (a refused one answers the
// validation Result main would) and checks its answer; an answer or an event main could never send fails
// the test instead of letting it pass. Contacts, logins, the outbox, conflicts and the audit log live in a
// small model, so a screen's edits show up the way main would answer them (and every call is recorded in `calls`).
import { z } from 'zod'
import { createDispatch, type Handlers, type WireDispatch } from '../../src/main/core/dispatch'
import {
  AppStatus,
  createApi,
  events,
  type AuditItem,
  type ClientView,
  type ConflictItem,
  type ConnectResult,
  type DeskBridge,
  type DuplicateGroup,
  type EventName,
  type EventPayload,
  type Login,
  type LoginHit,
  type MethodName,
  type MethodOutput,
  type MethodParsedInput,
  type OutboxItem,
  type PurgeReport,
  type Subscribe,
} from '../../src/shared/contract'
import { isEmailAddress } from '../../src/shared/contact-rules'
import {
  DEFAULT_REMINDER_SUBJECTS,
  type Access,
  type Client,
  type Contact,
  type EmailPreferences,
  type PortalInfo,
  type Settings,
} from '../../src/shared/domain'
import { DeskFailure, errorText, failureOf, type Result } from '../../src/shared/errors'

/** A test's own answer to a method, as the renderer sees it; it gets the input as the contract parsed it. */
type Handler<M extends MethodName> = (input: MethodParsedInput<M>) => Promise<Result<MethodOutput<M>>> | Result<MethodOutput<M>>
export type FakeHandlers = { [M in MethodName]?: Handler<M> }

export const demoPortal: PortalInfo = {
  apiUrl: 'http://127.0.0.1:4100/includes/api.php',
  identifier: 'demo',
  generation: '8',
  version: '8.10.1',
  demo: true,
}

const FIRST = ['Ana', 'Bruno', 'Carla', 'Daniel', 'Eduarda', 'Felipe', 'Gabriela', 'Heitor', 'Isabela', 'João']
const LAST = ['Silva', 'Souza', 'Oliveira', 'Pereira', 'Lima', 'Costa', 'Ribeiro', 'Almeida', 'Carvalho', 'Gomes']

export function makeClients(count: number): Client[] {
  return Array.from({ length: count }, (_, index) => ({
    id: index + 1,
    firstName: FIRST[index % FIRST.length] ?? 'Ana',
    lastName: `${LAST[Math.floor(index / FIRST.length) % LAST.length] ?? 'Silva'} ${index + 1}`,
    companyName: index % 3 === 0 ? '' : `Empresa ${index + 1} Ltda`,
    email: `cliente${index + 1}@exemplo.com.br`,
    status: index % 7 === 0 ? 'Inactive' : 'Active',
    createdOn: '2021-03-09',
    groupId: 0,
  }))
}

export const ALL_ON: EmailPreferences = { general: true, product: true, domain: true, invoice: true, support: true, affiliate: true }
export const NONE: EmailPreferences = { general: false, product: false, domain: false, invoice: false, support: false, affiliate: false }

/** A synced contact of a client, with the fields a test does not care about filled in. */
export function makeContact(clientId: number, n: number, overrides: Partial<Contact> = {}): Contact {
  return {
    localId: `c${clientId}-${n}`,
    remoteId: clientId * 100 + n,
    clientId,
    firstName: FIRST[n % FIRST.length] ?? 'Ana',
    lastName: `Contato ${n}`,
    companyName: '',
    email: `contato${n}@cliente${clientId}.com.br`,
    address1: '',
    address2: '',
    city: 'São Paulo',
    state: 'SP',
    postcode: '01310-100',
    country: 'BR',
    phoneNumber: '+55.11987654321',
    taxId: '',
    emailPreferences: { ...NONE, general: true, invoice: true },
    access: { enabled: false, permissions: [] },
    sync: 'synced',
    ...overrides,
  }
}

export function connectedStatus(overrides: Partial<AppStatus> = {}): AppStatus {
  return {
    portal: demoPortal,
    secretAvailable: true,
    clientCount: 1000,
    lastSync: { at: new Date().toISOString(), ok: true, error: null, skipped: [] },
    syncing: false,
    online: true,
    outbox: { pending: 0, failed: 0, rejected: 0, conflict: 0, held: 0 },
    conflicts: 0,
    refused: null,
    nextPullAt: null,
    ...overrides,
  }
}

/** A login as a test writes it: what the portal lists; the view's own fields default to a synced login without user id. */
export type FakeLogin = Omit<Login, 'userId' | 'sync' | 'removing'> & Partial<Pick<Login, 'userId' | 'sync' | 'removing'>>

export interface FakeDesk extends DeskBridge {
  calls: { method: MethodName; input: unknown }[]
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void
  /** The model behind the default handlers. */
  model: FakeModel
}

export interface FakeModel {
  contacts: Contact[]
  logins: Map<number, FakeLogin[]>
  ownerPreferences: Map<number, EmailPreferences>
  /** clients.open: each client's payment reminders as the page gets them (none read by default). */
  paymentReminders: Map<number, ClientView['paymentReminders']>
  outbox: OutboxItem[]
  conflicts: ConflictItem[]
  audit: AuditItem[]
  /** clients.open: whether the portal answers (fresh) and when the details were read. */
  fresh: boolean
  fetchedAt: string | null
  /** housekeeping.lastPurge; housekeeping.purge replaces it. */
  lastPurge: PurgeReport | null
  /** reachability.duplicates pages through these, in this order. */
  duplicates: DuplicateGroup[]
}

const domainOf = (email: string): string => email.split('@')[1]?.toLowerCase() ?? ''
const notFound = (what: string): DeskFailure => new DeskFailure('not_found', `no such ${what}`)

/** What main would never answer or push is a bug in the test's fake, so it throws rather than reaching the screen. */
function contractBreach(what: string, error: unknown): Error {
  return new Error(`fakeDesk: ${what}: ${error instanceof z.ZodError ? z.prettifyError(error) : errorText(error)}`, { cause: error })
}

export function createFakeDesk(
  options: {
    status?: AppStatus
    /** Merged over the defaults below. */
    settings?: Partial<Settings>
    clients?: Client[]
    contacts?: Contact[]
    logins?: Record<number, FakeLogin[]>
    ownerPreferences?: Record<number, EmailPreferences>
    paymentReminders?: Record<number, ClientView['paymentReminders']>
    outbox?: OutboxItem[]
    conflicts?: ConflictItem[]
    audit?: AuditItem[]
    handlers?: FakeHandlers
  } = {},
): FakeDesk {
  const clients = options.clients ?? makeClients(1000)
  let settings: Settings = {
    staffName: '',
    language: 'pt-BR',
    theme: 'system',
    purgeAfterDays: 90,
    pullIntervalMinutes: 15,
    recordActivity: true,
    backgroundCheck: true,
    checkCallsPerSecond: 0.5,
    recheckAfterDays: 7,
    permissionPresets: [],
    reminderSubjects: [...DEFAULT_REMINDER_SUBJECTS],
    ...options.settings,
  }
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>()
  const calls: FakeDesk['calls'] = []
  const model: FakeModel = {
    contacts: [...(options.contacts ?? [])],
    logins: new Map(Object.entries(options.logins ?? {}).map(([id, logins]) => [Number(id), logins])),
    ownerPreferences: new Map(Object.entries(options.ownerPreferences ?? {}).map(([id, preferences]) => [Number(id), preferences])),
    paymentReminders: new Map(Object.entries(options.paymentReminders ?? {}).map(([id, reminders]) => [Number(id), reminders])),
    outbox: [...(options.outbox ?? [])],
    conflicts: [...(options.conflicts ?? [])],
    audit: [...(options.audit ?? [])],
    fresh: true,
    fetchedAt: new Date().toISOString(),
    lastPurge: null,
    duplicates: [],
  }
  let status = options.status ?? connectedStatus({ clientCount: clients.length })
  let nextId = 1

  const on: Subscribe = (event, listener) => {
    const set = listeners.get(event) ?? new Set()
    listeners.set(event, set)
    const entry = listener as (payload: unknown) => void
    set.add(entry)
    return () => set.delete(entry)
  }
  /** Pushes an event as main's thread host does: checked against the contract, listeners get what it parsed. */
  const push = (event: EventName, payload: unknown): void => {
    const checked = events[event].safeParse(payload)
    if (!checked.success) throw contractBreach(`main would not push this ${event} event`, checked.error)
    for (const listener of listeners.get(event) ?? []) listener(checked.data)
  }
  // The status app.status answers is the last one pushed, by the model or by a test (listened to first, before any screen).
  on('status.changed', (next) => (status = next))
  const counts = (): AppStatus['outbox'] => {
    const out = { pending: 0, failed: 0, rejected: 0, conflict: 0, held: 0 }
    for (const item of model.outbox) out[item.state]++
    return out
  }
  const emitStatus = (): void => push('status.changed', { ...status, outbox: counts(), conflicts: model.conflicts.length })
  const connected = (): ConnectResult => ({ portal: demoPortal, clientCount: clients.length, secretStored: true, warnings: [] })
  const clientOf = (id: number): Client => {
    const client = clients.find((each) => each.id === id)
    if (!client) throw notFound('client')
    return client
  }
  const contactOf = (localId: string): Contact => {
    const contact = model.contacts.find((each) => each.localId === localId)
    if (!contact) throw notFound('contact')
    return contact
  }
  const queue = (contact: Contact, op: OutboxItem['op'], keys: string[]): void => {
    model.outbox.push({
      id: nextId++,
      op,
      entityKey: contact.localId,
      clientId: contact.clientId,
      label: `${contact.firstName} ${contact.lastName}`.trim() + ` <${contact.email}>`,
      keys,
      state: 'pending',
      attempts: 0,
      nextAttemptAt: null,
      lastError: null,
      staff: settings.staffName,
      createdAt: new Date().toISOString(),
    })
  }
  const put = (contact: Contact): Contact => {
    const index = model.contacts.findIndex((each) => each.localId === contact.localId)
    if (index >= 0) model.contacts[index] = contact
    else model.contacts.push(contact)
    return contact
  }
  /** As main keeps a login's access while its edit waits: the permissions shown, pending, or being removed. */
  const setLoginAccess = (clientId: number, userId: number, access: Access): Login | null => {
    const logins = model.logins.get(clientId) ?? []
    const index = logins.findIndex((login) => login.userId === userId)
    const login = logins[index]
    if (!login) return null
    const changed: Login = {
      userId,
      ...login,
      contactLocalId: null,
      permissions: access.enabled ? access.permissions : login.permissions,
      sync: 'pending',
      removing: !access.enabled,
    }
    model.logins.set(
      clientId,
      logins.map((each, at) => (at === index ? changed : each)),
    )
    return changed
  }
  const setAccess = (contact: Contact, access: Access): Contact => {
    const before = contact.access ?? { enabled: false, permissions: [] }
    const op = !before.enabled && access.enabled ? 'grant_access' : before.enabled && !access.enabled ? 'revoke_access' : 'change_access'
    queue(contact, op, ['access'])
    return put({ ...contact, access: access.enabled ? access : { enabled: false, permissions: [] }, sync: 'pending' })
  }

  // The model's answers, written as main's handlers are: parsed input in, the value out, a DeskFailure thrown.
  const defaults: Handlers = {
    'app.status': async () => status,
    'app.diagnostics': async () => {
      const none = { count: 0, p50Ms: 0, p99Ms: 0, maxMs: 0 }
      return { transactions: { edits: none, pull: none }, eventLoopDelay: { p99Ms: 0, maxMs: 0 }, memory: { rssBytes: 1, heapUsedBytes: 1 } }
    },
    'portal.test': async () => connected(),
    'portal.connect': async () => connected(),
    'portal.unlock': async () => {
      status = { ...status, secretAvailable: true }
      return status
    },
    'portal.connectDemo': async () => {
      status = connectedStatus({ lastSync: null, clientCount: 0 })
      return connected()
    },
    'sync.run': async () => {
      const at = new Date().toISOString()
      const sent = model.outbox.length
      model.outbox = []
      model.contacts = model.contacts.map((contact) => ({ ...contact, sync: 'synced' }))
      status = { ...status, clientCount: clients.length, lastSync: { at, ok: true, error: null, skipped: [] }, outbox: counts() }
      const none = { added: 0, updated: 0, removed: 0, unchanged: 0 }
      return {
        scope: 'full',
        pulled: { clients: { ...none, added: clients.length }, contacts: none, users: none, domains: none, products: none, skipped: [] },
        calls: 1,
        pushed: { sent, failed: 0, rejected: 0, conflicts: 0, held: 0, skipped: [] },
        startedAt: at,
        finishedAt: at,
        durationMs: 5,
      }
    },
    'sync.cancel': async () => ({ cancelled: status.syncing }),
    'clients.list': async ({ search, offset, limit }) => {
      const words = search.toLowerCase()
      const matching = words
        ? clients.filter((client) => `${client.firstName} ${client.lastName} ${client.companyName} ${client.email}`.toLowerCase().includes(words))
        : clients
      return { total: matching.length, offset, items: matching.slice(offset, offset + limit) }
    },
    'clients.get': async (input) => clientOf(input.id),
    'clients.open': async (input) => {
      const client = clientOf(input.id)
      const contacts = model.contacts.filter((contact) => contact.clientId === client.id)
      const owner = model.ownerPreferences.get(client.id) ?? { ...ALL_ON, affiliate: false }
      const logins = (
        model.logins.get(client.id) ?? [
          { kind: 'owner', name: `${client.firstName} ${client.lastName}`, email: client.email, permissions: [], inviteState: null, contactLocalId: null },
        ]
      ).map((login): Login => ({
        userId: null,
        sync: 'synced',
        removing: false,
        ...login,
        contactLocalId:
          login.kind === 'owner' ? null : (contacts.find((contact) => contact.email.toLowerCase() === login.email.toLowerCase())?.localId ?? null),
      }))
      const recipients = [
        ...(owner.invoice ? [client.email] : []),
        ...contacts.filter((contact) => contact.emailPreferences.invoice).map((contact) => contact.email),
      ]
      const warnings: ClientView['warnings'] =
        recipients.length === 0
          ? ['no_invoice_recipient']
          : recipients.every((email) => domainOf(email) === domainOf(client.email))
            ? ['all_recipients_on_own_domain']
            : []
      const pendingOwner = model.outbox.some((item) => item.entityKey === String(client.id))
      return {
        client,
        ownerEmailPreferences: owner,
        ownerSync: pendingOwner ? 'pending' : 'synced',
        contacts,
        logins,
        fetchedAt: model.fetchedAt,
        // refresh: false reads the cache alone, as main does: never fresh.
        fresh: input.refresh && model.fresh,
        domains: [],
        warnings,
        paymentReminders: model.paymentReminders.get(client.id) ?? { readAt: null, reminders: [], unavailable: null },
      }
    },
    'settings.get': async () => settings,
    'settings.update': async (input) => {
      settings = { ...settings, ...input }
      return settings
    },
    'contacts.list': async (input) => model.contacts.filter((contact) => contact.clientId === input.clientId),
    // As main searches: a whole e-mail address is that address exactly; else every word in the contact's or its client's text.
    'contacts.search': async (input) => {
      const search = input.search.trim().toLowerCase()
      const words = search.split(/\s+/).filter((word) => word !== '')
      const clientOfContact = (contact: Contact) => clients.find((client) => client.id === contact.clientId)
      const matching = model.contacts.filter((contact) => {
        if (input.hasAccess !== undefined && (contact.access?.enabled ?? false) !== input.hasAccess) return false
        if (isEmailAddress(search)) return contact.email.toLowerCase() === search
        const client = clientOfContact(contact)
        const text =
          `${contact.firstName} ${contact.lastName} ${contact.companyName} ${contact.email} ${client?.firstName} ${client?.lastName} ${client?.companyName} ${client?.email}`.toLowerCase()
        return words.length > 0 && words.every((word) => text.includes(word))
      })
      const items = matching.slice(input.offset, input.offset + input.limit).map((contact) => {
        const client = clientOfContact(contact)
        return { contact, clientName: client ? `${client.firstName} ${client.lastName}`.trim() || client.companyName : `#${contact.clientId}` }
      })
      return { total: matching.length, offset: input.offset, items }
    },
    'contacts.create': async (input) => {
      const contact: Contact = {
        ...input.fields,
        localId: `new-${nextId++}`,
        remoteId: null,
        clientId: input.clientId,
        access: { enabled: false, permissions: [] },
        sync: 'pending',
      }
      queue(contact, 'create_contact', [])
      put(contact)
      const result = input.access?.enabled ? setAccess(contact, input.access) : contact
      emitStatus()
      return result
    },
    'contacts.update': async (input) => {
      const contact = contactOf(input.localId)
      queue(contact, 'update_contact', Object.keys(input.changes))
      const updated = put({ ...contact, ...input.changes, sync: 'pending' })
      emitStatus()
      return updated
    },
    'contacts.delete': async (input) => {
      const contact = contactOf(input.localId)
      model.contacts = model.contacts.filter((each) => each.localId !== input.localId)
      queue(contact, 'delete_contact', [])
      emitStatus()
      return { localId: input.localId }
    },
    'access.set': async (input) => {
      const updated = setAccess(contactOf(input.localId), input.access)
      emitStatus()
      return updated
    },
    'logins.setAccess': async (input) => {
      const changed = setLoginAccess(input.clientId, input.userId, input.access)
      if (!changed) throw notFound('login')
      emitStatus()
      return changed
    },
    'logins.search': async (input) => {
      const email = input.email.toLowerCase()
      const hits: LoginHit[] = []
      for (const [clientId, logins] of model.logins) {
        const client = clients.find((each) => each.id === clientId)
        const isContact = model.contacts.some((contact) => contact.clientId === clientId && contact.email.toLowerCase() === email)
        for (const login of logins) {
          if (login.kind !== 'user' || login.userId == null || isContact || login.email.toLowerCase() !== email) continue
          const { sync = 'synced', removing = false } = login
          hits.push({
            clientId,
            clientName: client ? `${client.firstName} ${client.lastName}` : `#${clientId}`,
            userId: login.userId,
            name: login.name,
            email: login.email,
            permissions: login.permissions,
            sync,
            removing,
          })
        }
      }
      return hits
    },
    'bulk.setAccess': async (input) => {
      const changed: Contact[] = []
      for (const login of input.logins) setLoginAccess(login.clientId, login.userId, input.access)
      for (const localId of input.localIds) {
        const contact = model.contacts.find((each) => each.localId === localId)
        if (contact) changed.push(setAccess(contact, input.access))
      }
      emitStatus()
      return changed
    },
    'bulk.setEmailPreferences': async (input) => {
      const changed: Contact[] = []
      for (const localId of input.localIds) {
        const contact = model.contacts.find((each) => each.localId === localId)
        if (!contact) continue
        queue(contact, 'update_contact', ['emailPreferences.invoice'])
        changed.push(put({ ...contact, emailPreferences: input.emailPreferences, sync: 'pending' }))
      }
      emitStatus()
      return changed
    },
    'clients.setEmailPreferences': async (input) => {
      model.ownerPreferences.set(input.clientId, input.emailPreferences)
      model.outbox.push({
        id: nextId++,
        op: 'set_client_email_preferences',
        entityKey: String(input.clientId),
        clientId: input.clientId,
        label: `#${input.clientId}`,
        keys: ['emailPreferences.invoice'],
        state: 'pending',
        attempts: 0,
        nextAttemptAt: null,
        lastError: null,
        staff: settings.staffName,
        createdAt: new Date().toISOString(),
      })
      emitStatus()
      return input.emailPreferences
    },
    'outbox.list': async () => model.outbox,
    'outbox.retry': async (input) => {
      const item = model.outbox.find((each) => each.id === input.id)
      if (!item) throw notFound('entry')
      const retried: OutboxItem = { ...item, state: 'pending', lastError: null }
      model.outbox = model.outbox.map((each) => (each.id === input.id ? retried : each))
      emitStatus()
      return retried
    },
    'outbox.discard': async (input) => {
      model.outbox = model.outbox.filter((each) => each.id !== input.id)
      emitStatus()
      return { id: input.id }
    },
    'conflicts.list': async () => model.conflicts,
    'conflicts.resolve': async (input) => {
      model.conflicts = model.conflicts.filter((each) => each.id !== input.id)
      emitStatus()
      return { id: input.id }
    },
    'audit.list': async (input) => model.audit.filter((item) => input.clientId === undefined || item.clientId === input.clientId),
    'reachability.list': async ({ offset }) => ({
      total: 0,
      offset,
      items: [],
      judged: clients.length,
      byRule: {},
      checked: 0,
      oldestCheckAt: null,
      checkStopped: null,
    }),
    'reachability.checkNext': async () => ({ clientId: null, remaining: 0, stopped: null }),
    'reachability.duplicates': async (input) => {
      const matching = model.duplicates.filter((group) => input.kind === undefined || group.kind === input.kind)
      return { total: matching.length, offset: input.offset, items: matching.slice(input.offset, input.offset + input.limit) }
    },
    'cache.reset': async (input) => {
      const edits = model.outbox.length
      if ((edits > 0 || model.conflicts.length > 0) && !input.discardPending) {
        throw new DeskFailure('pending_edits', 'edits would be lost', { edits: String(edits), conflicts: String(model.conflicts.length) })
      }
      model.outbox = []
      model.conflicts = []
      model.contacts = []
      model.lastPurge = null
      status = { ...status, clientCount: 0, lastSync: null }
      emitStatus()
      return status
    },
    'housekeeping.purge': async () => {
      if (settings.purgeAfterDays === null) return null
      model.lastPurge = { at: new Date().toISOString(), afterDays: settings.purgeAfterDays, clients: 0, auditEntries: 0, resolvedConflicts: 0 }
      return model.lastPurge
    },
    'housekeeping.lastPurge': async () => model.lastPurge,
  }

  // A test's override answers a Result, as the renderer sees it; main's dispatch wants the value or a DeskFailure.
  const handlerOf = <M extends MethodName>(method: M): ((input: MethodParsedInput<M>) => Promise<MethodOutput<M>>) => {
    const answer = options.handlers?.[method]
    if (!answer) return defaults[method]
    return async (input: MethodParsedInput<M>): Promise<MethodOutput<M>> => {
      const result = await answer(input)
      if (result.ok) return result.value
      throw failureOf(result.error)
    }
  }

  const api = createApi(async (method, input) => {
    calls.push({ method, input })
    // A dispatch of its own per call, so the bug it reports (an answer the contract refuses, a throw) is this call's.
    const bugs: unknown[] = []
    const dispatch: WireDispatch = createDispatch({ ...defaults, [method]: handlerOf(method) }, { onInternalError: (_, error) => bugs.push(error) })
    const answer = await dispatch(method, input)
    if (bugs.length > 0) throw contractBreach(`main would answer "internal" to ${method}`, bugs[0])
    return answer
  })

  return { api, calls, model, on, emit: push }
}
