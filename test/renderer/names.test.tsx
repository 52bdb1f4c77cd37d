// The end-to-end tests find controls by role and name (Playwright matches names by substring),
// so on every screen, in both languages, each control has a label and no button name hides inside another.
import { fireEvent, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { Language } from '../../src/shared/domain'
import { createFakeDesk } from './fakeDesk'
import { renderApp, setUpAppTests } from './renderApp'

setUpAppTests()

function buttonNames(): string[] {
  return screen
    .getAllByRole('button')
    .map((button) => (button.getAttribute('aria-label') ?? button.textContent ?? '').trim().toLowerCase())
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
      control.hasAttribute('aria-label') ||
      control.hasAttribute('aria-labelledby') ||
      (control.id !== '' && document.querySelector(`label[for="${CSS.escape(control.id)}"]`) !== null)
    expect(labelled, `${screenName}: ${control.outerHTML}`).toBe(true)
  }
}

const SCREENS: Record<Language, { clients: string; settings: string; back: string }> = {
  'pt-BR': { clients: 'Clientes', settings: 'Configurações', back: 'Voltar para a lista' },
  en: { clients: 'Clients', settings: 'Settings', back: 'Back to the list' },
}

describe.each(['pt-BR', 'en'] as const)('in %s', (language) => {
  it('every screen has labelled controls and distinct button names', async () => {
    const names = SCREENS[language]
    renderApp(createFakeDesk({ settings: { staffName: '', language, theme: 'system' } }), language)
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
  })
})
