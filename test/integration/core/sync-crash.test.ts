// kill -9 of a child process running sync at random points (issue 5). Each run queues a few acknowledged
// edits in this process (creates with unique e-mails, updates, access), lets the built CLI (`contact-desk sync`,
// or `sync --push` for a push-only pass one run in four, a child process) sync them against the demo portal with some latency, often makes another edit here while it
// runs, and kills it with SIGKILL at a seeded random time or just after its k-th request. Afterwards: the SQLite
// file passes `PRAGMA integrity_check`, the next sync (this process, fault-free) is not blocked by the dead
// child's lease and drains the outbox, every acknowledged edit is on the portal, no contact is there twice, and
// the cache equals the portal. `npm test`: 60 kills (30 per generation); `npm run soak` (SOAK=1): 1,000.
// CRASH_RUNS and CRASH_SEED override; a failure names its run, seed, kill point and edits.
import Database from 'better-sqlite3'
import { spawn } from 'node:child_process'
import { cpSync, existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { portalCachePath } from '../../../src/main/core/db/portal-cache'
import { openDesk } from '../../../src/main/core/desk'
import { createMemorySecretStore, type SecretStore } from '../../../src/main/core/secrets'
import { startDemoPortal, type DemoPortal, type FaultSpec } from '../../../src/main/demo-portal/server'
import type { MethodInput, MethodName, MethodOutput } from '../../../src/shared/contract'
import { PERMISSIONS, type Access, type ContactFields, type Generation, type Permission } from '../../../src/shared/domain'
import { demoContactFields } from '../../support/demo-records'
import { makeTempDir } from '../../support/temp-dir'

const SOAK = process.env.SOAK === '1' || process.env.npm_lifecycle_event === 'soak'
const RUNS = Number(process.env.CRASH_RUNS ?? (SOAK ? 1000 : 60))
const SEED = Number(process.env.CRASH_SEED ?? 5)
const BUILT_CLI = join(process.cwd(), 'out', 'main', 'cli.js')

const READS = ['GetClients', 'GetContacts', 'GetUsers', 'GetClientsDetails', 'GetUserPermissions'] as const
const WRITES = ['AddContact', 'UpdateContact', 'DeleteContact', 'CreateClientInvite', 'UpdateUserPermissions', 'DeleteUserClient', 'UpdateClient'] as const
type Action = (typeof READS)[number] | (typeof WRITES)[number]

/** Where a kill landed, told by the requests the portal saw, the outbox and the cache the child left behind. */
type Phase = 'startup' | 'pull' | 'pull, part applied' | 'push' | 'write sent, answer not kept' | 'create landed, id not kept' | 'finished'

/** mulberry32: small, seeded, good enough to pick edits and kill times. */
function prng(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (n: number) => Math.floor(next() * n)
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!
  const chance = (p: number) => next() < p
  return { next, int, pick, chance }
}
type Random = ReturnType<typeof prng>

/** A record this test edited: what the portal and the cache must hold once the edits are through. */
interface Tracked {
  localId: string
  clientId: number
  fields: ContactFields
  access: Access
  /** Access edits are only made on contacts created here (a seed contact's 8.x access is not read by a pull). */
  ownAccess: boolean
  deleted: boolean
  /** Every state of its fields this desk acknowledged (or found on the portal), oldest first. */
}

interface World {
  generation: Generation
  portal: DemoPortal
  dir: ReturnType<typeof makeTempDir>
  secrets: SecretStore
  cacheFile: string
  clientIds: number[]
  tracked: Map<string, Tracked>
  random: Random
  created: number
  phases: Record<Phase, number>
  leasesLeftBehind: number
  /** 8.x invites held after the kill (answer lost), sent again once "the person" confirmed. */
  invitesHeld: number
  /** Records edited in the current run before the child started: the ones its push is busy with. */
  touched: Set<string>
  /** Edits acknowledged while a child was syncing. */
  editsDuringSync: number
  /** Kills of a child running a push-only pass, after its first request. */
  pushOnlyKills: number
  /** This run's changes by another staff member on the portal, which the child's pull applies. */
  remoteCities: { remoteId: number; city: string }[]
}

const worlds: World[] = []
afterAll(async () => {
  for (const world of worlds.splice(0)) {
    await world.portal.close()
    world.dir.remove()
  }
})

type Call = <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<MethodOutput<M>>

/** Opens the desk on the world's data dir, hands its calls to `use`, and closes it again (the file is shared). */
async function withDesk<T>(world: World, use: (call: Call) => Promise<T>): Promise<T> {
  const desk = openDesk({ dataDir: world.dir.path, secrets: world.secrets, emit: () => undefined, timeoutMs: 5_000 })
  const call: Call = async (method, input) => {
    const result = await desk.dispatch(method, input)
    if (!result.ok) throw new Error(`${method}: ${result.error.code}: ${result.error.message}`)
    return result.value
  }
  try {
    return await use(call)
  } finally {
    await desk.close()
  }
}

async function setUp(generation: Generation, seed: number): Promise<World> {
  const portal = await startDemoPortal({ port: 0, clients: 20, seed, generation, control: true })
  const dir = makeTempDir('contact-desk-crash-')
  const world: World = {
    generation,
    portal,
    dir,
    secrets: createMemorySecretStore(),
    cacheFile: portalCachePath(dir.path, { apiUrl: portal.apiUrl, identifier: portal.identifier }),
    clientIds: portal.state.clients.map((client) => client.id),
    tracked: new Map(),
    random: prng(seed),
    created: 0,
    phases: { startup: 0, pull: 0, 'pull, part applied': 0, push: 0, 'write sent, answer not kept': 0, 'create landed, id not kept': 0, finished: 0 },
    leasesLeftBehind: 0,
    invitesHeld: 0,
    touched: new Set(),
    editsDuringSync: 0,
    pushOnlyKills: 0,
    remoteCities: [],
  }
  worlds.push(world)
  await withDesk(world, async (call) => {
    await call('portal.connect', { url: portal.url, identifier: portal.identifier, secret: portal.secret, generation })
    await call('sync.run', {})
  })
  return world
}

const CITIES = ['Curitiba', 'Maringá', 'Londrina', 'Cascavel', 'Ponta Grossa', 'Foz do Iguaçu', 'São José dos Pinhais']
const NAMES = ['Ana', 'Bruno', 'Célia', 'Diogo', 'Érica', 'Fábio', 'Gabriela', 'Heitor']
/** Never `domain`: turning off the last domain-mail recipient is refused by the portal (ICANN), a rejection, not a crash. */
const TOGGLED = ['general', 'invoice', 'product', 'support'] as const

function newFields(random: Random, email: string): ContactFields {
  return {
    firstName: random.pick(NAMES),
    lastName: 'Teste de Queda',
    companyName: '',
    email,
    address1: `Rua XV de Novembro, ${1 + random.int(2000)}`,
    address2: '',
    city: random.pick(CITIES),
    state: 'PR',
    postcode: '80020-310',
    country: 'BR',
    phoneNumber: `+55.41${String(900000000 + random.int(99999999))}`,
    taxId: '',
    emailPreferences: { general: random.chance(0.5), invoice: random.chance(0.5), product: false, domain: true, support: false, affiliate: false },
  }
}

function someChanges(random: Random, fields: ContactFields): Partial<ContactFields> {
  const changes: Partial<ContactFields> = {}
  const count = 1 + random.int(3)
  for (let i = 0; i < count; i++) {
    switch (random.int(4)) {
      case 0:
        changes.firstName = `${random.pick(NAMES)} ${random.int(1000)}`
        break
      case 1:
        changes.city = random.pick(CITIES)
        break
      case 2:
        changes.phoneNumber = `+55.41${String(900000000 + random.int(99999999))}`
        break
      default: {
        const category = random.pick(TOGGLED)
        const preferences = changes.emailPreferences ?? fields.emailPreferences
        changes.emailPreferences = { ...preferences, [category]: !preferences[category] }
      }
    }
  }
  return changes
}

function somePermissions(random: Random): Permission[] {
  const permissions = PERMISSIONS.filter(() => random.chance(0.4))
  return permissions.length > 0 ? permissions : ['invoices']
}

/** A few edits, each recorded in `tracked` only once the desk acknowledged it (dispatch returned ok). */
async function queueEdits(world: World, run: number): Promise<string[]> {
  const { random, tracked, generation } = world
  const done: string[] = []
  world.touched.clear()
  await withDesk(world, async (call) => {
    const live = () => [...tracked.values()].filter((record) => !record.deleted)
    const creates = 1 + random.int(2)
    for (let i = 0; i < creates; i++) {
      const clientId = random.pick(world.clientIds)
      const email = `queda.${run}.${i}.${world.created++}@exemplo.com.br`
      const access: Access | null = random.chance(0.3) ? { enabled: true, permissions: somePermissions(random) } : null
      const fields = newFields(random, email)
      const contact = await call('contacts.create', {
        clientId,
        fields,
        access,
        ...(access && generation === '7' && random.chance(0.5) ? { password: 'Segredo#2026!' } : {}),
      })
      tracked.set(contact.localId, {
        localId: contact.localId,
        clientId,
        fields,
        access: access ?? { enabled: false, permissions: [] },
        ownAccess: true,
        deleted: false,
      })
      world.touched.add(contact.localId)
      done.push(`create ${email}${access ? ' with access' : ''}`)
    }
    // A contact that was on the portal before any of this, now and then.
    if (random.chance(0.3)) {
      const clientId = random.pick(world.clientIds)
      const seeded = (await call('contacts.list', { clientId })).filter((contact) => contact.remoteId !== null && !tracked.has(contact.localId))
      if (seeded.length > 0) {
        const contact = random.pick(seeded)
        const { localId, remoteId: _remoteId, clientId: _clientId, access, sync: _sync, ...fields } = contact
        tracked.set(localId, { localId, clientId, fields, access: access ?? { enabled: false, permissions: [] }, ownAccess: false, deleted: false })
      }
    }
    const updates = random.int(3)
    for (let i = 0; i < updates && live().length > 0; i++) {
      const record = random.pick(live())
      const changes = someChanges(random, record.fields)
      await call('contacts.update', { localId: record.localId, changes })
      record.fields = { ...record.fields, ...changes }
      world.touched.add(record.localId)
      done.push(`update ${record.fields.email} ${Object.keys(changes).join(',')}`)
    }
    const grantable = live().filter((record) => record.ownAccess && (generation === '7' || !record.access.enabled))
    if (grantable.length > 0 && random.chance(0.5)) {
      const record = random.pick(grantable)
      // 8.x: only grants (an invite the API can neither change nor cancel); 7.x: grant, change or revoke.
      const access: Access =
        record.access.enabled && random.chance(0.4) ? { enabled: false, permissions: [] } : { enabled: true, permissions: somePermissions(random) }
      await call('access.set', { localId: record.localId, access })
      record.access = access
      world.touched.add(record.localId)
      done.push(`access ${record.fields.email} ${access.enabled ? access.permissions.join(',') : 'revoked'}`)
    }
    const deletable = live().filter((record) => record.ownAccess)
    if (deletable.length > 4 && random.chance(0.2)) {
      const record = random.pick(deletable)
      await call('contacts.delete', { localId: record.localId })
      record.deleted = true
      done.push(`delete ${record.fields.email}`)
    }
  })
  return done
}

/**
 * Staff keep working while a sync runs (the app stays usable): an edit made in this process while the child
 * syncs, often of a record the child is pushing right then. Acknowledged, so it must survive the kill too.
 */
async function editDuringSync(world: World): Promise<string | null> {
  const { random, tracked } = world
  const live = [...tracked.values()].filter((record) => !record.deleted)
  const busy = live.filter((record) => world.touched.has(record.localId))
  const pool = busy.length > 0 && random.chance(0.7) ? busy : live
  if (pool.length === 0) return null
  const record = random.pick(pool)
  return withDesk(world, async (call) => {
    if (world.generation === '7' && record.ownAccess && random.chance(0.25)) {
      const access: Access =
        record.access.enabled && random.chance(0.4) ? { enabled: false, permissions: [] } : { enabled: true, permissions: somePermissions(random) }
      await call('access.set', { localId: record.localId, access })
      record.access = access
      return `during sync: access ${record.fields.email} ${access.enabled ? access.permissions.join(',') : 'revoked'}`
    }
    const changes = someChanges(random, record.fields)
    await call('contacts.update', { localId: record.localId, changes })
    record.fields = { ...record.fields, ...changes }
    return `during sync: update ${record.fields.email} ${Object.keys(changes).join(',')}`
  })
}

/**
 * Another staff member changes the city of a few contacts nobody here edits, on the portal: the child's pull has
 * rows to write, in many short transactions, so kills land between them too.
 */
async function remoteEdits(world: World, run: number): Promise<void> {
  const ours = new Set([...world.tracked.values()].map((record) => `${record.clientId}|${record.fields.email.toLowerCase()}`))
  const others = world.portal.control.snapshot().contacts.filter((contact) => !ours.has(`${contact.userid}|${contact.email.toLowerCase()}`))
  world.remoteCities = []
  for (let n = 0; n < 6 && others.length > 0; n++) {
    const [contact] = others.splice(world.random.int(others.length), 1)
    const city = `Cidade ${run}-${n}`
    await world.portal.control.edit('UpdateContact', { contactid: contact!.id, city })
    world.remoteCities.push({ remoteId: contact!.id, city })
  }
}

interface ChildEnd {
  killed: boolean
  code: number | null
  stderr: string
  ms: number
}

/** When to kill: at a random time, or a moment after the portal received the child's k-th request (null: never). */
type KillAt = { afterMs: number } | { afterRequest: number; thenMs: number } | null

/**
 * Runs `contact-desk sync` (the built CLI; `sync --push` for a push-only pass, as an edit triggers) on the world's
 * data dir and kills it with SIGKILL as `at` says (unless it ended first).
 */
function syncInChild(world: World, cli: Cli, at: KillAt, pushOnly: boolean): Promise<ChildEnd> {
  const child = spawn(process.execPath, [cli.file, '--data-dir', world.dir.path, 'sync', ...(pushOnly ? ['--push'] : []), '--json'], {
    // The pull in pages of 5 records, one row per transaction: a kill lands mid-apply as often as mid-request.
    env: { ...process.env, NODE_PATH: cli.nodePath, DESK_API_SECRET: world.portal.secret, DESK_PULL_PAGE_SIZE: '5', DESK_PULL_CHUNK_ROWS: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()))
  let killed = false
  const started = performance.now()
  const kill = () => void (killed = child.kill('SIGKILL'))
  const timers: NodeJS.Timeout[] = []
  if (at && 'afterMs' in at) timers.push(setTimeout(kill, at.afterMs))
  else if (at) {
    // The portal runs in this process: watch its request counters.
    const watch = setInterval(() => {
      if (requestsSeen(world) < at.afterRequest) return
      clearInterval(watch)
      timers.push(setTimeout(kill, at.thenMs))
    }, 1)
    timers.push(watch)
  }
  // 'exit' comes once the process is reaped: after it, nobody has its pid (the lease's liveness check relies on that).
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('exit', (code) => {
      for (const timer of timers) clearTimeout(timer)
      resolve({ killed: killed && code === null, code, stderr, ms: performance.now() - started })
    })
  })
}

/** The built CLI, copied at the start so that a build running meanwhile (npm run build empties out/) cannot pull it away. */
interface Cli {
  file: string
  nodePath: string
}

function snapshotCli(dir: string): Cli {
  expect(existsSync(BUILT_CLI), 'run `npm run build` first: the child is the built CLI').toBe(true)
  const target = join(dir, 'cli')
  cpSync(dirname(BUILT_CLI), target, { recursive: true, filter: (source) => !source.endsWith('.map') })
  return { file: join(target, 'cli.js'), nodePath: join(process.cwd(), 'node_modules') }
}

/** A latency on every request, and a zero latency per action that only counts its requests. */
function latencyAndCounters(ms: number): FaultSpec[] {
  return [{ kind: 'latency', ms }, ...[...READS, ...WRITES].map((action): FaultSpec => ({ kind: 'latency', ms: 0, actions: [action] }))]
}

function requestsSeen(world: World): number {
  return Object.values(countsOf(world)).reduce((sum, n) => sum + n, 0)
}

function countsOf(world: World): Record<Action, number> {
  const counts = Object.fromEntries([...READS, ...WRITES].map((action) => [action, 0])) as Record<Action, number>
  for (const fault of world.portal.faults.list()) {
    if (fault.kind === 'latency' && fault.actions?.length === 1) counts[fault.actions[0] as Action] = fault.hits
  }
  return counts
}

interface AfterKill {
  integrity: string
  foreignKeys: unknown[]
  leaseLeft: boolean
  /** How many of this run's changes on the portal the child's pull had written to the cache. */
  remoteApplied: number
  /** Entries whose attempt was counted (the request may have left) but whose outcome was not stored. */
  dangling: { op: string; emailLanded: boolean }[]
}

/** The file as the killed child left it, read directly (before any Contact Desk code opens it again). */
function inspectFile(world: World): AfterKill {
  const db = new Database(world.cacheFile)
  try {
    const integrity = db.pragma('integrity_check', { simple: true }) as string
    const foreignKeys = db.pragma('foreign_key_check') as unknown[]
    const leaseLeft = db.prepare("SELECT count(*) FROM leases WHERE name = 'sync'").pluck().get() === 1
    const cityOf = db.prepare("SELECT json_extract(base, '$.fields.city') FROM contacts WHERE remote_id = ?").pluck()
    const remoteApplied = world.remoteCities.filter(({ remoteId, city }) => cityOf.get(remoteId) === city).length
    const rows = db
      .prepare(
        `SELECT o.op, o.entity_key AS localId, c.remote_id AS remoteId, c.client_id AS clientId
         FROM outbox o LEFT JOIN contacts c ON c.local_id = o.entity_key WHERE o.attempts > 0`,
      )
      .all() as { op: string; remoteId: number | null; clientId: number | null; localId: string | null }[]
    const contacts = world.portal.control.snapshot().contacts
    const dangling = rows.map((row) => {
      const email = row.localId ? world.tracked.get(row.localId)?.fields.email : undefined
      const emailLanded =
        row.op === 'create_contact' &&
        row.remoteId === null &&
        email !== undefined &&
        contacts.some((c) => c.userid === row.clientId && sameEmail(c.email, email))
      return { op: row.op, emailLanded }
    })
    return { integrity, foreignKeys, leaseLeft, remoteApplied, dangling }
  } finally {
    db.close()
  }
}

function phaseOf(world: World, end: ChildEnd, counts: Record<Action, number>, after: AfterKill, pushOnly: boolean): Phase {
  if (!end.killed) return 'finished'
  if (after.dangling.some((entry) => entry.emailLanded)) return 'create landed, id not kept'
  if (after.dangling.length > 0) return 'write sent, answer not kept'
  const total = Object.values(counts).reduce((sum, n) => sum + n, 0)
  if (total === 0) return 'startup'
  if (pushOnly) return 'push'
  const pushStarted = counts.GetClientsDetails > 0 || WRITES.some((action) => counts[action] > 0)
  if (pushStarted) return 'push'
  return after.remoteApplied > 0 && after.remoteApplied < world.remoteCities.length ? 'pull, part applied' : 'pull'
}

const sameEmail = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase()
const sorted = (permissions: readonly string[]) => [...permissions].sort()

/**
 * Nobody else edits during these runs, so no conflict may appear: not even a field edited again while its update
 * was out when the child died (the outbox records what each attempt sent, so our own landed value is ours).
 */
async function expectNoConflicts(call: Call): Promise<void> {
  expect(await call('conflicts.list', {}), 'conflicts after a crash, nobody else editing').toEqual([])
}

/**
 * Syncs (fault-free) until the outbox is empty; the first sync comes right after the kill and must not be 'busy'.
 * An 8.x invite whose answer died with the child is held until a person confirms a second invite e-mail (docs/ARCHITECTURE.md
 * §8.5): here the person confirms. Nothing else may need a person after a crash.
 */
async function converge(world: World, call: Call): Promise<void> {
  for (let pass = 0; pass < 4; pass++) {
    await call('sync.run', {})
    await expectNoConflicts(call)
    const outbox = await call('outbox.list', {})
    if (outbox.length === 0) return
    const held = outbox.filter((entry) => entry.state === 'held' && entry.lastError?.code === 'invite_outstanding' && world.generation === '8')
    const stuck = outbox.filter((entry) => entry.state !== 'pending' && entry.state !== 'failed' && entry.state !== 'conflict' && !held.includes(entry))
    expect(stuck, 'entries that need a person after a crash').toEqual([])
    for (const entry of held) {
      world.invitesHeld++
      await call('outbox.retry', { id: entry.id, resendInvite: true })
    }
  }
  expect(await call('outbox.list', {}), 'the outbox drains').toEqual([])
}

/** Every acknowledged edit is on the portal, once; the cache equals the portal. */
async function expectConverged(world: World, call: Call): Promise<void> {
  const snapshot = world.portal.control.snapshot()
  expect(await call('conflicts.list', {}), 'no conflicts (nobody else edits)').toEqual([])
  // 0 duplicates anywhere on the portal: one contact per client and e-mail.
  const pairs = snapshot.contacts.map((contact) => `${contact.userid}:${contact.email.toLowerCase()}`)
  expect(
    pairs.filter((pair, index) => pairs.indexOf(pair) !== index),
    'duplicate contacts on the portal',
  ).toEqual([])

  const cached = new Map<number, MethodOutput<'contacts.list'>>()
  const localsOf = async (clientId: number) => {
    const known = cached.get(clientId)
    if (known) return known
    const locals = await call('contacts.list', { clientId })
    cached.set(clientId, locals)
    return locals
  }
  for (const record of world.tracked.values()) {
    const label = `${record.fields.email} (client ${record.clientId})`
    const onPortal = snapshot.contacts.filter((contact) => contact.userid === record.clientId && sameEmail(contact.email, record.fields.email))
    const locals = (await localsOf(record.clientId)).filter((contact) => sameEmail(contact.email, record.fields.email))
    if (record.deleted) {
      expect(onPortal, `${label}: deleted on the portal`).toEqual([])
      expect(locals, `${label}: deleted in the cache`).toEqual([])
      continue
    }
    expect(onPortal, `${label}: on the portal exactly once`).toHaveLength(1)
    const remote = onPortal[0]!
    expect(demoContactFields(remote), `${label}: every acknowledged field on the portal`).toEqual(record.fields)
    expect(locals, `${label}: once in the cache`).toHaveLength(1)
    const local = locals[0]!
    expect({ localId: local.localId, remoteId: local.remoteId, sync: local.sync }, `${label}: the cache's record`).toEqual({
      localId: record.localId,
      remoteId: remote.id,
      sync: 'synced',
    })
    if (!record.ownAccess) continue
    const want = record.access.enabled ? { enabled: true, permissions: sorted(record.access.permissions) } : { enabled: false, permissions: [] }
    expect(local.access && { enabled: local.access.enabled, permissions: sorted(local.access.permissions) }, `${label}: access in the cache`).toEqual(want)
    if (world.generation === '7') {
      expect({ enabled: remote.subaccount, permissions: remote.subaccount ? sorted(remote.permissions) : [] }, `${label}: the sub-account`).toEqual(want)
    } else if (record.access.enabled) {
      const invites = snapshot.invites.filter((invite) => invite.clientid === record.clientId && sameEmail(invite.email, record.fields.email))
      expect(
        invites.map((invite) => sorted(invite.permissions)),
        `${label}: the invite`,
      ).toContainEqual(want.permissions)
    }
  }
  // The cache equals the portal, record for record, for every client.
  for (const clientId of world.clientIds) {
    const locals = await localsOf(clientId)
    const remotes = snapshot.contacts.filter((contact) => contact.userid === clientId)
    const byRemote = (remoteId: number) => locals.filter((contact) => contact.remoteId === remoteId)
    expect(locals.map((contact) => contact.remoteId).sort(), `client ${clientId}: the same contacts in the cache`).toEqual(
      remotes.map((contact) => contact.id).sort(),
    )
    for (const remote of remotes) {
      const [local] = byRemote(remote.id)
      const { localId: _l, remoteId: _r, clientId: _c, access: _a, sync, ...fields } = local!
      expect({ fields, sync }, `client ${clientId}, contact ${remote.id}: cache = portal`).toEqual({ fields: demoContactFields(remote), sync: 'synced' })
    }
  }
}

interface Pace {
  /** How long an unkilled child sync takes, and how many requests it makes (moving averages). */
  ms: number
  requests: number
}

/** Most runs kill at a random time; many at a request (the push's writes are short moments); one in ten lets the child finish. */
function chooseKill(random: Random, pace: Pace, latency: number): KillAt {
  const dice = random.next()
  if (dice < 0.1) return null
  if (dice < 0.45) return { afterMs: random.int(Math.round(pace.ms * 1.1) + 1) }
  return { afterRequest: 1 + random.int(Math.max(1, Math.round(pace.requests))), thenMs: random.int(latency + 10) }
}

const describeKill = (at: KillAt) =>
  at === null ? 'no kill' : 'afterMs' in at ? `kill after ${at.afterMs} ms` : `kill ${at.thenMs} ms after request ${at.afterRequest}`

/** One run: edits, a child sync killed as chosen, the checks. Unkilled runs update the pace. */
async function crashRun(world: World, cli: Cli, run: number, pace: Pace): Promise<void> {
  const { random, portal } = world
  const edits = await queueEdits(world, run)
  await remoteEdits(world, run)
  const latency = 5 + random.int(26)
  const at = run === 0 ? null : chooseKill(random, pace, latency)
  // One pass in four is push-only, as the app's scheduler and the CLI's edit commands run after an edit.
  const pushOnly = run > 0 && random.chance(0.25)
  await portal.faults.set(...latencyAndCounters(latency))
  const editAt = run > 0 && random.chance(0.5) ? random.int(Math.round(pace.ms) + 1) : null
  const child = syncInChild(world, cli, at, pushOnly)
  if (editAt !== null) {
    await new Promise((resolve) => setTimeout(resolve, editAt))
    const edit = await editDuringSync(world)
    if (edit) {
      edits.push(edit)
      world.editsDuringSync++
    }
  }
  const end = await child
  // A request the child sent before it died is still answered (and committed) by the portal: let it settle.
  await new Promise((resolve) => setTimeout(resolve, latency + 50))
  const counts = countsOf(world)
  await portal.faults.clear()
  const context = `run ${run} (${world.generation}.x, seed ${SEED}, ${pushOnly ? 'push-only, ' : ''}${describeKill(at)}, latency ${latency} ms): ${edits.join('; ')}`
  if (!end.killed) {
    expect(end.code, `${context}: the child failed by itself: ${end.stderr}`).toBe(0)
    const requests = Object.values(counts).reduce((sum, n) => sum + n, 0)
    if (run === 0) Object.assign(pace, { ms: end.ms, requests })
    else if (at === null && !pushOnly) Object.assign(pace, { ms: 0.7 * pace.ms + 0.3 * end.ms, requests: 0.7 * pace.requests + 0.3 * requests })
  }
  const after = inspectFile(world)
  expect(after.integrity, `${context}: integrity_check`).toBe('ok')
  expect(after.foreignKeys, `${context}: foreign_key_check`).toEqual([])
  const phase = phaseOf(world, end, counts, after, pushOnly)
  if (run > 0) world.phases[phase]++
  // A push-only pass killed once it had asked the portal something (not before its first request).
  if (pushOnly && end.killed && Object.values(counts).some((n) => n > 0)) world.pushOnlyKills++
  if (after.leaseLeft) world.leasesLeftBehind++
  try {
    await withDesk(world, async (call) => {
      await converge(world, call)
      await expectConverged(world, call)
    })
  } catch (error) {
    if (error instanceof Error) error.message = `${context}; killed in phase "${phase}"\n${error.message}`
    throw error
  }
}

describe.each(['8', '7'] as const)('kill -9 during sync, WHMCS %s.x', (generation) => {
  const kills = Math.ceil(RUNS / 2)
  it(`loses no acknowledged edit and duplicates nothing over ${kills} killed syncs`, { timeout: 60_000 + kills * 10_000 }, async () => {
    const world = await setUp(generation, SEED * 10 + Number(generation))
    const cli = snapshotCli(world.dir.path)
    const pace: Pace = { ms: 0, requests: 0 }
    // Run 0 lets the child finish, to measure the pace; then until enough kills have landed, one at least with a
    // pull part applied (some of the portal's changes in the cache, the rest not yet) and one in a push-only pass.
    let run = 0
    const killed = () => Object.values(world.phases).reduce((sum, n) => sum + n, 0) - world.phases.finished
    do await crashRun(world, cli, run++, pace)
    while (killed() < kills || ((world.phases['pull, part applied'] === 0 || world.pushOnlyKills === 0) && run < 4 * kills))
    const summary = Object.entries(world.phases)
      .map(([phase, n]) => `${phase}: ${n}`)
      .join(', ')
    expect(world.phases['pull, part applied'], 'no kill landed while a pull was part applied').toBeGreaterThan(0)
    expect(world.pushOnlyKills, 'no kill landed in a push-only pass').toBeGreaterThan(0)
    console.info(
      `[sync-crash ${generation}.x] ${run} runs, ${kills} killed (a child sync: ~${Math.round(pace.ms)} ms, ~${Math.round(pace.requests)} requests); ${summary}; lease left behind by the dead child: ${world.leasesLeftBehind}; invites held for a person: ${world.invitesHeld}; edits made during a sync: ${world.editsDuringSync}; kills in a push-only pass: ${world.pushOnlyKills}`,
    )
  })
})
