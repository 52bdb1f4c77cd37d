// reachability.duplicates against the demo portal, over a real SQLite cache: the same e-mail in another case on two
// clients, a CPF with and without punctuation, an owner's CPF read by opening the client, an accountant on three
// clients, a unique person left out; and what a later pull changes.
import { describe, expect, it } from 'vitest'
import type { DuplicateGroup } from '../../../src/shared/contract'
import { ok, startWorld, type DeskWorld } from '../../support/desk-world'

const ACCOUNTANT = 'Contador@Escritorio-Exemplo.com.br'

async function allGroups(world: DeskWorld): Promise<DuplicateGroup[]> {
  const groups: DuplicateGroup[] = []
  for (;;) {
    const page = await ok(world, 'reachability.duplicates', { offset: groups.length, limit: 50 })
    groups.push(...page.items)
    if (page.items.length === 0 || groups.length >= page.total) return groups
  }
}

const groupOf = (groups: DuplicateGroup[], kind: DuplicateGroup['kind'], key: string) => groups.find((group) => group.kind === kind && group.key === key)

describe('reachability.duplicates', () => {
  it.each(['7', '8'] as const)('on %s.x finds what several holders share, the accountant as such, and no unique person', async (generation) => {
    const world = await startWorld({ portal: { clients: 30, seed: 11, generation, control: true } })
    const [a, b, c, d, e, f] = world.portal.control.snapshot().clients
    await world.portal.mutate((state) => {
      const second = state.clients.find((client) => client.id === b!.id)!
      second.email = a!.email.toUpperCase()
    })
    const add = (clientid: number, params: Record<string, string>) =>
      world.portal.control.edit('AddContact', { clientid, firstname: 'Teste', lastname: 'Duplicado', ...params })
    await add(c!.id, { email: 'cpf.pontuado@exemplo.com.br', tax_id: '529.982.247-25' })
    await add(d!.id, { email: 'cpf.digitos@exemplo.com.br', tax_id: '52998224725' })
    for (const client of [c!, d!, e!]) await add(client.id, { email: ACCOUNTANT })
    await add(f!.id, { email: 'pessoa.unica.no.portal@exemplo.com.br', tax_id: '', phonenumber: '' })
    await ok(world, 'sync.run', {})

    const groups = await allGroups(world)
    const email = groupOf(groups, 'email', a!.email.toLowerCase())
    expect(email).toMatchObject({ clients: 2, accountant: false })
    expect(email!.holders.map((h) => [h.clientId, h.localId])).toEqual(
      expect.arrayContaining([
        [a!.id, null],
        [b!.id, null],
      ]),
    )
    const cpf = groupOf(groups, 'taxId', '52998224725')
    // Two contacts, each on another client: one person both clients added (nothing to merge), shown as such.
    expect(cpf).toMatchObject({ value: '529.982.247-25', clients: 2, accountant: true })
    expect(cpf!.holders.map((h) => h.written).sort()).toEqual(['529.982.247-25', '52998224725'])
    expect(cpf!.holders.every((h) => h.localId !== null)).toBe(true)
    const accountant = groupOf(groups, 'email', ACCOUNTANT.toLowerCase())
    expect(accountant).toMatchObject({ clients: 3, accountant: true })
    expect(accountant!.holders.map((h) => h.clientId).sort((x, y) => x - y)).toEqual([c!.id, d!.id, e!.id].sort((x, y) => x - y))
    expect(groups.some((group) => group.key === 'pessoa.unica.no.portal@exemplo.com.br')).toBe(false)
    // Mistakes come first, accountants after.
    const firstAccountant = groups.findIndex((group) => group.accountant)
    expect(groups.slice(firstAccountant).every((group) => group.accountant)).toBe(true)
    expect((await ok(world, 'reachability.duplicates', { kind: 'taxId', limit: 1000 })).items.every((group) => group.kind === 'taxId')).toBe(true)

    // The owner's CPF is known once the client is opened: the same CPF on a contact elsewhere is then found.
    const opened = await ok(world, 'clients.open', { id: f!.id })
    const ownerTaxId = world.portal.control.snapshot().clients.find((client) => client.id === f!.id)!.tax_id
    expect(opened.client.id).toBe(f!.id)
    await add(a!.id, { email: 'mesmo.cpf@exemplo.com.br', tax_id: ownerTaxId })
    await ok(world, 'sync.run', {})
    const owner = groupOf(await allGroups(world), 'taxId', ownerTaxId.replace(/\D/g, ''))
    expect(owner).toMatchObject({ accountant: false })
    expect(owner!.holders.map((h) => [h.clientId, h.localId === null])).toEqual(
      expect.arrayContaining([
        [f!.id, true],
        [a!.id, false],
      ]),
    )

    // The second client's e-mail fixed on the portal: the pair leaves the list with the next pull.
    await world.portal.mutate((state) => {
      state.clients.find((client) => client.id === b!.id)!.email = 'outro.endereco@exemplo.com.br'
    })
    await ok(world, 'sync.run', {})
    expect(groupOf(await allGroups(world), 'email', a!.email.toLowerCase())).toBeUndefined()
  })
})
