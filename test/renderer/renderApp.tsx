// Renders the whole app on a fake bridge, in a given language, with a list box tall enough to show rows.
import { cleanup, render, type RenderResult } from '@testing-library/react'
import { afterEach, beforeEach } from 'vitest'
import { App } from '../../src/renderer/src/app/App'
import { createI18n } from '../../src/renderer/src/i18n'
import type { Language } from '../../src/shared/domain'
import type { FakeDesk } from './fakeDesk'

export function renderApp(desk: FakeDesk, language: Language = 'pt-BR'): RenderResult {
  return render(<App desk={desk} i18n={createI18n(language)} />)
}

/** happy-dom does no layout: give scroll containers a viewport so the virtualizer renders rows. */
function giveElementsASize(height = 400, width = 900): () => void {
  const proto = HTMLElement.prototype
  const saved = {
    clientHeight: Object.getOwnPropertyDescriptor(proto, 'clientHeight'),
    clientWidth: Object.getOwnPropertyDescriptor(proto, 'clientWidth'),
  }
  Object.defineProperty(proto, 'clientHeight', { configurable: true, get: () => height })
  Object.defineProperty(proto, 'clientWidth', { configurable: true, get: () => width })
  return () => {
    for (const [name, descriptor] of Object.entries(saved)) {
      if (descriptor) Object.defineProperty(proto, name, descriptor)
      else Reflect.deleteProperty(proto, name)
    }
  }
}

/** The per-test setup every app test needs: elements with a size (for the virtual list), a clean DOM afterwards. */
export function setUpAppTests(): void {
  let restoreSize: () => void = () => undefined
  beforeEach(() => {
    restoreSize = giveElementsASize()
  })
  afterEach(() => {
    cleanup()
    restoreSize()
  })
}

/** Renders the app (a connected portal lands on the home page) and goes to the client list from the navigation. */
export async function renderClientList(desk: FakeDesk, language: Language = 'pt-BR'): Promise<RenderResult> {
  const result = renderApp(desk, language)
  const { fireEvent, screen } = await import('@testing-library/react')
  fireEvent.click(await screen.findByRole('button', { name: language === 'en' ? 'Clients' : 'Clientes' }))
  await screen.findByRole('searchbox')
  return result
}

/** Renders the app and opens one client's page from the list (clients are named by makeClients). */
export async function renderClientPage(desk: FakeDesk, clientName: RegExp, language: Language = 'pt-BR'): Promise<RenderResult> {
  const result = await renderClientList(desk, language)
  const { fireEvent, screen } = await import('@testing-library/react')
  fireEvent.click(await screen.findByRole('option', { name: clientName }))
  await screen.findByRole('heading', { level: 2, name: language === 'en' ? 'Who gets what' : 'Quem recebe o quê' })
  return result
}
