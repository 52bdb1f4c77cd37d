// The help article done with the portal unreachable (issue 6, "Must show" 1), in both generations: the demo
// portal connected and synced, then made to refuse connections (its control endpoint); a second contact on
// another domain with client-area access (7.x: a sub-account with a password typed twice; 8.x: an invite),
// the Financeiro preset and invoice e-mails, saved on this computer; a sync fails as "unreachable", in words,
// and the edit waits in the outbox; the portal comes back, Sincronizar, and the demo portal's own state
// (GET /state) holds exactly one such contact with those e-mail flags and that access. Main never syncs by
// itself here (--no-auto-sync): every sync is a click, so what happens offline is only what the test did.
import type { Page } from '@playwright/test'
import { expect, test, type DemoGeneration } from './fixtures'
import { connectDemo, controlState, controlStateText, openClient, ownDomainOnly, portalBack, portalDown, syncNow, whoGetsWhat } from './helpers'

test.use({ demoLatencyMs: 0, demoControl: true, autoSync: false })
// Each run takes a few seconds; a hang should not cost a minute.
test.describe.configure({ timeout: 30_000 })

const FINANCE = ['emails', 'invoices', 'orders', 'quotes']
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Clicks Sincronizar with the portal down and waits for the failure, said in words in the status bar. */
async function syncFailsUnreachable(page: Page): Promise<void> {
  const status = page.getByRole('status')
  const button = page.getByRole('button', { name: 'Sincronizar', exact: true })
  await expect(button).toHaveAttribute('aria-disabled', 'false')
  await button.click()
  await expect(status).toContainText(/A sincronização falhou às \d{2}:\d{2}: Não foi possível falar com o portal\./)
  await expect(status.getByRole('progressbar')).toHaveCount(0)
  await expect(status).toContainText('Offline')
}

for (const generation of ['7', '8'] as const satisfies readonly DemoGeneration[]) {
  test.describe(`WHMCS ${generation}.x`, () => {
    test.use({ demoGeneration: generation })

    test(`help-article flow with the portal unreachable, then synced (${generation}.x)`, async ({ page, desk }) => {
      await connectDemo(page, desk)
      const before = await controlState(desk)
      const client = ownDomainOnly(before)[0]!
      const email = `financeiro.${client.id}@gmail.com`
      const password = `Segredo-${client.id}-Offline!`
      expect(before.contacts.some((contact) => contact.email.toLowerCase() === email)).toBe(false)

      // The portal stops answering: the client is opened from this computer's copy, and says so.
      await portalDown(desk)
      await openClient(page, client.email)
      await expect(page.getByText(/^Sem conexão com o portal/)).toBeVisible()

      // The help article's step: a contact on another domain, client-area access, a preset, invoice e-mails.
      await page.getByRole('button', { name: 'Adicionar segundo contato' }).first().click()
      const dialog = page.getByRole('dialog', { name: /Segundo contato/ })
      await expect(dialog).toBeVisible()
      await dialog.getByRole('textbox', { name: 'Nome', exact: true }).fill('Marina')
      await dialog.getByRole('textbox', { name: 'Sobrenome', exact: true }).fill('Teixeira')
      await dialog.getByRole('textbox', { name: 'E-mail' }).fill(email)
      await expect(dialog.getByRole('checkbox', { name: 'Dar acesso à Área do Cliente' })).toBeChecked()
      if (generation === '7') {
        await dialog.getByRole('textbox', { name: 'Senha', exact: true }).fill(password)
        await dialog.getByRole('textbox', { name: 'Repita a senha', exact: true }).fill(password)
      }
      await dialog.getByRole('radio', { name: 'Financeiro' }).check()
      await dialog.getByRole('checkbox', { name: /E-mails de Faturas/ }).check()
      await expect(dialog.getByRole('checkbox', { name: /E-mails Gerais/ })).toBeChecked()
      const summary = dialog.getByRole('region', { name: 'Ao sincronizar, o Contact Desk vai:' })
      await expect(summary).toContainText(`criar o contato Marina Teixeira <${email}>, que recebe: E-mails Gerais, E-mails de Faturas`)
      await expect(summary).toContainText(
        generation === '8' ? `enviar um convite para ${email} acessar a Área do Cliente` : `ativar a subconta de ${email} com a senha informada`,
      )
      await expect(summary).toContainText('permissões: Ver e Pagar Faturas, Ver e Aceitar Orçamentos, Ver E-mails, Fazer Novos Pedidos/Upgrades/Cancelamentos.')

      // Saved offline.
      await dialog.getByRole('button', { name: 'Salvar segundo contato' }).click()
      await expect(dialog).toBeHidden()
      await expect(page.getByText(`Segundo contato Marina Teixeira (${email}) salvo neste computador.`)).toBeVisible()
      const row = whoGetsWhat(page).getByRole('row', { name: new RegExp(escape(email)) })
      await expect(row.getByRole('rowheader')).toContainText('Pendente')
      await expect(row.getByRole('rowheader')).toContainText(generation === '8' ? 'Convite a enviar' : 'Subconta a ativar')
      await expect(page.getByRole('button', { name: 'Sincronização (2 alterações na fila)' })).toBeVisible()

      // A sync now fails, in words; the contact and its access wait in the outbox.
      await syncFailsUnreachable(page)
      await page.getByRole('button', { name: 'Sincronização (2 alterações na fila)' }).click()
      await expect(page.getByRole('heading', { level: 1, name: 'Sincronização' })).toBeFocused()
      await expect(page.getByText(/^A última sincronização falhou \(\d{2}:\d{2}\): Não foi possível falar com o portal\./)).toBeVisible()
      const entries = page.getByRole('table', { name: 'Fila de alterações' }).getByRole('row', { name: new RegExp(escape(`Marina Teixeira <${email}>`)) })
      await expect(entries).toHaveCount(2)
      await expect(entries.filter({ hasText: 'Criar contato' })).toContainText('Na fila')
      await expect(entries.filter({ hasText: 'Dar acesso à Área do Cliente' })).toContainText('Na fila')

      // The portal is back (same port), still without the contact: it was only on this computer.
      await portalBack(desk)
      expect((await controlState(desk)).contacts.some((contact) => contact.email.toLowerCase() === email)).toBe(false)

      // One click, and everything goes.
      await syncNow(page)
      await expect(page.getByText('Nada na fila: tudo o que foi editado neste computador já está no portal.')).toBeVisible()
      await expect(page.getByRole('button', { name: 'Sincronização', exact: true })).toBeVisible()
      await expect(page.getByRole('status')).toContainText('Online')

      // What the portal holds: exactly one such contact on that client, with the e-mails chosen…
      const after = await controlState(desk)
      const created = after.contacts.filter((contact) => contact.email.toLowerCase() === email)
      expect(created).toHaveLength(1)
      expect(created[0]).toMatchObject({
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
      // …and the access: 7.x a sub-account with the preset's permissions (its password hashed, never in
      // clear); 8.x an invite for that e-mail with the preset's permissions.
      const invites = after.invites.filter((invite) => invite.email.toLowerCase() === email)
      if (generation === '7') {
        expect(created[0]!.subaccount).toBe(true)
        expect([...created[0]!.permissions].sort()).toEqual(FINANCE)
        expect(created[0]!.password).not.toBe('')
        expect(await controlStateText(desk)).not.toContain(password)
        expect(invites).toEqual([])
      } else {
        expect(created[0]!.subaccount).toBe(false)
        expect(invites).toHaveLength(1)
        expect(invites[0]!.clientid).toBe(client.id)
        expect([...invites[0]!.permissions].sort()).toEqual(FINANCE)
      }

      // The client page, read again from the portal: the contact is synced (no pending badge), with its access.
      await page.getByRole('button', { name: 'Clientes', exact: true }).click()
      await openClient(page, client.email)
      await expect(page.getByText(/^Atualizado às \d{2}:\d{2}/)).toBeVisible()
      await expect(row).toHaveCount(1)
      await expect(row.getByRole('rowheader')).toHaveAccessibleName(`Marina Teixeira ${email} ${generation === '8' ? 'Convite pendente' : 'Subconta'}`)
      await expect(row.getByRole('cell', { name: 'Recebe', exact: true })).toHaveCount(2)
      await expect(row.getByRole('cell', { name: 'Pode entrar', exact: true })).toHaveCount(1)
      await expect(row.getByRole('cell', { name: 'Permitido', exact: true })).toHaveCount(FINANCE.length)
    })
  })
}
