import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { IpcMain, WebContents } from 'electron'
import { eventChannel, methodChannel, methodNames, type MethodName } from '../../../src/shared/contract'
import type { SyncProgress } from '../../../src/shared/domain'
import type { Result } from '../../../src/shared/errors'
import { createDispatch } from '../../../src/main/core/dispatch'
import { unreachableHandlers } from '../../support/unreachable-handlers'
import { createIpcEmit, registerIpcHandlers } from '../../../src/main/electron/ipc'
import { openFileLog } from '../../../src/main/electron/log/file-log'
import { makeTempDir } from '../../support/temp-dir'
import { FakeIpcMain, FakeWebContents } from '../../support/fake-electron'

const APP_URL = 'file:///app/out/renderer/index.html'
const isTrusted = (frameUrl: string | undefined): boolean => frameUrl === APP_URL
const REFUSED = {
  ok: false,
  error: { code: 'app_unavailable', message: "Refused: this request did not come from Contact Desk's own window" },
}

/** A real dispatcher over handlers that only record that they were reached. */
function recordingDispatch() {
  const { handlers, reached: called } = unreachableHandlers()
  const dispatch = vi.fn(createDispatch(handlers))
  return { called, dispatch }
}

/** A log that only records: the refusal test below reads the real rotating file log. */
const quietLog = () => ({ warn: vi.fn() })

function serve(log: { warn: (...args: unknown[]) => void } = quietLog()) {
  const ipcMain = new FakeIpcMain()
  const { called, dispatch } = recordingDispatch()
  const unregister = registerIpcHandlers(ipcMain as unknown as IpcMain, dispatch, isTrusted, log)
  return { ipcMain, called, dispatch, unregister }
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('registerIpcHandlers', () => {
  it('serves every contract method exactly once, on its derived channel, and nothing else', () => {
    const { ipcMain } = serve()
    expect([...ipcMain.handlers.keys()].sort()).toEqual(methodNames.map(methodChannel).sort())
    expect(ipcMain.handlers.size).toBe(methodNames.length)
  })

  it('passes a trusted call to the dispatcher and answers with its result', async () => {
    const ipcMain = new FakeIpcMain()
    const dispatch = vi.fn(async (): Promise<Result<unknown>> => ({ ok: true, value: 'answer' }))
    registerIpcHandlers(ipcMain as unknown as IpcMain, dispatch, isTrusted, quietLog())
    for (const method of methodNames) {
      await expect(ipcMain.invoke(methodChannel(method), APP_URL, { some: 'input' })).resolves.toEqual({ ok: true, value: 'answer' })
      expect(dispatch).toHaveBeenLastCalledWith(method, { some: 'input' })
    }
    expect(dispatch).toHaveBeenCalledTimes(methodNames.length)
  })

  it.each([
    ['a foreign page', 'https://evil.example/'],
    ['another local file', 'file:///tmp/evil.html'],
    ['a frame that is gone', null],
    ['an empty frame URL', ''],
  ])('refuses %s on every channel without dispatching, and says so in the app log', async (_what, frameUrl) => {
    const consoleWarn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const logDir = makeTempDir()
    try {
      const { ipcMain, called, dispatch } = serve(openFileLog({ dir: logDir.path }))
      for (const method of methodNames) {
        await expect(ipcMain.invoke(methodChannel(method), frameUrl, {}), method).resolves.toEqual(REFUSED)
      }
      expect(dispatch).not.toHaveBeenCalled()
      expect(called).toEqual([])
      const lines = readFileSync(join(logDir.path, 'main.log'), 'utf8').trimEnd().split('\n')
      expect(lines).toHaveLength(methodNames.length)
      methodNames.forEach((method, index) => {
        expect(lines[index]).toMatch(/^\S+ WARN {2}Refused a call to (\S+) from a frame that is not Contact Desk's window$/)
        expect(lines[index]).toContain(` ${method} `)
      })
      // The frame's URL stays out of the log, and nothing goes to the console any more.
      if (frameUrl) expect(lines.join('\n')).not.toContain(frameUrl)
      expect(consoleWarn).not.toHaveBeenCalled()
    } finally {
      logDir.remove()
    }
  })

  it('gives a trusted sender with bad input the validation error naming the field, reaching no handler', async () => {
    const { ipcMain, called } = serve()
    const answer = (await ipcMain.invoke(methodChannel('clients.get'), APP_URL, { id: 'forty-two' })) as Result<unknown>
    expect(answer.ok).toBe(false)
    if (answer.ok) return
    expect(answer.error.code).toBe('validation')
    expect(answer.error.issues?.map((issue) => issue.path)).toEqual(['id'])

    const connect = (await ipcMain.invoke(methodChannel('portal.connect'), APP_URL, { identifier: 'x', secret: 'y' })) as Result<unknown>
    expect(connect.ok ? [] : connect.error.issues?.map((issue) => issue.path)).toEqual(['url'])
    expect(called).toEqual([])
  })

  it('refuses unexpected fields on every method before any handler runs', async () => {
    const { ipcMain, called } = serve()
    for (const method of methodNames) {
      const answer = (await ipcMain.invoke(methodChannel(method), APP_URL, { injected: true })) as Result<unknown>
      expect(answer.ok ? null : answer.error.code, method).toBe('validation')
      expect(answer.ok ? '' : answer.error.message, method).toContain('injected')
    }
    expect(called).toEqual([])
  })

  it('throws when the same channels are registered twice, leaving the first registration intact', () => {
    const { ipcMain, dispatch } = serve()
    const before = new Map(ipcMain.handlers)
    expect(() => registerIpcHandlers(ipcMain as unknown as IpcMain, dispatch, isTrusted, quietLog())).toThrow(
      `IPC channel "${methodChannel(methodNames[0] as MethodName)}" is already registered`,
    )
    expect(ipcMain.handlers).toEqual(before)
  })

  it('stops serving when unregistered, and may then register again', () => {
    const { ipcMain, dispatch, unregister } = serve()
    unregister()
    expect(ipcMain.handlers.size).toBe(0)
    registerIpcHandlers(ipcMain as unknown as IpcMain, dispatch, isTrusted, quietLog())
    expect(ipcMain.handlers.size).toBe(methodNames.length)
  })
})

describe('createIpcEmit', () => {
  it('sends each event on its contract channel to every live web contents', () => {
    const live = new FakeWebContents()
    const gone = new FakeWebContents()
    gone.destroyed = true
    const emit = createIpcEmit(() => [live, gone] as unknown as WebContents[])
    const payload: SyncProgress = { phase: 'clients', done: 1, total: 2, rate: 10 }
    emit('sync.progress', payload)
    expect(live.sent).toEqual([{ channel: eventChannel('sync.progress'), args: [payload] }])
    expect(gone.sent).toEqual([])
  })

  it('asks for the windows on every event, so a window opened later receives events', () => {
    const windows: FakeWebContents[] = []
    const emit = createIpcEmit(() => windows as unknown as WebContents[])
    const progress: SyncProgress = { phase: 'connecting', done: 0, total: null, rate: 0 }
    emit('sync.progress', progress)
    const later = new FakeWebContents()
    windows.push(later)
    emit('sync.progress', progress)
    expect(later.sent).toHaveLength(1)
  })
})
