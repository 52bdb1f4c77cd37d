// What every handler shares: the current portal and its cache, the settings, whether the portal answers,
// the running sync and the scheduler that starts the next one. core/handlers/ read and change it only
// through this interface; desk.ts composes the two.
import type { AppStatus, Emit, PurgeReport } from '../../shared/contract'
import type { PortalInfo, PortalRef, Settings, SyncScope, SyncSummary } from '../../shared/domain'
import { DeskError, DeskFailure, errorText, REFUSED_CODES } from '../../shared/errors'
import { loadAppState, saveAppState, type AppState } from './app-state'
import { createDiagnostics, type DiagnosticsRecorder } from './diagnostics'
import { countClients } from './db/clients'
import { countOpenConflicts } from './db/conflicts'
import type { Db } from './db/database'
import { leaseHolder, SYNC_LEASE } from './db/lease'
import { newLocalId } from './db/local-id'
import { countEntries } from './db/outbox'
import { cacheKey, openPortalCache, portalCachePath } from './db/portal-cache'
import { lastFullPullAt, lastSyncRun, pulledListSizes, readRefusal, recordSyncRun, writeRefusal } from './db/sync-runs'
import type { EditContext } from './editing/edits'
import { createClientCheck, type ClientCheck } from './check/background-check'
import { runPurge, startDailyPurge } from './housekeeping'
import { fetchTransport, type HttpTransport } from './portal/transport'
import { createWhmcsClient, type WhmcsClient } from './portal/whmcs-client'
import type { SecretStore } from './secrets'
import { runSync } from './sync/engine'
import { firstPullInMs, pullIntervalMs } from './sync/pull-interval'
import { passwordKey } from './sync/push'
import { createScheduler } from './sync/scheduler'

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

/** The connected portal and its open cache. */
export interface Current {
  info: PortalInfo
  db: Db
}

export interface Session {
  readonly options: DeskOptions
  readonly transport: HttpTransport
  readonly diagnostics: DiagnosticsRecorder
  status(): AppStatus
  /** Says the status to whoever listens. */
  emitStatus(): void
  /** The current portal's cache, opened on first use; null while no portal is connected. */
  openCurrent(): Current | null
  /** As openCurrent, but a call that needs a portal fails with not_connected without one. */
  requirePortal(): Current
  /** Makes a checked portal the current one: its cache opened, its secret kept, the schedule started for it. */
  switchPortal(portal: PortalInfo, secret: string): void
  /** Closes the current cache (its file may then be deleted); the next call opens it again. */
  closeCurrent(): void
  /** The file of a portal's cache. */
  cachePath(info: PortalInfo): string
  /** The SecretStore key of a portal's API secret. */
  secretKey(info: PortalInfo): string
  settings(): Settings
  updateSettings(patch: Partial<Settings>): Settings
  /** Runs a portal call, noting whether the portal answered (the status bar's online or offline). */
  reach<T>(call: Promise<T>): Promise<T>
  setOnline(value: boolean): void
  startDemo(): Promise<LocalPortal>
  /** The portal client of an open cache: its kept secret, or the demo portal started on this machine. */
  portalFor(open: Current): Promise<WhmcsClient>
  /** Runs one edit against the current cache in one transaction, then tells the UI the counts moved. */
  edit<T>(change: (context: EditContext) => T): T
  /** A 7.x sub-account password waits in the SecretStore (encrypted where it can be) until its push succeeds. */
  keepPassword(localId: string, password: string | undefined): void
  isSyncing(): boolean
  /** A sync, tracked so close() can wait for it. Scheduled runs respect each entry's backoff; asked-for runs retry now. */
  startSync(force: boolean, scope: SyncScope): Promise<SyncSummary>
  /** Stops a running sync; false when none ran. */
  cancelSync(): boolean
  /** The schedule starts again from now (a new portal, secret, interval or cache); nothing without autoSync. */
  restartSchedule(): void
  /** The LGPD purge of the current cache (housekeeping.ts), with the setting as it is now; null when it is off. */
  purge(): PurgeReport | null
  /** The background check of what only a per-client read knows (check/background-check.ts); it loops only with autoSync. */
  readonly check: ClientCheck
  /** Stops sync, closes the cache. */
  close(): Promise<void>
}

export function openSession(options: DeskOptions): Session {
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
  /** The portal can be called without asking staff for anything: the demo, or a secret kept (or given this session). */
  const secretAvailable = (open: Current) => open.info.demo || secrets.get(secretKey(open.info)) !== null

  function openCurrent(): Current | null {
    if (current || !state.portal) return current
    current = { info: state.portal, db: openPortalCache(dataDir, cacheRef(state.portal), { nativeBinding: options.nativeBinding }) }
    return current
  }

  function requirePortal(): Current {
    const open = openCurrent()
    if (!open) throw new DeskFailure('not_connected', 'No portal is connected yet. Connect one in the settings (or use the demo portal).')
    return open
  }

  function status(): AppStatus {
    const open = openCurrent()
    const nextPull = scheduler?.nextPullAt()
    const last = open ? lastSyncRun(open.db) : null
    return {
      portal: open?.info ?? null,
      secretAvailable: open ? secretAvailable(open) : false,
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

  function switchPortal(portal: PortalInfo, secret: string) {
    if (syncing) throw new DeskFailure('busy', 'A sync is running; wait for it to end before switching portals.')
    current?.db.close()
    current = null
    state = { ...state, portal }
    saveAppState(dataDir, state)
    secrets.set(secretKey(portal), secret)
    openCurrent()
    emitStatus()
    scheduler?.start()
    if (options.autoSync) check.start()
  }

  function closeCurrent() {
    current?.db.close()
    current = null
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
          recordActivity: state.settings.recordActivity,
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
      const failure: DeskError = stopped?.toError() ?? (error instanceof DeskFailure ? error.toError() : { code: 'internal', message: errorText(error) })
      if (!closed) {
        if (REFUSED_CODES.includes(failure.code)) writeRefusal(open.db, failure)
        recordSyncRun(open.db, { startedAt: startedAt.toISOString(), finishedAt: new Date().toISOString(), ok: false, summary: null, error: failure })
      }
      throw stopped ?? error
    } finally {
      syncing = null
      if (!closed) {
        emitStatus()
        // It waited for this pass; the pass may also have brought new clients.
        check.wake()
      }
    }
  }

  function cancelSync(): boolean {
    const cancelled = syncing !== null
    syncing?.abort()
    return cancelled
  }

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
          return open !== null && secretAvailable(open) && readRefusal(open.db) === null
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

  const check = createClientCheck({
    ready: () => {
      const open = openCurrent()
      return state.settings.backgroundCheck && open !== null && secretAvailable(open) && readRefusal(open.db) === null
    },
    target: async () => {
      const open = requirePortal()
      return { db: open.db, portal: await portalFor(open), generation: open.info.generation, reminderSubjects: state.settings.reminderSubjects }
    },
    callsPerSecond: () => state.settings.checkCallsPerSecond,
    recheckAfterDays: () => state.settings.recheckAfterDays,
    // A pass of this desk, or of another process on this cache (the command line's: it holds the lease), or offline.
    paused: () => syncing !== null || online === false || (current !== null && leaseHolder(current.db, SYNC_LEASE) !== null),
    reach,
    onInternalError: (error) => options.onInternalError?.('background check', error),
  })
  if (options.autoSync) check.start()

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

  return {
    options,
    transport,
    diagnostics,
    status,
    emitStatus,
    openCurrent,
    requirePortal,
    switchPortal,
    closeCurrent,
    cachePath: (info) => portalCachePath(dataDir, cacheRef(info)),
    secretKey,
    settings: () => state.settings,
    updateSettings,
    reach,
    setOnline,
    startDemo,
    portalFor,
    edit,
    keepPassword,
    isSyncing: () => syncing !== null,
    startSync,
    cancelSync,
    restartSchedule: () => scheduler?.start(),
    purge,
    check,
    async close() {
      // Graceful: stop the sync, let its open transaction finish, then close the file.
      closed = true
      scheduler?.stop()
      check.stop()
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
