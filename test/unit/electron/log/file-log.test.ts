import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { openFileLog } from '../../../../src/main/electron/log/file-log'
import { makeTempDir } from '../../../support/temp-dir'

let dir: ReturnType<typeof makeTempDir>
let logs: string
const now = () => new Date('2026-11-25T12:00:00.000Z')

beforeEach(() => {
  dir = makeTempDir()
  logs = join(dir.path, 'logs')
})
afterEach(() => {
  vi.restoreAllMocks()
  dir.remove()
})

const read = (name: string) => readFileSync(join(logs, name), 'utf8')

describe('openFileLog', () => {
  it('writes timestamped, levelled lines into <dir>/main.log, creating the folder, readable by the user only', () => {
    const log = openFileLog({ dir: logs, now })
    log.info('starting', 1)
    log.warn('slow')
    log.error('failed:', new Error('boom'))
    const lines = read('main.log').split('\n')
    expect(lines[0]).toBe('2026-11-25T12:00:00.000Z INFO  starting 1')
    expect(lines[1]).toBe('2026-11-25T12:00:00.000Z WARN  slow')
    expect(lines[2]).toBe('2026-11-25T12:00:00.000Z ERROR failed: Error: boom')
    if (process.platform !== 'win32') expect(statSync(join(logs, 'main.log')).mode & 0o777).toBe(0o600)
  })

  it('never writes a secret, an e-mail or a CPF', () => {
    const log = openFileLog({ dir: logs, now })
    log.info('POST action=GetClients&identifier=ID123&secret=S3CR3T', { password: 'hunter2' })
    log.error(new Error('contact ana.souza@gmail.com CPF 123.456.789-09 refused'))
    const text = read('main.log')
    for (const leaked of ['ID123', 'S3CR3T', 'hunter2', 'ana.souza', '123.456.789-09']) expect(text).not.toContain(leaked)
    expect(text).toContain('a***@gmail.com')
    expect(text).toContain('***.***.***-**')
  })

  it('rotates before a file would pass maxBytes, keeping maxFiles files, newest first', () => {
    const log = openFileLog({ dir: logs, now, maxBytes: 200, maxFiles: 3 })
    // Each line is 25 (timestamp + level) + 48 + 1 = 74 bytes: two fit in 200 bytes, a third does not.
    for (let index = 1; index <= 9; index++) log.info(`line ${index} `.padEnd(48, '.'))
    expect(readdirSync(logs).sort()).toEqual(['main.1.log', 'main.2.log', 'main.log'])
    const numbers = (name: string) => [...read(name).matchAll(/line (\d)/g)].map((match) => Number(match[1]))
    expect(numbers('main.log')).toEqual([9])
    expect(numbers('main.1.log')).toEqual([7, 8])
    expect(numbers('main.2.log')).toEqual([5, 6])
    for (const name of readdirSync(logs)) expect(statSync(join(logs, name)).size).toBeLessThanOrEqual(200)
  })

  it('counts the file that was there before the app started', () => {
    openFileLog({ dir: logs, now }).info('x')
    writeFileSync(join(logs, 'main.log'), 'y'.repeat(190))
    openFileLog({ dir: logs, now, maxBytes: 200, maxFiles: 2 }).info('after restart')
    expect(read('main.1.log')).toBe('y'.repeat(190))
    expect(read('main.log')).toContain('after restart')
  })

  it('cuts one enormous message instead of filling the disk with it, quickly, leaking no half of an address', () => {
    const log = openFileLog({ dir: logs, now })
    const started = performance.now()
    log.info('x'.repeat(1_000_000))
    // 8 KiB of words, then an e-mail address the cut goes through.
    log.info(`${'word '.repeat(1637)}ana.souza@gmail.com and more`)
    expect(performance.now() - started).toBeLessThan(1_000)
    const [huge, words] = read('main.log').trimEnd().split('\n')
    expect(huge).toBe('2026-11-25T12:00:00.000Z INFO  … [cut]')
    expect(words?.length).toBeLessThan(8_300)
    expect(words).toMatch(/word … \[cut\]$/)
    expect(words).not.toContain('ana.')
  })

  it('echoes the same redacted lines when asked (the terminal of npm start)', () => {
    const echoed: string[] = []
    openFileLog({ dir: logs, now, echo: (line) => echoed.push(line) }).info('secret=abc')
    expect(echoed).toEqual(['2026-11-25T12:00:00.000Z INFO  secret=[redacted]\n'])
  })

  it('keeps the app running when the log path is taken by a file, saying so once', () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
    writeFileSync(logs, 'a file where the folder should be')
    const log = openFileLog({ dir: logs, now })
    expect(() => {
      log.info('one')
      log.error('two')
    }).not.toThrow()
    expect(stderr).toHaveBeenCalledOnce()
    expect(String(stderr.mock.calls[0]?.[0])).toContain('cannot write its log')
  })
})
