#!/usr/bin/env node
// `contact-desk`: the headless entry on the same core (docs/ARCHITECTURE.md §3, §4.3). Every command is a contract call.
import { parseArgs } from 'node:util'
import { z } from 'zod'
import type { MethodInput, MethodName, MethodOutput, OutboxItem } from '../../shared/contract'
import { newContactFields } from '../../shared/contact-rules'
import type { Client, Contact, ContactFields } from '../../shared/domain'
import { errorText, validationError, type DeskError, type ErrorCode } from '../../shared/errors'
import { openDesk, type Desk } from '../core/desk'
import { createEventHub } from '../core/events'
import type { HttpTransport } from '../core/portal/transport'
import { createMemorySecretStore } from '../core/secrets'
import { PAGE_SIZE } from '../core/sync/pull'
import { conflictValueFromFlag, emailsFromFlag, FIELD_FLAG_NAMES, fieldsFromFlags, FlagError, permissionsFromFlag, presetFromFlag, randomPassword, type FieldFlag } from './flags'
import { defaultDataDir } from '../core/data-dir'
import { startLocalDemoPortal } from '../demo-portal/local'

export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  env: NodeJS.ProcessEnv
  /** Test seam; plain fetch otherwise. */
  transport?: HttpTransport
}

/** 5: the pass finished with conflicts or entries the portal rejected (a person has to look). */
export const EXIT = { ok: 0, failed: 1, usage: 2, refused: 3, unreachable: 4, attention: 5 } as const

const USAGE = `Usage: contact-desk [--data-dir DIR] [--json] <command>

Commands:
  connect --url URL --identifier ID [--generation auto|7|8]
                         check a portal's credentials and make it the current portal
  clients list [--search TEXT] [--limit N]
                         list cached clients (name, company or e-mail search)
  contacts list --client ID
                         a client's cached contacts (ID: the portal's client id), each with its local id
  contacts add --client ID --email E [FIELDS] [--emails LIST]
                         a new contact (invoice and general e-mails on unless --emails says otherwise)
  contacts edit LOCAL_ID [FIELDS] [--emails LIST]
  contacts delete LOCAL_ID
  access grant LOCAL_ID --permissions a,b | --preset NAME [--password P]
                         client-area access: a 7.x sub-account (without --password a strong random one is
                         set, never shown or kept: the person uses the password reset), an 8.x invite
  access revoke LOCAL_ID
  outbox                 edits waiting for the portal (pending, failed, rejected, conflict, held)
  conflicts              one line per field both this computer and the portal changed
  resolve CONFLICT_ID --mine | --theirs | --value V
  sync [--push]          one pass: pull the portal into the cache, then send what waits (retries are left
                         to the next pass); --push only sends what waits, reading just what each edit needs
  status                 the current portal, cache, outbox and last sync

FIELDS, by their WHMCS names: --firstname --lastname --companyname --email --address1 --address2 --city
--state --postcode --country --phonenumber --tax-id. --emails sets the whole list: general, product,
domain, invoice, support, affiliate (or none). Every edit is kept in the local cache first, then sent
at once when the portal answers; otherwise it waits for the next sync and the command says so.

The API secret comes from --secret or the DESK_API_SECRET environment variable on every call that
talks to the portal (this command line keeps no secret on disk). DESK_DATA_DIR sets the data directory;
DESK_PULL_PAGE_SIZE and DESK_PULL_CHUNK_ROWS split a pull into smaller pages and transactions (for tests).

Exit codes: 0 ok, 1 failed, 2 bad usage, 3 authentication / IP / permission refused, 4 portal unreachable,
5 the pass finished with conflicts or entries the portal rejected.`

const Flags = z.strictObject({
  'data-dir': z.string().min(1).optional(),
  json: z.boolean().default(false),
  push: z.boolean().default(false),
  help: z.boolean().default(false),
  url: z.string().optional(),
  identifier: z.string().optional(),
  secret: z.string().optional(),
  generation: z.enum(['auto', '7', '8']).optional(),
  search: z.string().default(''),
  limit: z.coerce.number().int().positive().optional(),
  client: z.coerce.number().int().positive().optional(),
  ...Object.fromEntries(FIELD_FLAG_NAMES.map((flag) => [flag, z.string().optional()])) as Record<FieldFlag, z.ZodOptional<z.ZodString>>,
  emails: z.string().optional(),
  permissions: z.string().optional(),
  preset: z.string().optional(),
  password: z.string().optional(),
  mine: z.boolean().default(false),
  theirs: z.boolean().default(false),
  value: z.string().optional(),
})
type Flags = z.infer<typeof Flags>

/** For tests of a pull in many parts (the kill -9 runs): records per page, rows per transaction. */
const PullTuning = z.object({
  DESK_PULL_PAGE_SIZE: z.coerce.number().int().min(1).max(PAGE_SIZE).optional(),
  DESK_PULL_CHUNK_ROWS: z.coerce.number().int().min(1).max(10_000).optional(),
})

class UsageError extends Error {}

const NONE = { added: 0, updated: 0, removed: 0, unchanged: 0 }
const OFFLINE_CODES: readonly ErrorCode[] = ['unreachable', 'timeout']

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
        ...Object.fromEntries(FIELD_FLAG_NAMES.map((flag) => [flag, { type: 'string' as const }])),
        emails: { type: 'string' },
        permissions: { type: 'string' },
        preset: { type: 'string' },
        password: { type: 'string' },
        mine: { type: 'boolean' },
        theirs: { type: 'boolean' },
        value: { type: 'string' },
        push: { type: 'boolean' },
      },
    })
    const checked = Flags.safeParse(parsed.values)
    if (!checked.success) throw new UsageError(validationError(checked.error, 'options').message.replace('Invalid options: ', 'bad option '))
    flags = checked.data
    command = parsed.positionals
  } catch (error) {
    io.stderr(`contact-desk: ${errorText(error)}\n${USAGE}\n`)
    return EXIT.usage
  }
  if (flags.help || command.length === 0) {
    ;(flags.help ? io.stdout : io.stderr)(`${USAGE}\n`)
    return flags.help ? EXIT.ok : EXIT.usage
  }

  const dataDir = flags['data-dir'] ?? defaultDataDir(io.env)
  const secret = flags.secret ?? io.env.DESK_API_SECRET
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
  const out = new Output(io, flags.json)
  try {
    return await runCommand(command, flags, secret, desk, out)
  } catch (error) {
    if (error instanceof UsageError || error instanceof FlagError) return out.fail({ code: 'validation', message: error.message }, EXIT.usage)
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
  /** The one argument after the command (a local id, a conflict id). */
  const argument = (name: string): string => {
    const value = command[command[0] === 'resolve' ? 1 : 2]
    if (value === undefined || command.length > (command[0] === 'resolve' ? 2 : 3)) throw new UsageError(`${command.slice(0, command[0] === 'resolve' ? 1 : 2).join(' ')} needs ${name}`)
    return value
  }
  /**
   * After an edit: one sync pass when the portal can be asked (a secret at hand, or the demo), then what became
   * of the record's edits. Offline, or without a secret, the edit waits in the cache for the next sync.
   */
  const deliver = async (entityKey: string, contact: Contact | null, done: string): Promise<number> => {
    const status = await call('app.status', {})
    let notSent: DeskError | null = null
    if (status.portal?.demo || secret !== undefined) {
      if (!status.portal?.demo) await unlock()
      // Push-only: the edit goes with the reads it needs, not after a pull of the whole portal.
      const pass = await desk.dispatch('sync.run', { scope: 'push' })
      if (!pass.ok) {
        if (exitCodeFor(pass.error.code) === EXIT.refused) {
          out.note(`${done} It waits in the local cache: the portal refused the sync.`)
          return out.fail(pass.error, EXIT.refused)
        }
        notSent = pass.error
      }
    } else {
      notSent = { code: 'secret_required', message: 'no API secret given (--secret or DESK_API_SECRET)' }
    }
    const waiting = (await call('outbox.list', {})).filter((entry) => entry.entityKey === entityKey)
    // The pass ran but could not reach the portal with it: the edit simply waits, as when no pass ran.
    notSent ??= waiting.find((entry) => entry.state === 'failed' && entry.lastError && OFFLINE_CODES.includes(entry.lastError.code))?.lastError ?? null
    const state = notSent ? 'queued' : worstState(waiting)
    const error = notSent ?? waiting.find((entry) => entry.lastError)?.lastError ?? null
    const after = contact ? ((await call('contacts.list', { clientId: contact.clientId })).find((each) => each.localId === contact.localId) ?? contact) : null
    const line =
      state === 'sent'
        ? `${done} Sent to the portal.`
        : state === 'queued'
          ? `${done} Queued in the local cache, not sent: ${error?.message ?? ''}. \`contact-desk sync\` sends it.`
          : `${done} ${stateText[state]}${error ? `: ${error.message}` : ''}.`
    return out.ok({ contact: after, delivery: { state, error } }, [line], state === 'conflict' || state === 'rejected' ? EXIT.attention : EXIT.ok)
  }
  const contactFlags = (): Partial<ContactFields> => {
    const fields = fieldsFromFlags(flags)
    return flags.emails === undefined ? fields : { ...fields, emailPreferences: emailsFromFlag(flags.emails) }
  }
  const name = command[0] === 'resolve' ? 'resolve' : command.slice(0, 2).join(' ')
  try {
    if (!WITH_ARGUMENT.includes(name) && command.length > name.split(' ').length) throw new UsageError(`unknown command "${command.join(' ')}"`)
    switch (name) {
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
        const summary = await call('sync.run', { scope: flags.push ? 'push' : 'full' })
        const { clients: c, contacts: k } = summary.pulled ?? { clients: NONE, contacts: NONE }
        const p = summary.pushed
        const after = await call('app.status', {})
        const attention = after.outbox.rejected + after.outbox.conflict + after.conflicts
        const sent = `Sent ${p.sent} edits; ${p.failed} failed, ${p.rejected} rejected, ${p.conflicts} in conflict, ${p.held} held.`
        const took = `in ${(summary.durationMs / 1000).toFixed(1)} s (${summary.calls} API calls)`
        return out.ok(
          summary,
          [
            ...(summary.pulled
              ? [
                  `Synced ${took}: ${c.added} clients added, ${c.updated} updated, ${c.removed} removed, ${c.unchanged} unchanged.`,
                  `Contacts: ${k.added} added, ${k.updated} updated, ${k.removed} removed. ${sent}`,
                ]
              : [`Pushed ${took}, nothing pulled. ${sent}`]),
            attention > 0 ? `Waiting for a person: ${after.conflicts} open conflicts, ${after.outbox.rejected} rejected edits (\`contact-desk conflicts\`, \`contact-desk outbox\`).` : '',
          ],
          attention > 0 ? EXIT.attention : EXIT.ok,
        )
      }
      case 'clients list': {
        const clients = await listAll(call, flags.search, flags.limit)
        return out.ok(clients, clients.map(clientLine))
      }
      case 'contacts list': {
        if (flags.client === undefined) throw new UsageError('contacts list needs --client ID')
        const contacts = await call('contacts.list', { clientId: flags.client })
        return out.ok(contacts, contacts.map(contactLine))
      }
      case 'contacts add': {
        if (flags.client === undefined || flags.email === undefined) throw new UsageError('contacts add needs --client ID and --email E')
        // A contact made here starts like one made in the app.
        const fields = { ...newContactFields(), ...contactFlags() }
        const created = await call('contacts.create', { clientId: flags.client, fields })
        return deliver(created.localId, created, `Contact ${created.localId} <${created.email}> created.`)
      }
      case 'contacts edit': {
        const localId = argument('a contact\'s local id (contacts list shows it)')
        const changes = contactFlags()
        if (Object.keys(changes).length === 0) throw new UsageError('contacts edit needs at least one field flag, or --emails')
        const updated = await call('contacts.update', { localId, changes })
        return deliver(localId, updated, `Contact ${localId} <${updated.email}> changed.`)
      }
      case 'contacts delete': {
        const localId = argument('a contact\'s local id (contacts list shows it)')
        await call('contacts.delete', { localId })
        return deliver(localId, null, `Contact ${localId} deleted.`)
      }
      case 'access grant': {
        const localId = argument('a contact\'s local id (contacts list shows it)')
        if ((flags.permissions === undefined) === (flags.preset === undefined)) throw new UsageError('access grant needs --permissions a,b or --preset NAME (one of them)')
        const status = await call('app.status', {})
        if (status.portal?.generation === '8' && flags.password !== undefined) throw new UsageError('--password is for WHMCS 7 sub-accounts; on WHMCS 8 the person sets their own when accepting the invite')
        const permissions = flags.preset !== undefined ? presetFromFlag(flags.preset, (await call('settings.get', {})).permissionPresets) : permissionsFromFlag(flags.permissions ?? '')
        const password = status.portal?.generation === '7' ? (flags.password ?? randomPassword()) : undefined
        const changed = await call('access.set', { localId, access: { enabled: true, permissions }, ...(password === undefined ? {} : { password }) })
        return deliver(localId, changed, `Access of ${localId} <${changed.email}>: ${permissions.join(', ')}.`)
      }
      case 'access revoke': {
        const localId = argument('a contact\'s local id (contacts list shows it)')
        const changed = await call('access.set', { localId, access: { enabled: false, permissions: [] } })
        return deliver(localId, changed, `Access of ${localId} <${changed.email}> taken away.`)
      }
      case 'outbox':
      case 'outbox list': {
        const entries = await call('outbox.list', {})
        return out.ok(
          entries,
          entries.map((e) => [e.id, e.state, e.op, e.entityKey, e.label, e.lastError ? e.lastError.message : ''].join('\t')),
        )
      }
      case 'conflicts':
      case 'conflicts list': {
        const conflicts = await call('conflicts.list', {})
        return out.ok(
          conflicts,
          conflicts.map((c) => [c.id, c.label, c.key, `base: ${JSON.stringify(c.base)}`, `mine: ${JSON.stringify(c.mine)}`, `portal: ${JSON.stringify(c.theirs)}`].join('\t')),
        )
      }
      case 'resolve': {
        const id = Number(argument('a conflict id (conflicts shows it)'))
        if (!Number.isInteger(id) || id <= 0) throw new UsageError('resolve needs a conflict id (conflicts shows it)')
        const chosen = [flags.mine, flags.theirs, flags.value !== undefined].filter(Boolean).length
        if (chosen !== 1) throw new UsageError('resolve needs one of --mine, --theirs or --value V')
        const conflict = (await call('conflicts.list', {})).find((each) => each.id === id)
        if (!conflict) throw new CommandFailed({ code: 'not_found', message: `Conflict ${id} is not open (conflicts lists the open ones).` })
        const choice = flags.mine ? 'mine' : flags.theirs ? 'theirs' : 'edit'
        await call('conflicts.resolve', { id, choice, ...(flags.value === undefined ? {} : { value: conflictValueFromFlag(conflict.key, flags.value) }) })
        return deliver(conflict.entityKey, null, `Conflict ${id} (${conflict.label}, ${conflict.key}) resolved: ${choice === 'edit' ? 'value given' : choice === 'mine' ? 'this computer\'s value' : 'the portal\'s value'}.`)
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

/** The commands that take one argument after their words (a local id, a conflict id). */
const WITH_ARGUMENT: readonly string[] = ['contacts edit', 'contacts delete', 'access grant', 'access revoke', 'resolve']

/** What a record's edits came to after the pass: all sent, or the state of the one a person must look at. */
type Delivery = 'sent' | 'queued' | OutboxItem['state']
const stateText: Record<Exclude<Delivery, 'sent' | 'queued'>, string> = {
  pending: 'Queued: it goes with the next sync',
  failed: 'Not sent yet (the next sync tries again)',
  rejected: 'Rejected by the portal',
  conflict: 'In conflict with a change on the portal (contact-desk conflicts)',
  held: 'Held: an 8.x invite may already have gone out; confirm a second one in the app',
}
const WORST: readonly OutboxItem['state'][] = ['conflict', 'rejected', 'held', 'failed', 'pending']
function worstState(entries: readonly OutboxItem[]): Delivery {
  return WORST.find((state) => entries.some((entry) => entry.state === state)) ?? 'sent'
}

function contactLine(c: Contact): string {
  const access = c.access === null ? 'access not read' : c.access.enabled ? `access: ${c.access.permissions.join(',') || '-'}` : 'no access'
  return [c.localId, c.remoteId ?? '(new)', `${c.firstName} ${c.lastName}`.trim(), c.email, access, c.sync].join('\t')
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
  ok(value: unknown, lines: string[], code: number = EXIT.ok): number {
    if (this.json) this.io.stdout(`${JSON.stringify(value)}\n`)
    else this.io.stdout(lines.filter((line) => line !== '').map((line) => `${line}\n`).join(''))
    return code
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
