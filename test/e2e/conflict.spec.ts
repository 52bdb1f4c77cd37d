// A remote edit made on the portal while an edit waits here: the same field changed on both sides becomes
// a conflict (badge in the navigation), resolved on the conflicts screen by writing the value to keep, which
// the next sync sends. Along the way: the outbox on the Sync screen, and the client's change log.
import { expect, test } from './fixtures'
import { connectDemo, openClient, portalCall, readDemo, screenshot, seriousViolations, syncNow } from './helpers'

test.use({ demoLatencyMs: 0 })

test('a field edited here and on the portal is a conflict, resolved on the conflicts screen', async ({ page, desk }) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  await connectDemo(page, desk)
  const state = readDemo(desk)
  const contact = state.contacts.find((each) => each.lastname !== '' && state.contacts.filter((other) => other.userid === each.userid).length === 1)!
  const client = state.clients.find((each) => each.id === contact.userid)!
  await openClient(page, client.email)

  // The edit here, offline-first; while it is being made, someone changes the same field on the portal.
  // (Main also syncs by itself soon after each save, so the portal's edit comes before this one is saved.)
  const name = `${contact.firstname} ${contact.lastname}`
  await page.getByRole('button', { name: `Editar ${name} (${contact.email})` }).click()
  const editor = page.getByRole('dialog', { name: `Editar contato — ${name}` })
  await editor.getByRole('textbox', { name: 'Sobrenome' }).fill('Local')
  await portalCall(page, 'UpdateContact', { contactid: String(contact.id), lastname: 'Remoto' })
  await editor.getByRole('button', { name: 'Salvar contato' }).click()
  await expect(editor).toBeHidden()
  await expect(page.getByRole('row', { name: new RegExp(`${contact.firstname} Local`) })).toContainText(/Pendente|Conflito/)

  await syncNow(page)
  const conflictsNav = page.getByRole('button', { name: 'Conflitos (1 conflito aberto)' })
  await expect(conflictsNav).toBeVisible()
  await expect(page.getByRole('row', { name: new RegExp(`${contact.firstname} Local`) })).toContainText('Conflito')

  // The Sync screen lists the edit, held back by the conflict.
  await page.getByRole('button', { name: /^Sincronização/ }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Sincronização' })).toBeFocused()
  const entry = page.getByRole('row', { name: new RegExp(contact.email.replace(/\./g, '\\.')) })
  await expect(entry).toContainText('Alterar contato — Sobrenome')
  await expect(entry).toContainText('Em conflito')
  expect(await seriousViolations(page)).toEqual([])
  await screenshot(page, 'sync')

  await conflictsNav.click()
  await expect(page.getByRole('heading', { level: 1, name: 'Conflitos' })).toBeFocused()
  const row = page.getByRole('row', { name: /Sobrenome/ })
  await expect(row.getByRole('cell').nth(0)).toHaveText(contact.lastname)
  await expect(row.getByRole('cell').nth(1)).toHaveText('Local')
  await expect(row.getByRole('cell').nth(2)).toHaveText('Remoto')
  expect(await seriousViolations(page)).toEqual([])
  await screenshot(page, 'conflicts')

  await row.getByRole('button', { name: 'Escrever outro valor: Sobrenome' }).click()
  const value = page.getByRole('textbox', { name: 'Valor de Sobrenome' })
  await expect(value).toHaveValue('Local')
  await value.fill('Acordado')
  await page.getByRole('button', { name: 'Ficar com este valor' }).click()
  await expect(page.getByText('Nenhum conflito.', { exact: false })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Conflitos', exact: true })).toBeVisible()

  await syncNow(page)
  expect(readDemo(desk).contacts.find((each) => each.id === contact.id)?.lastname).toBe('Acordado')

  // The client's change log: who, when, old → new, and whether it reached the portal.
  await page.getByRole('button', { name: 'Clientes', exact: true }).click()
  await openClient(page, client.email)
  await page.getByRole('button', { name: 'Histórico de alterações' }).click()
  await expect(page.getByRole('heading', { level: 1, name: /Histórico de alterações/ })).toBeFocused()
  const log = page.getByRole('table')
  await expect(log).toContainText('Contato alterado')
  await expect(log).toContainText(`Sobrenome: ${contact.lastname} → Local`)
  await expect(log).toContainText('Enviado em')
  expect(await seriousViolations(page)).toEqual([])
  await screenshot(page, 'audit')
})
