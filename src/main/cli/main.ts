#!/usr/bin/env node
// `contact-desk`: the headless entry on the same core (docs/ARCHITECTURE.md §3, §4.3). Every command is a contract
// call through the typed client; the commands are the table in commands.ts, this file only runs one of them.
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { z } from 'zod'
import { createApi } from '../../shared/contract'
import { errorText, validationError, type DeskError } from '../../shared/errors'
import { defaultDataDir } from '../core/data-dir'
import { openDesk } from '../core/desk'
import { createEventHub } from '../core/events'
import type { HttpTransport } from '../core/portal/transport'
import { createMemorySecretStore } from '../core/secrets'
import { startLocalDemoPortal } from '../demo-portal/local'
import {
  badOptions,
  BadOptions,
  CommandFailed,
  EXIT,
  exitCodeFor,
  flagShapes,
  GLOBAL_FLAGS,
  PullTuning,
  UsageError,
  type Answer,
  type Command,
} from './command'
import { COMMANDS } from './commands'
import { USAGE } from './usage'

export { EXIT } from './command'

export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  env: NodeJS.ProcessEnv
  /** Test seam; plain fetch otherwise. */
  transport?: HttpTransport
}

/** Every flag of every command, for parseArgs: a flag no command takes is refused before any runs. */
const OPTIONS: NonNullable<ParseArgsConfig['options']> = Object.fromEntries(
  [GLOBAL_FLAGS, ...COMMANDS.map((command) => command.flags)]
    .flatMap(flagShapes)
    .map((flag) => [flag.name, { type: flag.toggle ? 'boolean' : 'string', ...(flag.short ? { short: flag.short } : {}) }] as const),
)

/** Runs one command; returns the exit code. Output goes only through `io`. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = readArgs(argv)
  if (typeof parsed === 'string') return usageFailure(io, parsed)
  const global = z.object(GLOBAL_FLAGS).safeParse(parsed.values)
  if (!global.success) return usageFailure(io, badOptions(global.error))
  const { help, json } = global.data
  const words = parsed.positionals
  if (help || words.length === 0) {
    ;(help ? io.stdout : io.stderr)(`${USAGE}\n`)
    return help ? EXIT.ok : EXIT.usage
  }
  const out = new Output(io, json)
  const found = findCommand(words)
  if (found instanceof UsageError) return out.fail({ code: 'validation', message: found.message }, EXIT.usage)
  // A flag of another command is a mistake here, never quietly dropped (`sync --limit 5`).
  const foreign = Object.keys(parsed.values).find((flag) => !Object.hasOwn(GLOBAL_FLAGS, flag) && !Object.hasOwn(found.command.flags, flag))
  if (foreign !== undefined) return out.fail({ code: 'validation', message: `${found.name} does not take --${foreign}` }, EXIT.usage)
  const run = found.command.bind(found.words, parsed.values)
  if (run instanceof BadOptions) return usageFailure(io, run.message)
  if (run instanceof UsageError) return out.fail({ code: 'validation', message: run.message }, EXIT.usage)

  const dataDir = global.data['data-dir'] ?? defaultDataDir(io.env)
  const tuning = PullTuning.safeParse(io.env)
  if (!tuning.success) {
    io.stderr(`contact-desk: ${validationError(tuning.error, 'environment').message}\n`)
    return EXIT.usage
  }
  const desk = openDesk({
    dataDir,
    secrets: createMemorySecretStore(),
    emit: createEventHub().emit,
    transport: io.transport,
    startDemoPortal: () => startLocalDemoPortal(dataDir),
    pull: { pageSize: tuning.data.DESK_PULL_PAGE_SIZE, chunkRows: tuning.data.DESK_PULL_CHUNK_ROWS },
  })
  try {
    return out.ok(
      await run({ api: createApi(desk.dispatch), secret: global.data.secret ?? io.env.DESK_API_SECRET, progress: (line) => io.stderr(`${line}\n`) }),
    )
  } catch (error) {
    if (error instanceof UsageError) return out.fail({ code: 'validation', message: error.message }, EXIT.usage)
    if (error instanceof CommandFailed) {
      if (error.note !== undefined) out.note(error.note)
      return out.fail(error.error, exitCodeFor(error.error.code))
    }
    throw error
  } finally {
    await desk.close()
  }
}

/** The flags and the words, or why they cannot be read (a flag no command takes, a value missing). */
function readArgs(argv: readonly string[]): { values: Record<string, unknown>; positionals: string[] } | string {
  try {
    return parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: OPTIONS })
  } catch (error) {
    return errorText(error)
  }
}

/** The command the words name (the longest match), with the words after them. */
function findCommand(words: readonly string[]): { command: Command; name: string; words: string[] } | UsageError {
  const spoken = words.join(' ')
  const named = COMMANDS.flatMap((command) => command.names.map((name) => ({ command, name })))
    .filter(({ name }) => spoken === name || spoken.startsWith(`${name} `))
    .sort((a, b) => b.name.length - a.name.length)[0]
  if (!named) return new UsageError(`unknown command "${spoken}"`)
  return { ...named, words: words.slice(named.name.split(' ').length) }
}

/** A command line that cannot run: the reason, then the usage, on stderr (never as JSON). */
function usageFailure(io: CliIo, reason: string): number {
  io.stderr(`contact-desk: ${reason}\n${USAGE}\n`)
  return EXIT.usage
}

/** Results on stdout (text lines, or one JSON document); errors on stderr as one line. */
class Output {
  constructor(
    private readonly io: CliIo,
    private readonly json: boolean,
  ) {}
  ok({ value, lines, exit = EXIT.ok }: Answer): number {
    if (this.json) this.io.stdout(`${JSON.stringify(value)}\n`)
    else
      this.io.stdout(
        lines
          .filter((line) => line !== '')
          .map((line) => `${line}\n`)
          .join(''),
      )
    return exit
  }
  /** A line of text output before a failure (never in --json: the error document says it all). */
  note(line: string): void {
    if (!this.json) this.io.stdout(`${line}\n`)
  }
  fail(error: DeskError, code: number): number {
    this.io.stderr(this.json ? `${JSON.stringify({ error })}\n` : `contact-desk: ${error.message.replace(/\s*\n\s*/g, ' ')}\n`)
    return code
  }
}

if (process.argv[1] && /cli\.(js|cjs|mjs)$/.test(process.argv[1])) {
  runCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
  }).then(
    (code) => {
      process.exitCode = code
    },
    (error: unknown) => {
      process.stderr.write(`contact-desk: unexpected error: ${errorText(error)}\n`)
      process.exitCode = EXIT.failed
    },
  )
}
