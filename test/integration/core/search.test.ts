// Search after a sync: the core against the demo portal over real HTTP, with a real SQLite file. Every
// client's domains come with the sync (no client needs opening first); contacts are found across clients;
// the owner's phone and CPF/CNPJ once the client was opened.
import { describe, expect, it } from 'vitest'
import type { DemoPortalOptions } from '../../../src/main/demo-portal/server'
import type { ContactFields } from '../../../src/shared/domain'
import { ok, startWorld, type DeskWorld } from '../../support/desk-world'

type World = DeskWorld

const syncedWorld = (options: DemoPortalOptions = {}) => startWorld({ portal: { clients: 120, seed: 23, generation: '8', ...options }, timeoutMs: 5_000 })

const foundIds = async (world: World, search: string) => (await ok(world, 'clients.list', { search, limit: 1000 })).items.map((client) => client.id)

/** A domain of a client that nothing else about any client spells (so only the domain pull can find it). */
function domainOnlyTheDomainsKnow(world: World) {
  const state = world.portal.control.snapshot()
  const label = (domain: string) => domain.slice(0, domain.indexOf('.'))
  const spelled = state.clients.map((client) => `${client.firstname} ${client.lastname} ${client.companyname} ${client.email}`.toLowerCase()).join(' ')
  const contactsSpell = state.contacts
    .map((contact) => `${contact.firstname} ${contact.lastname} ${contact.companyname} ${contact.email}`.toLowerCase())
    .join(' ')
  const domain = state.domains.find((each) => !spelled.includes(label(each.domainname)) && !contactsSpell.includes(label(each.domainname)))
  if (!domain) throw new Error('every domain is also spelled in a name or an e-mail')
  return { domain: domain.domainname, clientId: domain.userid }
}

function contactFields(email: string): ContactFields {
  return {
    firstName: 'Renata',
    lastName: 'Saiu da Agência',
    companyName: '',
    email,
    address1: '',
    address2: '',
    city: 'Recife',
    state: 'PE',
    postcode: '50030-230',
    country: 'BR',
    phoneNumber: '+55.81988887777',
    taxId: '',
    emailPreferences: { general: true, invoice: true, product: false, domain: false, support: false, affiliate: false },
  }
}

describe('search after one sync', () => {
  it('finds a client that was never opened by one of its domains, and lists its contacts by it', async () => {
    const world = await syncedWorld()
    const { domain, clientId } = domainOnlyTheDomainsKnow(world)
    expect(await foundIds(world, domain)).toEqual([clientId])
    expect(await foundIds(world, `www.${domain.slice(0, -3)}`)).toContain(clientId)

    const theirs = world.portal.control.snapshot().contacts.filter((contact) => contact.userid === clientId)
    const hits = await ok(world, 'contacts.search', { search: domain })
    expect(hits.items.map((hit) => hit.contact.remoteId).sort()).toEqual(theirs.map((contact) => contact.id).sort())
    expect(new Set(hits.items.map((hit) => hit.contact.clientId))).toEqual(new Set(theirs.length > 0 ? [clientId] : []))
  })

  it('still syncs where the API role forbids GetClientsDomains', async () => {
    const world = await syncedWorld({ deniedActions: ['GetClientsDomains'] })
    expect((await ok(world, 'app.status', {})).clientCount).toBe(120)
    expect((await ok(world, 'app.status', {})).lastSync?.ok).toBe(true)
  })

  it('lists every contact with an e-mail address, on any client, and only those', async () => {
    const world = await syncedWorld()
    const clients = (await ok(world, 'clients.list', { limit: 3 })).items
    const email = 'renata.saiu@agenciaexemplo.com.br'
    const created = []
    for (const client of clients)
      created.push(
        await ok(world, 'contacts.create', { clientId: client.id, fields: contactFields(email), access: { enabled: true, permissions: ['invoices'] } }),
      )
    // A look-alike on the same domain, and the same person deleted from one client.
    await ok(world, 'contacts.create', { clientId: clients[0]!.id, fields: contactFields('renata@agenciaexemplo.com.br') })
    await ok(world, 'contacts.delete', { localId: created[2]!.localId })

    const hits = await ok(world, 'contacts.search', { search: 'Renata.Saiu@AgenciaExemplo.com.br ' })
    expect(hits.total).toBe(2)
    expect(hits.items.map((hit) => hit.contact.localId).sort()).toEqual([created[0]!.localId, created[1]!.localId].sort())
    for (const hit of hits.items) {
      const client = clients.find((each) => each.id === hit.contact.clientId)!
      expect(hit.clientName).toBe(`${client.firstName} ${client.lastName}`.trim() || client.companyName)
    }
    expect((await ok(world, 'contacts.search', { search: email, hasAccess: false })).total).toBe(0)
    // Words rather than a whole address: the look-alike too.
    expect((await ok(world, 'contacts.search', { search: 'renata agenciaexemplo' })).total).toBe(3)
  })

  it("finds a client by its owner's phone and CPF/CNPJ once it was opened", async () => {
    const world = await syncedWorld()
    const state = world.portal.control.snapshot()
    const digits = (text: string) => text.replace(/\D/g, '')
    // An owner whose numbers none of its contacts share (else the contact finds the client already).
    const owner = state.clients.find(
      (client) =>
        digits(client.tax_id).length >= 11 &&
        digits(client.phonenumber).length >= 12 &&
        !state.contacts.some(
          (contact) =>
            contact.userid === client.id && (digits(contact.tax_id) === digits(client.tax_id) || digits(contact.phonenumber) === digits(client.phonenumber)),
        ),
    )!
    const phone = digits(owner.phonenumber).slice(2)
    const byPhone = `(${phone.slice(0, 2)}) ${phone.slice(2)}`
    expect(await foundIds(world, owner.tax_id)).not.toContain(owner.id)
    expect(await foundIds(world, byPhone)).not.toContain(owner.id)
    await ok(world, 'clients.open', { id: owner.id })
    expect(await foundIds(world, owner.tax_id)).toContain(owner.id)
    expect(await foundIds(world, byPhone)).toContain(owner.id)
  })
})
