// The conflicts screen (base / mine / portal per field; keep mine, keep the portal's, write another value) and
// the open conflicts' count in the navigation.
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { ConflictItem } from '../../../../src/shared/contract'
import { connectedStatus, createFakeDesk } from '../../fakeDesk'
import { renderClientList, setUpAppTests } from '../../renderApp'

setUpAppTests()

const conflicts: ConflictItem[] = [
  {
    id: 7,
    entity: 'contact',
    entityKey: 'c5-1',
    clientId: 5,
    label: 'Lia Reis <lia@gmail.com>',
    key: 'lastName',
    base: 'Reis',
    mine: 'Reis Lima',
    theirs: 'Reis Souza',
    createdAt: '2026-03-12T14:05:00.000Z',
  },
  {
    id: 8,
    entity: 'contact',
    entityKey: 'c5-1',
    clientId: 5,
    label: 'Lia Reis <lia@gmail.com>',
    key: 'emailPreferences.invoice',
    base: false,
    mine: true,
    theirs: false,
    createdAt: '2026-03-12T14:05:00.000Z',
  },
  {
    id: 9,
    entity: 'contact',
    entityKey: 'c5-1',
    clientId: 5,
    label: 'Lia Reis <lia@gmail.com>',
    key: 'access',
    base: 'off',
    mine: 'on:invoices,quotes,emails,orders',
    theirs: 'on:tickets',
    createdAt: '2026-03-12T14:05:00.000Z',
  },
]

describe('the conflicts screen', () => {
  it('shows base, mine and the portal per field, and resolves each way', async () => {
    const desk = createFakeDesk({ conflicts, status: connectedStatus({ conflicts: 3 }) })
    await renderClientList(desk)
    fireEvent.click(screen.getByRole('button', { name: 'Conflitos (3 conflitos abertos)' }))
    const table = await screen.findByRole('table', { name: 'Campos em conflito de Lia Reis <lia@gmail.com>' })
    const cells = (field: RegExp) =>
      within(within(table).getByRole('row', { name: field }))
        .getAllByRole('cell')
        .map((cell) => cell.textContent)
    expect(cells(/^Sobrenome/).slice(0, 3)).toEqual(['Reis', 'Reis Lima', 'Reis Souza'])
    expect(cells(/^E-mails de Faturas/).slice(0, 3)).toEqual(['Não recebe', 'Recebe', 'Não recebe'])
    expect(cells(/^Acesso à Área do Cliente/).slice(0, 3)).toEqual([
      'Sem acesso',
      'Financeiro: Ver e Pagar Faturas, Ver e Aceitar Orçamentos, Ver E-mails, Fazer Novos Pedidos/Upgrades/Cancelamentos',
      '1 permissão: Ver e Abrir Tickets de Suporte',
    ])

    fireEvent.click(within(table).getByRole('button', { name: 'Ficar com o valor do portal: E-mails de Faturas' }))
    await waitFor(() => expect(desk.calls.find((call) => call.method === 'conflicts.resolve')?.input).toEqual({ id: 8, choice: 'theirs' }))

    fireEvent.click(within(table).getByRole('button', { name: 'Escrever outro valor: Sobrenome' }))
    const value = await screen.findByRole('textbox', { name: 'Valor de Sobrenome' })
    fireEvent.change(value, { target: { value: 'Reis Lima Souza' } })
    fireEvent.click(screen.getByRole('button', { name: 'Ficar com este valor' }))
    await waitFor(() =>
      expect(desk.calls.filter((call) => call.method === 'conflicts.resolve').at(-1)?.input).toEqual({ id: 7, choice: 'edit', value: 'Reis Lima Souza' }),
    )

    fireEvent.click(screen.getByRole('button', { name: 'Ficar com o valor deste computador: Acesso à Área do Cliente' }))
    await waitFor(() => expect(desk.calls.filter((call) => call.method === 'conflicts.resolve').at(-1)?.input).toEqual({ id: 9, choice: 'mine' }))
    expect(await screen.findByText(/^Nenhum conflito\./)).toBeTruthy()
  })
})
