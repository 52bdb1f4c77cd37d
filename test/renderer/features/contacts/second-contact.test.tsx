// The help article in one step: defaults, warnings, the summary of what the sync will send, and the one
// contacts.create it makes (8.x: access as an invite; 7.x: a sub-account with its password typed twice).
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { connectedStatus, createFakeDesk, demoPortal, makeClients } from '../../fakeDesk'
import { renderClientPage, setUpAppTests } from '../../renderApp'

setUpAppTests()

const clients = makeClients(10)

async function openFlow(generation: '7' | '8') {
  const desk = createFakeDesk({ clients, status: connectedStatus({ portal: { ...demoPortal, generation }, clientCount: clients.length }) })
  await renderClientPage(desk, /Eduarda Silva 5\b/)
  // Owner alone on its own domain: the banner offers the flow.
  const region = await screen.findByRole('region', { name: 'Avisos sobre os destinatários' })
  fireEvent.click(within(region).getByRole('button', { name: 'Adicionar segundo contato' }))
  const dialog = await screen.findByRole('dialog', { name: 'Segundo contato — Eduarda Silva 5' })
  return { desk, dialog }
}

describe('the "segundo contato" flow', () => {
  it('8.x: a contact with invoice and general e-mails, an invite with the Financeiro preset, in one create', async () => {
    const { desk, dialog } = await openFlow('8')
    const box = (name: RegExp | string) => within(dialog).getByRole('checkbox', { name }) as HTMLInputElement
    expect(box('Dar acesso à Área do Cliente').checked).toBe(true)
    expect((within(dialog).getByRole('radio', { name: 'Financeiro' }) as HTMLInputElement).checked).toBe(true)
    expect(box(/E-mails de Faturas/).checked).toBe(true)
    expect(box(/E-mails Gerais/).checked).toBe(true)
    expect(within(dialog).queryByLabelText('Senha')).toBeNull()

    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Nome' }), { target: { value: 'Marina' } })
    const email = within(dialog).getByRole('textbox', { name: 'E-mail' })
    fireEvent.change(email, { target: { value: 'marina@exemplo.com.br' } })
    expect(within(dialog).getByText(/Este e-mail é do mesmo domínio do cliente/)).toBeTruthy()
    fireEvent.change(email, { target: { value: 'cliente5@exemplo.com.br' } })
    expect(within(dialog).getByText('Já existe alguém com este e-mail neste cliente: o portal recusaria.')).toBeTruthy()
    fireEvent.change(email, { target: { value: 'marina@gmail.com' } })
    expect(within(dialog).queryByText(/mesmo domínio/)).toBeNull()

    const summary = within(dialog).getByRole('region', { name: 'Ao sincronizar, o Contact Desk vai:' })
    expect(summary.textContent).toContain('criar o contato Marina <marina@gmail.com>, que recebe: E-mails Gerais, E-mails de Faturas;')
    expect(summary.textContent).toContain('enviar um convite para marina@gmail.com acessar a Área do Cliente (o link vale 7 dias);')
    expect(summary.textContent).toContain('permissões: Ver e Pagar Faturas, Ver e Aceitar Orçamentos, Ver E-mails, Fazer Novos Pedidos/Upgrades/Cancelamentos.')
    fireEvent.click(box(/E-mails de Faturas/))
    expect(within(dialog).getByText('Este contato não vai receber E-mails de Faturas: o artigo de ajuda pede que receba.')).toBeTruthy()
    fireEvent.click(box(/E-mails de Faturas/))

    fireEvent.click(within(dialog).getByRole('button', { name: 'Salvar segundo contato' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(desk.calls.filter((call) => call.method === 'contacts.create').map((call) => call.input)).toEqual([
      {
        clientId: 5,
        fields: expect.objectContaining({
          firstName: 'Marina',
          email: 'marina@gmail.com',
          emailPreferences: { general: true, product: false, domain: false, invoice: true, support: false, affiliate: false },
        }),
        access: { enabled: true, permissions: ['invoices', 'quotes', 'emails', 'orders'] },
      },
    ])
    const row = screen.getByRole('row', { name: /Marina/ })
    expect(row.textContent).toContain('Convite a enviar')
  })

  it('7.x: a sub-account needs its password, typed twice', async () => {
    const { desk, dialog } = await openFlow('7')
    expect(within(dialog).getByText(/WHMCS 7: o contato vira subconta/)).toBeTruthy()
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Nome' }), { target: { value: 'Caio' } })
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'E-mail' }), { target: { value: 'caio@yahoo.com.br' } })
    fireEvent.click(within(dialog).getByRole('radio', { name: 'Técnico' }))
    fireEvent.click(within(dialog).getByRole('button', { name: 'Salvar segundo contato' }))
    expect(await within(dialog).findByText('Defina uma senha para a subconta.')).toBeTruthy()
    fireEvent.change(within(dialog).getByLabelText('Senha *'), { target: { value: 'segredo123' } })
    fireEvent.change(within(dialog).getByLabelText('Repita a senha *'), { target: { value: 'segredo124' } })
    expect(within(dialog).getByText('As duas senhas não são iguais.')).toBeTruthy()
    expect(desk.calls.some((call) => call.method === 'contacts.create')).toBe(false)
    fireEvent.change(within(dialog).getByLabelText('Repita a senha *'), { target: { value: 'segredo123' } })
    expect(within(dialog).getByRole('region', { name: 'Ao sincronizar, o Contact Desk vai:' }).textContent).toContain(
      'ativar a subconta de caio@yahoo.com.br com a senha informada;',
    )
    fireEvent.keyDown(dialog, { key: 's', metaKey: true })
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(desk.calls.find((call) => call.method === 'contacts.create')?.input).toMatchObject({
      access: { enabled: true, permissions: ['products', 'productsso', 'domains', 'managedomains', 'tickets'] },
      password: 'segredo123',
    })
  })
})
