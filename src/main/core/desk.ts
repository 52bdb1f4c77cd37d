// Contact Desk's core, assembled: what Electron's main, the loopback bridge and the CLI all open.
// It holds the current portal, its cache and its secret, and implements every contract method.
import type { AppStatus, ConnectResult, Emit, MethodParsedInput, PurgeReport } from '../../shared/contract'
import type { PortalInfo, PortalRef, Settings, SyncScope, SyncSummary } from '../../shared/domain'
import { DeskError, DeskFailure, errorText, REFUSED_CODES } from '../../shared/errors'
import { loadAppState, saveAppState, type AppState } from './app-state'
import { createDiagnostics } from './diagnostics'
import { createDispatch, type Dispatch, type Handlers } from './dispatch'
import { countClients, getClient, listClients } from './db/clients'
import type { Db } from './db/database'
import { cacheKey, openPortalCache, portalCachePath } from './db/portal-cache'
import { lastFullPullAt, lastSyncRun, pulledListSizes, readRefusal, recordSyncRun, writeRefusal } from './db/sync-runs'
import { fetchTransport, type HttpTransport } from './portal/transport'
import { resolveApiUrl } from './portal/url'
import { createWhmcsClient } from './portal/whmcs-client'
import type { SecretStore } from './secrets'
import { randomUUID } from 'node:crypto'
import { newLocalId } from './db/local-id'
import { createInviteStore } from './access/invites'
import { listAudit } from './db/audit'
import { countOpenConflicts, openConflicts } from './db/conflicts'
import { getContact, listContactsOf } from './db/contacts'
import { searchContacts } from './db/contact-search'
import { checkedContact } from './editing/contact-checks'
import { allEntries, countEntries } from './db/outbox'
import { createContact, deleteContact, setAccess, setAccessOfMany, setClientEmailPreferences, setEmailPreferencesOfMany, updateContact, type EditContext } from './editing/edits'
import { discardEntry, resolveConflict, retryEntry } from './editing/resolve'
import { runSync } from './sync/engine'
import { firstPullInMs, pullIntervalMs } from './sync/pull-interval'
import { createScheduler } from './sync/scheduler'
import { passwordKey } from './sync/push'
import { conflictView, contactView, loginHits, loginView, outboxView } from './views/records'
import { isEmailAddress } from '../../shared/contact-rules'
import { setLoginAccess } from './editing/logins'
import { getClientDetails } from './db/client-details'
import { openClientView } from './views/client'
import { assertResettable, deleteCacheFiles, forgetSecrets, passwordKeysOf } from './cache-reset'
import { markClientOpened } from './db/client-opened'
import { acquireLease, leaseHolderId, releaseLease, SYNC_LEASE } from './db/lease'
import { lastPurge, runPurge, startDailyPurge } from './housekeeping'

/** How often a running sync also says the status (its counts), so the client list fills in as a first pull goes. */
const STATUS_DURING_SYNC_MS = 2_000

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
  /** Sync by itself: on start, periodically, soon after edits, with backoff while offline (the app; not the CLI). */
  autoSync?: boolean
  /** The SQLite driver's native build for this runtime (the app's Electron build, docs/ARCHITECTURE.md §10); defaults to node_modules' own. */
  nativeBinding?: string
  /** Records per page and rows per transaction of a pull (sync/pull.ts); tests make them small to split a small pull. */
  pull?: { pageSize?: number; chunkRows?: number }
}

export interface Desk {
  dispatch: Dispatch
  /** Stops sync, closes the cache. */
  close(): Promise<void>
}

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
  /** The API calls the passes of this desk have made (the scheduler pays for a failed pull with them). */
  let portalCalls = 0
  let running: Promise<unknown> = Promise.resolve()
  let demo: Promise<LocalPortal> | null = null
  let closed = false
  const diagnostics = createDiagnostics()

  // The demo portal's address changes on every start, so its cache is named for the demo itself.
  const cacheRef = (info: PortalInfo): PortalRef => (info.demo ? { apiUrl: 'demo:', identifier: info.identifier } : info)
  const secretKey = (info: PortalInfo) => `portal-secret:${cacheKey(cacheRef(info))}`

  function openCurrent(): Current | null {
    if (current || !state.portal) return current
    current = { info: state.portal, db: openPortalCache(dataDir, cacheRef(state.portal), { nativeBinding: options.nativeBinding }) }
    return current
  }

  function status(): AppStatus {
    const open = openCurrent()
    const nextPull = scheduler?.nextPullAt()
    const last = open ? lastSyncRun(open.db) : null
    return {
      portal: open?.info ?? null,
      secretAvailable: open ? open.info.demo || secrets.get(secretKey(open.info)) !== null : false,
      clientCount: open ? countClients(open.db) : 0,
      lastSync: last,
      syncing: syncing !== null,
      online,
      outbox: open ? countEntries(open.db) : { pending: 0, failed: 0, rejected: 0, conflict: 0, held: 0 },
      conflicts: open ? countOpenConflicts(open.db) : 0,
      refused: open ? readRefusal(open.db) : null,
      nextPullAt: open && typeof nextPull === 'number' ? new Date(nextPull).toISOString() : null,
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
    const back = online === false && value
    online = value
    emitStatus()
    // The portal answers again: what waits goes now, not at the next backoff step.
    if (back) scheduler?.reconnected()
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
    scheduler?.start()
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

  /** A sync, tracked so close() can wait for it. Scheduled runs respect each entry's backoff; asked-for runs retry now. */
  function startSync(force: boolean, scope: SyncScope): Promise<SyncSummary> {
    const run = sync(force, scope)
    running = run.catch(() => undefined)
    return run
  }

  async function sync(force: boolean, scope: SyncScope): Promise<SyncSummary> {
    const open = requirePortal()
    if (syncing) throw new DeskFailure('busy', 'A sync is already running.')
    const controller = new AbortController()
    syncing = controller
    let statusAt = Date.now()
    const startedAt = new Date()
    // Asking for a sync is also saying "try again" after a refusal (docs/ARCHITECTURE.md §8.6).
    if (force) writeRefusal(open.db, null)
    emitStatus()
    emit('sync.progress', { phase: 'connecting', done: 0, total: null, rate: 0 })
    try {
      const portal = await portalFor(open)
      const summary = await reach(
        runSync({
          db: open.db,
          portal,
          generation: open.info.generation,
          secrets,
          scope,
          signal: controller.signal,
          force,
          pageSize: options.pull?.pageSize,
          chunkRows: options.pull?.chunkRows,
          onCommit: (ms) => diagnostics.record('pull', ms),
          onCall: () => void portalCalls++,
          onProgress: (progress) => {
            emit('sync.progress', progress)
            // Now and then the status too: its counts move during a long pull, and the client list follows them.
            if (Date.now() - statusAt >= STATUS_DURING_SYNC_MS) {
              statusAt = Date.now()
              emitStatus()
            }
          },
        }),
      )
      recordSyncRun(open.db, { startedAt: summary.startedAt, finishedAt: summary.finishedAt, ok: true, summary, error: null })
      emit('sync.progress', { phase: 'done', done: 1, total: 1, rate: 0 })
      // Asked for and through: a refusal the scheduler was waiting out is over, and a whole pull is the pull.
      if (force) scheduler?.succeeded(scope)
      return summary
    } catch (error) {
      // Stopped by someone (sync.cancel), not broken: said as such, and not retried at once.
      const stopped = controller.signal.aborted && !closed ? new DeskFailure('cancelled', 'The sync was cancelled; what it already wrote stays written.') : null
      const failure: DeskError =
        stopped?.toError() ??
        (error instanceof DeskFailure ? error.toError() : { code: 'internal', message: errorText(error) })
      if (!closed) {
        if (REFUSED_CODES.includes(failure.code)) writeRefusal(open.db, failure)
        recordSyncRun(open.db, { startedAt: startedAt.toISOString(), finishedAt: new Date().toISOString(), ok: false, summary: null, error: failure })
      }
      throw stopped ?? error
    } finally {
      syncing = null
      if (!closed) emitStatus()
    }
  }

  /** Runs one edit against the current cache, then tells the UI the counts moved. */
  function edit<T>(change: (context: EditContext) => T): T {
    const open = requirePortal()
    // No name set: '' is stored, and the screens say "(sem nome)" / "(no name)" in the reader's language.
    const context: EditContext = { db: open.db, staff: state.settings.staffName, now: () => new Date(), newId: newLocalId }
    // One transaction for the whole edit (what it writes, and the view of it that goes back), timed for the diagnostics.
    const began = performance.now()
    const result = open.db.transaction(() => change(context))()
    diagnostics.record('edits', performance.now() - began)
    emitStatus()
    scheduler?.edited()
    return result
  }

  /** A 7.x sub-account password waits in the SecretStore (encrypted where it can be) until its push succeeds. */
  function keepPassword(localId: string, password: string | undefined) {
    if (password !== undefined) secrets.set(passwordKey(localId), password)
  }

  function updateSettings(patch: Partial<Settings>): Settings {
    state = { ...state, settings: { ...state.settings, ...patch } }
    saveAppState(dataDir, state)
    return state.settings
  }

  /** How long after a whole-portal pull the next is due: the staff's minimum, or longer for a big portal. */
  function pullInterval(): number {
    const open = openCurrent()
    return pullIntervalMs({ minimumMinutes: state.settings.pullIntervalMinutes, sizes: open ? pulledListSizes(open.db, open.info.generation) : [] })
  }

  const scheduler = options.autoSync
    ? createScheduler({
        run: (scope) => startSync(false, scope),
        ready: () => {
          const open = openCurrent()
          return open !== null && (open.info.demo || secrets.get(secretKey(open.info)) !== null) && readRefusal(open.db) === null
        },
        pullInterval,
        callsMade: () => portalCalls,
        // A cache pulled a moment ago (the app restarted) is not pulled again at once; one that holds data, within a minute.
        firstPullIn: () => {
          const open = openCurrent()
          const last = open ? lastFullPullAt(open.db) : null
          return firstPullInMs({ lastPullAt: last === null ? null : Date.parse(last), intervalMs: pullInterval(), now: Date.now() })
        },
        afterEditMs: 3_000,
      })
    : null
  scheduler?.start()

  /** The LGPD purge of the current cache (housekeeping.ts), with the setting as it is now; null when it is off. */
  function purge(): PurgeReport | null {
    const days = state.settings.purgeAfterDays
    const open = openCurrent()
    return open && days !== null ? runPurge(open.db, days, new Date()) : null
  }
  function purgeUnasked(): void {
    try {
      purge()
    } catch (error) {
      // A cache that cannot be opened (a newer schema…) says so on the next call; anything else is a bug.
      if (!(error instanceof DeskFailure)) options.onInternalError?.('housekeeping', error)
    }
  }
  // At start, then once a day while running (the timer never keeps the process alive).
  purgeUnasked()
  const stopDailyPurge = startDailyPurge(purgeUnasked)

  /** "Reset local data": the current cache file deleted and started again empty; the portal and its secret stay. */
  function resetCache(discardPending: boolean): AppStatus {
    const open = requirePortal()
    if (syncing) throw new DeskFailure('busy', 'A sync is running; wait for it to end before resetting the local data.')
    assertResettable(open.db, discardPending)
    // The command line may be syncing this very file: the sync lease says so, and holding it keeps one from starting.
    const holder = leaseHolderId(randomUUID())
    if (!acquireLease(open.db, SYNC_LEASE, holder, 60_000)) {
      throw new DeskFailure('busy', 'Another Contact Desk (a window or the command line) is syncing this cache right now; try again when it ends.')
    }
    const passwords = passwordKeysOf(open.db)
    open.db.close()
    current = null
    try {
      deleteCacheFiles(portalCachePath(dataDir, cacheRef(open.info)))
    } catch (error) {
      releaseLease(requirePortal().db, SYNC_LEASE, holder)
      throw error
    }
    // The 7.x passwords waiting for pushes that will now never run.
    forgetSecrets(secrets, passwords)
    const fresh = status()
    emit('status.changed', fresh)
    // The app fills the empty cache again by itself, as after connecting.
    scheduler?.start()
    return fresh
  }

  const handlers: Handlers = {
    'app.status': async () => status(),
    'app.diagnostics': async () => diagnostics.read(),
    'portal.test': async (input) => ({ ...(await probe(input, false)), secretStored: false }),
    'portal.connect': (input) => connect(input, false),
    'portal.unlock': async ({ secret }) => {
      const open = requirePortal()
      secrets.set(secretKey(open.info), secret)
      writeRefusal(open.db, null)
      emitStatus()
      scheduler?.start()
      return status()
    },
    'portal.connectDemo': async () => {
      const local = await startDemo()
      return connect({ url: local.apiUrl, identifier: local.identifier, secret: local.secret, generation: 'auto' }, true)
    },
    'sync.run': ({ scope }) => startSync(true, scope),
    'clients.list': async (query) => {
      const open = openCurrent()
      return open ? listClients(open.db, query) : { total: 0, offset: query.offset, items: [] }
    },
    'clients.get': async ({ id }) => {
      const client = getClient(requirePortal().db, id)
      if (!client) throw new DeskFailure('not_found', `Client ${id} is not in the local cache.`, { id: String(id) })
      return client
    },
    'clients.open': async ({ id, refresh }) => {
      const open = requirePortal()
      // refresh: false (a re-render after a local edit) reads the cache alone: instant offline, and it says
      // nothing about whether the portal answers.
      const portal = !refresh
        ? null
        : await portalFor(open).catch((error: unknown) => {
            if (error instanceof DeskFailure && error.code === 'secret_required') return null
            throw error
          })
      const view = await openClientView({ db: open.db, portal, generation: open.info.generation, now: () => new Date() }, id)
      // The LGPD purge's clock: what opening read stays while staff keep opening the client.
      markClientOpened(open.db, id, new Date())
      if (portal) setOnline(view.fresh)
      return view
    },
    'settings.get': async () => state.settings,
    'settings.update': async (patch) => {
      const settings = updateSettings(patch)
      // The next whole-portal pull moves to the new interval (counted from the last one).
      if (patch.pullIntervalMinutes !== undefined) scheduler?.start()
      return settings
    },
    'sync.cancel': async () => {
      const cancelled = syncing !== null
      syncing?.abort()
      return { cancelled }
    },
    'contacts.search': async (query) => {
      const open = openCurrent()
      if (!open) return { total: 0, offset: query.offset, items: [] }
      const found = searchContacts(open.db, query)
      return { ...found, items: found.items.map(({ contact, clientName }) => ({ contact: contactView(open.db, contact), clientName })) }
    },
    'contacts.list': async ({ clientId }) => {
      const open = requirePortal()
      return listContactsOf(open.db, clientId)
        .filter((contact) => !contact.deleted)
        .map((contact) => contactView(open.db, contact))
    },
    'contacts.create': async ({ clientId, fields, access, password }) =>
      edit((context) => {
        const created = createContact(context, clientId, checkedContact(fields, 'fields'), access)
        keepPassword(created.localId, password)
        return contactView(context.db, created)
      }),
    'contacts.update': async ({ localId, changes }) =>
      edit((context) => {
        const current = getContact(context.db, localId)
        if (!current) throw new DeskFailure('not_found', `Contact ${localId} is not in the local cache.`, { localId })
        const merged = checkedContact({ ...current.data.fields, ...changes }, 'changes', Object.keys(changes))
        const normalized = Object.fromEntries(Object.keys(changes).map((key) => [key, merged[key as keyof typeof merged]])) as typeof changes
        return contactView(context.db, updateContact(context, localId, normalized))
      }),
    'contacts.delete': async ({ localId }) =>
      edit((context) => {
        deleteContact(context, localId)
        return { localId }
      }),
    'logins.setAccess': async ({ clientId, userId, access }) =>
      edit((context) => {
        const open = requirePortal()
        setLoginAccess({ ...context, generation: open.info.generation }, clientId, userId, access)
        const stored = getClientDetails(context.db, clientId)?.logins?.find((login) => login.userId === userId)
        if (!stored) throw new DeskFailure('internal', `Login ${userId} of client ${clientId} vanished from the cache during the edit.`)
        return loginView(context.db, clientId, stored, null)
      }),
    'access.set': async ({ localId, access, password }) =>
      edit((context) => {
        const changed = setAccess(context, localId, access)
        keepPassword(localId, password)
        return contactView(context.db, changed)
      }),
    'bulk.setAccess': async ({ localIds, logins, access }) =>
      edit((context) => {
        const { generation } = requirePortal().info
        // One transaction for everyone chosen: contacts and logins alike (docs/ARCHITECTURE.md §7).
        return context.db.transaction(() => {
          for (const login of logins) setLoginAccess({ ...context, generation }, login.clientId, login.userId, access)
          return setAccessOfMany(context, localIds, access).map((contact) => contactView(context.db, contact))
        })()
      }),
    'logins.search': async ({ email }) => {
      const open = openCurrent()
      return open && isEmailAddress(email) ? loginHits(open.db, email) : []
    },
    'bulk.setEmailPreferences': async ({ localIds, emailPreferences }) =>
      edit((context) => setEmailPreferencesOfMany(context, localIds, emailPreferences).map((contact) => contactView(context.db, contact))),
    'clients.setEmailPreferences': async ({ clientId, emailPreferences }) => edit((context) => setClientEmailPreferences(context, clientId, emailPreferences)),
    'outbox.list': async () => {
      const open = requirePortal()
      return allEntries(open.db).map((entry) => outboxView(open.db, entry))
    },
    'outbox.retry': async ({ id, resendInvite }) =>
      edit((context) => outboxView(context.db, retryEntry({ ...context, invites: createInviteStore(context.db) }, id, resendInvite))),
    'outbox.discard': async ({ id }) =>
      edit((context) => {
        discardEntry(context, id)
        return { id }
      }),
    'conflicts.list': async () => {
      const open = requirePortal()
      return openConflicts(open.db).map((conflict) => conflictView(open.db, conflict))
    },
    'conflicts.resolve': async ({ id, choice, value }) =>
      edit((context) => {
        resolveConflict(context, id, choice, value)
        return { id }
      }),
    'audit.list': async (query) => listAudit(requirePortal().db, query).map(({ outboxId: _outboxId, ...item }) => item),
    'cache.reset': async ({ discardPending }) => resetCache(discardPending),
    'housekeeping.purge': async () => {
      requirePortal()
      return purge()
    },
    'housekeeping.lastPurge': async () => {
      const open = openCurrent()
      return open ? lastPurge(open.db) : null
    },
  }

  return {
    dispatch: createDispatch(handlers, { onInternalError: options.onInternalError }),
    async close() {
      // Graceful: stop the sync, let its open transaction finish, then close the file.
      closed = true
      scheduler?.stop()
      diagnostics.stop()
      stopDailyPurge()
      syncing?.abort()
      await running
      current?.db.close()
      current = null
      const local = await demo?.catch(() => null)
      await local?.close?.()
    },
  }
}

