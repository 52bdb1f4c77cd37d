// `contact-desk --help`: the commands from their table, then what holds for all of them.
import { COMMANDS } from './commands'

/** Where a command's help starts, after its name and synopsis (or below them, when those are longer). */
const HELP_COLUMN = 25

function commandLines(): string[] {
  return COMMANDS.flatMap(({ names, synopsis, help }) => {
    const head = `  ${[names[0], synopsis].filter(Boolean).join(' ')}`
    const indent = ' '.repeat(HELP_COLUMN)
    const [first, ...rest] = help
    if (first === undefined) return [head]
    const fits = head.length < HELP_COLUMN - 1
    return [...(fits ? [`${head.padEnd(HELP_COLUMN)}${first}`] : [head, indent + first]), ...rest.map((line) => indent + line)]
  })
}

export const USAGE = `Usage: contact-desk [--data-dir DIR] [--json] <command>

Commands:
${commandLines().join('\n')}

FIELDS, by their WHMCS names: --firstname --lastname --companyname --email --address1 --address2 --city
--state --postcode --country --phonenumber --tax-id. --emails sets the whole list: general, product,
domain, invoice, support, affiliate (or none). Every edit is kept in the local cache first, then sent
at once when the portal answers; otherwise it waits for the next sync and the command says so.

The API secret comes from --secret or the DESK_API_SECRET environment variable on every call that
talks to the portal (this command line keeps no secret on disk). DESK_DATA_DIR sets the data directory;
DESK_PULL_PAGE_SIZE and DESK_PULL_CHUNK_ROWS split a pull into smaller pages and transactions (for tests).

Exit codes: 0 ok, 1 failed, 2 bad usage, 3 authentication / IP / permission refused, 4 portal unreachable,
5 the pass finished with conflicts or entries the portal rejected.`
