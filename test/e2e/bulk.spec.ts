// Bulk delegation: 20 contacts of several clients, the Financeiro preset, a preview of every change, queued
// in one go, then synced: on the demo portal (8.x) each of them has an invite, or its existing login on that
// client, with exactly the Financeiro permissions.
import { expect, test } from './fixtures'
import { connectDemo, readDemo, screenshot, seriousViolations, syncNow, type DemoClient, type DemoState } from './helpers'

test.use({ demoLatencyMs: 0 })

const FINANCE = ['emails', 'invoices', 'orders', 'quotes']

/** Clients whose contacts add up to exactly `total`, the ones with most contacts first. */
function clientsWithContacts(state: DemoState, total: number): DemoClient[] {
  const count = (client: DemoClient) => state.contacts.filter((contact) => contact.userid === client.id).length
  const chosen: DemoClient[] = []
  let sum = 0
  for (const client of [...state.clients].filter((c) => count(c) > 0).sort((a, b) => count(b) - count(a))) {
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
  const search = page.getByLabel('Buscar clientes para incluir')
  for (const client of clients) {
    await search.fill(client.email)
    const include = page.getByRole('checkbox', { name: new RegExp(`^${client.firstname} ${client.lastname}`) })
    await expect(include).toHaveCount(1)
    await include.check()
  }
  await expect(page.getByRole('list', { name: `${clients.length} clientes escolhidos` })).toBeVisible()
  await page.getByRole('checkbox', { name: 'Marcar os 20 contatos da lista' }).check()
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
  expect((await page.request.post(`${desk.origin}/api/call/outbox.list`, { headers: await tokenHeader(page), data: {} }).then((r) => r.json())).value).toEqual([])

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

/** The bridge token the page keeps in sessionStorage, for a direct API check. */
async function tokenHeader(page: import('@playwright/test').Page): Promise<Record<string, string>> {
  // Runs in the page: the e2e project is typed for Node, so the page's globals are reached through globalThis.
  const token = await page.evaluate(() => (globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } }).sessionStorage.getItem('contact-desk.bridge-token'))
  return { 'x-desk-token': token ?? '' }
}
