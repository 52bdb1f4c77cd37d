// Contact Desk's core, assembled: what Electron's main, the loopback bridge and the CLI all open.
// It holds the current portal, its cache and its secret, and implements every contract method.
import type { AppStatus, ConnectResult, Emit, MethodParsedInput } from '../../shared/contract'
import type { PortalInfo, PortalRef, Settings, SyncSummary } from '../../shared/domain'
import { DeskFailure, type DeskError } from '../../shared/errors'
import { loadAppState, saveAppState, type AppState } from './app-state'
import { createDispatch, type Dispatch, type Handlers } from './dispatch'
import { countClients, getClient, listClients, replaceClients } from './db/clients'
import type { Db } from './db/database'
import { cacheKey, openPortalCache } from './db/portal-cache'
import { lastSyncRun, recordSyncRun } from './db/sync-runs'
import { fetchTransport, type HttpTransport } from './portal/transport'
import { resolveApiUrl } from './portal/url'
import { createWhmcsClient } from './portal/whmcs-client'
import type { SecretStore } from './secrets'
import { pullClients } from './sync/pull-clients'

/** Credentials of a portal started on this machine (the built-in demo). */
export interface LocalPortal {
  apiUrl: string
  identifier: string
  secret: string
  /** Stops it; the desk calls this when it closes. */
  close?: () => Promise<void>
}

export interface DeskOptions {
  /** Where settings and the per-portal caches live. */
  dataDir: string
  secrets: SecretStore
  /** Defaults to plain fetch. */
  transport?: HttpTransport
  /** Pushes events to whoever listens. */
  emit: Emit
  /** Starts the built-in demo portal (not part of the core; the app and browser mode pass it in). */
  startDemoPortal?: () => Promise<LocalPortal>
  /** Per-request timeout towards the portal. */
  timeoutMs?: number
  /** Told about failures that are bugs, for the log. */
  onInternalError?: (where: string, error: unknown) => void
}

export interface Desk {
  handlers: Handlers
  dispatch: Dispatch
  /** Stops sync, closes the cache. */
  close(): Promise<void>
}

/** Clients per GetClients page: WHMCS sets no cap, and fewer round trips matter more than page size. */
const PAGE_SIZE = 500
/** Requests in flight at once during a pull: enough to hide latency, few enough to be a polite client. */
const PULL_CONCURRENCY = 3

type ConnectInput = MethodParsedInput<'portal.connect'>

interface Current {
  info: PortalInfo
  db: Db
}

export function openDesk(options: DeskOptions): Desk {
  const transport = options.transport ?? fetchTransport
  const { emit, secrets, dataDir } = options
  let state: AppState = loadAppState(dataDir).state
  let current: Current | null = null
  let online: boolean | null = null
  let syncing: AbortController | null = null
  let running: Promise<unknown> = Promise.resolve()
  let demo: Promise<LocalPortal> | null = null
  let closed = false

  // The demo portal's address changes on every start, so its cache is named for the demo itself.
  const cacheRef = (info: PortalInfo): PortalRef => (info.demo ? { apiUrl: 'demo:', identifier: info.identifier } : info)
  const secretKey = (info: PortalInfo) => `portal-secret:${cacheKey(cacheRef(info))}`

  function openCurrent(): Current | null {
    if (current || !state.portal) return current
    current = { info: state.portal, db: openPortalCache(dataDir, cacheRef(state.portal)) }
    return current
  }

  function status(): AppStatus {
    const open = openCurrent()
    const last = open ? lastSyncRun(open.db) : null
    return {
      portal: open?.info ?? null,
      secretAvailable: open ? open.info.demo || secrets.get(secretKey(open.info)) !== null : false,
      clientCount: open ? countClients(open.db) : 0,
      lastSync: last,
      syncing: syncing !== null,
      online,
    }
  }

  const emitStatus = () => emit('status.changed', status())

  /** Notes whether the portal answered, so the status bar can say online or offline. */
  async function reach<T>(call: Promise<T>): Promise<T> {
    try {
      const value = await call
      setOnline(true)
      return value
    } catch (error) {
      if (error instanceof DeskFailure && (error.code === 'unreachable' || error.code === 'timeout')) setOnline(false)
      else if (error instanceof DeskFailure) setOnline(true)
      throw error
    }
  }
  function setOnline(value: boolean) {
    if (online === value) return
    online = value
    emitStatus()
  }

  function startDemo(): Promise<LocalPortal> {
    if (!options.startDemoPortal) throw new DeskFailure('not_found', 'The built-in demo portal is not available in this build.')
    demo ??= options.startDemoPortal().catch((error: unknown) => {
      demo = null
      throw error
    })
    return demo
  }

  /** Checks a portal: its credentials (GetClients), its generation (WhmcsDetails, where the API role allows it). */
  async function probe(input: ConnectInput, isDemo: boolean): Promise<Omit<ConnectResult, 'secretStored'>> {
    const apiUrl = resolveApiUrl(input.url)
    const portal = createWhmcsClient({ apiUrl, identifier: input.identifier, secret: input.secret, transport, timeoutMs: options.timeoutMs })
    const first = await reach(portal.getClients({ limitstart: 0, limitnum: 1 }))
    const warnings = [...first.warnings]
    let version: string | null = null
    let detected: '7' | '8' | null = null
    try {
      const details = await reach(portal.whmcsDetails())
      version = details.version
      detected = details.generation
    } catch (error) {
      // An API role may forbid WhmcsDetails; the credentials still work, so say so instead of failing.
      if (!(error instanceof DeskFailure) || (error.code !== 'permission_denied' && error.code !== 'portal_error')) throw error
    }
    if (input.generation === 'auto' && detected === null) {
      warnings.push('The WHMCS version could not be read (WhmcsDetails is not allowed for this API credential); assuming WHMCS 8. Choose 7 or 8 in the settings if that is wrong.')
    }
    const generation = input.generation === 'auto' ? (detected ?? '8') : input.generation
    return {
      portal: { apiUrl, identifier: input.identifier, generation, version, demo: isDemo },
      clientCount: first.total,
      warnings,
    }
  }

  async function connect(input: ConnectInput, isDemo: boolean): Promise<ConnectResult> {
    const result = await probe(input, isDemo)
    if (syncing) throw new DeskFailure('busy', 'A sync is running; wait for it to end before switching portals.')
    current?.db.close()
    current = null
    state = { ...state, portal: result.portal }
    saveAppState(dataDir, state)
    secrets.set(secretKey(result.portal), input.secret)
    openCurrent()
    emitStatus()
    return { ...result, secretStored: secrets.persistent }
  }

  function requirePortal(): Current {
    const open = openCurrent()
    if (!open) throw new DeskFailure('not_connected', 'No portal is connected yet. Connect one in the settings (or use the demo portal).')
    return open
  }

  async function portalFor(open: Current) {
    let { apiUrl } = open.info
    let secret = secrets.get(secretKey(open.info))
    if (open.info.demo) {
      const local = await startDemo()
      apiUrl = local.apiUrl
      secret = local.secret
    }
    if (secret === null) {
      throw new DeskFailure('secret_required', 'The API secret of this portal is not kept on this computer; enter it to continue.')
    }
    return createWhmcsClient({ apiUrl, identifier: open.info.identifier, secret, transport, timeoutMs: options.timeoutMs })
  }

  async function sync(): Promise<SyncSummary> {
    const open = requirePortal()
    if (syncing) throw new DeskFailure('busy', 'A sync is already running.')
    const controller = new AbortController()
    syncing = controller
    const startedAt = new Date()
    emitStatus()
    emit('sync.progress', { phase: 'connecting', done: 0, total: null, rate: 0 })
    try {
      const portal = await portalFor(open)
      const clients = await reach(
        pullClients(portal, {
          pageSize: PAGE_SIZE,
          concurrency: PULL_CONCURRENCY,
          signal: controller.signal,
          onProgress: (progress) => emit('sync.progress', progress),
        }),
      )
      emit('sync.progress', { phase: 'saving', done: clients.length, total: clients.length, rate: 0 })
      const finishedAt = new Date()
      const summary: SyncSummary = {
        clients: replaceClients(open.db, clients, finishedAt.toISOString()),
        startedAt: startedAt.toISOString(),
        finishedAt: finishedAt.toISOString(),
        durationMs: finishedAt.getTime() - startedAt.getTime(),
      }
      recordSyncRun(open.db, { startedAt: summary.startedAt, finishedAt: summary.finishedAt, ok: true, summary, error: null })
      emit('sync.progress', { phase: 'done', done: clients.length, total: clients.length, rate: 0 })
      return summary
    } catch (error) {
      const failure: DeskError =
        error instanceof DeskFailure ? error.toError() : { code: 'internal', message: error instanceof Error ? error.message : String(error) }
      if (!closed) {
        recordSyncRun(open.db, { startedAt: startedAt.toISOString(), finishedAt: new Date().toISOString(), ok: false, summary: null, error: failure })
      }
      throw error
    } finally {
      syncing = null
      if (!closed) emitStatus()
    }
  }

  function updateSettings(patch: Partial<Settings>): Settings {
    state = { ...state, settings: { ...state.settings, ...patch } }
    saveAppState(dataDir, state)
    return state.settings
  }

  const handlers: Handlers = {
    'app.status': async () => status(),
    'portal.test': async (input) => ({ ...(await probe(input, false)), secretStored: false }),
    'portal.connect': (input) => connect(input, false),
    'portal.unlock': async ({ secret }) => {
      const open = requirePortal()
      secrets.set(secretKey(open.info), secret)
      emitStatus()
      return status()
    },
    'portal.connectDemo': async () => {
      const local = await startDemo()
      return connect({ url: local.apiUrl, identifier: local.identifier, secret: local.secret, generation: 'auto' }, true)
    },
    'sync.run': () => {
      const run = sync()
      running = run.catch(() => undefined)
      return run
    },
    'clients.list': async (query) => {
      const open = openCurrent()
      return open ? listClients(open.db, query) : { total: 0, offset: query.offset, items: [] }
    },
    'clients.get': async ({ id }) => {
      const client = getClient(requirePortal().db, id)
      if (!client) throw new DeskFailure('not_found', `Client ${id} is not in the local cache.`, { id: String(id) })
      return client
    },
    'settings.get': async () => state.settings,
    'settings.update': async (patch) => updateSettings(patch),
  }

  return {
    handlers,
    dispatch: createDispatch(handlers, { onInternalError: options.onInternalError }),
    async close() {
      // Graceful: stop the sync, let its open transaction finish, then close the file.
      closed = true
      syncing?.abort()
      await running
      current?.db.close()
      current = null
      const local = await demo?.catch(() => null)
      await local?.close?.()
    },
  }
}
