import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { connectedStatus, createFakeDesk, demoPortal } from '../../fakeDesk'
import { renderApp, setUpAppTests } from '../../renderApp'

const firstRun = connectedStatus({ portal: null, secretAvailable: false, clientCount: 0, lastSync: null, syncing: false, online: null })

setUpAppTests()
afterEach(() => document.documentElement.removeAttribute('data-theme'))

describe('settings', () => {
  it('is where the first run lands, with every control labelled', async () => {
    renderApp(createFakeDesk({ status: firstRun }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Configurações' })).toBeTruthy()
    expect(screen.getByText(/Nenhum portal conectado ainda/)).toBeTruthy()
    for (const label of ['Endereço do portal', 'Identificador da API', 'Segredo da API', 'Versão do WHMCS', 'Seu nome', 'Idioma', 'Tema']) {
      expect(screen.getByLabelText(label), label).toBeTruthy()
    }
    expect((screen.getByLabelText('Segredo da API') as HTMLInputElement).type).toBe('password')
    for (const name of ['Testar conexão', 'Conectar', 'Usar o portal de demonstração', 'Salvar nome']) {
      expect(screen.getByRole('button', { name }), name).toBeTruthy()
    }
    expect(screen.getByRole('button', { name: 'Configurações' }).getAttribute('aria-current')).toBe('page')
    expect(screen.getByRole('status').textContent).toContain('Nenhum portal conectado')
  })

  it('shows the field errors of a validation Result next to the fields', async () => {
    // The contract refuses the empty address and identifier: the validation Result is the one main answers.
    renderApp(createFakeDesk({ status: firstRun }))
    fireEvent.change(await screen.findByLabelText('Segredo da API'), { target: { value: 's3cret' } })
    fireEvent.click(screen.getByRole('button', { name: 'Conectar' }))

    expect(await screen.findByRole('alert')).toHaveProperty('textContent', 'Confira os campos destacados.')
    const url = screen.getByLabelText('Endereço do portal')
    expect(url.getAttribute('aria-invalid')).toBe('true')
    const describedBy = url.getAttribute('aria-describedby')?.split(' ') ?? []
    expect(describedBy.map((id) => document.getElementById(id)?.textContent)).toContain('Preencha este campo.')
    expect(screen.getByLabelText('Identificador da API').getAttribute('aria-invalid')).toBe('true')
    expect(screen.getByLabelText('Segredo da API').getAttribute('aria-invalid')).toBeNull()
    expect(screen.getAllByText('Preencha este campo.')).toHaveLength(2)
  })

  it('words a portal refusal with its params', async () => {
    const desk = createFakeDesk({
      status: firstRun,
      handlers: {
        'portal.test': () => ({ ok: false, error: { code: 'ip_not_allowed', message: 'Invalid IP 198.51.100.4', params: { ip: '198.51.100.4' } } }),
      },
    })
    renderApp(desk)
    fireEvent.change(await screen.findByLabelText('Endereço do portal'), { target: { value: 'https://portal.exemplo.com.br' } })
    fireEvent.change(screen.getByLabelText('Identificador da API'), { target: { value: 'abc' } })
    fireEvent.change(screen.getByLabelText('Segredo da API'), { target: { value: 's3cret' } })
    fireEvent.click(screen.getByRole('button', { name: 'Testar conexão' }))
    expect((await screen.findByRole('alert')).textContent).toContain('O portal recusou o IP 198.51.100.4 deste computador')
    expect(desk.calls.find((call) => call.method === 'portal.test')?.input).toEqual({
      url: 'https://portal.exemplo.com.br',
      identifier: 'abc',
      secret: 's3cret',
      generation: 'auto',
    })
  })

  it('connects the demo portal in one click, then syncs', async () => {
    const desk = createFakeDesk({ status: firstRun })
    renderApp(desk)
    fireEvent.click(await screen.findByRole('button', { name: 'Usar o portal de demonstração' }))
    expect(await screen.findByText('Conectado: WHMCS 8.10.1, 1.000 clientes')).toBeTruthy()
    await waitFor(() => expect(desk.calls.map((call) => call.method)).toContain('sync.run'))
    const status = screen.getByRole('status')
    await waitFor(() => expect(status.textContent).toMatch(/Sincronizado às \d\d:\d\d — 1\.000 clientes/))
    expect(status.textContent).toContain('demonstração')
    fireEvent.click(screen.getByRole('button', { name: 'Abrir a lista' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Clientes' })).toBeTruthy()
    expect(demoPortal.demo).toBe(true)
  })

  it('switches the language at once, and <html lang> follows', async () => {
    const desk = createFakeDesk({ status: firstRun })
    renderApp(desk)
    const language = await screen.findByLabelText('Idioma')
    fireEvent.change(language, { target: { value: 'en' } })
    expect(await screen.findByRole('heading', { level: 1, name: 'Settings' })).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Use the demo portal' })).toBeTruthy()
    expect(screen.getByLabelText('API secret')).toBeTruthy()
    expect(document.documentElement.lang).toBe('en')
    expect(desk.calls.find((call) => call.method === 'settings.update')?.input).toEqual({ language: 'en' })

    fireEvent.change(screen.getByLabelText('Language'), { target: { value: 'pt-BR' } })
    expect(await screen.findByRole('heading', { level: 1, name: 'Configurações' })).toBeTruthy()
    expect(document.documentElement.lang).toBe('pt-BR')
  })

  it('asks for the secret of a portal whose secret is not kept, then syncs', async () => {
    const portal = { ...demoPortal, apiUrl: 'https://portal.exemplo.com.br/includes/api.php', identifier: 'abc', demo: false }
    const desk = createFakeDesk({ status: { ...firstRun, portal, secretAvailable: false, clientCount: 10 } })
    renderApp(desk)
    fireEvent.click(await screen.findByRole('button', { name: 'Configurações' }))
    const secret = await screen.findByLabelText('Segredo de portal.exemplo.com.br')
    expect((screen.getByLabelText('Endereço do portal') as HTMLInputElement).value).toBe(portal.apiUrl)
    fireEvent.change(secret, { target: { value: 'k3pt' } })
    fireEvent.click(screen.getByRole('button', { name: 'Usar este segredo' }))
    await waitFor(() => expect(desk.calls.map((call) => call.method)).toContain('sync.run'))
    expect(desk.calls.find((call) => call.method === 'portal.unlock')?.input).toEqual({ secret: 'k3pt' })
    await waitFor(() => expect(screen.queryByLabelText('Segredo de portal.exemplo.com.br')).toBeNull())
  })

  it('says that edits waiting for the current portal stay in its cache when another one is connected', async () => {
    const portal = { ...demoPortal, apiUrl: 'https://portal.exemplo.com.br/includes/api.php', identifier: 'abc', demo: false }
    const outbox = { pending: 2, failed: 1, rejected: 0, conflict: 0, held: 0 }
    renderApp(createFakeDesk({ status: connectedStatus({ portal, outbox }) }))
    fireEvent.click(await screen.findByRole('button', { name: 'Configurações' }))
    expect(await screen.findByText(/3 alterações de .* ainda não foram enviadas\. Conectar outro portal não as perde/)).toBeTruthy()
  })

  it('saves the form the focus is in with Ctrl+S (Cmd+S)', async () => {
    const desk = createFakeDesk({ status: firstRun })
    renderApp(desk)
    const name = await screen.findByLabelText('Seu nome')
    fireEvent.change(name, { target: { value: 'Rafa' } })
    name.focus()
    const event = new KeyboardEvent('keydown', { key: 's', metaKey: true, bubbles: true, cancelable: true })
    act(() => void window.dispatchEvent(event))
    expect(event.defaultPrevented).toBe(true)
    expect(await screen.findByText('Nome salvo.')).toBeTruthy()
    expect(desk.calls.find((call) => call.method === 'settings.update')?.input).toEqual({ staffName: 'Rafa' })
  })

  it('applies the theme and saves the staff name', async () => {
    const desk = createFakeDesk({ status: firstRun })
    renderApp(desk)
    fireEvent.change(await screen.findByLabelText('Tema'), { target: { value: 'dark' } })
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('dark'))
    fireEvent.change(screen.getByLabelText('Seu nome'), { target: { value: '  Joana Lima ' } })
    fireEvent.click(screen.getByRole('button', { name: 'Salvar nome' }))
    expect(await screen.findByText('Nome salvo.')).toBeTruthy()
    expect(desk.calls.filter((call) => call.method === 'settings.update').map((call) => call.input)).toEqual([{ theme: 'dark' }, { staffName: 'Joana Lima' }])
  })
})

describe('the status bar', () => {
  it('shows a running sync with its phase and progress, then its end', async () => {
    const desk = createFakeDesk()
    renderApp(desk)
    const status = await screen.findByRole('status')
    await waitFor(() => expect(status.textContent).toContain('Online'))
    const initial = await desk.api['app.status']({})
    if (!initial.ok) throw new Error('status')

    act(() => desk.emit('status.changed', { ...initial.value, syncing: true }))
    act(() => desk.emit('sync.progress', { phase: 'clients', done: 300, total: 1000, rate: 1200 }))
    const bar = within(status).getByRole('progressbar', { name: 'Progresso da sincronização' })
    expect(bar.getAttribute('aria-valuenow')).toBe('300')
    expect(bar.getAttribute('aria-valuemax')).toBe('1000')
    expect(status.textContent).toContain('Baixando clientes…')
    expect(status.textContent).toContain('300 de 1.000')
    expect(screen.getByRole('button', { name: 'Sincronizar' }).getAttribute('aria-disabled')).toBe('true')

    const at = new Date().toISOString()
    act(() => desk.emit('status.changed', { ...initial.value, syncing: false, clientCount: 1000, lastSync: { at, ok: true, error: null, skipped: [] } }))
    expect(within(status).queryByRole('progressbar')).toBeNull()
    expect(status.textContent).toMatch(/Sincronizado às \d\d:\d\d — 1\.000 clientes/)
  })

  it('says why a sync failed, in words', async () => {
    const desk = createFakeDesk({
      handlers: { 'sync.run': () => ({ ok: false, error: { code: 'auth_failed', message: 'Authentication Failed' } }) },
    })
    renderApp(desk)
    const button = await screen.findByRole('button', { name: 'Sincronizar' })
    await waitFor(() => expect(button.getAttribute('aria-disabled')).toBe('false'))
    fireEvent.click(button)
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('O portal recusou o Segredo da API'))
  })

  it('says when the portal is offline', async () => {
    renderApp(createFakeDesk({ status: { ...firstRun, portal: demoPortal, secretAvailable: true, online: false } }))
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('Offline'))
  })
})
