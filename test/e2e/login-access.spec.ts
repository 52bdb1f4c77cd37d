// 8.x: a login the customer invited themselves (no contact of the client) shows in "who gets what"; staff
// change its permissions and then take it off the account, each offline first, pending in the grid, and
// synced: the demo portal has the new permissions, then no link between that user and the client.
import { expect, test } from './fixtures'
import { acceptInvite, connectDemo, controlState, openClient, portalCall, readDemo, seriousViolations, syncNow } from './helpers'

test.use({ demoLatencyMs: 0, demoControl: true, demoGeneration: '8' })

test('change the permissions of a login that is no contact, then take it off the account', async ({ page, desk }) => {
  await connectDemo(page, desk)
  const client = readDemo(desk).clients.find((each) => each.firstname !== '')!
  const email = 'contabil@escritorio-parceiro.com.br'
  await portalCall(page, 'CreateClientInvite', { client_id: String(client.id), email, permissions: 'invoices,quotes' })
  const invite = (await controlState(desk)).invites.find((each) => each.email === email)!
  await acceptInvite(desk, invite.id, { firstname: 'Escritório', lastname: 'Contábil' })
  await openClient(page, client.email)

  const row = page.getByRole('row').filter({ hasText: email })
  await expect(row).toContainText('Login')
  await row.getByRole('button', { name: `Acesso e permissões de Escritório Contábil (${email})` }).click()
  const dialog = page.getByRole('dialog', { name: /^Acesso à Área do Cliente — Escritório Contábil/ })
  await expect(dialog).toContainText('um login que não é contato')
  await dialog.getByRole('checkbox', { name: 'Ver e Abrir Tickets de Suporte' }).check()
  expect(await seriousViolations(page)).toEqual([])
  await dialog.getByRole('button', { name: 'Salvar acesso' }).click()
  await expect(dialog).toBeHidden()
  await expect(row).toContainText('Pendente')

  await syncNow(page)
  const link = (state: Awaited<ReturnType<typeof controlState>>) =>
    state.users.find((user) => user.email === email)?.clients.find((each) => each.clientid === client.id)
  expect(link(await controlState(desk))?.permissions.sort()).toEqual(['invoices', 'quotes', 'tickets'])
  await expect(row).not.toContainText('Pendente')

  await row.getByRole('button', { name: `Acesso e permissões de Escritório Contábil (${email})` }).click()
  await dialog.getByRole('button', { name: 'Revogar acesso' }).click()
  await page.getByRole('alertdialog').getByRole('button', { name: 'Sim, revogar' }).click()
  await expect(row).toContainText('Pendente')
  await syncNow(page)
  expect(link(await controlState(desk))).toBeUndefined()
  await expect(page.getByRole('row').filter({ hasText: email })).toHaveCount(0)
})
