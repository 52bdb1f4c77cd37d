// Offline edits and sync: the core against the demo portal over real HTTP, with real SQLite files.
import { describe, expect, it } from 'vitest'
import { openDesk } from '../../../src/main/core/desk'
import { startDemoPortal } from '../../../src/main/demo-portal/server'
import type { ContactFields, Generation } from '../../../src/shared/domain'
import { call, fails, ok, restart, startWorld, type DeskWorld } from '../../support/desk-world'

type World = DeskWorld

const setUp = (generation: Generation = '8', clients = 30) => startWorld({ portal: { clients, seed: 11, generation, control: true } })

const portalContacts = (world: World, clientId: number) => world.portal.control.snapshot().contacts.filter((c) => Number(c.userid) === clientId)
const firstClientWithContacts = (world: World) => {
  const snapshot = world.portal.control.snapshot()
  const contact = snapshot.contacts[0]!
  return { clientId: Number(contact.userid), contact }
}

function newContact(email: string): ContactFields {
  return {
    firstName: 'Maria',
    lastName: 'Segundo Contato',
    companyName: '',
    email,
    address1: 'Rua das Flores, 10',
    address2: '',
    city: 'Curitiba',
    state: 'PR',
    postcode: '80010-000',
    country: 'BR',
    phoneNumber: '+55.41988887777',
    taxId: '',
    emailPreferences: { general: true, invoice: true, product: false, domain: false, support: false, affiliate: false },
  }
}

describe('offline edits', () => {
  it('survive a restart while the portal is down, and reach it once it is back', async () => {
    const world = await setUp()
    const { clientId } = firstClientWithContacts(world)
    await world.portal.faults.add({ kind: 'down' })
    const created = await ok(world, 'contacts.create', { clientId, fields: newContact('maria.segundo@gmail.com') })
    expect(created).toMatchObject({ remoteId: null, sync: 'pending' })
    const failure = await fails(world, 'sync.run', {})
    expect(failure.code).toBe('unreachable')
    await restart(world)
    expect((await ok(world, 'app.status', {})).outbox.pending + (await ok(world, 'app.status', {})).outbox.failed).toBe(1)
    await world.portal.faults.clear()
    const summary = await ok(world, 'sync.run', {})
    expect(summary.pushed.sent).toBe(1)
    const onPortal = portalContacts(world, clientId).filter((c) => c.email === 'maria.segundo@gmail.com')
    expect(onPortal).toHaveLength(1)
    expect(onPortal[0]).toMatchObject({ firstname: 'Maria', invoiceemails: true, generalemails: true, productemails: false })
    const listed = await ok(world, 'contacts.list', { clientId })
    expect(listed.find((c) => c.email === 'maria.segundo@gmail.com')).toMatchObject({ sync: 'synced', remoteId: Number(onPortal[0]!.id) })
    expect((await ok(world, 'app.status', {})).outbox).toEqual({ pending: 0, failed: 0, rejected: 0, conflict: 0, held: 0 })
    const audit = await ok(world, 'audit.list', { clientId })
    expect(audit.find((row) => row.action === 'create_contact')?.syncedAt).not.toBeNull()
  })

  it('never duplicate a contact when the connection drops after AddContact committed', async () => {
    const world = await setUp()
    const { clientId } = firstClientWithContacts(world)
    await ok(world, 'contacts.create', { clientId, fields: newContact('dup.check@gmail.com') })
    await world.portal.faults.add({ kind: 'drop-after-commit', actions: ['AddContact'], count: 1 })
    const first = await ok(world, 'sync.run', {})
    expect(first.pushed.failed).toBe(1)
    expect(portalContacts(world, clientId).filter((c) => c.email === 'dup.check@gmail.com')).toHaveLength(1)
    const second = await ok(world, 'sync.run', {})
    expect(second.pushed.failed).toBe(0)
    expect(portalContacts(world, clientId).filter((c) => c.email === 'dup.check@gmail.com')).toHaveLength(1)
    const mine = (await ok(world, 'contacts.list', { clientId })).filter((c) => c.email === 'dup.check@gmail.com')
    expect(mine).toHaveLength(1)
    expect(mine[0]).toMatchObject({ sync: 'synced' })
  })

  it('keep an edit made after an UpdateContact that landed with its answer lost, even one back to the old value', async () => {
    const world = await setUp()
    const { clientId, contact } = firstClientWithContacts(world)
    const local = (await ok(world, 'contacts.list', { clientId })).find((c) => c.remoteId === Number(contact.id))!
    const original = local.city
    await ok(world, 'contacts.update', { localId: local.localId, changes: { city: 'Maringá', firstName: 'Primeira' } })
    await world.portal.faults.add({ kind: 'drop-after-commit', actions: ['UpdateContact'], count: 1 })
    expect((await ok(world, 'sync.run', {})).pushed.failed).toBe(1)
    expect(world.portal.control.snapshot().contacts.find((c) => c.id === contact.id)).toMatchObject({ city: 'Maringá', firstname: 'Primeira' })
    // Before the next sync: one field back to what it was, the other edited again.
    await ok(world, 'contacts.update', { localId: local.localId, changes: { city: original, firstName: 'Segunda' } })
    const next = await ok(world, 'sync.run', {})
    expect(next.pushed).toMatchObject({ sent: 1, conflicts: 0, failed: 0 })
    expect(world.portal.control.snapshot().contacts.find((c) => c.id === contact.id)).toMatchObject({ city: original, firstname: 'Segunda' })
    expect(await ok(world, 'conflicts.list', {})).toEqual([])
    expect((await ok(world, 'contacts.list', { clientId })).find((c) => c.localId === local.localId)).toMatchObject({
      city: original,
      firstName: 'Segunda',
      sync: 'synced',
    })
  })

  it('still conflict when another person changed the field after our lost-answer write landed', async () => {
    const world = await setUp()
    const { clientId, contact } = firstClientWithContacts(world)
    const local = (await ok(world, 'contacts.list', { clientId })).find((c) => c.remoteId === Number(contact.id))!
    await ok(world, 'contacts.update', { localId: local.localId, changes: { city: 'Maringá' } })
    await world.portal.faults.add({ kind: 'drop-after-commit', actions: ['UpdateContact'], count: 1 })
    await ok(world, 'sync.run', {})
    await world.portal.control.edit('UpdateContact', { contactid: contact.id, city: 'Londrina' })
    await ok(world, 'contacts.update', { localId: local.localId, changes: { city: 'Cascavel' } })
    await ok(world, 'sync.run', {})
    const conflicts = await ok(world, 'conflicts.list', {})
    expect(conflicts).toHaveLength(1)
    expect(conflicts[0]).toMatchObject({ key: 'city', mine: 'Cascavel', theirs: 'Londrina' })
    expect(world.portal.control.snapshot().contacts.find((c) => c.id === contact.id)?.city).toBe('Londrina')
  })

  it('take back access whose grant landed with its answer lost (7.x)', async () => {
    const world = await setUp('7')
    const { clientId, contact } = firstClientWithContacts(world)
    const local = (await ok(world, 'contacts.list', { clientId })).find((c) => c.remoteId === Number(contact.id))!
    await ok(world, 'access.set', { localId: local.localId, access: { enabled: true, permissions: ['invoices'] }, password: 'Senha-forte-123' })
    await world.portal.faults.add({ kind: 'drop-after-commit', actions: ['UpdateContact'], count: 1 })
    expect((await ok(world, 'sync.run', {})).pushed.failed).toBe(1)
    expect(world.portal.control.snapshot().contacts.find((c) => c.id === contact.id)?.subaccount).toBe(true)
    await ok(world, 'access.set', { localId: local.localId, access: { enabled: false, permissions: [] } })
    expect((await ok(world, 'sync.run', {})).pushed).toMatchObject({ sent: 1, conflicts: 0 })
    expect(world.portal.control.snapshot().contacts.find((c) => c.id === contact.id)?.subaccount).toBe(false)
    expect(await ok(world, 'conflicts.list', {})).toEqual([])
  })

  it('never duplicate a created contact whose answer was lost even if another person changed its e-mail before the retry', async () => {
    const world = await setUp()
    const { clientId } = firstClientWithContacts(world)
    await ok(world, 'contacts.create', { clientId, fields: newContact('moved.later@gmail.com') })
    await world.portal.faults.add({ kind: 'drop-after-commit', actions: ['AddContact'], count: 1 })
    expect((await ok(world, 'sync.run', {})).pushed.failed).toBe(1)
    const landed = portalContacts(world, clientId).find((c) => c.email === 'moved.later@gmail.com')!
    await world.portal.control.edit('UpdateContact', { contactid: landed.id, email: 'novo.endereco@yahoo.com.br' })
    await ok(world, 'sync.run', {})
    const ours = portalContacts(world, clientId).filter((c) => c.lastname === 'Segundo Contato')
    expect(ours).toHaveLength(1)
    expect(ours[0]!.email).toBe('novo.endereco@yahoo.com.br')
    const here = (await ok(world, 'contacts.list', { clientId })).filter((c) => c.lastName === 'Segundo Contato')
    expect(here).toHaveLength(1)
    expect(here[0]).toMatchObject({ remoteId: Number(landed.id), email: 'novo.endereco@yahoo.com.br', sync: 'synced' })
  })

  it("show a refused entry with the portal's message, and let the others through", async () => {
    const world = await setUp()
    const { clientId, contact } = firstClientWithContacts(world)
    await ok(world, 'contacts.create', { clientId, fields: newContact(contact.email) }) // an e-mail the client already has
    await ok(world, 'contacts.create', { clientId, fields: newContact('fine@gmail.com') })
    const summary = await ok(world, 'sync.run', {})
    expect(summary.pushed).toMatchObject({ sent: 1, rejected: 1 })
    const outbox = await ok(world, 'outbox.list', {})
    expect(outbox).toHaveLength(1)
    expect(outbox[0]).toMatchObject({ state: 'rejected', lastError: { code: 'portal_error', params: { portalMessage: 'Duplicate Email Address' } } })
    expect(portalContacts(world, clientId).filter((c) => c.email === 'fine@gmail.com')).toHaveLength(1)
  })
})

describe('concurrent edits', () => {
  async function editedBoth(field: 'firstname' | 'city', mine: Partial<ContactFields>) {
    const world = await setUp()
    const { clientId, contact } = firstClientWithContacts(world)
    const local = (await ok(world, 'contacts.list', { clientId })).find((c) => c.remoteId === Number(contact.id))!
    await ok(world, 'contacts.update', { localId: local.localId, changes: mine })
    await world.portal.control.edit('UpdateContact', { contactid: contact.id, [field]: 'Portal Value' })
    await ok(world, 'sync.run', {})
    return { world, clientId, contact, local }
  }

  it('on the same field: exactly one conflict, nothing overwritten, resolved with mine', async () => {
    const { world, contact, local } = await editedBoth('firstname', { firstName: 'Local Value' })
    const conflicts = await ok(world, 'conflicts.list', {})
    expect(conflicts).toHaveLength(1)
    expect(conflicts[0]).toMatchObject({ entityKey: local.localId, key: 'firstName', base: contact.firstname, mine: 'Local Value', theirs: 'Portal Value' })
    expect(world.portal.control.snapshot().contacts.find((c) => c.id === contact.id)?.firstname).toBe('Portal Value')
    expect((await ok(world, 'app.status', {})).conflicts).toBe(1)
    await ok(world, 'conflicts.resolve', { id: conflicts[0]!.id, choice: 'mine' })
    await ok(world, 'sync.run', {})
    expect(world.portal.control.snapshot().contacts.find((c) => c.id === contact.id)?.firstname).toBe('Local Value')
    expect(await ok(world, 'conflicts.list', {})).toEqual([])
  })

  it('an edited value is judged like an edit of that field, and stored normalised', async () => {
    const world = await setUp()
    const { clientId, contact } = firstClientWithContacts(world)
    const local = (await ok(world, 'contacts.list', { clientId })).find((c) => c.remoteId === Number(contact.id))!
    await ok(world, 'contacts.update', { localId: local.localId, changes: { taxId: '529.982.247-25' } })
    await world.portal.control.edit('UpdateContact', { contactid: contact.id, tax_id: '111.444.777-35' })
    await ok(world, 'sync.run', {})
    const [conflict] = await ok(world, 'conflicts.list', {})
    expect(conflict).toMatchObject({ key: 'taxId' })
    expect(await fails(world, 'conflicts.resolve', { id: conflict!.id, choice: 'edit', value: '123.456.789-00' })).toMatchObject({
      code: 'validation',
      issues: [{ path: 'value.taxId' }],
    })
    expect(await fails(world, 'conflicts.resolve', { id: conflict!.id, choice: 'edit', value: true })).toMatchObject({
      code: 'validation',
      issues: [{ path: 'value' }],
    })
    expect(await ok(world, 'conflicts.list', {})).toHaveLength(1)
    await ok(world, 'conflicts.resolve', { id: conflict!.id, choice: 'edit', value: '39053344705' })
    await ok(world, 'sync.run', {})
    expect(world.portal.control.snapshot().contacts.find((c) => c.id === contact.id)?.tax_id).toBe('390.533.447-05')
  })

  it('on different fields: merged, both kept', async () => {
    const { world, contact, clientId } = await editedBoth('city', { firstName: 'Local Value' })
    expect(await ok(world, 'conflicts.list', {})).toEqual([])
    const onPortal = world.portal.control.snapshot().contacts.find((c) => c.id === contact.id)!
    expect(onPortal).toMatchObject({ firstname: 'Local Value', city: 'Portal Value' })
    const here = (await ok(world, 'contacts.list', { clientId })).find((c) => c.remoteId === Number(contact.id))!
    expect(here).toMatchObject({ firstName: 'Local Value', city: 'Portal Value', sync: 'synced' })
  })

  it('remote delete against a local edit: a conflict, and the edit is kept', async () => {
    const world = await setUp()
    const { clientId, contact } = firstClientWithContacts(world)
    const local = (await ok(world, 'contacts.list', { clientId })).find((c) => c.remoteId === Number(contact.id))!
    await ok(world, 'contacts.update', { localId: local.localId, changes: { city: 'Maringá' } })
    await world.portal.control.edit('DeleteContact', { contactid: contact.id })
    await ok(world, 'sync.run', {})
    const conflicts = await ok(world, 'conflicts.list', {})
    expect(conflicts).toHaveLength(1)
    expect(conflicts[0]).toMatchObject({ key: '*', theirs: null })
    expect((await ok(world, 'contacts.list', { clientId })).find((c) => c.localId === local.localId)).toMatchObject({ city: 'Maringá', sync: 'conflict' })
    // Keeping it creates it again on the portal.
    await ok(world, 'conflicts.resolve', { id: conflicts[0]!.id, choice: 'mine' })
    await ok(world, 'sync.run', {})
    expect(portalContacts(world, clientId).filter((c) => c.email === contact.email && c.city === 'Maringá')).toHaveLength(1)
  })
})

describe('client-area access granted offline', () => {
  it('on 7.x, as a sub-account with its permissions, the password never kept in clear', async () => {
    const world = await setUp('7')
    const { clientId } = firstClientWithContacts(world)
    await world.portal.faults.add({ kind: 'down' })
    await ok(world, 'contacts.create', {
      clientId,
      fields: newContact('sub.account@yahoo.com.br'),
      access: { enabled: true, permissions: ['invoices', 'quotes', 'orders', 'emails'] },
      password: 'Segredo#2026',
    })
    await fails(world, 'sync.run', {})
    await world.portal.faults.clear()
    await ok(world, 'sync.run', {})
    const onPortal = portalContacts(world, clientId).find((c) => c.email === 'sub.account@yahoo.com.br')!
    expect(onPortal).toMatchObject({ subaccount: true })
    expect(String(onPortal.permissions).split(',').sort()).toEqual(['emails', 'invoices', 'orders', 'quotes'])
    expect(JSON.stringify(world.portal.control.snapshot())).not.toContain('Segredo#2026')
    expect(
      world.secrets.get(`subaccount-password:${(await ok(world, 'contacts.list', { clientId })).find((c) => c.email === 'sub.account@yahoo.com.br')!.localId}`),
    ).toBeNull()
  })

  it('on 8.x, as an invite with its permissions, and the contact with its e-mail preferences', async () => {
    const world = await setUp('8')
    const { clientId } = firstClientWithContacts(world)
    await world.portal.faults.add({ kind: 'down' })
    await ok(world, 'contacts.create', {
      clientId,
      fields: newContact('convite@gmail.com'),
      access: { enabled: true, permissions: ['invoices', 'tickets'] },
    })
    await fails(world, 'sync.run', {})
    await world.portal.faults.clear()
    const summary = await ok(world, 'sync.run', {})
    expect(summary.pushed.sent).toBe(2)
    const snapshot = world.portal.control.snapshot()
    expect(snapshot.contacts.filter((c) => c.email === 'convite@gmail.com')).toMatchObject([{ invoiceemails: true }])
    const invite = snapshot.invites.find((i) => i.email === 'convite@gmail.com')
    expect(invite).toBeDefined()
    expect(String(invite!.permissions).split(',').sort()).toEqual(['invoices', 'tickets'])
    const here = (await ok(world, 'contacts.list', { clientId })).find((c) => c.email === 'convite@gmail.com')!
    expect(here).toMatchObject({ sync: 'synced', access: { enabled: true, permissions: ['invoices', 'tickets'] } })
  })
})

describe('one cache, one writer', () => {
  it('a second sync of the same cache while one runs says so, and nothing is duplicated', async () => {
    const world = await setUp()
    const { clientId } = firstClientWithContacts(world)
    await ok(world, 'contacts.create', { clientId, fields: newContact('one.writer@gmail.com') })
    const other = openDesk({ dataDir: world.dir.path, secrets: world.secrets, emit: () => undefined })
    try {
      await world.portal.faults.add({ kind: 'latency', ms: 300 })
      const [a, b] = await Promise.all([world.desk.dispatch('sync.run', {}), other.dispatch('sync.run', {})])
      const outcomes = [a, b].map((r) => (r.ok ? 'ok' : r.error.code)).sort()
      expect(outcomes).toEqual(['busy', 'ok'])
      await world.portal.faults.clear()
      await other.dispatch('sync.run', {})
      expect(portalContacts(world, clientId).filter((c) => c.email === 'one.writer@gmail.com')).toHaveLength(1)
    } finally {
      await other.close()
    }
  })

  it('a cancelled sync says so (not as a failure), keeps what it wrote, and the next one finishes', async () => {
    const world = await setUp()
    await world.portal.faults.add({ kind: 'latency', ms: 400, actions: ['GetContacts'] })
    const running = call(world, 'sync.run', {})
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(await ok(world, 'sync.cancel', {})).toEqual({ cancelled: true })
    expect(await running).toMatchObject({ ok: false, error: { code: 'cancelled' } })
    expect((await ok(world, 'app.status', {})).lastSync).toMatchObject({ ok: false, error: { code: 'cancelled' } })
    await world.portal.faults.clear()
    expect((await ok(world, 'sync.run', {})).pulled?.clients.unchanged).toBeGreaterThan(0)
  })

  it('switching portals with edits pending sends nothing of one portal to the other', async () => {
    const world = await setUp('8')
    const { clientId } = firstClientWithContacts(world)
    await ok(world, 'contacts.create', { clientId, fields: newContact('stays.home@gmail.com') })
    const other = await startDemoPortal({ port: 0, clients: 30, seed: 11, generation: '8', control: true })
    try {
      await ok(world, 'portal.connect', { url: other.url, identifier: other.identifier, secret: other.secret })
      await ok(world, 'sync.run', {})
      expect(other.control.snapshot().contacts.filter((c) => c.email === 'stays.home@gmail.com')).toHaveLength(0)
      await ok(world, 'portal.connect', { url: world.portal.url, identifier: world.portal.identifier, secret: world.portal.secret })
      expect((await ok(world, 'app.status', {})).outbox.pending).toBe(1)
      await ok(world, 'sync.run', {})
      expect(portalContacts(world, clientId).filter((c) => c.email === 'stays.home@gmail.com')).toHaveLength(1)
    } finally {
      await other.close()
    }
  })
})

describe('the client page', () => {
  it.each(['7', '8'] as const)('on %s.x shows the owner, the contacts and who can log in, and works offline from the cache', async (generation) => {
    const world = await setUp(generation)
    const { clientId } = firstClientWithContacts(world)
    const view = await ok(world, 'clients.open', { id: clientId })
    expect(view.fresh).toBe(true)
    expect(view.ownerEmailPreferences).not.toBeNull()
    expect(view.contacts.length).toBe(portalContacts(world, clientId).length)
    expect(view.logins?.find((login) => login.kind === 'owner')).toMatchObject({ permissions: expect.arrayContaining(['invoices', 'profile']) })
    const domain = world.portal.control.snapshot().domains.find((d) => Number(d.userid) === clientId)
    expect(domain, 'the demo gives every client a domain').toBeDefined()
    expect(view.domains).toContain(String(domain!.domainname).toLowerCase())
    const found = await ok(world, 'clients.list', { search: String(domain!.domainname) })
    expect(found.items.map((c) => c.id)).toContain(clientId)
    await world.portal.faults.add({ kind: 'down' })
    const offline = await ok(world, 'clients.open', { id: clientId })
    expect(offline).toMatchObject({ fresh: false, fetchedAt: view.fetchedAt, logins: view.logins })
  })

  it("warns when nobody receives invoices, and when every recipient is on the client's own domain", async () => {
    const world = await setUp('8', 60)
    const snapshot = world.portal.control.snapshot()
    let seen = new Set<string>()
    for (const client of snapshot.clients.slice(0, 25)) {
      const view = await ok(world, 'clients.open', { id: Number(client.id) })
      seen = new Set([...seen, ...view.warnings])
    }
    expect([...seen].sort()).toEqual(['all_recipients_on_own_domain', 'no_invoice_recipient'])
  })
})

describe('validation in main, as on screen', () => {
  it('refuses a bad CPF and a bad e-mail naming the fields, and queues nothing', async () => {
    const world = await setUp()
    const { clientId } = firstClientWithContacts(world)
    const refused = await fails(world, 'contacts.create', { clientId, fields: { ...newContact('not-an-email'), taxId: '529.982.247-24' } })
    expect(refused.code).toBe('validation')
    expect(refused.issues?.map((issue) => issue.path).sort()).toEqual(['fields.email'])
    const badCpf = await fails(world, 'contacts.create', { clientId, fields: { ...newContact('ok@gmail.com'), taxId: '529.982.247-24' } })
    expect(badCpf.issues).toEqual([{ path: 'fields.taxId', message: 'taxId.checkDigits' }])
    expect((await ok(world, 'app.status', {})).outbox.pending).toBe(0)
  })

  it('stores Brazilian data the way WHMCS keeps it, and judges only what an edit changes', async () => {
    const world = await setUp()
    const { clientId } = firstClientWithContacts(world)
    const created = await ok(world, 'contacts.create', {
      clientId,
      fields: { ...newContact('cpf@gmail.com'), taxId: '52998224725', phoneNumber: '(41) 98888-7777', postcode: '80010000' },
    })
    expect(created).toMatchObject({ taxId: '529.982.247-25', phoneNumber: '+55.41988887777', postcode: '80010-000' })
    const updated = await ok(world, 'contacts.update', { localId: created.localId, changes: { city: 'Londrina' } })
    expect(updated.city).toBe('Londrina')
    expect((await fails(world, 'contacts.update', { localId: created.localId, changes: { postcode: '123' } })).issues).toEqual([
      { path: 'changes.postcode', message: 'postcode.length' },
    ])
  })
})
