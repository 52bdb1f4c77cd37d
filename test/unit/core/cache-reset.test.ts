// "Reset local data" through the desk, on real SQLite files: refused while edits wait (with the counts the
// UI words), refused while a sync runs, and with discardPending the file really deleted and started again.
import { closeSync, existsSync, fstatSync, openSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, saveAppState } from '../../../src/main/core/app-state'
import { openDesk, type Desk } from '../../../src/main/core/desk'
import type { Db } from '../../../src/main/core/db/database'
import { acquireLease, SYNC_LEASE } from '../../../src/main/core/db/lease'
import { cacheKey, openPortalCache, portalCachePath } from '../../../src/main/core/db/portal-cache'
import { createMemorySecretStore, type SecretStore } from '../../../src/main/core/secrets'
import { passwordKey } from '../../../src/main/core/sync/push'
import { describeError } from '../../../src/renderer/src/i18n/describeError'
import { createI18n } from '../../../src/renderer/src/i18n'
import type { AppStatus } from '../../../src/shared/contract'
import type { PortalInfo } from '../../../src/shared/domain'
import { makeTempDir } from '../../support/temp-dir'
import { fakeTransport, waitForAbort } from './portal/fake-transport'

const portal: PortalInfo = { apiUrl: 'https://portal.exemplo.com.br/includes/api.php', identifier: 'abc', generation: '7', version: null, demo: false }
const SECRET_KEY = `portal-secret:${cacheKey(portal)}`

let dir: ReturnType<typeof makeTempDir>
let desk: Desk
let secrets: SecretStore
let statuses: AppStatus[]
const file = () => portalCachePath(dir.path, portal)

/** The cache as another process sees it. */
function withCache<T>(use: (db: Db) => T): T {
  const db = openPortalCache(dir.path, portal)
  try {
    return use(db)
  } finally {
    db.close()
  }
}

function seed(options: { pending: boolean }): void {
  withCache((db) => {
    db.prepare("INSERT INTO contacts (local_id, remote_id, client_id, data) VALUES ('c1', NULL, 1, '{}')").run()
    if (!options.pending) return
    db.prepare(
      `INSERT INTO outbox (op, entity_key, client_id, keys, base, state, staff, created_at, updated_at)
       VALUES ('create_contact', 'c1', 1, '[]', '{}', 'failed', 'Ana', 't', 't'), ('update_contact', 'c1', 1, '[]', '{}', 'pending', 'Ana', 't', 't')`,
    ).run()
    db.prepare("INSERT INTO conflicts (entity, entity_key, client_id, key, state, created_at) VALUES ('contact', 'c1', 1, 'city', 'open', 't')").run()
  })
}

beforeEach(() => {
  dir = makeTempDir()
  saveAppState(dir.path, { version: 1, portal, settings: DEFAULT_SETTINGS })
  secrets = createMemorySecretStore()
  secrets.set(SECRET_KEY, 's3cret')
  secrets.set(passwordKey('c1'), 'sub-account password')
  statuses = []
})
afterEach(async () => {
  await desk.close()
  dir.remove()
})

function open(transport = fakeTransport(waitForAbort).transport): Desk {
  desk = openDesk({
    dataDir: dir.path,
    secrets,
    transport,
    emit: (event, payload) => {
      if (event === 'status.changed') statuses.push(payload as AppStatus)
    },
  })
  return desk
}

const contactsIn = () => withCache((db) => db.prepare('SELECT COUNT(*) FROM contacts').pluck().get())

describe('cache.reset', () => {
  it('refuses while edits wait or conflicts are open, with the counts the UI words, and changes nothing', async () => {
    seed({ pending: true })
    const answer = await open().dispatch('cache.reset', {})
    expect(answer.ok).toBe(false)
    if (answer.ok) return
    expect(answer.error.code).toBe('pending_edits')
    expect(answer.error.params).toEqual({ edits: '2', conflicts: '1' })
    expect(describeError(createI18n('pt-BR').t, answer.error)).toBe(
      'Alterações ainda não enviadas ao portal: 2; conflitos em aberto: 1. Apagar os dados locais as perderia: sincronize antes ou confirme que podem ser descartadas.',
    )
    expect(describeError(createI18n('en').t, answer.error)).toBe(
      'Edits not yet sent to the portal: 2; open conflicts: 1. Resetting the local data would lose them: sync first, or confirm that they may be discarded.',
    )
    expect(contactsIn()).toBe(1)
    expect(secrets.get(passwordKey('c1'))).toBe('sub-account password')
  })

  it('with discardPending, deletes the file and starts it empty, keeping the portal and its secret', async () => {
    seed({ pending: true })
    // Held open across the reset: the old file's inode stays readable, and tells whether it was unlinked.
    const old = openSync(file(), 'r')
    const answer = await open().dispatch('cache.reset', { discardPending: true })
    expect(answer.ok).toBe(true)
    if (!answer.ok) return
    expect(answer.value.portal).toEqual(portal)
    expect(answer.value.secretAvailable).toBe(true)
    expect(answer.value.outbox).toEqual({ pending: 0, failed: 0, rejected: 0, conflict: 0, held: 0 })
    expect(answer.value.conflicts).toBe(0)
    expect(statuses.at(-1)).toEqual(answer.value)
    // A new file, not the old one emptied: nothing of the old pages can linger in it.
    expect(fstatSync(old).nlink).toBe(0)
    closeSync(old)
    expect(existsSync(file())).toBe(true)
    expect(existsSync(`${file()}-wal`)).toBe(true)
    expect(contactsIn()).toBe(0)
    // The waiting 7.x password went with the edit that would have sent it; the portal's secret stays.
    expect(secrets.get(passwordKey('c1'))).toBeNull()
    expect(secrets.get(SECRET_KEY)).toBe('s3cret')
    // And the desk goes on working with the new file.
    const status = await desk.dispatch('app.status', {})
    expect(status.ok && status.value.clientCount).toBe(0)
  })

  it('needs no confirmation when nothing waits', async () => {
    seed({ pending: false })
    expect((await open().dispatch('cache.reset', {})).ok).toBe(true)
    expect(contactsIn()).toBe(0)
  })

  it('refuses while a sync runs here (busy)', async () => {
    seed({ pending: false })
    open()
    const sync = desk.dispatch('sync.run', {})
    await new Promise((resolve) => setTimeout(resolve, 20))
    const answer = await desk.dispatch('cache.reset', { discardPending: true })
    expect(answer.ok ? null : answer.error.code).toBe('busy')
    await desk.dispatch('sync.cancel', {})
    await sync
    expect(contactsIn()).toBe(1)
  })

  it('refuses while another process syncs this cache (its lease), and leaves the file alone', async () => {
    seed({ pending: false })
    withCache((db) => acquireLease(db, SYNC_LEASE, 'another-host:123:run', 60_000))
    const answer = await open().dispatch('cache.reset', { discardPending: true })
    expect(answer.ok ? null : answer.error.code).toBe('busy')
    expect(contactsIn()).toBe(1)
  })

  it('says not_connected without a portal', async () => {
    saveAppState(dir.path, { version: 1, portal: null, settings: DEFAULT_SETTINGS })
    const answer = await open().dispatch('cache.reset', {})
    expect(answer.ok ? null : answer.error.code).toBe('not_connected')
  })
})

describe('settings and the purge through the desk', () => {
  it('keeps purgeAfterDays when another setting changes, and runs the purge on request', async () => {
    open()
    await desk.dispatch('settings.update', { purgeAfterDays: 30 })
    const updated = await desk.dispatch('settings.update', { theme: 'dark' })
    expect(updated.ok && updated.value).toMatchObject({ theme: 'dark', purgeAfterDays: 30 })
    const report = await desk.dispatch('housekeeping.purge', {})
    expect(report.ok && report.value).toMatchObject({ afterDays: 30, clients: 0 })
    expect(await desk.dispatch('housekeeping.lastPurge', {})).toEqual(report)
    await desk.dispatch('settings.update', { purgeAfterDays: null })
    expect(await desk.dispatch('housekeeping.purge', {})).toEqual({ ok: true, value: null })
  })

  it('purges at start', async () => {
    withCache((db) => {
      db.prepare("INSERT INTO client_details (client_id, data, fetched_at) VALUES (1, '{}', '2020-01-01T00:00:00.000Z')").run()
    })
    open()
    const last = await desk.dispatch('housekeeping.lastPurge', {})
    expect(last.ok && last.value).toMatchObject({ afterDays: 90, clients: 1 })
    expect(withCache((db) => db.prepare('SELECT COUNT(*) FROM client_details').pluck().get())).toBe(0)
  })
})
