import type { MenuItemConstructorOptions } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import { mainLanguage } from '../../../src/main/electron/main-language'
import { applicationMenuTemplate, type MenuContext } from '../../../src/main/electron/menu'

function menu(context: Partial<MenuContext> = {}) {
  const actions = { checkForUpdates: vi.fn(), openDataFolder: vi.fn() }
  const template = applicationMenuTemplate(actions, { language: 'pt-BR', platform: 'win32', isPackaged: true, ...context })
  const items = (submenu: MenuItemConstructorOptions['submenu']) => (Array.isArray(submenu) ? (submenu as MenuItemConstructorOptions[]) : [])
  const all = template.flatMap((top) => items(top.submenu))
  return {
    actions,
    template,
    tops: template.map((top) => top.label),
    roles: all.map((item) => item.role).filter(Boolean),
    item: (id: string) => all.filter((item) => item.id === id),
    labels: all.map((item) => item.label).filter(Boolean),
  }
}

describe('mainLanguage', () => {
  it("follows the app's setting, else pt-BR unless the system locale is English", () => {
    expect(mainLanguage('en', 'pt-BR')).toBe('en')
    expect(mainLanguage('pt-BR', 'en-US')).toBe('pt-BR')
    for (const locale of ['en', 'en-US', 'en_GB', 'EN-au']) expect(mainLanguage(null, locale), locale).toBe('en')
    for (const locale of ['pt-BR', 'pt', 'es-AR', 'eng', '']) expect(mainLanguage(undefined, locale), locale).toBe('pt-BR')
  })
})

describe('applicationMenuTemplate', () => {
  it('speaks pt-BR and English', () => {
    expect(menu({ language: 'pt-BR' }).tops).toEqual(['Arquivo', 'Editar', 'Exibir', 'Janela', 'Ajuda'])
    expect(menu({ language: 'en' }).tops).toEqual(['File', 'Edit', 'View', 'Window', 'Help'])
    expect(menu({ language: 'pt-BR' }).labels).toEqual(expect.arrayContaining(['Procurar atualizações…', 'Abrir pasta de dados', 'Copiar', 'Colar']))
    expect(menu({ language: 'en' }).labels).toEqual(expect.arrayContaining(['Check for updates…', 'Open data folder', 'Copy', 'Paste']))
  })

  it('keeps the standard editing, view and window roles, so the OS shortcuts work', () => {
    expect(menu().roles).toEqual(
      expect.arrayContaining([
        'undo',
        'redo',
        'cut',
        'copy',
        'paste',
        'selectAll',
        'resetZoom',
        'zoomIn',
        'zoomOut',
        'togglefullscreen',
        'minimize',
        'close',
        'quit',
        'about',
      ]),
    )
  })

  it('runs "Check for updates" and "Open data folder" through the actions given', () => {
    const { actions, item } = menu()
    item('check-for-updates')[0]?.click?.({} as never, undefined, {} as never)
    item('open-data-folder')[0]?.click?.({} as never, undefined, {} as never)
    expect(actions.checkForUpdates).toHaveBeenCalledOnce()
    expect(actions.openDataFolder).toHaveBeenCalledOnce()
  })

  it('offers reload and the developer tools only in a development build', () => {
    expect(menu({ isPackaged: true }).roles).not.toEqual(expect.arrayContaining(['toggleDevTools']))
    expect(menu({ isPackaged: true }).roles).not.toContain('reload')
    expect(menu({ isPackaged: false }).roles).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']))
  })

  it('on macOS: the app menu first, holding About, updates and Quit; each command once', () => {
    const mac = menu({ platform: 'darwin', language: 'en' })
    expect(mac.tops).toEqual(['Contact Desk', 'File', 'Edit', 'View', 'Window', 'Help'])
    const appMenu = mac.template[0]?.submenu as MenuItemConstructorOptions[]
    expect(appMenu.map((item) => item.role ?? item.id)).toEqual(expect.arrayContaining(['about', 'check-for-updates', 'hide', 'quit']))
    expect(mac.item('check-for-updates')).toHaveLength(1)
    expect(mac.item('open-data-folder')).toHaveLength(1)
    expect(mac.roles.filter((role) => role === 'quit')).toHaveLength(1)
  })
})
