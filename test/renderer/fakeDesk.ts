// A DeskBridge in memory for renderer tests: handlers per method (overridable), events pushed by the test.
// Contacts, logins, the outbox, conflicts and the audit log live in a small model, so a screen's edits show
// up the way main would answer them (and every call is recorded in `calls`).
import { vi } from 'vitest'
import type {
  AppStatus,
  AuditItem,
  ClientView,
  ConflictItem,
  DeskApi,
  DeskBridge,
  EventName,
  EventPayload,
  Login,
  LoginHit,
  MethodInput,
  MethodName,
  MethodOutput,
  OutboxItem,
  PurgeReport,
} from '../../src/shared/contract'
import type { Access, Client, Contact, EmailPreferences, PortalInfo, Settings } from '../../src/shared/domain'
import type { Result } from '../../src/shared/errors'

type Handler<M extends MethodName> = (input: MethodInput<M>) => Promise<Result<MethodOutput<M>>> | Result<MethodOutput<M>>
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
    lastSync: { at: new Date().toISOString(), ok: true, error: null },
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
  listenerCount(event: EventName): number
  /** The model behind the default handlers. */
  model: FakeModel
}

export interface FakeModel {
  contacts: Contact[]
  logins: Map<number, FakeLogin[]>
  ownerPreferences: Map<number, EmailPreferences>
  outbox: OutboxItem[]
  conflicts: ConflictItem[]
  audit: AuditItem[]
  /** clients.open: whether the portal answers (fresh) and when the details were read. */
  fresh: boolean
  fetchedAt: string | null
  /** housekeeping.lastPurge; housekeeping.purge replaces it. */
  lastPurge: PurgeReport | null
}

const domainOf = (email: string): string => email.split('@')[1]?.toLowerCase() ?? ''

export function createFakeDesk(
  options: {
    status?: AppStatus
    /** Merged over the defaults below. */
    settings?: Partial<Settings>
    clients?: Client[]
    contacts?: Contact[]
    logins?: Record<number, FakeLogin[]>
    ownerPreferences?: Record<number, EmailPreferences>
    outbox?: OutboxItem[]
    conflicts?: ConflictItem[]
    audit?: AuditItem[]
    handlers?: FakeHandlers
  } = {},
): FakeDesk {
  const clients = options.clients ?? makeClients(1000)
  let settings: Settings = { staffName: '', language: 'pt-BR', theme: 'system', purgeAfterDays: 90, pullIntervalMinutes: 15, permissionPresets: [], ...options.settings }
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>()
  const calls: FakeDesk['calls'] = []
  const model: FakeModel = {
    contacts: [...(options.contacts ?? [])],
    logins: new Map(Object.entries(options.logins ?? {}).map(([id, logins]) => [Number(id), logins])),
    ownerPreferences: new Map(Object.entries(options.ownerPreferences ?? {}).map(([id, preferences]) => [Number(id), preferences])),
    outbox: [...(options.outbox ?? [])],
    conflicts: [...(options.conflicts ?? [])],
    audit: [...(options.audit ?? [])],
    fresh: true,
    fetchedAt: new Date().toISOString(),
    lastPurge: null,
  }
  let status = options.status ?? connectedStatus({ clientCount: clients.length })
  let nextId = 1

  const counts = (): AppStatus['outbox'] => {
    const out = { pending: 0, failed: 0, rejected: 0, conflict: 0, held: 0 }
    for (const item of model.outbox) out[item.state]++
    return out
  }
  const emitStatus = (): void => {
    status = { ...status, outbox: counts(), conflicts: model.conflicts.length }
    for (const listener of listeners.get('status.changed') ?? []) listener(status)
  }
  const notFound = (what: string) => ({ ok: false as const, error: { code: 'not_found' as const, message: `no such ${what}` } })
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
    model.logins.set(clientId, logins.map((each, at) => (at === index ? changed : each)))
    return changed
  }
  const setAccess = (contact: Contact, access: Access): Contact => {
    const before = contact.access ?? { enabled: false, permissions: [] }
    const op = !before.enabled && access.enabled ? 'grant_access' : before.enabled && !access.enabled ? 'revoke_access' : 'change_access'
    queue(contact, op, ['access'])
    return put({ ...contact, access: access.enabled ? access : { enabled: false, permissions: [] }, sync: 'pending' })
  }

  const defaults: { [M in MethodName]: Handler<M> } = {
    'app.status': () => ({ ok: true, value: status }),
    'app.diagnostics': () => {
      const none = { count: 0, p50Ms: 0, p99Ms: 0, maxMs: 0 }
      return { ok: true, value: { transactions: { edits: none, pull: none }, eventLoopDelay: { p99Ms: 0, maxMs: 0 }, memory: { rssBytes: 1, heapUsedBytes: 1 } } }
    },
    'portal.test': () => ({ ok: true, value: { portal: demoPortal, clientCount: clients.length, secretStored: true, warnings: [] } }),
    'portal.connect': () => ({ ok: true, value: { portal: demoPortal, clientCount: clients.length, secretStored: true, warnings: [] } }),
    'portal.unlock': () => {
      status = { ...status, secretAvailable: true }
      return { ok: true, value: status }
    },
    'portal.connectDemo': () => {
      status = connectedStatus({ lastSync: null, clientCount: 0 })
      return { ok: true, value: { portal: demoPortal, clientCount: clients.length, secretStored: true, warnings: [] } }
    },
    'sync.run': () => {
      const at = new Date().toISOString()
      const sent = model.outbox.length
      model.outbox = []
      model.contacts = model.contacts.map((contact) => ({ ...contact, sync: 'synced' }))
      status = { ...status, clientCount: clients.length, lastSync: { at, ok: true, error: null }, outbox: counts() }
      const none = { added: 0, updated: 0, removed: 0, unchanged: 0 }
      return {
        ok: true,
        value: {
          scope: 'full',
          pulled: { clients: { ...none, added: clients.length }, contacts: none, users: none, domains: none },
          calls: 1,
          pushed: { sent, failed: 0, rejected: 0, conflicts: 0, held: 0 },
          startedAt: at,
          finishedAt: at,
          durationMs: 5,
        },
      }
    },
    'sync.cancel': () => ({ ok: true, value: { cancelled: status.syncing } }),
    'clients.list': (input) => {
      const search = (input.search ?? '').toLowerCase()
      const offset = input.offset ?? 0
      const limit = input.limit ?? 100
      const matching = search
        ? clients.filter((client) =>
            `${client.firstName} ${client.lastName} ${client.companyName} ${client.email}`.toLowerCase().includes(search),
          )
        : clients
      return { ok: true, value: { total: matching.length, offset, items: matching.slice(offset, offset + limit) } }
    },
    'clients.get': (input) => {
      const client = clients.find((each) => each.id === input.id)
      return client ? { ok: true, value: client } : notFound('client')
    },
    'clients.open': (input) => {
      const client = clients.find((each) => each.id === input.id)
      if (!client) return notFound('client')
      const contacts = model.contacts.filter((contact) => contact.clientId === client.id)
      const owner = model.ownerPreferences.get(client.id) ?? { ...ALL_ON, affiliate: false }
      const logins = (model.logins.get(client.id) ?? [{ kind: 'owner', name: `${client.firstName} ${client.lastName}`, email: client.email, permissions: [], inviteState: null, contactLocalId: null }]).map((login): Login => ({
        userId: null,
        sync: 'synced',
        removing: false,
        ...login,
        contactLocalId: login.kind === 'owner' ? null : (contacts.find((contact) => contact.email.toLowerCase() === login.email.toLowerCase())?.localId ?? null),
      }))
      const recipients = [...(owner.invoice ? [client.email] : []), ...contacts.filter((contact) => contact.emailPreferences.invoice).map((contact) => contact.email)]
      const warnings: ClientView['warnings'] =
        recipients.length === 0 ? ['no_invoice_recipient'] : recipients.every((email) => domainOf(email) === domainOf(client.email)) ? ['all_recipients_on_own_domain'] : []
      const pendingOwner = model.outbox.some((item) => item.entityKey === String(client.id))
      return {
        ok: true,
        value: {
          client,
          ownerEmailPreferences: owner,
          ownerSync: pendingOwner ? 'pending' : 'synced',
          contacts,
          logins,
          fetchedAt: model.fetchedAt,
          // refresh: false reads the cache alone, as main does: never fresh.
          fresh: input.refresh !== false && model.fresh,
          domains: [],
          warnings,
        },
      }
    },
    'settings.get': () => ({ ok: true, value: settings }),
    'settings.update': (input) => {
      settings = { ...settings, ...input }
      return { ok: true, value: settings }
    },
    'contacts.list': (input) => ({ ok: true, value: model.contacts.filter((contact) => contact.clientId === input.clientId) }),
    // As main searches: a whole e-mail address is that address exactly; else every word in the contact's or its client's text.
    'contacts.search': (input) => {
      const search = input.search.trim().toLowerCase()
      const words = search.split(/\s+/).filter((word) => word !== '')
      const clientOf = (contact: Contact) => clients.find((client) => client.id === contact.clientId)
      const matching = model.contacts.filter((contact) => {
        if (input.hasAccess !== undefined && (contact.access?.enabled ?? false) !== input.hasAccess) return false
        if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(search)) return contact.email.toLowerCase() === search
        const client = clientOf(contact)
        const text = `${contact.firstName} ${contact.lastName} ${contact.companyName} ${contact.email} ${client?.firstName} ${client?.lastName} ${client?.companyName} ${client?.email}`.toLowerCase()
        return words.length > 0 && words.every((word) => text.includes(word))
      })
      const offset = input.offset ?? 0
      const items = matching.slice(offset, offset + (input.limit ?? 200)).map((contact) => {
        const client = clientOf(contact)
        return { contact, clientName: client ? `${client.firstName} ${client.lastName}`.trim() || client.companyName : `#${contact.clientId}` }
      })
      return { ok: true, value: { total: matching.length, offset, items } }
    },
    'contacts.create': (input) => {
      const id = nextId++
      const contact: Contact = {
        ...input.fields,
        localId: `new-${id}`,
        remoteId: null,
        clientId: input.clientId,
        access: { enabled: false, permissions: [] },
        sync: 'pending',
      }
      queue(contact, 'create_contact', [])
      put(contact)
      const result = input.access?.enabled ? setAccess(contact, input.access) : contact
      emitStatus()
      return { ok: true, value: result }
    },
    'contacts.update': (input) => {
      const contact = model.contacts.find((each) => each.localId === input.localId)
      if (!contact) return notFound('contact')
      queue(contact, 'update_contact', Object.keys(input.changes))
      const updated = put({ ...contact, ...input.changes, sync: 'pending' } as Contact)
      emitStatus()
      return { ok: true, value: updated }
    },
    'contacts.delete': (input) => {
      const contact = model.contacts.find((each) => each.localId === input.localId)
      if (!contact) return notFound('contact')
      model.contacts = model.contacts.filter((each) => each.localId !== input.localId)
      queue(contact, 'delete_contact', [])
      emitStatus()
      return { ok: true, value: { localId: input.localId } }
    },
    'access.set': (input) => {
      const contact = model.contacts.find((each) => each.localId === input.localId)
      if (!contact) return notFound('contact')
      const updated = setAccess(contact, input.access)
      emitStatus()
      return { ok: true, value: updated }
    },
    'logins.setAccess': (input) => {
      const changed = setLoginAccess(input.clientId, input.userId, input.access)
      if (!changed) return notFound('login')
      emitStatus()
      return { ok: true, value: changed }
    },
    'logins.search': (input) => {
      const email = input.email.trim().toLowerCase()
      const hits: LoginHit[] = []
      for (const [clientId, logins] of model.logins) {
        const client = clients.find((each) => each.id === clientId)
        const isContact = model.contacts.some((contact) => contact.clientId === clientId && contact.email.toLowerCase() === email)
        for (const login of logins) {
          if (login.kind !== 'user' || login.userId == null || isContact || login.email.toLowerCase() !== email) continue
          const { sync = 'synced', removing = false } = login
          hits.push({ clientId, clientName: client ? `${client.firstName} ${client.lastName}` : `#${clientId}`, userId: login.userId, name: login.name, email: login.email, permissions: login.permissions, sync, removing })
        }
      }
      return { ok: true, value: hits }
    },
    'bulk.setAccess': (input) => {
      const changed: Contact[] = []
      for (const login of input.logins ?? []) setLoginAccess(login.clientId, login.userId, input.access)
      for (const localId of input.localIds ?? []) {
        const contact = model.contacts.find((each) => each.localId === localId)
        if (contact) changed.push(setAccess(contact, input.access))
      }
      emitStatus()
      return { ok: true, value: changed }
    },
    'bulk.setEmailPreferences': (input) => {
      const changed: Contact[] = []
      for (const localId of input.localIds) {
        const contact = model.contacts.find((each) => each.localId === localId)
        if (!contact) continue
        queue(contact, 'update_contact', ['emailPreferences.invoice'])
        changed.push(put({ ...contact, emailPreferences: input.emailPreferences, sync: 'pending' }))
      }
      emitStatus()
      return { ok: true, value: changed }
    },
    'clients.setEmailPreferences': (input) => {
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
      return { ok: true, value: input.emailPreferences }
    },
    'outbox.list': () => ({ ok: true, value: model.outbox }),
    'outbox.retry': (input) => {
      const item = model.outbox.find((each) => each.id === input.id)
      if (!item) return notFound('entry')
      const retried: OutboxItem = { ...item, state: 'pending', lastError: null }
      model.outbox = model.outbox.map((each) => (each.id === input.id ? retried : each))
      emitStatus()
      return { ok: true, value: retried }
    },
    'outbox.discard': (input) => {
      model.outbox = model.outbox.filter((each) => each.id !== input.id)
      emitStatus()
      return { ok: true, value: { id: input.id } }
    },
    'conflicts.list': () => ({ ok: true, value: model.conflicts }),
    'conflicts.resolve': (input) => {
      model.conflicts = model.conflicts.filter((each) => each.id !== input.id)
      emitStatus()
      return { ok: true, value: { id: input.id } }
    },
    'audit.list': (input) => ({ ok: true, value: model.audit.filter((item) => input.clientId === undefined || item.clientId === input.clientId) }),
    'cache.reset': (input) => {
      const edits = model.outbox.length
      if ((edits > 0 || model.conflicts.length > 0) && !input.discardPending) {
        const params = { edits: String(edits), conflicts: String(model.conflicts.length) }
        return { ok: false, error: { code: 'pending_edits', message: 'edits would be lost', params } }
      }
      model.outbox = []
      model.conflicts = []
      model.contacts = []
      model.lastPurge = null
      status = { ...status, clientCount: 0, lastSync: null }
      emitStatus()
      return { ok: true, value: status }
    },
    'housekeeping.purge': () => {
      if (settings.purgeAfterDays === null) return { ok: true, value: null }
      model.lastPurge = { at: new Date().toISOString(), afterDays: settings.purgeAfterDays, clients: 0, auditEntries: 0, resolvedConflicts: 0 }
      return { ok: true, value: model.lastPurge }
    },
    'housekeeping.lastPurge': () => ({ ok: true, value: model.lastPurge }),
  }

  const api = {} as Record<MethodName, (input: unknown) => Promise<Result<unknown>>>
  for (const method of Object.keys(defaults) as MethodName[]) {
    api[method] = vi.fn(async (input: unknown) => {
      calls.push({ method, input })
      const handler = (options.handlers?.[method] ?? defaults[method]) as (input: unknown) => Promise<Result<unknown>> | Result<unknown>
      return handler(input)
    })
  }

  return {
    api: api as unknown as DeskApi,
    calls,
    model,
    on(event, listener) {
      const set = listeners.get(event) ?? new Set()
      listeners.set(event, set)
      const entry = listener as (payload: unknown) => void
      set.add(entry)
      return () => set.delete(entry)
    },
    emit(event, payload) {
      if (event === 'status.changed') status = payload as AppStatus
      for (const listener of listeners.get(event) ?? []) listener(payload)
    },
    listenerCount: (event) => listeners.get(event)?.size ?? 0,
  }
}
