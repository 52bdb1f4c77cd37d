// A small hand-written stand-in for the parts of Electron the glue uses (the binary cannot run here).
// It imitates the behaviour the glue relies on: preventable navigation events, window.open handlers,
// ipcMain refusing a second handler, app quit emitting a preventable before-quit, and windows'
// web contents announced through app's 'web-contents-created'.
import { EventEmitter } from 'node:events'
import { vi } from 'vitest'

export interface FakeEvent {
  url: string
  defaultPrevented: boolean
  preventDefault(): void
}

function preventable(url = ''): FakeEvent {
  const event = {
    url,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true
    },
  }
  return event
}

type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' }

export class FakeWebContents extends EventEmitter {
  readonly sent: { channel: string; args: unknown[] }[] = []
  destroyed = false
  windowOpenHandler: WindowOpenHandler | undefined

  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args })
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler
  }
  /** The page asks to navigate (or a server redirects it); returns whether the navigation goes ahead. */
  navigate(url: string, kind: 'will-navigate' | 'will-redirect' = 'will-navigate'): boolean {
    const event = preventable(url)
    this.emit(kind, event, url)
    return !event.defaultPrevented
  }
  /** The page calls window.open; without a handler Electron opens the window. */
  openWindow(url: string): 'allow' | 'deny' {
    return this.windowOpenHandler?.({ url }).action ?? 'allow'
  }
  /** A <webview> asks to attach; returns whether it may. */
  attachWebview(): boolean {
    const event = preventable()
    this.emit('will-attach-webview', event, {}, {})
    return !event.defaultPrevented
  }
}

export class FakeSession {
  headersListener:
    | ((details: { responseHeaders?: Record<string, string[]> }, callback: (response: { responseHeaders?: Record<string, string | string[]> }) => void) => void)
    | undefined
  permissionRequestHandler: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined
  permissionCheckHandler: ((contents: unknown, permission: string) => boolean) | undefined

  readonly webRequest = {
    onHeadersReceived: (listener: NonNullable<FakeSession['headersListener']>): void => {
      this.headersListener = listener
    },
  }
  setPermissionRequestHandler(handler: NonNullable<FakeSession['permissionRequestHandler']>): void {
    this.permissionRequestHandler = handler
  }
  setPermissionCheckHandler(handler: NonNullable<FakeSession['permissionCheckHandler']>): void {
    this.permissionCheckHandler = handler
  }
  /** The headers a response ends up with after the session's listener ran. */
  respond(responseHeaders: Record<string, string[]>): Record<string, string | string[]> | undefined {
    let result: Record<string, string | string[]> | undefined
    this.headersListener?.({ responseHeaders }, (response) => {
      result = response.responseHeaders
    })
    return result
  }
  /** Whether a permission request is granted. */
  request(permission: string): boolean {
    let granted: boolean | undefined
    this.permissionRequestHandler?.(null, permission, (answer) => {
      granted = answer
    })
    if (granted === undefined) throw new Error('no permission request handler answered')
    return granted
  }
}

/** Electron's ClientRequest as net.request returns it: the test plays the server through `answer` and `redirect`. */
export class FakeClientRequest extends EventEmitter {
  readonly headers: Record<string, string> = {}
  body: string | undefined
  ended = false
  aborted = false
  constructor(readonly options: { method?: string; url?: string; redirect?: string }) {
    super()
  }
  setHeader(name: string, value: string): void {
    this.headers[name] = value
  }
  end(body?: string): void {
    this.body = body
    this.ended = true
  }
  abort(): void {
    this.aborted = true
  }
  /** The server answers: status, headers, then the body in chunks. */
  answer(statusCode: number, headers: Record<string, string | string[]>, chunks: string[]): void {
    const response = Object.assign(new EventEmitter(), { statusCode, headers })
    this.emit('response', response)
    for (const chunk of chunks) response.emit('data', Buffer.from(chunk))
    response.emit('end')
  }
  /** The server redirects; like Electron, a redirect nobody follows or aborts fails the request. */
  redirect(statusCode: number, location: string): void {
    this.emit('redirect', statusCode, 'POST', location, { Location: [location] })
    if (!this.aborted) this.emit('error', new Error('Redirect was cancelled'))
  }
}

export function createFakeNet() {
  const requests: FakeClientRequest[] = []
  return {
    requests,
    request: vi.fn((options: { method?: string; url?: string; redirect?: string }) => {
      const request = new FakeClientRequest(options)
      requests.push(request)
      return request
    }),
  }
}

type InvokeListener = (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => unknown

export class FakeIpcMain {
  readonly handlers = new Map<string, InvokeListener>()
  handle(channel: string, listener: InvokeListener): void {
    // Electron's own message.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
    this.handlers.set(channel, listener)
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel)
  }
  /** A renderer's ipcRenderer.invoke, from a frame at `frameUrl` (null: the frame is gone). */
  async invoke(channel: string, frameUrl: string | null, ...args: unknown[]): Promise<unknown> {
    const listener = this.handlers.get(channel)
    if (!listener) throw new Error(`No handler registered for '${channel}'`)
    return listener({ senderFrame: frameUrl === null ? null : { url: frameUrl } }, ...args)
  }
}

export class FakeIpcRenderer extends EventEmitter {
  readonly invoke = vi.fn(async (_channel: string, ..._args: unknown[]): Promise<unknown> => ({ ok: true, value: null }))
  /** Main sends an event to this renderer. */
  deliver(channel: string, payload: unknown): void {
    this.emit(channel, { sender: this }, payload)
  }
}

/** An encryptor that really changes the bytes, so a test can tell ciphertext from clear text. */
export function createFakeSafeStorage(options: { available?: boolean; backend?: string } = {}) {
  const flip = (bytes: Buffer): Buffer => Buffer.from(bytes.map((byte) => byte ^ 0xa5))
  return {
    isEncryptionAvailable: vi.fn(() => options.available ?? true),
    getSelectedStorageBackend: vi.fn(() => (options.backend ?? 'gnome_libsecret') as 'basic_text' | 'gnome_libsecret'),
    encryptString: vi.fn((plainText: string) => Buffer.concat([Buffer.from('v10'), flip(Buffer.from(plainText, 'utf8'))])),
    decryptString: vi.fn((encrypted: Buffer) => {
      if (encrypted.subarray(0, 3).toString() !== 'v10') throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.')
      return flip(encrypted.subarray(3)).toString('utf8')
    }),
  }
}

export interface FakeElectronOptions {
  singleInstanceLock?: boolean
  isPackaged?: boolean
  userData?: string
  /** app.getAppPath(): where an unpackaged app finds .electron-native/. */
  appPath?: string
  locale?: string
  safeStorage?: ReturnType<typeof createFakeSafeStorage>
}

export function createFakeElectron(options: FakeElectronOptions = {}) {
  const windows: FakeBrowserWindow[] = []
  let resolveReady: () => void = () => undefined
  const ready = new Promise<void>((resolve) => {
    resolveReady = resolve
  })

  class FakeApp extends EventEmitter {
    isPackaged = options.isPackaged ?? false
    quitted = false
    readonly requestSingleInstanceLock = vi.fn(() => options.singleInstanceLock ?? true)
    readonly whenReady = vi.fn(() => ready)
    readonly getVersion = vi.fn(() => '0.1.0')
    readonly getLocale = vi.fn(() => options.locale ?? 'pt-BR')
    readonly getAppPath = vi.fn(() => options.appPath ?? '/fake/app')
    readonly getPath = vi.fn((name: string) => {
      if (name !== 'userData') throw new Error(`unexpected app.getPath('${name}')`)
      return options.userData ?? '/fake/user-data'
    })
    /** Like Electron: before-quit may be prevented; otherwise the app is gone. */
    readonly quit = vi.fn(() => {
      const event = preventable()
      this.emit('before-quit', event)
      if (!event.defaultPrevented) this.quitted = true
    })
    readonly exit = vi.fn((_code?: number) => {
      this.quitted = true
    })
    /** The moment Electron becomes ready. */
    becomeReady(): Promise<void> {
      resolveReady()
      return ready
    }
  }
  const app = new FakeApp()

  class FakeBrowserWindow extends EventEmitter {
    readonly webContents = new FakeWebContents()
    readonly options: Record<string, unknown>
    loadedUrl: string | undefined
    loadedFile: string | undefined
    shown = false
    focused = false
    minimized = false
    constructor(options: Record<string, unknown>) {
      super()
      this.options = options
      windows.push(this)
      app.emit('web-contents-created', preventable(), this.webContents)
    }
    static getAllWindows(): FakeBrowserWindow[] {
      return windows.filter((window) => !window.webContents.destroyed)
    }
    async loadURL(url: string): Promise<void> {
      this.loadedUrl = url
    }
    async loadFile(file: string): Promise<void> {
      this.loadedFile = file
    }
    show(): void {
      this.shown = true
    }
    focus(): void {
      this.focused = true
    }
    isMinimized(): boolean {
      return this.minimized
    }
    restore(): void {
      this.minimized = false
    }
  }

  const ipcRenderer = new FakeIpcRenderer()
  const exposed: Record<string, unknown> = {}
  const defaultSession = new FakeSession()

  return {
    app,
    windows,
    exposed,
    BrowserWindow: FakeBrowserWindow,
    shell: { openExternal: vi.fn(async (_url: string) => undefined), openPath: vi.fn(async (_path: string) => '') },
    ipcMain: new FakeIpcMain(),
    ipcRenderer,
    session: { defaultSession },
    net: createFakeNet(),
    safeStorage: options.safeStorage ?? createFakeSafeStorage(),
    dialog: {
      showErrorBox: vi.fn((_title: string, _content: string) => undefined),
      showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: 0, checkboxChecked: false })),
    },
    Menu: {
      buildFromTemplate: vi.fn((template: unknown[]) => ({ template })),
      setApplicationMenu: vi.fn((_menu: { template: unknown[] } | null) => undefined),
    },
    contextBridge: {
      exposeInMainWorld: vi.fn((key: string, api: unknown) => {
        // Electron refuses to overwrite a global.
        if (Object.hasOwn(exposed, key)) throw new Error(`Cannot bind an API on top of an existing property on the window object`)
        exposed[key] = api
      }),
    },
  }
}

export type FakeElectron = ReturnType<typeof createFakeElectron>
export type FakeBrowserWindow = InstanceType<FakeElectron['BrowserWindow']>
