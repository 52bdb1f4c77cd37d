// The application menu, in the app's language: Electron's standard Edit/View/Window items (their roles
// keep the OS shortcuts), plus Contact Desk's own "Check for updates" and "Open data folder".
import type { MenuItemConstructorOptions } from 'electron'
import type { Language } from '../../shared/domain'

const LABELS = {
  'pt-BR': {
    file: 'Arquivo',
    openDataFolder: 'Abrir pasta de dados',
    quit: 'Sair',
    edit: 'Editar',
    undo: 'Desfazer',
    redo: 'Refazer',
    cut: 'Recortar',
    copy: 'Copiar',
    paste: 'Colar',
    selectAll: 'Selecionar tudo',
    view: 'Exibir',
    reload: 'Recarregar',
    devTools: 'Ferramentas do desenvolvedor',
    actualSize: 'Tamanho real',
    zoomIn: 'Aumentar',
    zoomOut: 'Diminuir',
    fullScreen: 'Tela cheia',
    window: 'Janela',
    minimize: 'Minimizar',
    zoom: 'Zoom',
    close: 'Fechar',
    front: 'Trazer tudo para a frente',
    help: 'Ajuda',
    checkForUpdates: 'Procurar atualizações…',
    about: 'Sobre o Contact Desk',
    hide: 'Ocultar o Contact Desk',
    hideOthers: 'Ocultar os outros',
    showAll: 'Mostrar tudo',
    services: 'Serviços',
  },
  en: {
    file: 'File',
    openDataFolder: 'Open data folder',
    quit: 'Quit',
    edit: 'Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select all',
    view: 'View',
    reload: 'Reload',
    devTools: 'Developer tools',
    actualSize: 'Actual size',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    fullScreen: 'Full screen',
    window: 'Window',
    minimize: 'Minimize',
    zoom: 'Zoom',
    close: 'Close',
    front: 'Bring all to front',
    help: 'Help',
    checkForUpdates: 'Check for updates…',
    about: 'About Contact Desk',
    hide: 'Hide Contact Desk',
    hideOthers: 'Hide others',
    showAll: 'Show all',
    services: 'Services',
  },
} as const satisfies Record<Language, Record<string, string>>

export interface MenuActions {
  checkForUpdates(): void
  openDataFolder(): void
}

export interface MenuContext {
  language: Language
  platform: NodeJS.Platform
  /** Reload and the developer tools are for development builds only. */
  isPackaged: boolean
}

export function applicationMenuTemplate(actions: MenuActions, context: MenuContext): MenuItemConstructorOptions[] {
  const label = LABELS[context.language]
  const mac = context.platform === 'darwin'
  const checkForUpdates: MenuItemConstructorOptions = { id: 'check-for-updates', label: label.checkForUpdates, click: () => actions.checkForUpdates() }
  const openDataFolder: MenuItemConstructorOptions = { id: 'open-data-folder', label: label.openDataFolder, click: () => actions.openDataFolder() }

  const appMenu: MenuItemConstructorOptions = {
    label: 'Contact Desk',
    submenu: [
      { role: 'about', label: label.about },
      checkForUpdates,
      { type: 'separator' },
      { role: 'services', label: label.services },
      { type: 'separator' },
      { role: 'hide', label: label.hide },
      { role: 'hideOthers', label: label.hideOthers },
      { role: 'unhide', label: label.showAll },
      { type: 'separator' },
      { role: 'quit', label: label.quit },
    ],
  }
  const fileMenu: MenuItemConstructorOptions = {
    label: label.file,
    submenu: mac ? [openDataFolder] : [openDataFolder, { type: 'separator' }, { role: 'quit', label: label.quit }],
  }
  const editMenu: MenuItemConstructorOptions = {
    label: label.edit,
    submenu: [
      { role: 'undo', label: label.undo },
      { role: 'redo', label: label.redo },
      { type: 'separator' },
      { role: 'cut', label: label.cut },
      { role: 'copy', label: label.copy },
      { role: 'paste', label: label.paste },
      { role: 'selectAll', label: label.selectAll },
    ],
  }
  const development: MenuItemConstructorOptions[] = context.isPackaged
    ? []
    : [{ role: 'reload', label: label.reload }, { role: 'toggleDevTools', label: label.devTools }, { type: 'separator' }]
  const viewMenu: MenuItemConstructorOptions = {
    label: label.view,
    submenu: [
      ...development,
      { role: 'resetZoom', label: label.actualSize },
      { role: 'zoomIn', label: label.zoomIn },
      { role: 'zoomOut', label: label.zoomOut },
      { type: 'separator' },
      { role: 'togglefullscreen', label: label.fullScreen },
    ],
  }
  const windowMenu: MenuItemConstructorOptions = {
    label: label.window,
    submenu: mac
      ? [{ role: 'minimize', label: label.minimize }, { role: 'zoom', label: label.zoom }, { type: 'separator' }, { role: 'front', label: label.front }]
      : [
          { role: 'minimize', label: label.minimize },
          { role: 'close', label: label.close },
        ],
  }
  const helpMenu: MenuItemConstructorOptions = {
    role: 'help',
    label: label.help,
    // On macOS both live in the app menu, and the OS adds its search field here.
    submenu: mac ? [] : [checkForUpdates, { type: 'separator' }, { role: 'about', label: label.about }],
  }

  return [...(mac ? [appMenu] : []), fileMenu, editMenu, viewMenu, windowMenu, helpMenu]
}
