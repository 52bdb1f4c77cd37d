// What one command of the command line is. Each is declared once in commands.ts: its words, the contract method it
// calls, its argument and flags (zod, required unless optional), its help and how it prints the answer. The usage
// text, the parsing and checking of its words and flags, `--json` and the dispatch in main.ts all derive from it.
import { z } from 'zod'
import type { DeskApi, MethodInput, MethodName, MethodOutput } from '../../shared/contract'
import { PAGE_SIZE } from '../core/sync/pull'
import { validationError, type DeskError, type ErrorCode, type Result } from '../../shared/errors'

export const EXIT = { ok: 0, failed: 1, usage: 2, refused: 3, unreachable: 4, attention: 5 } as const

/** What each exit code says, for the usage. */
export const EXIT_MEANING: Record<(typeof EXIT)[keyof typeof EXIT], string> = {
  [EXIT.ok]: 'ok',
  [EXIT.failed]: 'failed',
  [EXIT.usage]: 'bad usage',
  [EXIT.refused]: 'authentication / IP / permission refused',
  [EXIT.unreachable]: 'portal unreachable',
  [EXIT.attention]: 'the pass finished with conflicts or entries the portal rejected',
}

/** How the usage shows a flag: the name of its value (`--url URL`), or the group it is listed under (`[FIELDS]`). */
interface FlagMeta {
  value?: string
  group?: string
  short?: string
}

/** A flag with a value, shown in the usage as `--name VALUE`; required unless made `.optional()`. */
export function valued<T extends z.ZodType>(schema: T, value: string): T {
  return schema.meta({ value } satisfies FlagMeta)
}

/** A flag that takes no value: false unless given. */
export const toggle = () => z.boolean().default(false)

/** The flags every command takes. */
export const GLOBAL_FLAGS = {
  'data-dir': valued(z.string().min(1), 'DIR').optional(),
  json: toggle(),
  secret: valued(z.string(), 'SECRET').optional(),
  help: toggle().meta({ short: 'h' } satisfies FlagMeta),
}

/** For tests of a pull in many parts (the kill -9 runs): records per page, rows per transaction. */
export const PullTuning = z.object({
  DESK_PULL_PAGE_SIZE: z.coerce.number().int().min(1).max(PAGE_SIZE).optional(),
  DESK_PULL_CHUNK_ROWS: z.coerce.number().int().min(1).max(10_000).optional(),
})

/** What a command has to talk to the core. */
export interface Context {
  api: DeskApi
  /** From --secret or DESK_API_SECRET. */
  secret: string | undefined
  /** A line of progress while the command works, for a person watching (stderr): never part of the answer. */
  progress: (line: string) => void
}

/** One call of a command: its checked flags and argument. */
export interface Call<S extends z.ZodRawShape, A> extends Context {
  flags: z.output<z.ZodObject<S>>
  argument: A
}

/** What a command prints: `value` as one JSON document with --json, else `lines` (empty ones left out). */
export interface Answer {
  value: unknown
  lines: readonly string[]
  exit?: number
}

/** The one word after a command's own (a local id, a conflict id). */
export interface Argument<A> {
  /** As the usage shows it: LOCAL_ID. */
  name: string
  /** For "needs …" when it is missing or unreadable. */
  what: string
  schema: z.ZodType<A>
}

/** How a flag reads in the usage and on the command line. */
export interface FlagShape {
  name: string
  required: boolean
  /** Takes no value. */
  toggle: boolean
  value: string
  group?: string
  short?: string
}

/** A command as the runner and the usage see it. */
export interface Command {
  /** The words that name it (`contacts list`); the first spelling is the one the usage lists first. */
  names: readonly [string, ...string[]]
  help: readonly [string, ...string[]]
  /** The contract method it exists to call (it may read others first or after). */
  method: MethodName
  flags: z.ZodRawShape
  /** Flags of which exactly one must be given. */
  oneOf: readonly string[]
  /** Flags (the global --json too) of which at most one may be given. */
  atMostOne: readonly string[]
  argument?: { name: string; what: string }
  /** The command with these words after its name and these flags (all that parseArgs read), checked; or why not. */
  bind(words: readonly string[], values: Record<string, unknown>): ((context: Context) => Promise<Answer>) | UsageError
}

interface Declaration<S extends z.ZodRawShape, A, M extends MethodName, P> {
  names: readonly [string, ...string[]]
  help: readonly [string, ...string[]]
  flags: S
  oneOf?: readonly (keyof S & string)[]
  /** Flags of which at most one may be given: the command's own, or `json`. */
  atMostOne?: readonly ((keyof S & string) | 'json')[]
  argument?: Argument<A>
  method: M
  /** Reads the method's input needs before the call (the settings' presets, the conflict being resolved). */
  prepare?: (call: Call<S, A>) => Promise<P>
  input: (call: Call<S, A>, prepared: P) => MethodInput<M>
}

type Printed<S extends z.ZodRawShape, A, M extends MethodName, P> =
  /** Text lines of the answer; --json prints the answer itself. */
  | { lines: (answer: MethodOutput<M>) => readonly string[] }
  /** What the command makes of the answer (an edit sent at once, the pass's outcome). */
  | { output: (answer: MethodOutput<M>, call: Call<S, A>, prepared: P) => Promise<Answer> }

export function defineCommand<S extends z.ZodRawShape, M extends MethodName, A = undefined, P = undefined>(
  declaration: Declaration<S, A, M, P> & Printed<S, A, M, P>,
): Command {
  const { names, help, flags, oneOf = [], atMostOne = [], argument, method } = declaration
  const schema = z.object(flags)
  const shapes = flagShapes(flags)
  return {
    names,
    help,
    method,
    flags,
    oneOf,
    atMostOne,
    ...(argument ? { argument: { name: argument.name, what: argument.what } } : {}),
    bind: (words, values) => {
      if (!argument && words.length > 0) return new UsageError(`unknown command "${[names[0], ...words].join(' ')}"`)
      const read = argument?.schema.safeParse(words[0])
      if (argument && (words.length !== 1 || !read?.success)) return new UsageError(`${names[0]} needs ${argument.what}`)
      const missing = shapes.filter((flag) => flag.required && values[flag.name] === undefined)
      if (missing.length > 0) return new UsageError(`${names[0]} needs ${missing.map(flagText).join(' and ')}`)
      const given = oneOf.filter((name) => values[name] !== undefined && values[name] !== false)
      if (oneOf.length > 0 && given.length !== 1) {
        const choices = shapes.filter((flag) => oneOf.includes(flag.name)).map(flagText)
        return new UsageError(`${names[0]} needs ${choices.slice(0, -1).join(', ')} or ${choices.at(-1)} (one of them)`)
      }
      const clashing = atMostOne.filter((name) => values[name] !== undefined && values[name] !== false)
      if (clashing.length > 1) return new UsageError(`${names[0]} takes ${clashing.map((name) => `--${name}`).join(' or ')}, not both`)
      const checked = schema.safeParse(values)
      if (!checked.success) return new BadOptions(badOptions(checked.error))
      return async (context) => {
        const call: Call<S, A> = { ...context, flags: checked.data, argument: read?.data as A }
        const prepared = (declaration.prepare ? await declaration.prepare(call) : undefined) as P
        const answer = await answerOf(context.api[method](declaration.input(call, prepared)))
        return 'lines' in declaration ? { value: answer, lines: declaration.lines(answer) } : declaration.output(answer, call, prepared)
      }
    },
  }
}

/** The flags as the usage and parseArgs read them, in their declared order. */
export function flagShapes(flags: z.ZodRawShape): FlagShape[] {
  return Object.entries(flags).map(([name, schema]) => {
    let inner: z.core.$ZodType = schema
    let required = true
    const metas: FlagMeta[] = []
    for (;;) {
      metas.push((z.globalRegistry.get(inner) ?? {}) as FlagMeta)
      if (!(inner instanceof z.ZodOptional || inner instanceof z.ZodDefault)) break
      required = false
      inner = inner.unwrap()
    }
    const meta: FlagMeta = Object.assign({}, ...metas.reverse())
    return { name, required, toggle: inner instanceof z.ZodBoolean, value: meta.value ?? 'VALUE', group: meta.group, short: meta.short }
  })
}

/** `--url URL`, `--push`. */
export function flagText(flag: FlagShape): string {
  return flag.toggle ? `--${flag.name}` : `--${flag.name} ${flag.value}`
}

/** Why flags were refused, naming each. */
export function badOptions(error: z.ZodError): string {
  return validationError(error, 'options').message.replace('Invalid options: ', 'bad option ')
}

/** A mistake in how the command was called: it exits 2 with this message. */
export class UsageError extends Error {}

/** A flag's value the command cannot take: the message, then the usage. */
export class BadOptions extends UsageError {}

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
