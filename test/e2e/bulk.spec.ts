// Bulk delegation: 20 contacts of several clients, found across clients by each client's domain (pulled with
// the sync: no client was opened), the Financeiro preset, a preview of every change, queued in one go, then
// synced: on the demo portal (8.x) each of them has an invite, or its existing login on that client, with
// exactly the Financeiro permissions. And a departed person revoked everywhere: their e-mail address, "tick
// all" (their contacts, and their login on a client where they are no contact), one previewed revocation,
// synced: their login is gone from every client.
import { expect, test } from './fixtures'
import {
  acceptInvite,
  connectDemo,
  controlState,
  portalCall,
  readDemo,
  screenshot,
  seriousViolations,
  syncNow,
  type DemoClient,
  type DemoState,
} from './helpers'

test.use({ demoLatencyMs: 0 })

const FINANCE = ['emails', 'invoices', 'orders', 'quotes']

/** Clients whose contacts add up to exactly `total`, the ones with most contacts first (each contact with an e-mail, to be ticked by it). */
function clientsWithContacts(state: DemoState, total: number): DemoClient[] {
  const theirs = (client: DemoClient) => state.contacts.filter((contact) => contact.userid === client.id)
  const count = (client: DemoClient) => theirs(client).length
  const chosen: DemoClient[] = []
  let sum = 0
  for (const client of [...state.clients]
    .filter((c) => count(c) > 0 && theirs(c).every((contact) => contact.email !== ''))
    .sort((a, b) => count(b) - count(a))) {
    if (sum + count(client) > total) continue
    chosen.push(client)
    sum += count(client)
    if (sum === total) return chosen
  }
  throw new Error(`no clients with ${total} contacts in all`)
}

test('a preset applied to 20 contacts of several clients, previewed, queued and synced', async ({ page, desk }) => {
  await connectDemo(page, desk)
  const state = readDemo(desk)
  const clients = clientsWithContacts(state, 20)
  expect(clients.length).toBeGreaterThan(3)
  const emails = clients.flatMap((client) => state.contacts.filter((contact) => contact.userid === client.id).map((contact) => contact.email))

  await page.getByRole('button', { name: 'Delegação em massa' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Delegação em massa' })).toBeFocused()
  const search = page.getByLabel('Buscar contatos em todos os clientes')
  // Each client by its domain (a client found brings all its contacts); the ticks of every search add up.
  for (const client of clients) {
    await search.fill(client.domain)
    for (const contact of state.contacts.filter((each) => each.userid === client.id)) {
      await page.getByRole('checkbox', { name: new RegExp(`\\(${escapeRegExp(contact.email)}\\)$`, 'i') }).check()
    }
  }
  await expect(page.getByText('20 contatos marcados')).toBeVisible()
  expect(await seriousViolations(page)).toEqual([])
  await screenshot(page, 'bulk')

  await expect(page.getByRole('radio', { name: /Aplicar uma predefinição/ })).toBeChecked()
  await page.getByRole('combobox', { name: 'Predefinição' }).selectOption({ label: 'Financeiro' })
  await page.getByRole('button', { name: 'Pré-visualizar alterações (20 contatos)' }).click()
  const preview = page.getByRole('dialog', { name: 'Pré-visualização' })
  await expect(preview).toContainText('Aplicar a predefinição “Financeiro”.')
  await expect(preview.getByRole('row')).toHaveCount(21)
  const unchanged = await preview.getByRole('row').filter({ hasText: 'sem mudança' }).count()
  const changes = 20 - unchanged
  expect(changes).toBeGreaterThan(15)
  expect(await seriousViolations(page)).toEqual([])
  await screenshot(page, 'bulk-preview')
  // Nothing is queued before the preview is confirmed.
  expect((await page.request.post(`${desk.origin}/api/call/outbox.list`, { headers: await tokenHeader(page), data: {} }).then((r) => r.json())).value).toEqual(
    [],
  )

  await preview.getByRole('button', { name: `Colocar ${changes} alterações na fila` }).click()
  await expect(preview).toBeHidden()
  await expect(page.getByText(`${changes} alterações na fila: vão para o portal na próxima sincronização.`)).toBeVisible()

  await syncNow(page)
  const after = readDemo(desk)
  for (const email of emails) {
    const contact = state.contacts.find((each) => each.email === email)!
    const user = after.users.find((each) => each.email.toLowerCase() === email.toLowerCase())
    const link = user?.clients.find((each) => each.clientid === contact.userid)
    const invite = after.invites.find((each) => each.email.toLowerCase() === email.toLowerCase() && each.clientid === contact.userid)
    const permissions = link && !link.owner ? link.permissions : invite?.permissions
    expect([...(permissions ?? [])].sort(), email).toEqual(FINANCE)
  }
  await page.getByRole('button', { name: /^Sincronização/ }).click()
  await expect(page.getByText('Nada na fila: tudo o que foi editado neste computador já está no portal.')).toBeVisible()
})

test.describe('revoke a departed person everywhere', () => {
  test.use({ demoLatencyMs: 0, demoControl: true })

  test('their e-mail address lists them on every client; one previewed revocation; synced, their login is gone from each', async ({ page, desk }) => {
    await connectDemo(page, desk)
    // On the portal: the agency's Renata is a contact on three clients and logs in to each (she accepted their invites).
    const email = 'renata.saiu@agenciaexemplo.com.br'
    const named = readDemo(desk).clients.filter((client) => client.firstname !== '')
    const clients = named.slice(0, 3)
    for (const client of clients) {
      await portalCall(page, 'AddContact', { clientid: String(client.id), firstname: 'Renata', lastname: 'Saiu', email, 'email_preferences[invoice]': '1' })
      await portalCall(page, 'CreateClientInvite', { client_id: String(client.id), email, permissions: 'invoices,tickets' })
    }
    // …and on a fourth client she only logs in: its owner invited her, she is none of its contacts.
    const loginOnly = named[3]!
    await portalCall(page, 'CreateClientInvite', { client_id: String(loginOnly.id), email, permissions: 'invoices' })
    for (const invite of (await controlState(desk)).invites.filter((each) => each.email === email)) await acceptInvite(desk, invite.id)
    await syncNow(page)

    await page.getByRole('button', { name: 'Delegação em massa' }).click()
    await page.getByLabel('Buscar contatos em todos os clientes').fill(email)
    await expect(page.getByText('3 contatos encontrados')).toBeVisible()
    await page.getByRole('checkbox', { name: 'Marcar os 3 contatos encontrados' }).check()
    await expect(page.getByText('3 contatos marcados')).toBeVisible()
    await expect(page.getByText(/Também com este e-mail: um login \(WHMCS 8\)/)).toBeVisible()
    await page.getByRole('checkbox', { name: 'Marcar o login encontrado' }).check()
    await page.getByRole('radio', { name: 'Revogar o acesso à Área do Cliente' }).check()
    await page.getByRole('button', { name: 'Pré-visualizar alterações (4 marcados)' }).click()
    const preview = page.getByRole('dialog', { name: 'Pré-visualização' })
    await expect(preview).toContainText('Revogar o acesso à Área do Cliente.')
    const rows = preview.getByRole('row').filter({ hasText: email })
    await expect(rows).toHaveCount(4)
    for (const client of [...clients, loginOnly]) await expect(rows.filter({ hasText: `${client.firstname} ${client.lastname}` })).toContainText('Sem acesso')
    expect(await seriousViolations(page)).toEqual([])
    await preview.getByRole('button', { name: 'Colocar 4 alterações na fila' }).click()
    await expect(page.getByText('4 alterações na fila: vão para o portal na próxima sincronização.')).toBeVisible()

    await syncNow(page)
    const after = await controlState(desk)
    const renata = after.users.find((user) => user.email.toLowerCase() === email)
    expect(renata?.clients.filter((link) => [...clients, loginOnly].some((client) => client.id === link.clientid)) ?? []).toEqual([])
    // The contacts themselves stay: only their access went.
    expect(after.contacts.filter((contact) => contact.email === email)).toHaveLength(3)
  })
})

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The bridge token the page keeps in sessionStorage, for a direct API check. */
async function tokenHeader(page: import('@playwright/test').Page): Promise<Record<string, string>> {
  // Runs in the page: the e2e project is typed for Node, so the page's globals are reached through globalThis.
  const token = await page.evaluate(() =>
    (globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } }).sessionStorage.getItem('contact-desk.bridge-token'),
  )
  return { 'x-desk-token': token ?? '' }
}
