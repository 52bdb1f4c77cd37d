// `contact-desk --help`, derived from the tables: the global flags, each command's words, argument, flags and help,
// the field flags and e-mail categories, the exit codes.
import { EMAIL_CATEGORIES } from '../../shared/domain'
import { EXIT, EXIT_MEANING, flagShapes, flagText, GLOBAL_FLAGS, PullTuning, type Command } from './command'
import { COMMANDS } from './commands'
import { FIELD_FLAG_NAMES, FIELDS } from './flags'

/** Where a command's help starts, after its words and flags (or below them, when those are longer). */
const HELP_COLUMN = 25
const WIDTH = 104

/** What follows a command's words: its argument, required flags, the one-of choice, then the optional ones. */
export function synopsis({ argument, flags, oneOf }: Pick<Command, 'argument' | 'flags' | 'oneOf'>): string {
  const shapes = flagShapes(flags)
  const grouped = new Set<string>()
  const optional = shapes
    .filter((flag) => !flag.required && !oneOf.includes(flag.name))
    .flatMap((flag) => {
      if (flag.group === undefined) return [`[${flagText(flag)}]`]
      if (grouped.has(flag.group)) return []
      grouped.add(flag.group)
      return [`[${flag.group}]`]
    })
  const choice = shapes.filter((flag) => oneOf.includes(flag.name)).map(flagText)
  return [argument?.name, ...shapes.filter((flag) => flag.required).map(flagText), choice.join(' | '), ...optional].filter(Boolean).join(' ')
}

function commandLines(): string[] {
  return COMMANDS.flatMap((command) => {
    const [first, ...rest] = command.help
    const head = `  ${[command.names.join(' | '), synopsis(command)].filter(Boolean).join(' ')}`
    const indent = ' '.repeat(HELP_COLUMN)
    const fits = head.length < HELP_COLUMN - 1
    return [...(fits ? [`${head.padEnd(HELP_COLUMN)}${first}`] : [head, indent + first]), ...rest.map((line) => indent + line)]
  })
}

/** Words into lines of at most WIDTH columns. */
function wrap(text: string): string {
  const lines: string[] = []
  for (const word of text.split(/\s+/)) {
    const last = lines.at(-1)
    if (last !== undefined && last.length + 1 + word.length <= WIDTH) lines[lines.length - 1] = `${last} ${word}`
    else lines.push(word)
  }
  return lines.join('\n')
}

const exits = Object.values(EXIT)
  .map((code) => `${code} ${EXIT_MEANING[code]}`)
  .join(', ')

export const USAGE = `Usage: contact-desk ${synopsis({ flags: GLOBAL_FLAGS, oneOf: [] })} <command>

Commands:
${commandLines().join('\n')}

${wrap(
  `${FIELDS}, by their WHMCS names: ${FIELD_FLAG_NAMES.map((flag) => `--${flag}`).join(' ')}. --emails sets the whole list:
  ${EMAIL_CATEGORIES.join(', ')} (or none). Every edit is kept in the local cache first, then sent at once when the portal
  answers; otherwise it waits for the next sync and the command says so.`,
)}

${wrap(
  `The API secret comes from --secret or the DESK_API_SECRET environment variable on every call that talks to the portal
  (this command line keeps no secret on disk). DESK_DATA_DIR sets the data directory; ${Object.keys(PullTuning.shape).join(' and ')}
  split a pull into smaller pages and transactions (for tests).`,
)}

${wrap(`Exit codes: ${exits}.`)}`
