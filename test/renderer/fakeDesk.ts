// A DeskBridge in memory for renderer tests: handlers per method (overridable), events pushed by the test.
import { vi } from 'vitest'
import type {
  AppStatus,
  DeskApi,
  DeskBridge,
  EventName,
  EventPayload,
  MethodInput,
  MethodName,
  MethodOutput,
} from '../../src/shared/contract'
import type { Client, PortalInfo, Settings } from '../../src/shared/domain'
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

export function connectedStatus(overrides: Partial<AppStatus> = {}): AppStatus {
  return {
    portal: demoPortal,
    secretAvailable: true,
    clientCount: 1000,
    lastSync: { at: new Date().toISOString(), ok: true, error: null },
    syncing: false,
    online: true,
    ...overrides,
  }
}

export interface FakeDesk extends DeskBridge {
  calls: { method: MethodName; input: unknown }[]
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void
  listenerCount(event: EventName): number
}

export function createFakeDesk(options: {
  status?: AppStatus
  settings?: Settings
  clients?: Client[]
  handlers?: FakeHandlers
} = {}): FakeDesk {
  const clients = options.clients ?? makeClients(1000)
  let status = options.status ?? connectedStatus({ clientCount: clients.length })
  let settings: Settings = options.settings ?? { staffName: '', language: 'pt-BR', theme: 'system' }
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>()
  const calls: FakeDesk['calls'] = []

  const defaults: { [M in MethodName]: Handler<M> } = {
    'app.status': () => ({ ok: true, value: status }),
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
      status = { ...status, clientCount: clients.length, lastSync: { at, ok: true, error: null } }
      return {
        ok: true,
        value: { clients: { added: clients.length, updated: 0, removed: 0, unchanged: 0 }, startedAt: at, finishedAt: at, durationMs: 5 },
      }
    },
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
      return client ? { ok: true, value: client } : { ok: false, error: { code: 'not_found', message: 'no such client' } }
    },
    'settings.get': () => ({ ok: true, value: settings }),
    'settings.update': (input) => {
      settings = { ...settings, ...input }
      return { ok: true, value: settings }
    },
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
