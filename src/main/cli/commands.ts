// Every command of `contact-desk`, each declared once: its words, its flags (zod), its argument, its help, and
// the contract calls it makes with the text it prints (`--json` prints the answer itself).
import { z } from 'zod'
import { newContactFields } from '../../shared/contact-rules'
import type { DeskApi } from '../../shared/contract'
import type { Client, Contact } from '../../shared/domain'
import { answerOf, callCommand, CommandFailed, defineCommand, EXIT, UsageError, type Command } from './command'
import { deliver, unlock } from './deliver'
import { conflictValueFromFlag, CONTACT_FLAGS, contactFromFlags, permissionsFromFlag, presetFromFlag, randomPassword } from './flags'

const LOCAL_ID = "a contact's local id (contacts list shows it)"
const CLIENT_ID = z.coerce.number().int().positive().optional()
const NONE = { added: 0, updated: 0, removed: 0, unchanged: 0 }

/** In the order the usage lists them. */
export const COMMANDS: readonly Command[] = [
  defineCommand({
    names: ['connect'],
    synopsis: '--url URL --identifier ID [--generation auto|7|8]',
    help: ["check a portal's credentials and make it the current portal"],
    flags: { url: z.string().optional(), identifier: z.string().optional(), generation: z.enum(['auto', '7', '8']).optional() },
    run: async ({ api, secret }, flags) => {
      if (!flags.url || !flags.identifier) throw new UsageError('connect needs --url and --identifier')
      if (secret === undefined) throw new UsageError('connect needs the API secret: pass --secret or set DESK_API_SECRET')
      const result = await answerOf(api['portal.connect']({ url: flags.url, identifier: flags.identifier, secret, generation: flags.generation ?? 'auto' }))
      const version = result.portal.version ? `WHMCS ${result.portal.version}` : `WHMCS ${result.portal.generation}.x`
      return {
        value: result,
        lines: [
          `Connected to ${result.portal.apiUrl} (${version}): ${result.clientCount} clients on the portal.`,
          ...result.warnings.map((warning) => `Warning: ${warning}`),
          result.secretStored ? '' : 'The secret is not stored on this computer: give --secret or DESK_API_SECRET on every call that talks to the portal.',
        ],
      }
    },
  }),
  defineCommand({
    names: ['clients list'],
    synopsis: '[--search TEXT] [--limit N]',
    help: ['list cached clients (name, company or e-mail search)'],
    flags: { search: z.string().default(''), limit: z.coerce.number().int().positive().optional() },
    run: async ({ api }, flags) => {
      const clients = await listAll(api, flags.search, flags.limit)
      return { value: clients, lines: clients.map(clientLine) }
    },
  }),
  callCommand({
    names: ['contacts list'],
    synopsis: '--client ID',
    help: ["a client's cached contacts (ID: the portal's client id), each with its local id"],
    flags: { client: CLIENT_ID },
    method: 'contacts.list',
    input: (flags) => {
      if (flags.client === undefined) throw new UsageError('contacts list needs --client ID')
      return { clientId: flags.client }
    },
    lines: (contacts) => contacts.map(contactLine),
  }),
  defineCommand({
    names: ['contacts add'],
    synopsis: '--client ID --email E [FIELDS] [--emails LIST]',
    help: ['a new contact (invoice and general e-mails on unless --emails says otherwise)'],
    flags: { client: CLIENT_ID, ...CONTACT_FLAGS },
    run: async (context, flags) => {
      if (flags.client === undefined || flags.email === undefined) throw new UsageError('contacts add needs --client ID and --email E')
      // A contact made here starts like one made in the app.
      const fields = { ...newContactFields(), ...contactFromFlags(flags) }
      const created = await answerOf(context.api['contacts.create']({ clientId: flags.client, fields }))
      return deliver(context, created.localId, created, `Contact ${created.localId} <${created.email}> created.`)
    },
  }),
  defineCommand({
    names: ['contacts edit'],
    synopsis: 'LOCAL_ID [FIELDS] [--emails LIST]',
    help: [],
    argument: LOCAL_ID,
    flags: CONTACT_FLAGS,
    run: async (context, flags) => {
      const localId = context.argument
      const changes = contactFromFlags(flags)
      if (Object.keys(changes).length === 0) throw new UsageError('contacts edit needs at least one field flag, or --emails')
      const updated = await answerOf(context.api['contacts.update']({ localId, changes }))
      return deliver(context, localId, updated, `Contact ${localId} <${updated.email}> changed.`)
    },
  }),
  defineCommand({
    names: ['contacts delete'],
    synopsis: 'LOCAL_ID',
    help: [],
    argument: LOCAL_ID,
    flags: {},
    run: async (context) => {
      const localId = context.argument
      await answerOf(context.api['contacts.delete']({ localId }))
      return deliver(context, localId, null, `Contact ${localId} deleted.`)
    },
  }),
  defineCommand({
    names: ['access grant'],
    synopsis: 'LOCAL_ID --permissions a,b | --preset NAME [--password P]',
    help: [
      'client-area access: a 7.x sub-account (without --password a strong random one is',
      'set, never shown or kept: the person uses the password reset), an 8.x invite',
    ],
    argument: LOCAL_ID,
    flags: { permissions: z.string().optional(), preset: z.string().optional(), password: z.string().optional() },
    run: async (context, flags) => {
      const { api, argument: localId } = context
      if ((flags.permissions === undefined) === (flags.preset === undefined))
        throw new UsageError('access grant needs --permissions a,b or --preset NAME (one of them)')
      const status = await answerOf(api['app.status']({}))
      if (status.portal?.generation === '8' && flags.password !== undefined)
        throw new UsageError('--password is for WHMCS 7 sub-accounts; on WHMCS 8 the person sets their own when accepting the invite')
      const permissions =
        flags.preset !== undefined
          ? presetFromFlag(flags.preset, (await answerOf(api['settings.get']({}))).permissionPresets)
          : permissionsFromFlag(flags.permissions ?? '')
      const password = status.portal?.generation === '7' ? (flags.password ?? randomPassword()) : undefined
      const changed = await answerOf(api['access.set']({ localId, access: { enabled: true, permissions }, ...(password === undefined ? {} : { password }) }))
      return deliver(context, localId, changed, `Access of ${localId} <${changed.email}>: ${permissions.join(', ')}.`)
    },
  }),
  defineCommand({
    names: ['access revoke'],
    synopsis: 'LOCAL_ID',
    help: [],
    argument: LOCAL_ID,
    flags: {},
    run: async (context) => {
      const localId = context.argument
      const changed = await answerOf(context.api['access.set']({ localId, access: { enabled: false, permissions: [] } }))
      return deliver(context, localId, changed, `Access of ${localId} <${changed.email}> taken away.`)
    },
  }),
  callCommand({
    names: ['outbox', 'outbox list'],
    synopsis: '',
    help: ['edits waiting for the portal (pending, failed, rejected, conflict, held)'],
    flags: {},
    method: 'outbox.list',
    input: () => ({}),
    lines: (entries) => entries.map((e) => [e.id, e.state, e.op, e.entityKey, e.label, e.lastError ? e.lastError.message : ''].join('\t')),
  }),
  callCommand({
    names: ['conflicts', 'conflicts list'],
    synopsis: '',
    help: ['one line per field both this computer and the portal changed'],
    flags: {},
    method: 'conflicts.list',
    input: () => ({}),
    lines: (conflicts) =>
      conflicts.map((c) =>
        [c.id, c.label, c.key, `base: ${JSON.stringify(c.base)}`, `mine: ${JSON.stringify(c.mine)}`, `portal: ${JSON.stringify(c.theirs)}`].join('\t'),
      ),
  }),
  defineCommand({
    names: ['resolve'],
    synopsis: 'CONFLICT_ID --mine | --theirs | --value V',
    help: [],
    argument: 'a conflict id (conflicts shows it)',
    flags: { mine: z.boolean().default(false), theirs: z.boolean().default(false), value: z.string().optional() },
    run: async (context, flags) => {
      const { api } = context
      const id = Number(context.argument)
      if (!Number.isInteger(id) || id <= 0) throw new UsageError('resolve needs a conflict id (conflicts shows it)')
      const chosen = [flags.mine, flags.theirs, flags.value !== undefined].filter(Boolean).length
      if (chosen !== 1) throw new UsageError('resolve needs one of --mine, --theirs or --value V')
      const conflict = (await answerOf(api['conflicts.list']({}))).find((each) => each.id === id)
      if (!conflict) throw new CommandFailed({ code: 'not_found', message: `Conflict ${id} is not open (conflicts lists the open ones).` })
      const choice = flags.mine ? 'mine' : flags.theirs ? 'theirs' : 'edit'
      await answerOf(
        api['conflicts.resolve']({ id, choice, ...(flags.value === undefined ? {} : { value: conflictValueFromFlag(conflict.key, flags.value) }) }),
      )
      return deliver(
        context,
        conflict.entityKey,
        null,
        `Conflict ${id} (${conflict.label}, ${conflict.key}) resolved: ${choice === 'edit' ? 'value given' : choice === 'mine' ? "this computer's value" : "the portal's value"}.`,
      )
    },
  }),
  defineCommand({
    names: ['sync'],
    synopsis: '[--push]',
    help: [
      'one pass: pull the portal into the cache, then send what waits (retries are left',
      'to the next pass); --push only sends what waits, reading just what each edit needs',
    ],
    flags: { push: z.boolean().default(false) },
    run: async (context, flags) => {
      const { api } = context
      const status = await answerOf(api['app.status']({}))
      if (status.portal && !status.portal.demo) await unlock(context)
      const summary = await answerOf(api['sync.run']({ scope: flags.push ? 'push' : 'full' }))
      const { clients: c, contacts: k } = summary.pulled ?? { clients: NONE, contacts: NONE }
      const p = summary.pushed
      const after = await answerOf(api['app.status']({}))
      const attention = after.outbox.rejected + after.outbox.conflict + after.conflicts
      const sent = `Sent ${p.sent} edits; ${p.failed} failed, ${p.rejected} rejected, ${p.conflicts} in conflict, ${p.held} held.`
      const took = `in ${(summary.durationMs / 1000).toFixed(1)} s (${summary.calls} API calls)`
      return {
        value: summary,
        lines: [
          ...(summary.pulled
            ? [
                `Synced ${took}: ${c.added} clients added, ${c.updated} updated, ${c.removed} removed, ${c.unchanged} unchanged.`,
                `Contacts: ${k.added} added, ${k.updated} updated, ${k.removed} removed. ${sent}`,
              ]
            : [`Pushed ${took}, nothing pulled. ${sent}`]),
          attention > 0
            ? `Waiting for a person: ${after.conflicts} open conflicts, ${after.outbox.rejected} rejected edits (\`contact-desk conflicts\`, \`contact-desk outbox\`).`
            : '',
        ],
        exit: attention > 0 ? EXIT.attention : EXIT.ok,
      }
    },
  }),
  callCommand({
    names: ['status'],
    synopsis: '',
    help: ['the current portal, cache, outbox and last sync'],
    flags: {},
    method: 'app.status',
    input: () => ({}),
    lines: (status) => [
      status.portal
        ? `Portal: ${status.portal.apiUrl} (identifier ${status.portal.identifier}, WHMCS ${status.portal.version ?? status.portal.generation})`
        : 'Portal: none connected',
      `Cached clients: ${status.clientCount}`,
      `Outbox: ${status.outbox.pending} pending, ${status.outbox.failed} failed, ${status.outbox.rejected} rejected, ${status.outbox.conflict} in conflict, ${status.outbox.held} held; ${status.conflicts} open conflicts`,
      status.refused ? `Sync stopped: ${status.refused.message}` : '',
      status.lastSync ? `Last sync: ${status.lastSync.at} (${status.lastSync.ok ? 'ok' : `failed: ${status.lastSync.error?.message}`})` : 'Last sync: never',
    ],
  }),
]

/** Pages through the cached list; the contract caps a page at 1,000. */
async function listAll(api: DeskApi, search: string, limit: number | undefined): Promise<Client[]> {
  const clients: Client[] = []
  const wanted = limit ?? Number.POSITIVE_INFINITY
  for (;;) {
    const page = await answerOf(api['clients.list']({ search, offset: clients.length, limit: Math.min(1000, wanted - clients.length) }))
    clients.push(...page.items)
    if (page.items.length === 0 || clients.length >= Math.min(page.total, wanted)) return clients
  }
}

function clientLine(client: Client): string {
  const name = `${client.firstName} ${client.lastName}`.trim()
  return [String(client.id).padStart(6), name, client.companyName || '-', client.email, client.status].join('\t')
}

function contactLine(c: Contact): string {
  const access = c.access === null ? 'access not read' : c.access.enabled ? `access: ${c.access.permissions.join(',') || '-'}` : 'no access'
  return [c.localId, c.remoteId ?? '(new)', `${c.firstName} ${c.lastName}`.trim(), c.email, access, c.sync].join('\t')
}
