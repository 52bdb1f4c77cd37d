#!/usr/bin/env node
// `contact-desk`: the headless entry on the same core (DESIGN §3). Every command is a contract call.
import { parseArgs } from 'node:util'
import { z } from 'zod'
import type { MethodInput, MethodName, MethodOutput } from '../shared/contract'
import type { Client } from '../shared/domain'
import { validationError, type DeskError, type ErrorCode } from '../shared/errors'
import { openDesk, type Desk } from './core/desk'
import { createEventHub } from './core/events'
import type { HttpTransport } from './core/portal/transport'
import { createMemorySecretStore } from './core/secrets'
import { defaultDataDir } from './data-dir'
import { startLocalDemoPortal } from './demo-portal/local'

export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  env: NodeJS.ProcessEnv
  /** Test seam; plain fetch otherwise. */
  transport?: HttpTransport
}

export const EXIT = { ok: 0, failed: 1, usage: 2, refused: 3, unreachable: 4 } as const

const USAGE = `Usage: contact-desk [--data-dir DIR] [--json] <command>

Commands:
  connect --url URL --identifier ID [--generation auto|7|8]
                         check a portal's credentials and make it the current portal
  sync                   pull the current portal's clients into the local cache
  clients list [--search TEXT] [--limit N]
                         list cached clients (name, company or e-mail search)
  contacts list --client ID
                         a client's cached contacts, with their sync state
  outbox list            edits waiting for the portal (pending, failed, rejected, conflict, held)
  conflicts list         fields both this computer and the portal changed
  status                 the current portal, cache, outbox and last sync

The API secret comes from --secret or the DESK_API_SECRET environment variable on every call that
talks to the portal (this command line keeps no secret on disk).

Exit codes: 0 ok, 1 failed, 2 bad usage, 3 authentication / IP / permission refused, 4 portal unreachable.`

const Flags = z.strictObject({
  'data-dir': z.string().min(1).optional(),
  json: z.boolean().default(false),
  help: z.boolean().default(false),
  url: z.string().optional(),
  identifier: z.string().optional(),
  secret: z.string().optional(),
  generation: z.enum(['auto', '7', '8']).optional(),
  search: z.string().default(''),
  limit: z.coerce.number().int().positive().optional(),
  client: z.coerce.number().int().positive().optional(),
})
type Flags = z.infer<typeof Flags>

class UsageError extends Error {}

/** Runs one command; returns the exit code. Output goes only through `io`. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let flags: Flags
  let command: string[]
  try {
    const parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        'data-dir': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        url: { type: 'string' },
        identifier: { type: 'string' },
        secret: { type: 'string' },
        generation: { type: 'string' },
        search: { type: 'string' },
        limit: { type: 'string' },
        client: { type: 'string' },
      },
    })
    const checked = Flags.safeParse(parsed.values)
    if (!checked.success) throw new UsageError(validationError(checked.error, 'options').message.replace('Invalid options: ', 'bad option '))
    flags = checked.data
    command = parsed.positionals
  } catch (error) {
    io.stderr(`contact-desk: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`)
    return EXIT.usage
  }
  if (flags.help || command.length === 0) {
    ;(flags.help ? io.stdout : io.stderr)(`${USAGE}\n`)
    return flags.help ? EXIT.ok : EXIT.usage
  }

  const dataDir = flags['data-dir'] ?? defaultDataDir(io.env)
  const secret = flags.secret ?? io.env.DESK_API_SECRET
  const desk = openDesk({
    dataDir,
    secrets: createMemorySecretStore(),
    emit: createEventHub().emit,
    transport: io.transport,
    startDemoPortal: () => startLocalDemoPortal(dataDir),
  })
  const out = new Output(io, flags.json)
  try {
    return await runCommand(command, flags, secret, desk, out)
  } catch (error) {
    if (error instanceof UsageError) return out.fail({ code: 'validation', message: error.message }, EXIT.usage)
    throw error
  } finally {
    await desk.close()
  }
}

async function runCommand(command: string[], flags: Flags, secret: string | undefined, desk: Desk, out: Output): Promise<number> {
  const call = async <M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> => {
    const result = await desk.dispatch(method, input)
    if (!result.ok) throw new CommandFailed(result.error)
    return result.value as MethodOutput<M>
  }
  const unlock = async () => {
    if (secret === undefined) throw new UsageError('this command needs the API secret: pass --secret or set DESK_API_SECRET')
    await call('portal.unlock', { secret })
  }
  try {
    switch (command.join(' ')) {
      case 'connect': {
        if (!flags.url || !flags.identifier) throw new UsageError('connect needs --url and --identifier')
        if (secret === undefined) throw new UsageError('connect needs the API secret: pass --secret or set DESK_API_SECRET')
        const result = await call('portal.connect', {
          url: flags.url,
          identifier: flags.identifier,
          secret,
          generation: flags.generation ?? 'auto',
        })
        const version = result.portal.version ? `WHMCS ${result.portal.version}` : `WHMCS ${result.portal.generation}.x`
        return out.ok(result, [
          `Connected to ${result.portal.apiUrl} (${version}): ${result.clientCount} clients on the portal.`,
          ...result.warnings.map((warning) => `Warning: ${warning}`),
          result.secretStored ? '' : 'The secret is not stored on this computer: give --secret or DESK_API_SECRET on every call that talks to the portal.',
        ])
      }
      case 'sync': {
        const status = await call('app.status', {})
        if (status.portal && !status.portal.demo) await unlock()
        const summary = await call('sync.run', {})
        const c = summary.clients
        const k = summary.contacts
        const p = summary.pushed
        return out.ok(summary, [
          `Synced in ${(summary.durationMs / 1000).toFixed(1)} s: ${c.added} clients added, ${c.updated} updated, ${c.removed} removed, ${c.unchanged} unchanged.`,
          `Contacts: ${k.added} added, ${k.updated} updated, ${k.removed} removed. Sent ${p.sent} edits; ${p.failed} failed, ${p.rejected} rejected, ${p.conflicts} in conflict, ${p.held} held.`,
        ])
      }
      case 'clients list': {
        const clients = await listAll(call, flags.search, flags.limit)
        return out.ok(clients, clients.map(clientLine))
      }
      case 'contacts list': {
        if (flags.client === undefined) throw new UsageError('contacts list needs --client ID')
        const contacts = await call('contacts.list', { clientId: flags.client })
        return out.ok(
          contacts,
          contacts.map((c) => [c.remoteId ?? '(new)', `${c.firstName} ${c.lastName}`.trim(), c.email, c.access?.enabled ? `access: ${c.access.permissions.join(',') || '-'}` : 'no access', c.sync].join('\t')),
        )
      }
      case 'outbox list': {
        const entries = await call('outbox.list', {})
        return out.ok(
          entries,
          entries.map((e) => [e.id, e.state, e.op, e.label, e.lastError ? e.lastError.message : ''].join('\t')),
        )
      }
      case 'conflicts list': {
        const conflicts = await call('conflicts.list', {})
        return out.ok(
          conflicts,
          conflicts.map((c) => [c.id, c.label, c.key, `mine: ${JSON.stringify(c.mine)}`, `portal: ${JSON.stringify(c.theirs)}`].join('\t')),
        )
      }
      case 'status': {
        const status = await call('app.status', {})
        return out.ok(status, [
          status.portal ? `Portal: ${status.portal.apiUrl} (identifier ${status.portal.identifier}, WHMCS ${status.portal.version ?? status.portal.generation})` : 'Portal: none connected',
          `Cached clients: ${status.clientCount}`,
          `Outbox: ${status.outbox.pending} pending, ${status.outbox.failed} failed, ${status.outbox.rejected} rejected, ${status.outbox.conflict} in conflict, ${status.outbox.held} held; ${status.conflicts} open conflicts`,
          status.refused ? `Sync stopped: ${status.refused.message}` : '',
          status.lastSync ? `Last sync: ${status.lastSync.at} (${status.lastSync.ok ? 'ok' : `failed: ${status.lastSync.error?.message}`})` : 'Last sync: never',
        ])
      }
      default:
        throw new UsageError(`unknown command "${command.join(' ')}"`)
    }
  } catch (error) {
    if (error instanceof CommandFailed) return out.fail(error.error, exitCodeFor(error.error.code))
    throw error
  }
}

type Call = <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<MethodOutput<M>>

/** Pages through the cached list; the contract caps a page at 1,000. */
async function listAll(call: Call, search: string, limit: number | undefined): Promise<Client[]> {
  const clients: Client[] = []
  const wanted = limit ?? Number.POSITIVE_INFINITY
  for (;;) {
    const page = await call('clients.list', { search, offset: clients.length, limit: Math.min(1000, wanted - clients.length) })
    clients.push(...page.items)
    if (page.items.length === 0 || clients.length >= Math.min(page.total, wanted)) return clients
  }
}

function clientLine(client: Client): string {
  const name = `${client.firstName} ${client.lastName}`.trim()
  return [String(client.id).padStart(6), name, client.companyName || '-', client.email, client.status].join('\t')
}

class CommandFailed extends Error {
  constructor(readonly error: DeskError) {
    super(error.message)
  }
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

/** Results on stdout (text lines, or one JSON document); errors on stderr as one line. */
class Output {
  constructor(
    private readonly io: CliIo,
    private readonly json: boolean,
  ) {}
  ok(value: unknown, lines: string[]): number {
    if (this.json) this.io.stdout(`${JSON.stringify(value)}\n`)
    else this.io.stdout(lines.filter((line) => line !== '').map((line) => `${line}\n`).join(''))
    return EXIT.ok
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
      process.stderr.write(`contact-desk: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`)
      process.exitCode = EXIT.failed
    },
  )
}
