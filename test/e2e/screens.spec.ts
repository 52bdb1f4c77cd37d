// Every screen and dialog, in pt-BR and in English: an axe scan each (0 serious or critical violations),
// screenshots of the main ones for the README, and the keyboard: Esc closes a dialog and the focus returns.
// Also a custom permission preset, saved from the access dialog and offered again.
import { expect, test } from './fixtures'
import { connectDemo, openClient, readDemo, screenshot, seriousViolations } from './helpers'

test.use({ demoLatencyMs: 0 })

test('every screen passes axe in both languages; the access dialog, presets and Esc', async ({ page, desk }) => {
  await connectDemo(page, desk)
  await page.getByRole('button', { name: 'Clientes', exact: true }).click()
  await expect(page.getByText('1.000 clientes').first()).toBeVisible()
  expect(await seriousViolations(page)).toEqual([])
  await screenshot(page, 'clients')

  const state = readDemo(desk)
  const contact = state.contacts.find((each) => state.contacts.filter((other) => other.userid === each.userid).length >= 2)!
  const client = state.clients.find((each) => each.id === contact.userid)!
  await openClient(page, client.email)

  // Access and permissions: a preset, one more permission (custom), saved as a preset of our own.
  const name = `${contact.firstname} ${contact.lastname}`
  const opener = page.getByRole('button', { name: `Acesso e permissões de ${name} (${contact.email})` })
  await opener.click()
  const dialog = page.getByRole('dialog', { name: `Acesso à Área do Cliente — ${name}` })
  const canLogIn = dialog.getByRole('checkbox', { name: 'Pode acessar a Área do Cliente' })
  if (!(await canLogIn.isChecked())) await canLogIn.check()
  await dialog.getByRole('radio', { name: 'Técnico' }).check()
  await expect(dialog.getByRole('checkbox', { name: 'Ver Domínios' })).toBeChecked()
  await dialog.getByRole('checkbox', { name: 'Ver e Pagar Faturas' }).check()
  await expect(dialog.getByRole('radio', { name: 'Personalizado' })).toBeChecked()
  await dialog.getByRole('textbox', { name: 'Nome da nova predefinição' }).fill('Suporte N1')
  await dialog.getByRole('button', { name: 'Salvar predefinição' }).click()
  await expect(dialog.getByRole('radio', { name: 'Suporte N1' })).toBeChecked()
  await expect(dialog.getByRole('button', { name: 'Excluir a predefinição “Suporte N1”' })).toBeVisible()
  // Copy from the owner: every permission.
  await dialog.getByRole('combobox', { name: 'Copiar permissões de' }).selectOption({ index: 1 })
  await dialog.getByRole('button', { name: 'Copiar', exact: true }).click()
  await expect(dialog.getByRole('radio', { name: 'Acesso total' })).toBeChecked()
  await dialog.getByRole('radio', { name: 'Suporte N1' }).check()
  expect(await seriousViolations(page)).toEqual([])
  await screenshot(page, 'access')
  // Tab stays inside the dialog.
  for (let i = 0; i < 40; i++) await page.keyboard.press('Tab')
  type Node = { contains(other: unknown): boolean; ownerDocument: { activeElement: unknown } }
  expect(await dialog.evaluate((element) => (element as unknown as Node).contains((element as unknown as Node).ownerDocument.activeElement))).toBe(true)
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await expect(opener).toBeFocused()
  // The saved preset is offered again, in any dialog (kept in the settings).
  await opener.click()
  await expect(dialog.getByRole('checkbox', { name: 'Pode acessar a Área do Cliente' })).toBeVisible()
  if (!(await dialog.getByRole('checkbox', { name: 'Pode acessar a Área do Cliente' }).isChecked())) {
    await dialog.getByRole('checkbox', { name: 'Pode acessar a Área do Cliente' }).check()
  }
  await expect(dialog.getByRole('radio', { name: 'Suporte N1' })).toBeVisible()
  await dialog.getByRole('button', { name: 'Cancelar' }).click()

  // The owner's own e-mail preferences.
  await page.getByRole('button', { name: /^Preferências de e-mail do titular/ }).click()
  const owner = page.getByRole('dialog', { name: /^Preferências de e-mail do titular/ })
  await expect(owner.getByRole('checkbox', { name: /E-mails de Faturas/ })).toBeVisible()
  expect(await seriousViolations(page)).toEqual([])
  await page.keyboard.press('Escape')
  await expect(owner).toBeHidden()

  await page.getByRole('button', { name: 'Conflitos', exact: true }).click()
  await expect(page.getByText('Nenhum conflito.', { exact: false })).toBeVisible()
  expect(await seriousViolations(page)).toEqual([])
  await page.getByRole('button', { name: /^Sincronização/ }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Fila de alterações' })).toBeVisible()
  expect(await seriousViolations(page)).toEqual([])

  // English, and the dark theme.
  await page.getByRole('button', { name: 'Configurações' }).click()
  await page.getByLabel('Idioma').selectOption({ label: 'English' })
  await page.getByLabel('Theme').selectOption({ label: 'Dark' })
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
  expect(await seriousViolations(page)).toEqual([])
  await page.getByRole('button', { name: 'Clients', exact: true }).click()
  await openClient(page, client.email, 'en')
  await expect(page.getByRole('columnheader', { name: 'View & Pay Invoices' })).toBeVisible()
  await expect(page.getByRole('columnheader', { name: 'Invoice Emails – Invoices & Billing Reminders' })).toBeVisible()
  expect(await seriousViolations(page)).toEqual([])
  await screenshot(page, 'client-dark-en')
  await page.getByRole('button', { name: 'Add contact' }).click()
  await expect(page.getByRole('dialog', { name: 'Add contact' })).toBeVisible()
  expect(await seriousViolations(page)).toEqual([])
  await page.keyboard.press('Escape')
  // The confirmations: deleting a contact, and the help article's flow.
  await page.getByRole('button', { name: `Edit ${name} (${contact.email})` }).click()
  await page.getByRole('dialog', { name: /^Edit/ }).getByRole('button', { name: 'Delete contact' }).click()
  const confirmDelete = page.getByRole('alertdialog', { name: `Delete ${name}?` })
  await expect(confirmDelete).toBeVisible()
  expect(await seriousViolations(page)).toEqual([])
  await confirmDelete.getByRole('button', { name: 'Cancel' }).click()
  await page.keyboard.press('Escape')
  await page.getByRole('button', { name: 'Add second contact' }).first().click()
  await expect(page.getByRole('dialog', { name: /second contact/i })).toBeVisible()
  expect(await seriousViolations(page)).toEqual([])
  await page.keyboard.press('Escape')
  await page.getByRole('button', { name: 'Settings' }).click()
  await page.getByRole('button', { name: 'Reset local data…' }).click()
  const reset = page.getByRole('alertdialog', { name: 'Reset local data?' })
  await expect(reset).toContainText('Every edit has reached the portal')
  expect(await seriousViolations(page)).toEqual([])
  await reset.getByRole('button', { name: 'Cancel' }).click()
  await page.getByRole('button', { name: 'Bulk delegation' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Bulk delegation' })).toBeVisible()
  expect(await seriousViolations(page)).toEqual([])
  for (const section of ['Sync', 'Conflicts']) {
    await page
      .getByRole('navigation')
      .getByRole('button', { name: new RegExp(`^${section}`) })
      .click()
    await expect(page.getByRole('heading', { level: 1, name: section })).toBeVisible()
    expect(await seriousViolations(page)).toEqual([])
  }
})
