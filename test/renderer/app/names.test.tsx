// The end-to-end tests find controls by role and name (Playwright matches names by substring),
// so on every screen, in both languages, each control has a label and no button name hides inside another.
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { Language } from '../../../src/shared/domain'
import type { ReachabilityPage } from '../../../src/shared/contract'
import type { Result } from '../../../src/shared/errors'
import { createFakeDesk, makeContact } from '../fakeDesk'
import { nobodyOnInvoices, page, verdict } from '../features/reachability/verdicts'
import { renderApp, setUpAppTests } from '../renderApp'

setUpAppTests()

function buttonNames(): string[] {
  return screen.getAllByRole('button').map((button) => (button.getAttribute('aria-label') ?? button.textContent ?? '').trim().toLowerCase())
}

function expectDistinctNames(screenName: string): void {
  const names = buttonNames()
  for (const [i, name] of names.entries()) {
    expect(name, `${screenName}: a button without a name`).not.toBe('')
    for (const [j, other] of names.entries()) {
      if (i !== j) expect(other.includes(name), `${screenName}: "${name}" is inside "${other}"`).toBe(false)
    }
  }
}

function expectLabelledControls(screenName: string): void {
  for (const control of document.querySelectorAll('input, select, textarea')) {
    const labelled =
      control.closest('label') !== null ||
      control.hasAttribute('aria-label') ||
      control.hasAttribute('aria-labelledby') ||
      (control.id !== '' && document.querySelector(`label[for="${CSS.escape(control.id)}"]`) !== null)
    expect(labelled, `${screenName}: ${control.outerHTML}`).toBe(true)
  }
}

const SCREENS: Record<
  Language,
  {
    home: string
    homeRule: string
    reachability: string
    clients: string
    settings: string
    back: string
    grid: string
    bulk: string
    sync: RegExp
    conflicts: string
    history: string
    add: string
    second: string
    access: RegExp
    cancel: string
  }
> = {
  'pt-BR': {
    home: 'Visão geral',
    homeRule: 'Crítico: Ninguém recebe faturas 1',
    reachability: 'Cobranças em risco',
    clients: 'Clientes',
    settings: 'Configurações',
    back: 'Voltar para a lista',
    grid: 'Quem recebe o quê',
    bulk: 'Delegação em massa',
    sync: /^Sincronização/,
    conflicts: 'Conflitos',
    history: 'Histórico de alterações',
    add: 'Adicionar contato',
    second: 'Adicionar segundo contato',
    access: /^Acesso e permissões de Ana/,
    cancel: 'Cancelar',
  },
  en: {
    home: 'Overview',
    homeRule: 'Critical: Nobody receives invoices 1',
    reachability: 'Reminders at risk',
    clients: 'Clients',
    settings: 'Settings',
    back: 'Back to the list',
    grid: 'Who gets what',
    bulk: 'Bulk delegation',
    sync: /^Sync/,
    conflicts: 'Conflicts',
    history: 'Change history',
    add: 'Add contact',
    second: 'Add second contact',
    access: /^Access and permissions of Ana/,
    cancel: 'Cancel',
  },
}

/** One client at risk, for the home page and the audit screen to show a row and a link. */
const atRisk = ({ offset }: { offset: number }): Result<ReachabilityPage> => ({
  ok: true,
  value: { ...page([verdict(1, 'Ana Silva 1', [nobodyOnInvoices], { notChecked: ['reminders_failed'] })], { byRule: { nobody_on_invoices: 1 } }), offset },
})

/** No placeholder left unfilled anywhere: text or attribute. */
function expectNoPlaceholders(screenName: string): void {
  expect(document.body.innerHTML.includes('{{'), `${screenName}: an unfilled {{placeholder}}`).toBe(false)
}

/** In a dialog: its own buttons are distinct, its controls labelled. */
function expectDialog(screenName: string): void {
  const dialog = screen.getAllByRole('dialog').at(-1) as HTMLElement
  const names = Array.from(dialog.querySelectorAll('button')).map((button) =>
    (button.getAttribute('aria-label') ?? button.textContent ?? '').trim().toLowerCase(),
  )
  for (const [i, name] of names.entries()) {
    expect(name, `${screenName}: a button without a name`).not.toBe('')
    for (const [j, other] of names.entries()) if (i !== j) expect(other.includes(name), `${screenName}: "${name}" is inside "${other}"`).toBe(false)
  }
  expectLabelledControls(screenName)
  expectNoPlaceholders(screenName)
}

describe.each(['pt-BR', 'en'] as const)('in %s', (language) => {
  it('every screen has labelled controls and distinct button names', async () => {
    const names = SCREENS[language]
    const contacts = [
      makeContact(1, 1, { firstName: 'Ana', lastName: 'Lima', email: 'ana@gmail.com' }),
      makeContact(1, 2, { firstName: 'Rui', lastName: 'Mota', access: { enabled: true, permissions: ['invoices'] } }),
    ]
    renderApp(createFakeDesk({ settings: { staffName: '', language, theme: 'system' }, contacts, handlers: { 'reachability.list': atRisk } }), language)
    await screen.findByRole('heading', { level: 1, name: names.home })
    await screen.findByRole('button', { name: names.homeRule })
    expectDistinctNames('home')
    expectNoPlaceholders('home')

    fireEvent.click(screen.getByRole('button', { name: names.reachability }))
    await screen.findByRole('heading', { level: 1, name: names.reachability })
    await screen.findByRole('table')
    expectDistinctNames('reachability')
    expectLabelledControls('reachability')
    expectNoPlaceholders('reachability')

    fireEvent.click(screen.getByRole('button', { name: names.clients }))
    await screen.findByRole('listbox')
    expectDistinctNames('client list')
    expectLabelledControls('client list')

    fireEvent.click(screen.getByRole('button', { name: names.settings }))
    await screen.findByRole('heading', { level: 1, name: names.settings })
    expectDistinctNames('settings')
    expectLabelledControls('settings')

    fireEvent.click(screen.getByRole('button', { name: names.clients }))
    const option = await screen.findByRole('option', { name: /Ana Silva 1\b/ })
    fireEvent.click(option)
    await screen.findByRole('button', { name: names.back })
    expectDistinctNames('client page')
    await waitFor(() => expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1))
    expect(screen.getAllByRole('status')).toHaveLength(1)
    expect(screen.getByRole('navigation')).toBeTruthy()
    expect(screen.getByRole('main')).toBeTruthy()
    await screen.findByRole('heading', { level: 2, name: names.grid })
    expectDistinctNames('client page')
    expectLabelledControls('client page')
    expectNoPlaceholders('client page')

    for (const [opener, dialogName] of [
      [names.add, 'contact editor'],
      [names.second, 'second contact'],
      [names.access, 'access'],
    ] as const) {
      fireEvent.click(screen.getByRole('button', { name: opener }))
      await screen.findByRole('dialog')
      expectDialog(dialogName)
      fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: names.cancel }))
      await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    }

    fireEvent.click(screen.getByRole('button', { name: names.history }))
    await screen.findByRole('heading', { level: 1, name: new RegExp(names.history) })
    expectDistinctNames('change log')
    expectNoPlaceholders('change log')

    for (const [button, screenName] of [
      [names.bulk, 'bulk'],
      [names.sync, 'sync'],
      [names.conflicts, 'conflicts'],
    ] as const) {
      fireEvent.click(screen.getByRole('button', { name: button }))
      await waitFor(() => expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1))
      expectDistinctNames(screenName)
      expectLabelledControls(screenName)
      expectNoPlaceholders(screenName)
    }
  })
})
