import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { Result } from '../../../../src/shared/errors'
import type { ClientPage } from '../../../../src/shared/contract'
import { createFakeDesk, makeClients } from '../../fakeDesk'
import { renderClientList, setUpAppTests } from '../../renderApp'

setUpAppTests()

describe('the client list', () => {
  it('shows the total and the rows on screen, fetched in pages', async () => {
    const desk = createFakeDesk({ clients: makeClients(100_000) })
    await renderClientList(desk)
    const list = await screen.findByRole('listbox', { name: 'Clientes' })
    await waitFor(() => expect(within(list).getAllByRole('option', { name: /Ana Silva 1\b/ })).toHaveLength(1))
    expect(screen.getByText('100.000 clientes')).toBeTruthy()
    // Only what is visible (plus overscan) is in the DOM.
    expect(within(list).getAllByRole('option').length).toBeLessThan(60)
    const first = within(list).getAllByRole('option')[0]!
    expect(first.getAttribute('aria-setsize')).toBe('100000')
    expect(first.textContent).toContain('cliente1@exemplo.com.br')
    expect(first.textContent).toContain('09/03/2021')
    expect(first.textContent).toContain('Inativo')
    const listCalls = desk.calls.filter((call) => call.method === 'clients.list')
    expect(listCalls.every((call) => (call.input as { limit: number }).limit <= 1000)).toBe(true)
  })

  it('searches as the user types and ignores answers to an older search', async () => {
    const resolvers: ((result: Result<ClientPage>) => void)[] = []
    const clients = makeClients(1000)
    const desk = createFakeDesk({
      clients,
      handlers: {
        'clients.list': (input) =>
          new Promise<Result<ClientPage>>((resolve) => {
            const search = (input.search ?? '').toLowerCase()
            const items = clients.filter((c) => `${c.firstName} ${c.lastName}`.toLowerCase().includes(search))
            const answer: Result<ClientPage> = { ok: true, value: { total: items.length, offset: 0, items: items.slice(0, 100) } }
            if (search === 'ana')
              resolvers.push(() => resolve(answer)) // the slow, outdated one
            else resolve(answer)
          }),
      },
    })
    await renderClientList(desk)
    const search = await screen.findByLabelText('Buscar cliente')
    await screen.findByText('1.000 clientes')

    fireEvent.change(search, { target: { value: 'ana' } })
    await waitFor(() => expect(desk.calls.some((call) => (call.input as { search?: string }).search === 'ana')).toBe(true))
    fireEvent.change(search, { target: { value: 'bruno souza 12' } })
    const list = await screen.findByRole('listbox')
    await waitFor(() => expect(within(list).getAllByRole('option')).toHaveLength(1))
    expect(within(list).getByRole('option').textContent).toContain('Bruno Souza 12')

    // The answer to "ana" arrives late: it must not replace the newer results.
    await act(async () => resolvers.forEach((resolve) => resolve({ ok: true, value: { total: 100, offset: 0, items: clients.slice(0, 100) } })))
    expect(within(list).getAllByRole('option')).toHaveLength(1)
    expect(screen.getByText('1 cliente')).toBeTruthy()
  })

  it('says when nothing matches', async () => {
    const desk = createFakeDesk({ clients: makeClients(50) })
    await renderClientList(desk)
    const search = await screen.findByLabelText('Buscar cliente')
    fireEvent.change(search, { target: { value: 'zzz' } })
    expect(await screen.findByText('Nenhum cliente encontrado para “zzz”.')).toBeTruthy()
    expect(screen.queryByRole('listbox')).toBeNull()
  })

  it('focuses the search with Ctrl+K from anywhere, and Cmd+K too', async () => {
    const desk = createFakeDesk()
    await renderClientList(desk)
    fireEvent.click(screen.getByRole('button', { name: 'Configurações' }))
    await screen.findByRole('heading', { level: 1, name: 'Configurações' })

    fireEvent.keyDown(window, { key: 'k', ctrlKey: true })
    const search = await screen.findByLabelText('Buscar cliente')
    await waitFor(() => expect(document.activeElement).toBe(search))

    search.blur()
    fireEvent.keyDown(window, { key: 'K', metaKey: true })
    await waitFor(() => expect(document.activeElement).toBe(search))
  })

  it('moves the active row with the arrow keys and opens it with Enter', async () => {
    const desk = createFakeDesk()
    await renderClientList(desk)
    const list = await screen.findByRole('listbox')
    await waitFor(() => expect(within(list).getAllByRole('option', { name: /Ana Silva 1\b/ })).toHaveLength(1))
    act(() => list.focus())
    const activeName = () => document.getElementById(list.getAttribute('aria-activedescendant') ?? '')?.textContent
    expect(activeName()).toContain('Ana Silva 1')
    fireEvent.keyDown(list, { key: 'ArrowDown' })
    fireEvent.keyDown(list, { key: 'ArrowDown' })
    expect(activeName()).toContain('Carla Silva 3')
    expect(within(list).getAllByRole('option', { selected: true })).toHaveLength(1)
    fireEvent.keyDown(list, { key: 'ArrowUp' })
    expect(activeName()).toContain('Bruno Silva 2')
    fireEvent.keyDown(list, { key: 'Enter' })

    expect(await screen.findByRole('heading', { level: 1, name: 'Bruno Silva 2' })).toBeTruthy()
    expect(await screen.findByRole('heading', { level: 2, name: 'Quem recebe o quê' })).toBeTruthy()
    expect(screen.getAllByText('cliente2@exemplo.com.br').length).toBeGreaterThan(0)
    await waitFor(() => expect(desk.calls.some((call) => call.method === 'clients.open')).toBe(true))

    fireEvent.click(screen.getByRole('button', { name: 'Voltar para a lista' }))
    const back = await screen.findByRole('listbox')
    await waitFor(() => expect(document.activeElement).toBe(back))
    expect(document.getElementById(back.getAttribute('aria-activedescendant') ?? '')?.textContent).toContain('Bruno Silva 2')
  })

  it('opens a client with a click', async () => {
    const desk = createFakeDesk()
    await renderClientList(desk)
    const row = await screen.findByRole('option', { name: /Eduarda Silva 5\b/ })
    fireEvent.click(row)
    expect(await screen.findByRole('heading', { level: 1, name: 'Eduarda Silva 5' })).toBeTruthy()
    expect(await screen.findByText(/Empresa 5 Ltda · cliente5@exemplo.com.br/)).toBeTruthy()
  })

  it('refreshes the rows when a sync finishes', async () => {
    const clients = makeClients(10)
    const desk = createFakeDesk({ clients })
    await renderClientList(desk)
    await screen.findByText('10 clientes')
    clients.push(...makeClients(12).slice(10))
    const status = await desk.api['app.status']({})
    if (!status.ok) throw new Error('status')
    act(() => desk.emit('status.changed', { ...status.value, clientCount: 12, lastSync: { at: new Date().toISOString(), ok: true, error: null, skipped: [] } }))
    expect(await screen.findByText('12 clientes')).toBeTruthy()
  })
})
