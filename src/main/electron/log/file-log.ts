// Main's log: one file in <userData>/logs, size-capped and rotated (main.log, main.1.log, … oldest
// dropped), every line redacted first. Writes are synchronous and small, so a line written just
// before a crash is on disk; a log that cannot be written never stops the app.
// Not electron-log: its file transport rotates only once a file is past its cap (here, before a line would pass it),
// keeps a single main.old.log, and reports every failed write instead of once.
import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { formatLogMessage } from './redact'
import { errorText } from '../../../shared/errors'

type LogLevel = 'info' | 'warn' | 'error'

export interface Log {
  info(...args: unknown[]): void
  warn(...args: unknown[]): void
  error(...args: unknown[]): void
}

export interface FileLogOptions {
  /** The folder the log files live in (created if missing). */
  dir: string
  /** A file is rotated before it would grow past this size (a single longer line still gets a file of its own). */
  maxBytes?: number
  /** How many files are kept, the current one included. */
  maxFiles?: number
  now?: () => Date
  /** Also gets every (redacted) line, e.g. the terminal of `npm start`. */
  echo?: (line: string) => void
}

const DEFAULT_MAX_BYTES = 1024 * 1024
const DEFAULT_MAX_FILES = 5

export function openFileLog(options: FileLogOptions): Log {
  const { dir, maxBytes = DEFAULT_MAX_BYTES, maxFiles = DEFAULT_MAX_FILES, now = () => new Date(), echo } = options
  if (maxFiles < 1 || maxBytes < 1) throw new RangeError('A log keeps at least one file of at least one byte')
  const fileAt = (index: number) => join(dir, index === 0 ? 'main.log' : `main.${index}.log`)
  let size = 0
  let broken = false

  try {
    mkdirSync(dir, { recursive: true })
    size = statSync(fileAt(0), { throwIfNoEntry: false })?.size ?? 0
  } catch (error) {
    fail(error)
  }

  function fail(error: unknown): void {
    if (broken) return
    broken = true
    // Said once, where a developer or a support session would see it; the app carries on.
    process.stderr.write(`Contact Desk cannot write its log in ${dir}: ${errorText(error)}\n`)
  }

  function rotate(): void {
    rmSync(fileAt(maxFiles - 1), { force: true })
    for (let index = maxFiles - 2; index >= 0; index--) {
      if (statSync(fileAt(index), { throwIfNoEntry: false })) renameSync(fileAt(index), fileAt(index + 1))
    }
    size = 0
  }

  function write(level: LogLevel, args: unknown[]): void {
    const line = `${now().toISOString()} ${level.toUpperCase().padEnd(5)} ${formatLogMessage(args)}\n`
    echo?.(line)
    if (broken) return
    const bytes = Buffer.byteLength(line)
    try {
      if (size > 0 && size + bytes > maxBytes) rotate()
      appendFileSync(fileAt(0), line, { encoding: 'utf8', mode: 0o600 })
      size += bytes
    } catch (error) {
      fail(error)
    }
  }

  return {
    info: (...args) => write('info', args),
    warn: (...args) => write('warn', args),
    error: (...args) => write('error', args),
  }
}
