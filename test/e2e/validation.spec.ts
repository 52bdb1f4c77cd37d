// A bad CPF and a bad e-mail: clear messages next to the fields (as staff type, and on save), nothing sent to
// main, nothing queued. Then fixed, it saves; and Esc closes the editor, the focus back on the opener.
import { expect, test } from './fixtures'
import { connectDemo, openClient, readDemo, screenshot, seriousViolations } from './helpers'

test.use({ demoLatencyMs: 0 })

test('a bad CPF and a bad e-mail are shown next to their fields, and nothing is saved or queued', async ({ page, desk }) => {
  await connectDemo(page, desk)
  const client = readDemo(desk).clients[3]!
  await openClient(page, client.email)
  const creates: string[] = []
  page.on('request', (request) => {
    if (request.url().endsWith('/api/call/contacts.create') || request.url().endsWith('/api/call/contacts.update')) creates.push(request.url())
  })

  const add = page.getByRole('button', { name: 'Adicionar contato' })
  await add.click()
  const dialog = page.getByRole('dialog', { name: 'Adicionar contato' })
  await expect(dialog.getByRole('textbox', { name: 'Nome', exact: true })).toBeFocused()
  await dialog.getByRole('textbox', { name: 'Nome', exact: true }).fill('Rita')
  const email = dialog.getByRole('textbox', { name: 'E-mail' })
  await email.fill('rita@exemplo')
  const taxId = dialog.getByRole('textbox', { name: 'CPF ou CNPJ' })
  // A complete CPF is judged while typing: wrong check digits.
  await taxId.pressSequentially('111.444.777-00')
  await expect(taxId).toHaveAccessibleDescription(/CPF inválido: os dígitos verificadores não conferem\./)
  const phone = dialog.getByRole('textbox', { name: 'Telefone' })
  await phone.fill('(11) 8765-4321')
  await expect(phone).toHaveAccessibleDescription(/Celular sem o nono dígito/)
  await phone.fill('(11) 98765-4321')
  await expect(dialog.getByRole('checkbox', { name: /E-mails de Faturas/ })).toBeChecked()
  await expect(dialog.getByRole('checkbox', { name: /E-mails Gerais/ })).toBeChecked()

  await dialog.getByRole('button', { name: 'Salvar contato' }).click()
  await expect(dialog.getByRole('alert')).toContainText('Confira os 2 campos destacados: nada foi salvo.')
  await expect(email).toHaveAttribute('aria-invalid', 'true')
  await expect(email).toHaveAccessibleDescription(/Informe um e-mail válido, como nome@exemplo\.com\.br\./)
  await expect(taxId).toHaveAttribute('aria-invalid', 'true')
  // The first field in error has the focus.
  await expect(email).toBeFocused()
  expect(await seriousViolations(page)).toEqual([])
  await screenshot(page, 'contact-editor')
  expect(creates).toEqual([])

  // Esc closes without saving, the focus back on the button that opened the editor.
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await expect(add).toBeFocused()
  expect(creates).toEqual([])
  await page.getByRole('button', { name: /^Sincronização/ }).click()
  await expect(page.getByText('Nada na fila: tudo o que foi editado neste computador já está no portal.')).toBeVisible()
  expect(readDemo(desk).contacts.some((contact) => contact.firstname === 'Rita')).toBe(false)
})
