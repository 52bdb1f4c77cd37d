// Every command of `contact-desk`, each declared once: its words, the contract method it calls, its argument and
// flags (zod), its help, and how it prints the answer (`--json` prints the answer itself, or what the command made
// of it).
import { z } from 'zod'
import { newContactFields } from '../../shared/contact-rules'
import { DuplicateKind, type DuplicateGroup } from '../../shared/contract'
import { ClientStatus, type Client, type Contact, type SkippedRead } from '../../shared/domain'
import { csvText, PLAIN_CSV } from '../../shared/csv'
import { MAX_PAGE, withTheRest } from '../../shared/paging'
import { REACHABILITY_RULES, ReachabilityRule } from '../../shared/reachability'
import { answerOf, CommandFailed, defineCommand, EXIT, toggle, UsageError, valued, type Argument, type Command, type Context } from './command'
import { deliver, unlock } from './deliver'
import { conflictValueFromFlag, CONTACT_FLAGS, contactFromFlags, permissionsFromFlag, presetFromFlag, randomPassword } from './flags'

const LOCAL_ID: Argument<string> = { name: 'LOCAL_ID', what: "a contact's local id (contacts list shows it)", schema: z.string().min(1) }
const CONFLICT_ID: Argument<number> = { name: 'CONFLICT_ID', what: 'a conflict id (conflicts shows it)', schema: z.coerce.number().int().positive() }
const CLIENT_ID = valued(z.coerce.number().int().positive(), 'ID')
const NONE = { added: 0, updated: 0, removed: 0, unchanged: 0 }

/** In the order the usage lists them. */
export const COMMANDS: readonly Command[] = [
  defineCommand({
    names: ['connect'],
    help: ["check a portal's credentials and make it the current portal"],
    flags: { url: valued(z.string(), 'URL'), identifier: valued(z.string(), 'ID'), generation: valued(z.enum(['auto', '7', '8']), 'auto|7|8').optional() },
    method: 'portal.connect',
    input: ({ flags, secret }) => {
      if (secret === undefined) throw new UsageError('connect needs the API secret: pass --secret or set DESK_API_SECRET')
      return { url: flags.url, identifier: flags.identifier, secret, generation: flags.generation ?? 'auto' }
    },
    lines: (result) => [
      `Connected to ${result.portal.apiUrl} (${result.portal.version ? `WHMCS ${result.portal.version}` : `WHMCS ${result.portal.generation}.x`}): ${result.clientCount} clients on the portal.`,
      ...result.warnings.map((warning) => `Warning: ${warning}`),
      result.secretStored ? '' : 'The secret is not stored on this computer: give --secret or DESK_API_SECRET on every call that talks to the portal.',
    ],
  }),
  defineCommand({
    names: ['clients list'],
    help: ['list cached clients (name, company or e-mail search)'],
    flags: { search: valued(z.string(), 'TEXT').default(''), limit: valued(z.coerce.number().int().positive(), 'N').optional() },
    method: 'clients.list',
    input: ({ flags }) => ({ search: flags.search, offset: 0, limit: Math.min(MAX_PAGE, flags.limit ?? MAX_PAGE) }),
    output: async (first, { api, flags }) => {
      const clients = await withTheRest(first, flags.limit ?? Number.POSITIVE_INFINITY, (offset, limit) =>
        answerOf(api['clients.list']({ search: flags.search, offset, limit })),
      )
      return { value: clients, lines: clients.map(clientLine) }
    },
  }),
  defineCommand({
    names: ['contacts list'],
    help: ["a client's cached contacts (ID: the portal's client id), each with its local id"],
    flags: { client: CLIENT_ID },
    method: 'contacts.list',
    input: ({ flags }) => ({ clientId: flags.client }),
    lines: (contacts) => contacts.map(contactLine),
  }),
  defineCommand({
    names: ['contacts add'],
    help: ['a new contact (invoice and general e-mails on unless --emails says otherwise)'],
    flags: { client: CLIENT_ID, ...CONTACT_FLAGS, email: valued(z.string(), 'E') },
    method: 'contacts.create',
    // A contact made here starts like one made in the app.
    input: ({ flags }) => ({ clientId: flags.client, fields: { ...newContactFields(), ...contactFromFlags(flags) } }),
    output: (created, call) => deliver(call, created.localId, created, `Contact ${created.localId} <${created.email}> created.`),
  }),
  defineCommand({
    names: ['contacts edit'],
    help: ["change a contact's fields or e-mail categories: only the flags given"],
    argument: LOCAL_ID,
    flags: CONTACT_FLAGS,
    method: 'contacts.update',
    input: ({ flags, argument: localId }) => {
      const changes = contactFromFlags(flags)
      if (Object.keys(changes).length === 0) throw new UsageError('contacts edit needs at least one field flag, or --emails')
      return { localId, changes }
    },
    output: (updated, call) => deliver(call, call.argument, updated, `Contact ${call.argument} <${updated.email}> changed.`),
  }),
  defineCommand({
    names: ['contacts delete'],
    help: ['delete a contact here, then on the portal'],
    argument: LOCAL_ID,
    flags: {},
    method: 'contacts.delete',
    input: ({ argument: localId }) => ({ localId }),
    output: (_, call) => deliver(call, call.argument, null, `Contact ${call.argument} deleted.`),
  }),
  defineCommand({
    names: ['access grant'],
    help: [
      'client-area access: a 7.x sub-account (without --password a strong random one is',
      'set, never shown or kept: the person uses the password reset), an 8.x invite',
    ],
    argument: LOCAL_ID,
    flags: { permissions: valued(z.string(), 'a,b').optional(), preset: valued(z.string(), 'NAME').optional(), password: valued(z.string(), 'P').optional() },
    oneOf: ['permissions', 'preset'],
    method: 'access.set',
    prepare: async ({ api, flags }) => {
      const { portal } = await answerOf(api['app.status']({}))
      if (portal?.generation === '8' && flags.password !== undefined)
        throw new UsageError('--password is for WHMCS 7 sub-accounts; on WHMCS 8 the person sets their own when accepting the invite')
      const permissions =
        flags.preset !== undefined
          ? presetFromFlag(flags.preset, (await answerOf(api['settings.get']({}))).permissionPresets)
          : permissionsFromFlag(flags.permissions ?? '')
      return { permissions, password: portal?.generation === '7' ? (flags.password ?? randomPassword()) : undefined }
    },
    input: ({ argument: localId }, { permissions, password }) => ({
      localId,
      access: { enabled: true, permissions },
      ...(password === undefined ? {} : { password }),
    }),
    output: (changed, call, { permissions }) =>
      deliver(call, call.argument, changed, `Access of ${call.argument} <${changed.email}>: ${permissions.join(', ')}.`),
  }),
  defineCommand({
    names: ['access revoke'],
    help: ["take a contact's client-area access away"],
    argument: LOCAL_ID,
    flags: {},
    method: 'access.set',
    input: ({ argument: localId }) => ({ localId, access: { enabled: false, permissions: [] } }),
    output: (changed, call) => deliver(call, call.argument, changed, `Access of ${call.argument} <${changed.email}> taken away.`),
  }),
  defineCommand({
    names: ['outbox', 'outbox list'],
    help: ['edits waiting for the portal (pending, failed, rejected, conflict, held)'],
    flags: {},
    method: 'outbox.list',
    input: () => ({}),
    lines: (entries) => entries.map((e) => [e.id, e.state, e.op, e.entityKey, e.label, e.lastError ? e.lastError.message : ''].join('\t')),
  }),
  defineCommand({
    names: ['conflicts', 'conflicts list'],
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
    help: ["settle a conflict: this computer's value, the portal's, or one given"],
    argument: CONFLICT_ID,
    flags: { mine: toggle(), theirs: toggle(), value: valued(z.string(), 'V').optional() },
    oneOf: ['mine', 'theirs', 'value'],
    method: 'conflicts.resolve',
    prepare: async ({ api, argument: id }) => {
      const conflict = (await answerOf(api['conflicts.list']({}))).find((each) => each.id === id)
      if (!conflict) throw new CommandFailed({ code: 'not_found', message: `Conflict ${id} is not open (conflicts lists the open ones).` })
      return conflict
    },
    input: ({ argument: id, flags }, conflict) => ({
      id,
      choice: flags.mine ? 'mine' : flags.theirs ? 'theirs' : 'edit',
      ...(flags.value === undefined ? {} : { value: conflictValueFromFlag(conflict.key, flags.value) }),
    }),
    output: (_, call, conflict) => {
      const chosen = call.flags.mine ? "this computer's value" : call.flags.theirs ? "the portal's value" : 'value given'
      return deliver(call, conflict.entityKey, null, `Conflict ${call.argument} (${conflict.label}, ${conflict.key}) resolved: ${chosen}.`)
    },
  }),
  defineCommand({
    names: ['sync'],
    help: [
      'one pass: pull the portal into the cache, then send what waits (retries are left',
      'to the next pass); --push only sends what waits, reading just what each edit needs',
    ],
    flags: { push: toggle() },
    method: 'sync.run',
    prepare: async (call) => {
      const status = await answerOf(call.api['app.status']({}))
      if (status.portal && !status.portal.demo) await unlock(call)
    },
    input: ({ flags }) => ({ scope: flags.push ? 'push' : 'full' }),
    output: async (summary, { api }) => {
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
          ...[...(summary.pulled?.skipped ?? []), ...summary.pushed.skipped].map(skippedLine),
          attention > 0
            ? `Waiting for a person: ${after.conflicts} open conflicts, ${after.outbox.rejected} rejected edits (\`contact-desk conflicts\`, \`contact-desk outbox\`).`
            : '',
        ],
        exit: attention > 0 ? EXIT.attention : EXIT.ok,
      }
    },
  }),
  defineCommand({
    names: ['audit reachability'],
    help: [
      'clients whose payment reminders may reach no one, worst first, from the local cache;',
      '--deep first reads each client not checked yet (or not for the re-check days) from the portal,',
      "at the background check's pace, progress on stderr; a second --deep goes on where one stopped;",
      `--csv prints a table's rows; STATUS: ${ClientStatus.options.join(', ')}; RULE, one of:`,
      REACHABILITY_RULES.join(' '),
    ],
    flags: {
      rule: valued(ReachabilityRule, 'RULE').optional(),
      status: valued(ClientStatus, 'STATUS').optional(),
      deep: toggle(),
      csv: toggle(),
    },
    atMostOne: ['json', 'csv'],
    method: 'reachability.list',
    prepare: async (call) => {
      if (call.flags.deep) await checkEveryClient(call)
    },
    input: ({ flags }) => ({ rule: flags.rule, status: flags.status, offset: 0, limit: MAX_PAGE }),
    output: async (first, { api, flags }) => {
      const items = await withTheRest(first, Number.POSITIVE_INFINITY, (offset, limit) =>
        answerOf(api['reachability.list']({ rule: flags.rule, status: flags.status, offset, limit })),
      )
      const rows = items.map((item) => ({
        clientId: item.clientId,
        name: item.name,
        status: item.status,
        severity: item.severity,
        rules: item.findings.map((finding) => finding.rule),
        recipients: item.recipients.map((recipient) => recipient.email),
        notChecked: item.notChecked,
      }))
      const checked = first.oldestCheckAt === null ? 'none checked yet' : `${first.checked} checked, the oldest on ${first.oldestCheckAt}`
      const summary = `${first.total} of ${first.judged} clients at risk${flags.rule ? ` (${flags.rule})` : ''}; ${checked}.`
      if (flags.csv)
        return {
          value: rows,
          lines: [
            csvText(
              [
                ['clientId', 'name', 'status', 'severity', 'rules', 'recipients', 'notChecked'],
                ...rows.map((row) => [
                  String(row.clientId),
                  row.name,
                  row.status,
                  row.severity ?? '',
                  row.rules.join(' '),
                  row.recipients.join(' '),
                  row.notChecked.join(' '),
                ]),
              ],
              PLAIN_CSV,
            ),
          ],
        }
      return {
        value: rows,
        lines: [...rows.map((row) => [String(row.clientId).padStart(6), row.severity, row.status, row.name, row.rules.join(',')].join('\t')), summary],
      }
    },
  }),
  defineCommand({
    names: ['audit duplicates'],
    help: [
      'the same e-mail, CPF/CNPJ or phone on several clients or contacts, each holder with',
      'its client id and local id (owner: -); accountants (one person on many accounts) last',
    ],
    flags: { kind: valued(DuplicateKind, 'email|taxId|phone').optional() },
    method: 'reachability.duplicates',
    input: ({ flags }) => ({ ...(flags.kind === undefined ? {} : { kind: flags.kind }), offset: 0, limit: MAX_PAGE }),
    output: async (first, { api, flags }) => {
      const groups = await withTheRest(first, Number.POSITIVE_INFINITY, (offset, limit) =>
        answerOf(api['reachability.duplicates']({ ...(flags.kind === undefined ? {} : { kind: flags.kind }), offset, limit })),
      )
      return { value: groups, lines: groups.length === 0 ? ['No duplicates in the cache.'] : groups.flatMap(duplicateLines) }
    },
  }),
  defineCommand({
    names: ['status'],
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
      ...(status.lastSync?.skipped ?? []).map(skippedLine),
    ],
  }),
]

/**
 * `audit reachability --deep`: every client due a check read, one a step at the configured pace; what was read stays
 * checked in the cache, so a run stopped half-way is taken up where it stopped. A read the portal refuses, does not
 * know or garbles ends the checking with a warning, and the audit is printed with what is known.
 */
async function checkEveryClient(context: Context): Promise<void> {
  const { api, progress } = context
  if (!(await answerOf(api['app.status']({}))).portal?.demo) await unlock(context)
  let done = 0
  for (;;) {
    const step = await answerOf(api['reachability.checkNext']({}))
    if (step.stopped) {
      progress(`Warning: the check went without ${step.stopped.action} (${step.stopped.error.message}); the audit says what is known.`)
      return
    }
    if (step.clientId === null) return
    done++
    progress(`Checked client ${step.clientId}: ${done} done, ${step.remaining} to go.`)
  }
}

function skippedLine({ action, error }: SkippedRead): string {
  return `Warning: the sync went without ${action} (${error.message}); the rest of it landed, and the next sync asks again.`
}

function clientLine(client: Client): string {
  const name = `${client.firstName} ${client.lastName}`.trim()
  return [String(client.id).padStart(6), name, client.companyName || '-', client.email, client.status].join('\t')
}

function contactLine(c: Contact): string {
  const access = c.access === null ? 'access not read' : c.access.enabled ? `access: ${c.access.permissions.join(',') || '-'}` : 'no access'
  return [c.localId, c.remoteId ?? '(new)', `${c.firstName} ${c.lastName}`.trim(), c.email, access, c.sync].join('\t')
}

function duplicateLines(group: DuplicateGroup): string[] {
  const what = group.accountant ? `accountant, on ${group.clients} clients` : `duplicate, on ${group.clients} client${group.clients === 1 ? '' : 's'}`
  return [
    [group.kind, group.value, what].join('\t'),
    ...group.holders.map((h) => ['', String(h.clientId).padStart(6), h.localId ?? '-', h.name || '-', h.email || '-', h.written].join('\t')),
  ]
}
