// What one command of the command line is. Each is declared once in commands.ts; the usage text, the parsing of
// its flags, `--json` and the dispatch in main.ts all derive from that declaration.
import { z } from 'zod'
import type { DeskApi, MethodInput, MethodName, MethodOutput } from '../../shared/contract'
import type { DeskError, ErrorCode, Result } from '../../shared/errors'

/** 5: the pass finished with conflicts or entries the portal rejected (a person has to look). */
export const EXIT = { ok: 0, failed: 1, usage: 2, refused: 3, unreachable: 4, attention: 5 } as const

/** The flags every command takes. */
export const GLOBAL_FLAGS = {
  'data-dir': z.string().min(1).optional(),
  json: z.boolean().default(false),
  help: z.boolean().default(false),
  secret: z.string().optional(),
}

/** What a command's run has besides its flags. */
export interface Context {
  api: DeskApi
  /** The one word after the command's own (a local id, a conflict id); '' for a command that takes none. */
  argument: string
  /** From --secret or DESK_API_SECRET. */
  secret: string | undefined
}

/** What a command prints: `value` as one JSON document with --json, else `lines` (empty ones left out). */
export interface Answer {
  value: unknown
  lines: readonly string[]
  exit?: number
}

/** A command as the runner sees it. */
export interface Command {
  /** The words that name it (`contacts list`); the first spelling is the one the usage shows. */
  names: readonly [string, ...string[]]
  /** Its flags and argument as the usage shows them, after its name. */
  synopsis: string
  /** Its help lines in the usage. */
  help: readonly string[]
  flags: z.ZodRawShape
  /** What the one argument after its words is, for "needs …" when it is missing. */
  argument?: string
  /** Checks the flags given (all that parseArgs read, of every command: this one keeps its own). */
  withFlags(values: Record<string, unknown>): { ok: true; run: (context: Context) => Promise<Answer> } | { ok: false; error: z.ZodError }
}

type Declaration<S extends z.ZodRawShape> = Omit<Command, 'flags' | 'withFlags'> & { flags: S }

/** A command whose run makes the calls it needs. */
export function defineCommand<S extends z.ZodRawShape>(
  declaration: Declaration<S> & { run: (context: Context, flags: z.output<z.ZodObject<S>>) => Promise<Answer> },
): Command {
  const { run, ...rest } = declaration
  const schema = z.object(rest.flags)
  return {
    ...rest,
    withFlags: (values) => {
      const checked = schema.safeParse(values)
      return checked.success ? { ok: true, run: (context) => run(context, checked.data) } : { ok: false, error: checked.error }
    },
  }
}

/** A command that is one contract call: `--json` prints the contract's answer, the text is `lines` of it. */
export function callCommand<S extends z.ZodRawShape, M extends MethodName>(
  declaration: Declaration<S> & {
    method: M
    input: (flags: z.output<z.ZodObject<S>>) => MethodInput<M>
    lines: (answer: MethodOutput<M>) => readonly string[]
  },
): Command {
  const { method, input, lines, ...rest } = declaration
  return defineCommand({
    ...rest,
    run: async ({ api }, flags) => {
      const answer = await answerOf(api[method](input(flags)))
      return { value: answer, lines: lines(answer) }
    },
  })
}

/** A mistake in how the command was called: it exits 2 with this message. */
export class UsageError extends Error {}

/** A failed call: the command exits with the code for its error. */
export class CommandFailed extends Error {
  constructor(
    readonly error: DeskError,
    /** A line of text output before the error (never in --json: the error document says it all). */
    readonly note?: string,
  ) {
    super(error.message)
  }
}

/** The value of a contract call, or CommandFailed. */
export async function answerOf<T>(result: Promise<Result<T>>): Promise<T> {
  const settled = await result
  if (!settled.ok) throw new CommandFailed(settled.error)
  return settled.value
}

export function exitCodeFor(code: ErrorCode): number {
  switch (code) {
    case 'auth_failed':
    case 'unknown_credential':
    case 'ip_not_allowed':
    case 'permission_denied':
      return EXIT.refused
    case 'unreachable':
    case 'timeout':
      return EXIT.unreachable
    case 'validation':
    case 'insecure_url':
    case 'not_connected':
    case 'secret_required':
      return EXIT.usage
    default:
      return EXIT.failed
  }
}
