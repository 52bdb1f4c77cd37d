// The help article, done for a customer in one step: a client whose every invoice recipient is on its own
// domain (the banner says so), a second contact on another domain with client-area access (8.x: an invite),
// the Financeiro preset and invoice + general e-mails, saved offline, then synced: the demo portal holds the
// contact with those preferences and the invite with those permissions. In pt-BR, then in English.
import { expect, test } from './fixtures'
import { connectDemo, openClient, ownDomainOnly, readDemo, screenshot, seriousViolations, syncNow, whoGetsWhat } from './helpers'

test.use({ demoLatencyMs: 0 })

const FINANCE = ['emails', 'invoices', 'orders', 'quotes']

test('help-article flow in pt-BR: second contact with an invite, synced to the portal', async ({ page, desk }) => {
  await connectDemo(page, desk)
  const before = readDemo(desk)
  const client = ownDomainOnly(before)[0]!
  await openClient(page, client.email)

  const warnings = page.getByRole('region', { name: 'Avisos sobre os destinatários' })
  await expect(warnings).toContainText(
    'Todos os destinatários de faturas usam o domínio do próprio cliente: se o domínio for suspenso por falta de pagamento, ninguém recebe os lembretes.',
  )
  await expect(page.getByText(/Atualizado às \d{2}:\d{2}/)).toBeVisible()
  expect(await seriousViolations(page)).toEqual([])
  await screenshot(page, 'client')

  await warnings.getByRole('button', { name: 'Adicionar segundo contato' }).click()
  const dialog = page.getByRole('dialog', { name: /Segundo contato/ })
  await expect(dialog).toBeVisible()
  await expect(dialog.getByRole('textbox', { name: 'Nome', exact: true })).toBeFocused()
  const email = `financeiro.${client.id}@gmail.com`
  await dialog.getByRole('textbox', { name: 'Nome', exact: true }).fill('Marina')
  await dialog.getByLabel('Sobrenome').fill('Teixeira')
  // Same domain first: the warning the help article is about.
  await dialog.getByRole('textbox', { name: 'E-mail' }).fill(`marina@${client.domain}`)
  await expect(dialog.getByText('Este e-mail é do mesmo domínio do cliente', { exact: false })).toBeVisible()
  // A typo of a free-mail provider, fixed with one click.
  await dialog.getByRole('textbox', { name: 'E-mail' }).fill(`financeiro.${client.id}@gmial.com`)
  await dialog.getByRole('button', { name: 'Usar gmail.com' }).click()
  await expect(dialog.getByRole('textbox', { name: 'E-mail' })).toHaveValue(email)
  await dialog.getByLabel('Telefone').fill('(11) 98765-4321')
  await expect(dialog.getByRole('radio', { name: 'Financeiro' })).toBeChecked()
  await expect(dialog.getByRole('checkbox', { name: /E-mails de Faturas/ })).toBeChecked()
  await expect(dialog.getByRole('checkbox', { name: /E-mails Gerais/ })).toBeChecked()
  const summary = dialog.getByRole('region', { name: 'Ao sincronizar, o Contact Desk vai:' })
  await expect(summary).toContainText(`criar o contato Marina Teixeira <${email}>, que recebe: E-mails Gerais, E-mails de Faturas`)
  await expect(summary).toContainText(`enviar um convite para ${email} acessar a Área do Cliente`)
  await expect(summary).toContainText('permissões: Ver e Pagar Faturas, Ver e Aceitar Orçamentos, Ver E-mails, Fazer Novos Pedidos/Upgrades/Cancelamentos.')
  expect(await seriousViolations(page)).toEqual([])
  await screenshot(page, 'second-contact')

  // Ctrl+S saves, like the button.
  await page.keyboard.press('Control+s')
  await expect(dialog).toBeHidden()
  await expect(page.getByText(`Segundo contato Marina Teixeira (${email}) salvo neste computador.`)).toBeVisible()
  const row = whoGetsWhat(page).getByRole('row', { name: /Marina Teixeira/ })
  await expect(row).toContainText('Pendente')
  await expect(row).toContainText('Convite a enviar')
  // Nothing reached the portal yet: it was saved offline (main syncs by itself a few seconds later).
  expect(readDemo(desk).contacts.some((contact) => contact.email === email)).toBe(false)

  await syncNow(page)
  const after = readDemo(desk)
  const created = after.contacts.find((contact) => contact.email === email)
  expect(created).toMatchObject({
    userid: client.id,
    firstname: 'Marina',
    lastname: 'Teixeira',
    generalemails: true,
    invoiceemails: true,
    productemails: false,
    domainemails: false,
    supportemails: false,
    affiliateemails: false,
  })
  const invite = after.invites.find((each) => each.email === email)
  expect(invite?.clientid).toBe(client.id)
  expect([...(invite?.permissions ?? [])].sort()).toEqual(FINANCE)

  // The page, read again from the portal: one person (contact + invite), and the warning is gone.
  await page.getByRole('button', { name: 'Atualizar do portal' }).click()
  await expect(row).toContainText('Convite pendente')
  await expect(row).not.toContainText('Pendente ')
  await expect(page.getByRole('region', { name: 'Avisos sobre os destinatários' })).toHaveCount(0)
  await expect(whoGetsWhat(page).getByRole('row', { name: new RegExp(email.replace(/\./g, '\\.')) })).toHaveCount(1)
})

test('help-article flow in English', async ({ page, desk }) => {
  await connectDemo(page, desk, 'en')
  const client = ownDomainOnly(readDemo(desk))[1]!
  await page.getByRole('button', { name: 'Clients', exact: true }).click()
  await openClient(page, client.email, 'en')
  const warnings = page.getByRole('region', { name: 'Warnings about the recipients' })
  await expect(warnings).toContainText(
    "Every invoice recipient uses the client's own domain: if the domain is suspended for non-payment, nobody receives the reminders.",
  )
  await warnings.getByRole('button', { name: 'Add second contact' }).click()
  const dialog = page.getByRole('dialog', { name: /Second contact/ })
  const email = `billing.${client.id}@yahoo.com.br`
  await dialog.getByLabel('First name').fill('Paulo')
  await dialog.getByRole('textbox', { name: 'E-mail' }).fill(email)
  await dialog.getByRole('radio', { name: 'Technical' }).check()
  await expect(dialog.getByRole('checkbox', { name: 'View & Open Support Tickets' })).toBeChecked()
  await dialog.getByRole('checkbox', { name: /Domain Emails/ }).check()
  await expect(dialog.getByRole('region', { name: 'When it syncs, Contact Desk will:' })).toContainText(
    `create the contact Paulo <${email}>, who receives: General Emails, Domain Emails, Invoice Emails`,
  )
  await dialog.getByRole('button', { name: 'Save second contact' }).click()
  await expect(dialog).toBeHidden()
  await expect(whoGetsWhat(page).getByRole('row', { name: /Paulo/ })).toContainText('Invite to send')
  await syncNow(page, 'en')
  const after = readDemo(desk)
  expect(after.contacts.find((contact) => contact.email === email)).toMatchObject({
    userid: client.id,
    invoiceemails: true,
    generalemails: true,
    domainemails: true,
  })
  expect([...(after.invites.find((invite) => invite.email === email)?.permissions ?? [])].sort()).toEqual([
    'domains',
    'managedomains',
    'products',
    'productsso',
    'tickets',
  ])
})
