// The app stays usable during sync: an edit made while its record's push is out must not be lost when that
// push settles, whichever entry the edit folded into, nor turned into a conflict after a lost answer (all found
// by the kill -9 test, sync-crash.test.ts).
import { once } from 'node:events'
import { Worker } from 'node:worker_threads'
import { describe, expect, it } from 'vitest'
import { portalCachePath } from '../../../src/main/core/db/portal-cache'
import { newContactFields } from '../../../src/shared/contact-rules'
import type { Generation } from '../../../src/shared/domain'
import { ok, startWorld, type DeskWorld } from '../../support/desk-world'

type World = DeskWorld

async function setUp(generation: Generation) {
  const world = await startWorld({ portal: { clients: 5, seed: 3, generation, control: true } })
  const remote = world.portal.state.contacts[0]!
  const local = (await ok(world, 'contacts.list', { clientId: remote.userid })).find((contact) => contact.remoteId === remote.id)!
  return { world, remote, local }
}

/** Runs a sync whose writes (action) take a while, and makes `edit` while the first of them is out. */
async function editWhilePushing(world: World, action: string, edit: () => Promise<unknown>, scope: 'full' | 'push' = 'full') {
  await world.portal.faults.add({ kind: 'latency', ms: 150, actions: [action], count: 1 })
  let sawWrite!: () => void
  const writing = new Promise<void>((resolve) => (sawWrite = resolve))
  const watch = setInterval(() => {
    if (world.portal.faults.list().length === 0) sawWrite() // the slow write has arrived at the portal
  }, 2)
  const sync = ok(world, 'sync.run', { scope })
  await writing
  clearInterval(watch)
  await edit()
  await sync
  await ok(world, 'sync.run', {})
}

describe('an edit made while its record is being pushed', () => {
  it('of another field, folded into the entry on its way out, is sent next', async () => {
    const { world, remote, local } = await setUp('8')
    await ok(world, 'contacts.update', { localId: local.localId, changes: { city: 'Cidade Um' } })
    await editWhilePushing(world, 'UpdateContact', () => ok(world, 'contacts.update', { localId: local.localId, changes: { firstName: 'Nome Novo' } }))
    const onPortal = world.portal.control.snapshot().contacts.find((contact) => contact.id === remote.id)!
    expect({ firstname: onPortal.firstname, city: onPortal.city }).toEqual({ firstname: 'Nome Novo', city: 'Cidade Um' })
    const here = (await ok(world, 'contacts.list', { clientId: remote.userid })).find((contact) => contact.localId === local.localId)!
    expect(here).toMatchObject({ firstName: 'Nome Novo', city: 'Cidade Um', sync: 'synced' })
    expect(await ok(world, 'outbox.list', {})).toEqual([])
  })

  it('of its access (7.x), while the grant is out, goes as an access change', async () => {
    const { world, remote, local } = await setUp('7')
    await ok(world, 'access.set', { localId: local.localId, access: { enabled: true, permissions: ['invoices'] } })
    await editWhilePushing(world, 'UpdateContact', () =>
      ok(world, 'access.set', { localId: local.localId, access: { enabled: true, permissions: ['invoices', 'tickets'] } }),
    )
    const onPortal = world.portal.control.snapshot().contacts.find((contact) => contact.id === remote.id)!
    expect({ subaccount: onPortal.subaccount, permissions: onPortal.permissions }).toEqual({ subaccount: true, permissions: ['invoices', 'tickets'] })
    const here = (await ok(world, 'contacts.list', { clientId: remote.userid })).find((contact) => contact.localId === local.localId)!
    expect(here).toMatchObject({ access: { enabled: true, permissions: ['invoices', 'tickets'] }, sync: 'synced' })
    expect(await ok(world, 'outbox.list', {})).toEqual([])
  })

  it('taking the access back (7.x) while the grant is out revokes it next', async () => {
    const { world, remote, local } = await setUp('7')
    await ok(world, 'access.set', { localId: local.localId, access: { enabled: true, permissions: ['invoices'] } })
    await editWhilePushing(world, 'UpdateContact', () => ok(world, 'access.set', { localId: local.localId, access: { enabled: false, permissions: [] } }))
    const onPortal = world.portal.control.snapshot().contacts.find((contact) => contact.id === remote.id)!
    expect(onPortal.subaccount).toBe(false)
    const here = (await ok(world, 'contacts.list', { clientId: remote.userid })).find((contact) => contact.localId === local.localId)!
    expect(here).toMatchObject({ access: { enabled: false, permissions: [] }, sync: 'synced' })
  })

  it('of another field, after an update whose answer was lost, is sent without a conflict', async () => {
    const { world, remote, local } = await setUp('8')
    await ok(world, 'contacts.update', { localId: local.localId, changes: { city: 'Cidade Um' } })
    await world.portal.faults.add({ kind: 'drop-after-commit', actions: ['UpdateContact'], count: 1 })
    expect((await ok(world, 'sync.run', {})).pushed.failed).toBe(1)
    // The city may or may not be on the portal (it is); the phone number was never sent: its base is known.
    await ok(world, 'contacts.update', { localId: local.localId, changes: { phoneNumber: '+55.41999990000' } })
    await ok(world, 'sync.run', {})
    expect(await ok(world, 'conflicts.list', {})).toEqual([])
    const onPortal = world.portal.control.snapshot().contacts.find((contact) => contact.id === remote.id)!
    expect({ city: onPortal.city, phonenumber: onPortal.phonenumber }).toEqual({ city: 'Cidade Um', phonenumber: '+55.41999990000' })
    expect(await ok(world, 'outbox.list', {})).toEqual([])
  })

  it("of the owner's e-mail preferences, while the first change is out, is sent next and not lost", async () => {
    const { world, remote } = await setUp('8')
    const clientId = remote.userid
    const owner = (await ok(world, 'clients.open', { id: clientId })).ownerEmailPreferences!
    await ok(world, 'clients.setEmailPreferences', { clientId, emailPreferences: { ...owner, support: !owner.support } })
    await editWhilePushing(world, 'UpdateClient', () =>
      ok(world, 'clients.setEmailPreferences', { clientId, emailPreferences: { ...owner, support: !owner.support, affiliate: !owner.affiliate } }),
    )
    const onPortal = world.portal.control.snapshot().clients.find((client) => client.id === clientId)!
    expect({ support: onPortal.email_preferences.support, affiliate: onPortal.email_preferences.affiliate }).toEqual({
      support: !owner.support,
      affiliate: !owner.affiliate,
    })
    expect((await ok(world, 'clients.open', { id: clientId, refresh: false })).ownerEmailPreferences).toMatchObject({
      support: !owner.support,
      affiliate: !owner.affiliate,
    })
    expect(await ok(world, 'outbox.list', {})).toEqual([])
  })

  it('marks only what the push carried as synced in the change history; the later edit once it is sent', async () => {
    const { world, remote, local } = await setUp('8')
    await ok(world, 'contacts.update', { localId: local.localId, changes: { city: 'Cidade Um' } })
    await world.portal.faults.add({ kind: 'latency', ms: 150, actions: ['UpdateContact'], count: 1 })
    let sawWrite!: () => void
    const writing = new Promise<void>((resolve) => (sawWrite = resolve))
    const watch = setInterval(() => {
      if (world.portal.faults.list().length === 0) sawWrite()
    }, 2)
    const sync = ok(world, 'sync.run', {})
    await writing
    clearInterval(watch)
    await ok(world, 'contacts.update', { localId: local.localId, changes: { firstName: 'Nome Novo' } })
    await sync
    const history = async () => (await ok(world, 'audit.list', { clientId: remote.userid })).filter((row) => row.entityKey === local.localId)
    const [later, first] = await history()
    expect(first).toMatchObject({ new: { city: 'Cidade Um' } })
    expect(first!.syncedAt).not.toBeNull()
    expect(later).toMatchObject({ new: { firstName: 'Nome Novo' }, syncedAt: null })
    await ok(world, 'sync.run', {})
    expect((await history())[0]!.syncedAt).not.toBeNull()
  })

  it('of another field, while an update with a conflicted field is out, is kept in the entry and sent once the conflict is resolved', async () => {
    const { world, remote, local } = await setUp('8')
    await ok(world, 'contacts.update', { localId: local.localId, changes: { city: 'Cidade Um', phoneNumber: '+55.41999990001' } })
    // Someone else changed the phone number there, and no pull saw it: the push sends the city and leaves the phone to a person.
    await world.portal.control.edit('UpdateContact', { contactid: remote.id, phonenumber: '+55.41999990002' })
    await editWhilePushing(world, 'UpdateContact', () => ok(world, 'contacts.update', { localId: local.localId, changes: { firstName: 'Nome Novo' } }), 'push')
    const conflicts = await ok(world, 'conflicts.list', {})
    expect(conflicts.map((conflict) => conflict.key)).toEqual(['phoneNumber'])
    await ok(world, 'conflicts.resolve', { id: conflicts[0]!.id, choice: 'mine' })
    await ok(world, 'sync.run', {})
    const onPortal = world.portal.control.snapshot().contacts.find((contact) => contact.id === remote.id)!
    expect({ firstname: onPortal.firstname, city: onPortal.city, phonenumber: onPortal.phonenumber }).toEqual({
      firstname: 'Nome Novo',
      city: 'Cidade Um',
      phonenumber: '+55.41999990001',
    })
    expect(await ok(world, 'outbox.list', {})).toEqual([])
  })

  it('by another process, holding the cache while the answer to its create comes back, is not overwritten by the new id', async () => {
    // The app and the command line share the cache. The other process's edit transaction is open when the answer to
    // AddContact arrives: the push reads the record before that edit commits, and must not write that copy back.
    const { world, remote } = await setUp('8')
    const fields = { ...newContactFields(), firstName: 'Nova', lastName: 'Pessoa', email: 'outro.processo@exemplo.com.br' }
    const created = await ok(world, 'contacts.create', { clientId: remote.userid, fields, access: null })
    const file = portalCachePath(world.dir.path, { apiUrl: world.portal.apiUrl, identifier: world.portal.identifier })
    const other = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads')
       const db = new (require('better-sqlite3'))(workerData.file)
       parentPort.on('message', () => {
         db.exec('BEGIN IMMEDIATE')
         db.prepare("UPDATE contacts SET data = json_set(data, '$.fields.firstName', 'Outro Processo') WHERE local_id = ?").run(workerData.localId)
         parentPort.postMessage('holding')
         setTimeout(() => { db.exec('COMMIT'); db.close(); parentPort.postMessage('committed') }, 300)
       })`,
      { eval: true, workerData: { file, localId: created.localId } },
    )
    try {
      const committed = new Promise((resolve) => other.on('message', (message) => message === 'committed' && resolve(message)))
      await editWhilePushing(world, 'AddContact', async () => {
        other.postMessage('edit')
        await once(other, 'message')
      })
      await committed
    } finally {
      await other.terminate()
    }
    const onPortal = world.portal.control.snapshot().contacts.filter((contact) => contact.email === fields.email)
    expect(onPortal.map((contact) => contact.firstname)).toEqual(['Outro Processo'])
    const here = (await ok(world, 'contacts.list', { clientId: remote.userid })).find((contact) => contact.localId === created.localId)!
    expect(here).toMatchObject({ firstName: 'Outro Processo', remoteId: onPortal[0]!.id, sync: 'synced' })
    expect(await ok(world, 'outbox.list', {})).toEqual([])
  })
})
