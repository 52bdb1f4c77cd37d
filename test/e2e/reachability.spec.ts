// The reachability audit in the browser (pt-BR): a connected portal lands on the home page, whose clients at risk
// by rule lead to the audit filtered by that rule, whose rows open the client (and Back returns there); axe on both
// new screens, and the README's screenshots of them. Then a one-click fix: synced, and the client is off the list.
import { expect, test } from './fixtures'
import { connectDemo, controlState, screenshot, seriousViolations, syncNow } from './helpers'

test.use({ demoLatencyMs: 0, demoControl: true })

test('home → the clients at risk of one rule → a client', async ({ page, desk }) => {
  await connectDemo(page, desk)
  // Opened again once connected, the app lands on the home page.
  await page.reload()
  await expect(page.getByRole('heading', { level: 1, name: 'Visão geral' })).toBeVisible()
  await expect(page.getByRole('navigation').getByRole('button', { name: 'Início' })).toHaveAttribute('aria-current', 'page')
  const risk = page.getByRole('region', { name: 'Clientes em risco' })
  await expect(risk.getByText(/^\d[\d.]* clientes em risco$/)).toBeVisible()
  await expect(page.getByRole('region', { name: 'Avaliação' })).toContainText(/Avaliados\s*1\.000 de 1\.000 clientes no cache/)
  await expect(page.getByRole('region', { name: 'Alterações aguardando' })).toContainText('Nenhuma alteração aguardando')
  await expect(page.getByRole('region', { name: 'Conflitos abertos' })).toContainText('Nenhum conflito esperando decisão')
  expect(await seriousViolations(page)).toEqual([])
  await screenshot(page, 'home')

  const rule = risk.getByRole('button', { name: /^Alto: Faturas só no domínio do próprio cliente \d/ })
  const count = Number(((await rule.textContent()) ?? '').replace(/\D/g, ''))
  expect(count).toBeGreaterThan(0)
  await rule.click()
  await expect(page.getByRole('heading', { level: 1, name: 'Cobranças em risco' })).toBeVisible()
  await expect(page.getByLabel('Problema')).toHaveValue('own_domain_only')
  const table = page.getByRole('table', { name: 'Clientes em risco, os mais graves primeiro' })
  const rows = table.getByRole('row').filter({ has: page.getByRole('cell') })
  await expect(rows.first()).toBeVisible()
  await expect(page.getByText(new RegExp(`^${count.toLocaleString('pt-BR')} clientes? em risco entre 1\\.000 avaliados$`))).toBeVisible()
  for (const text of await rows.allTextContents()) expect(text).toContain('Faturas só no domínio do próprio cliente')
  expect(await seriousViolations(page)).toEqual([])
  await screenshot(page, 'reachability')

  const first = rows.first().getByRole('button')
  const name = (await first.textContent()) ?? ''
  await first.click()
  await expect(page.getByRole('heading', { level: 2, name: 'Quem recebe o quê' })).toBeVisible()
  await expect(page.getByRole('heading', { level: 1 })).toContainText(name.replace(/ \(.*\)$/, ''))
  await expect(page.getByText('Todos os destinatários de faturas usam o domínio do próprio cliente')).toBeVisible()
  // Back goes to the audit as it was left.
  await page.getByRole('button', { name: 'Voltar para a lista' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Cobranças em risco' })).toBeVisible()
  await expect(page.getByLabel('Problema')).toHaveValue('own_domain_only')
  await expect(rows.first().getByRole('button')).toHaveText(name)
})

test("one click turns a contact's invoice e-mails on; synced, the client stays off the list", async ({ page, desk }) => {
  await connectDemo(page, desk)
  await page.getByRole('navigation').getByRole('button', { name: 'Cobranças em risco' }).click()
  await page.getByLabel('Problema').selectOption('external_contact_invoices_off')
  const table = page.getByRole('table', { name: 'Clientes em risco, os mais graves primeiro' })
  const fixes = /^Ativar E-mails de Faturas para /
  // A client with one such contact: once it receives invoices, nothing of this rule is left.
  const row = table
    .getByRole('row')
    .filter({ has: page.getByRole('button', { name: fixes }) })
    .filter({ hasNot: page.getByRole('button', { name: fixes }).nth(1) })
    .first()
  const name = (await row.getByRole('button').first().textContent()) ?? ''
  const fix = row.getByRole('button', { name: fixes })
  const email = ((await fix.textContent()) ?? '').replace(fixes, '')
  expect(email).toMatch(/@/)
  await fix.click()
  // Judged again at once from the local edit, before any sync.
  await expect(table.getByRole('button', { name, exact: true })).toHaveCount(0)
  await syncNow(page)
  expect((await controlState(desk)).contacts.find((contact) => contact.email === email)?.invoiceemails).toBe(true)
  await page.getByRole('navigation').getByRole('button', { name: 'Cobranças em risco' }).click()
  await page.getByLabel('Problema').selectOption('external_contact_invoices_off')
  await expect(table.getByRole('row').nth(1)).toBeVisible()
  await expect(table.getByRole('button', { name, exact: true })).toHaveCount(0)
  expect(await seriousViolations(page)).toEqual([])
})
