// A pull applied in parts (issue 11): pages go into the cache as they arrive, a few rows per transaction, while
// staff keep editing. An edit made between a page's fetch and its apply, or between two of its transactions, is a
// pending edit like any other; a cancel stops at the next transaction; a listing that shifted removes nothing.
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { portalCachePath } from '../../../src/main/core/db/portal-cache'
import type { HttpTransport } from '../../../src/main/core/portal/transport'
import type { DemoPortal } from '../../../src/main/demo-portal/server'
import type { Emit } from '../../../src/shared/contract'
import type { SyncProgress } from '../../../src/shared/domain'
import { call, ok, startWorld, type DeskWorld } from '../../support/desk-world'
import { inProcessTransport } from '../../support/in-process-transport'

type Hook = (action: string, params: URLSearchParams) => Promise<void>

/** A world whose transport lets a test act right after an answer arrived and before the desk reads it. */
async function world(options: { clients?: number; generation?: '7' | '8'; pageSize?: number; chunkRows?: number; emit?: Emit } = {}) {
  const hooks: { after: Hook | null } = { after: null }
  const transport = (portal: DemoPortal): HttpTransport => {
    const inner = inProcessTransport(portal)
    return async (url, request) => {
      const response = await inner(url, request)
      const params = new URLSearchParams(request.body)
      await hooks.after?.(params.get('action') ?? '', params)
      return response
    }
  }
  const w = await startWorld({
    portal: { clients: options.clients ?? 60, seed: 3, generation: options.generation ?? '8', control: true },
    transport,
    pull: { pageSize: options.pageSize, chunkRows: options.chunkRows },
    emit: options.emit,
  })
  return { w, hooks }
}

/** A second connection to the world's cache, as a person looking at the file would. */
function peek(w: DeskWorld): Database.Database {
  return new Database(portalCachePath(w.dir.path, { apiUrl: w.portal.apiUrl, identifier: w.portal.identifier }), { readonly: true })
}

async function contactOf(w: DeskWorld, index: number) {
  const remote = w.portal.control
    .snapshot()
    .contacts.slice()
    .sort((a, b) => a.id - b.id)[index]!
  const local = (await ok(w, 'contacts.list', { clientId: remote.userid })).find((contact) => contact.remoteId === remote.id)!
  return { remote, local }
}

describe('a pull applied in parts', () => {
  it('keeps an edit made between a page being read and being applied, and merges the portal’s other changes', async () => {
    const { w, hooks } = await world({ pageSize: 20 })
    const { remote, local } = await contactOf(w, 5)
    // Another staff member changes the phone on the portal; the next pull reads it.
    await w.portal.control.edit('UpdateContact', { contactid: remote.id, phonenumber: '+55.81999990000' })
    let edited = false
    hooks.after = async (action, params) => {
      if (action !== 'GetContacts' || params.get('limitstart') !== '0' || edited) return
      edited = true
      // The page holding the contact is in hand, not yet applied: staff edit the city now.
      await ok(w, 'contacts.update', { localId: local.localId, changes: { city: 'Cidade Editada Aqui' } })
    }
    await ok(w, 'sync.run', {})
    expect(edited).toBe(true)
    const after = (await ok(w, 'contacts.list', { clientId: remote.userid })).find((contact) => contact.localId === local.localId)
    expect(after).toMatchObject({ city: 'Cidade Editada Aqui', phoneNumber: '+55.81999990000' })
    // The edit went out with the pass, on top of the portal's phone.
    expect(w.portal.control.snapshot().contacts.find((contact) => contact.id === remote.id)).toMatchObject({
      city: 'Cidade Editada Aqui',
      phonenumber: '+55.81999990000',
    })
  })

  it('an edit of the same field on both sides meanwhile is a conflict, not an overwrite', async () => {
    const { w, hooks } = await world({ pageSize: 20 })
    const { remote, local } = await contactOf(w, 3)
    await w.portal.control.edit('UpdateContact', { contactid: remote.id, city: 'Cidade do Portal' })
    hooks.after = async (action, params) => {
      if (action !== 'GetContacts' || params.get('limitstart') !== '0') return
      hooks.after = null
      await ok(w, 'contacts.update', { localId: local.localId, changes: { city: 'Cidade Daqui' } })
    }
    await ok(w, 'sync.run', {})
    const conflicts = await ok(w, 'conflicts.list', {})
    expect(conflicts).toEqual([expect.objectContaining({ key: 'city', mine: 'Cidade Daqui', theirs: 'Cidade do Portal' })])
    expect((await ok(w, 'contacts.list', { clientId: remote.userid })).find((contact) => contact.localId === local.localId)?.city).toBe('Cidade Daqui')
  })

  it('keeps an edit made between two transactions of one page', async () => {
    const progress: SyncProgress[] = []
    let onProgress: ((event: SyncProgress) => void) | null = null
    const emit: Emit = (event, payload) => {
      if (event !== 'sync.progress') return
      progress.push(payload as SyncProgress)
      onProgress?.(payload as SyncProgress)
    }
    const { w } = await world({ chunkRows: 5, emit })
    const { remote, local } = await contactOf(w, 40)
    await w.portal.control.edit('UpdateContact', { contactid: remote.id, phonenumber: '+55.81988880000' })
    const edits: Promise<unknown>[] = []
    onProgress = (event) => {
      if (event.phase !== 'contacts' || edits.length > 0) return
      // Five contacts of the page are in; the one staff edit now is further on.
      edits.push(ok(w, 'contacts.update', { localId: local.localId, changes: { city: 'Entre Duas Transações' } }))
    }
    await ok(w, 'sync.run', {})
    await Promise.all(edits)
    expect(edits).toHaveLength(1)
    expect(progress.filter((event) => event.phase === 'contacts').length).toBeGreaterThan(5)
    expect((await ok(w, 'contacts.list', { clientId: remote.userid })).find((contact) => contact.localId === local.localId)).toMatchObject({
      city: 'Entre Duas Transações',
      phoneNumber: '+55.81988880000',
    })
    expect(await ok(w, 'outbox.list', {})).toEqual([])
  })

  it('a cancel stops at the next transaction: no row is applied after it', async () => {
    const live: { w?: DeskWorld; file?: Database.Database; atCancel?: number } = {}
    const emit: Emit = (event, payload) => {
      const progress = payload as SyncProgress
      if (event !== 'sync.progress' || progress.phase !== 'clients' || live.atCancel !== undefined || !live.w || !live.file) return
      live.atCancel = live.file.prepare('SELECT count(*) FROM clients').pluck().get() as number
      void call(live.w, 'sync.cancel', {})
    }
    const { w } = await world({ clients: 400, chunkRows: 10, emit })
    live.w = w
    // A fresh cache: the same portal, its clients not pulled yet.
    await ok(w, 'cache.reset', { discardPending: true })
    const file = peek(w)
    live.file = file
    const pass = await call(w, 'sync.run', {})
    expect(pass).toMatchObject({ ok: false, error: { code: 'cancelled' } })
    expect(live.atCancel).toBe(10)
    expect(file.prepare('SELECT count(*) FROM clients').pluck().get()).toBe(live.atCancel)
    file.close()
    // The next pass finishes the job.
    expect((await ok(w, 'sync.run', {})).pulled?.clients).toMatchObject({ added: 390, removed: 0 })
  })

  it('a cancel in the contacts phase removes nothing the portal no longer lists; the next complete pass does', async () => {
    const live: { w?: DeskWorld; file?: Database.Database; atCancel?: number } = {}
    const countContacts = () => live.file?.prepare('SELECT count(*) FROM contacts').pluck().get() as number
    const emit: Emit = (event, payload) => {
      const progress = payload as SyncProgress
      if (event !== 'sync.progress' || progress.phase !== 'contacts' || progress.done === 0 || live.atCancel !== undefined || !live.w) return
      live.atCancel = countContacts()
      void call(live.w, 'sync.cancel', {})
    }
    const { w } = await world({ clients: 60, pageSize: 20, chunkRows: 5, emit })
    const before = w.portal.control.snapshot().contacts.length
    // Another staff member deletes three contacts there: the cancelled pass must not remove them here.
    const gone = w.portal.control.snapshot().contacts.slice(-3)
    for (const contact of gone) await w.portal.control.edit('DeleteContact', { contactid: contact.id })
    live.file = peek(w)
    live.w = w
    const pass = await call(w, 'sync.run', {})
    expect(pass).toMatchObject({ ok: false, error: { code: 'cancelled' } })
    expect(live.atCancel).toBe(before)
    expect(countContacts()).toBe(before)
    const held = live.file
      .prepare(`SELECT count(*) FROM contacts WHERE remote_id IN (${gone.map(() => '?').join(',')})`)
      .pluck()
      .get(...gone.map((contact) => contact.id))
    expect(held).toBe(3)
    live.file.close()
    live.atCancel = -1
    // The next complete pass removes them.
    expect((await ok(w, 'sync.run', {})).pulled?.contacts).toMatchObject({ removed: 3 })
  })

  it('a listing that shifted under the pull removes nothing; the next complete one does', async () => {
    const { w, hooks } = await world({ pageSize: 10 })
    const contacts = w.portal.control
      .snapshot()
      .contacts.slice()
      .sort((a, b) => a.id - b.id)
    const gone = [contacts[1]!, contacts[2]!]
    const before = (await ok(w, 'app.status', {})).clientCount
    hooks.after = async (action, params) => {
      if (action !== 'GetContacts' || params.get('limitstart') !== '0') return
      hooks.after = null
      // Two deleted on the portal right after the first page was read: every later page is two records off, so
      // the 12th contact falls between the first page (its 11th, the overlap) and the second (now from the 13th).
      for (const contact of gone) await w.portal.control.edit('DeleteContact', { contactid: contact.id })
    }
    const shifted = await ok(w, 'sync.run', {})
    expect(shifted.pulled?.contacts.removed).toBe(0)
    const file = peek(w)
    const cached = () => file.prepare('SELECT count(*) FROM contacts WHERE remote_id IS NOT NULL').pluck().get() as number
    // Nothing was let go: neither the deleted contacts nor the one the shifted offsets skipped.
    expect(cached()).toBe(contacts.length)
    expect(file.prepare('SELECT count(*) FROM contacts WHERE remote_id = ?').pluck().get(contacts[11]!.id)).toBe(1)
    const next = await ok(w, 'sync.run', {})
    expect(next.pulled?.contacts.removed).toBe(2)
    expect(cached()).toBe(contacts.length - 2)
    expect(file.prepare('SELECT count(*) FROM contacts WHERE remote_id = ?').pluck().get(contacts[11]!.id)).toBe(1)
    file.close()
    expect((await ok(w, 'app.status', {})).clientCount).toBe(before)
  })

  it('a long first pull says the client count as it goes, and the list answers meanwhile', async () => {
    const statuses: { clientCount: number; syncing: boolean }[] = []
    const emit: Emit = (event, payload) => {
      if (event === 'status.changed') statuses.push(payload as { clientCount: number; syncing: boolean })
    }
    const { w } = await world({ clients: 150, pageSize: 10, emit })
    await ok(w, 'cache.reset', { discardPending: true })
    await w.portal.faults.set({ kind: 'latency', ms: 100 })
    statuses.length = 0
    const pass = ok(w, 'sync.run', {})
    // Mid-pull the cache already answers: some clients listed, not all.
    await expect
      .poll(async () => (await ok(w, 'clients.list', { search: '', offset: 0, limit: 5 })).total, { timeout: 20_000, interval: 20 })
      .toBeGreaterThan(0)
    expect((await ok(w, 'clients.list', { search: '', offset: 0, limit: 5 })).total).toBeLessThan(150)
    await pass
    // Besides the start and the end, the status came while the pass ran, with what the cache held by then.
    const during = statuses.filter((status) => status.syncing && status.clientCount > 0)
    expect(during.length, JSON.stringify(statuses)).toBeGreaterThan(0)
    expect(statuses.at(-1)).toMatchObject({ syncing: false, clientCount: 150 })
  })

  it('what the portal no longer lists goes, read in batches across more rows than one batch', async () => {
    const { w } = await world({ clients: 4_200 })
    const contacts = w.portal.control
      .snapshot()
      .contacts.slice()
      .sort((a, b) => a.id - b.id)
    expect(contacts.length).toBeGreaterThan(5_000)
    const gone = [contacts[10]!, contacts[contacts.length - 3]!]
    const clientsGone = w.portal.control.snapshot().clients.slice(-2)
    for (const contact of gone) await w.portal.control.edit('DeleteContact', { contactid: contact.id })
    await w.portal.mutate((state) => {
      state.clients = state.clients.filter((client) => !clientsGone.some((each) => each.id === client.id))
      state.contacts = state.contacts.filter((contact) => !clientsGone.some((each) => each.id === contact.userid))
    })
    const removedContacts = gone.length + contacts.filter((contact) => clientsGone.some((each) => each.id === contact.userid) && !gone.includes(contact)).length
    const pass = await ok(w, 'sync.run', {})
    expect(pass.pulled?.contacts.removed).toBe(removedContacts)
    expect(pass.pulled?.clients).toMatchObject({ removed: 2, added: 0 })
    const file = peek(w)
    expect(file.prepare('SELECT count(*) FROM contacts').pluck().get()).toBe(contacts.length - removedContacts)
    file.close()
  })

  it('opening a client while a pull runs is not undone by an older page of that pull', async () => {
    const { w, hooks } = await world({ pageSize: 20 })
    const { remote, local } = await contactOf(w, 2)
    await w.portal.control.edit('UpdateContact', { contactid: remote.id, city: 'Antes' })
    hooks.after = async (action, params) => {
      if (action !== 'GetContacts' || params.get('limitstart') !== '0' || params.has('userid')) return
      hooks.after = null
      // The page (city "Antes") is in hand; the portal changes again and staff open the client, which reads it.
      await w.portal.control.edit('UpdateContact', { contactid: remote.id, city: 'Depois' })
      await ok(w, 'clients.open', { id: remote.userid })
    }
    await ok(w, 'sync.run', {})
    expect((await ok(w, 'contacts.list', { clientId: remote.userid })).find((contact) => contact.localId === local.localId)?.city).toBe('Depois')
    expect(await ok(w, 'outbox.list', {})).toEqual([])
  })
})
