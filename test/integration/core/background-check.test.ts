// The background check against the demo portal over real HTTP with a real SQLite file, on a fake clock: it reads
// every client once through the per-client read, the likeliest at risk first, never faster than its pace (every call
// timed on the fake clock and counted by the portal itself), makes no call while a push runs, and stops with a
// warning, failing nothing, when the portal refuses, does not know or garbles GetClientsDetails.
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createClientCheck, type ClientCheck, type ClientCheckOptions } from '../../../src/main/core/check/background-check'
import { createPace, type Pace } from '../../../src/main/core/check/pace'
import { checkedCounts, countDueChecks } from '../../../src/main/core/db/client-checks'
import { openDatabase, type Db } from '../../../src/main/core/db/database'
import { listContactsOf } from '../../../src/main/core/db/contacts'
import { acquireLease, leaseHolderId, releaseLease, SYNC_LEASE } from '../../../src/main/core/db/lease'
import { openPortalCache } from '../../../src/main/core/db/portal-cache'
import { fetchTransport } from '../../../src/main/core/portal/transport'
import { createWhmcsClient, type WhmcsClient } from '../../../src/main/core/portal/whmcs-client'
import { createMemorySecretStore } from '../../../src/main/core/secrets'
import { runSync } from '../../../src/main/core/sync/engine'
import { updateContact } from '../../../src/main/core/editing/edits'
import { newLocalId } from '../../../src/main/core/db/local-id'
import { startDemoPortal, type DemoPortal, type DemoPortalOptions } from '../../../src/main/demo-portal/server'
import { refreshReachability } from '../../../src/main/core/views/reachability'
import { fails, ok, startWorld } from '../../support/desk-world'
import { makeTempDir } from '../../support/temp-dir'
import { DEFAULT_REMINDER_SUBJECTS } from '../../../src/shared/domain'

const CLIENTS = 24
const START = Date.parse('2026-12-07T12:00:00.000Z')

let dir: ReturnType<typeof makeTempDir>
let portal: DemoPortal
let db: Db
let client: WhmcsClient
/** What a test of the check alone started (a desk's world closes itself). */
let started = false
beforeEach(() => {
  dir = makeTempDir()
})
afterEach(async () => {
  if (started) {
    db.close()
    await portal.close()
  }
  started = false
  dir.remove()
})

async function start(options: DemoPortalOptions = {}): Promise<void> {
  portal = await startDemoPortal({ clients: CLIENTS, seed: 11, generation: '8', ...options, port: 0 })
  db = openDatabase(join(dir.path, 'cache.sqlite'))
  client = createWhmcsClient({ apiUrl: portal.url, identifier: portal.identifier, secret: portal.secret, transport: fetchTransport })
  started = true
  await runSync({ db, portal: client, generation: '8', secrets: createMemorySecretStore() })
}

const portalCalls = () => Object.values(portal.control.calls()).reduce((sum, n) => sum + n, 0)
const callsOf = (action: string) =>
  Object.entries(portal.control.calls())
    .filter(([name]) => name.toLowerCase() === action.toLowerCase())
    .reduce((sum, [, n]) => sum + n, 0)

/** A check on a fake clock: the pace sleeps by moving it, timers run when the test says. */
function fakeCheck(overrides: Partial<ClientCheckOptions> = {}) {
  let now = START
  const timers: { run: () => void; at: number }[] = []
  /** When each portal call of the check went, on the fake clock. */
  const callTimes: number[] = []
  const clock = () => new Date(now)
  /** Each turn the pace gives is a call going out: noted at the moment it is given. */
  const timed = (pace: Pace): Pace => ({
    take: async () => {
      await pace.take()
      callTimes.push(now)
    },
  })
  const check: ClientCheck = createClientCheck({
    ready: () => true,
    target: async () => ({ db, portal: client, generation: '8', reminderSubjects: DEFAULT_REMINDER_SUBJECTS }),
    callsPerSecond: () => 0.5,
    recheckAfterDays: () => 7,
    paused: () => false,
    now: clock,
    pace: timed(createPace({ callsPerSecond: () => 0.5, now: () => now, sleep: async (ms) => void (now += ms) })),
    setTimer: (run, ms) => {
      const timer = { run, at: now + ms }
      timers.push(timer)
      return timer
    },
    clearTimer: (timer) => void timers.splice(timers.indexOf(timer as (typeof timers)[number]), 1),
    ...overrides,
  })
  return {
    check,
    callTimes,
    advance: (ms: number) => void (now += ms),
    /** Runs the next timer due and waits for the tick it started to schedule the next one. */
    async runNext(): Promise<void> {
      timers.sort((a, b) => a.at - b.at)
      const timer = timers.shift()
      if (!timer) throw new Error('no timer')
      now = Math.max(now, timer.at)
      timer.run()
      // A tick ends by scheduling the next, unless the check stopped for the session.
      await vi.waitFor(() => expect(timers.length > 0 || check.stopped() !== null).toBe(true), { timeout: 10_000, interval: 5 })
    },
    nextTimerIn: () => Math.min(...timers.map((timer) => timer.at)) - now,
  }
}

describe('the background check', () => {
  it('reads every client once, the likeliest at risk first, within its pace, each call counted by the portal', async () => {
    await start()
    await refreshReachability(db)
    const expectedOrder = db
      .prepare('SELECT client_id FROM reachability WHERE check_rank IS NOT NULL ORDER BY check_rank, status, client_id')
      .pluck()
      .all() as number[]
    const before = portalCalls()
    const fake = fakeCheck()
    fake.check.start()
    const details = () => callsOf('GetClientsDetails')
    for (let client = 0; client < CLIENTS; client++) {
      const had = details()
      await fake.runNext()
      expect(details()).toBe(had + 1)
    }
    // Nothing due any more: it reads nothing, and looks again an idle while later.
    await fake.runNext()
    expect(fake.nextTimerIn()).toBe(60_000)
    expect(callsOf('GetClientsDetails')).toBe(CLIENTS)
    const read = db.prepare('SELECT client_id FROM client_details ORDER BY fetched_at').pluck().all() as number[]
    expect(read).toEqual(expectedOrder)
    expect(checkedCounts(db).checked).toBe(CLIENTS)
    expect(countDueChecks(db, new Date(START).toISOString())).toBe(0)

    // Every call the check made took a turn of its pace, and the portal counted the same calls.
    expect(fake.callTimes.length).toBe(portalCalls() - before)
    for (let index = 1; index < fake.callTimes.length; index++) expect(fake.callTimes[index]! - fake.callTimes[index - 1]!).toBeGreaterThanOrEqual(2000)
    const elapsed = fake.callTimes.at(-1)! - fake.callTimes[0]!
    expect(fake.callTimes.length).toBeLessThanOrEqual(1 + (elapsed / 1000) * 0.5)
  })

  it('re-reads a client only once the re-check period is over, the one read longest ago first', async () => {
    await start({ clients: 3 })
    const fake = fakeCheck()
    fake.check.start()
    for (let step = 0; step < 4; step++) await fake.runNext()
    expect(callsOf('GetClientsDetails')).toBe(3)
    const first = db.prepare('SELECT client_id FROM client_details ORDER BY fetched_at LIMIT 1').pluck().get() as number
    fake.advance(7 * 86_400_000)
    fake.check.wake()
    await fake.runNext()
    expect(callsOf('GetClientsDetails')).toBe(4)
    expect(db.prepare('SELECT client_id FROM client_details ORDER BY fetched_at DESC LIMIT 1').pluck().get()).toBe(first)
  })

  it('makes no call while a push runs, and goes on after it', async () => {
    await start({ clients: 4 })
    let pushing = false
    const fake = fakeCheck({ paused: () => pushing })
    fake.check.start()
    await fake.runNext()
    expect(callsOf('GetClientsDetails')).toBe(1)
    // An edit, and its push-only pass while the check's timers keep running.
    const contact = listContactsOf(db, 1)[0] ?? listContactsOf(db, 2)[0]
    if (!contact) throw new Error('no contact')
    updateContact({ db, staff: 'Teste', now: () => new Date(), newId: newLocalId }, contact.localId, { firstName: 'Nova' })
    pushing = true
    const callsBefore = portalCalls()
    const push = runSync({ db, portal: client, generation: '8', secrets: createMemorySecretStore(), scope: 'push' })
    for (let tick = 0; tick < 3; tick++) await fake.runNext()
    const pushSummary = await push
    expect(pushSummary.pushed.sent).toBe(1)
    expect(portalCalls() - callsBefore).toBe(pushSummary.calls)
    expect(callsOf('GetClientsDetails')).toBe(1)
    pushing = false
    fake.check.wake()
    await fake.runNext()
    expect(callsOf('GetClientsDetails')).toBe(2)
  })

  it.each<[string, DemoPortalOptions, 'unknown-action' | 'malformed' | null, string]>([
    ['refused by the API role', { deniedActions: ['GetClientsDetails'] }, null, 'permission_denied'],
    ['unknown to the portal', {}, 'unknown-action', 'portal_error'],
    ['answered in a form it cannot read', {}, 'malformed', 'bad_response'],
  ])('stops for the session with a warning when GetClientsDetails is %s', async (_case, options, fault, code) => {
    await start({ clients: 3, ...options })
    if (fault) await portal.faults.add({ kind: fault, actions: ['GetClientsDetails'] })
    const fake = fakeCheck()
    fake.check.start()
    await fake.runNext()
    expect(fake.check.stopped()).toMatchObject({ action: 'GetClientsDetails', error: { code } })
    expect(checkedCounts(db).checked).toBe(0)
    // Nothing more is asked this session: no timer left, and a step reads nothing.
    const calls = portalCalls()
    expect(await fake.check.step()).toMatchObject({ clientId: null, remaining: 3, stopped: { action: 'GetClientsDetails' } })
    expect(portalCalls()).toBe(calls)
  })
})

describe('the background check in a desk that syncs by itself', () => {
  it('starts once a portal is connected, waits for the first pull, and checks every client; the audit counts them', async () => {
    const world = await startWorld({ autoSync: true, portal: { clients: 5, seed: 4, generation: '7' } })
    await ok(world, 'settings.update', { checkCallsPerSecond: 5 })
    await expect.poll(async () => (await ok(world, 'reachability.list', { limit: 10 })).checked, { timeout: 30_000, interval: 200 }).toBe(5)
    const page = await ok(world, 'reachability.list', { limit: 10 })
    expect(page.oldestCheckAt).toEqual(expect.any(String))
    expect(page.checkStopped).toBeNull()
    expect(page.items.flatMap((item) => item.notChecked)).not.toContain('overdue_notices_off')
    // Seed 4's client 4 gets no overdue notices.
    expect(page.items.filter((item) => item.findings.some((finding) => finding.rule === 'overdue_notices_off')).map((item) => item.clientId)).toEqual([4])
    expect(await ok(world, 'reachability.checkNext', {})).toEqual({ clientId: null, remaining: 0, stopped: null })
  }, 40_000)
})

describe('the background check turned off in the settings', () => {
  it('reads nothing by itself, and checks every client once turned on', async () => {
    const world = await startWorld({ autoSync: true, portal: { clients: 3, seed: 4, generation: '7' }, settings: { backgroundCheck: false } })
    expect((await ok(world, 'reachability.list', { limit: 10 })).checked).toBe(0)
    expect(world.portal.control.calls().getclientsdetails ?? 0).toBe(0)
    await ok(world, 'settings.update', { backgroundCheck: true, checkCallsPerSecond: 5 })
    await expect.poll(async () => (await ok(world, 'reachability.list', { limit: 10 })).checked, { timeout: 20_000, interval: 200 }).toBe(3)
  }, 30_000)
})

describe('the background check beside another process syncing the same cache', () => {
  it('makes no call while the command line holds the sync lease, and reads again once it is released', async () => {
    const world = await startWorld({ portal: { clients: 3, seed: 4, generation: '7' } })
    await ok(world, 'settings.update', { checkCallsPerSecond: 5 })
    const other = openPortalCache(world.dir.path, { apiUrl: world.portal.apiUrl, identifier: world.portal.identifier })
    try {
      const holder = leaseHolderId('cli-run', process.pid + 1)
      expect(acquireLease(other, SYNC_LEASE, holder, 60_000, Date.now(), () => false)).toBe(true)
      expect(await fails(world, 'reachability.checkNext', {})).toMatchObject({ code: 'busy' })
      expect(world.portal.control.calls().getclientsdetails ?? 0).toBe(0)
      releaseLease(other, SYNC_LEASE, holder)
      expect(await ok(world, 'reachability.checkNext', {})).toMatchObject({ clientId: expect.any(Number), remaining: 2 })
      expect(world.portal.control.calls().getclientsdetails).toBe(1)
    } finally {
      other.close()
    }
  })
})
