// What the edit commands say after an edit: whether it reached the portal, waits in the cache, or needs a person.
import type { OutboxItem } from '../../shared/contract'
import type { Contact } from '../../shared/domain'
import type { DeskError, ErrorCode } from '../../shared/errors'
import { answerOf, CommandFailed, EXIT, exitCodeFor, UsageError, type Answer, type Context } from './command'

const OFFLINE_CODES: readonly ErrorCode[] = ['unreachable', 'timeout']

/** Opens the portal's session with the secret given (the demo needs none). */
export async function unlock({ api, secret }: Context): Promise<void> {
  if (secret === undefined) throw new UsageError('this command needs the API secret: pass --secret or set DESK_API_SECRET')
  await answerOf(api['portal.unlock']({ secret }))
}

/**
 * After an edit: one sync pass when the portal can be asked (a secret at hand, or the demo), then what became
 * of the record's edits. Offline, or without a secret, the edit waits in the cache for the next sync.
 */
export async function deliver(context: Context, entityKey: string, contact: Contact | null, done: string): Promise<Answer> {
  const { api, secret } = context
  const status = await answerOf(api['app.status']({}))
  let notSent: DeskError | null = null
  if (status.portal?.demo || secret !== undefined) {
    if (!status.portal?.demo) await unlock(context)
    // Push-only: the edit goes with the reads it needs, not after a pull of the whole portal.
    const pass = await api['sync.run']({ scope: 'push' })
    if (!pass.ok) {
      if (exitCodeFor(pass.error.code) === EXIT.refused)
        throw new CommandFailed(pass.error, `${done} It waits in the local cache: the portal refused the sync.`)
      notSent = pass.error
    }
  } else {
    notSent = { code: 'secret_required', message: 'no API secret given (--secret or DESK_API_SECRET)' }
  }
  const waiting = (await answerOf(api['outbox.list']({}))).filter((entry) => entry.entityKey === entityKey)
  // The pass ran but could not reach the portal with it: the edit simply waits, as when no pass ran.
  notSent ??= waiting.find((entry) => entry.state === 'failed' && entry.lastError && OFFLINE_CODES.includes(entry.lastError.code))?.lastError ?? null
  const state = notSent ? 'queued' : worstState(waiting)
  const error = notSent ?? waiting.find((entry) => entry.lastError)?.lastError ?? null
  const after = contact
    ? ((await answerOf(api['contacts.list']({ clientId: contact.clientId }))).find((each) => each.localId === contact.localId) ?? contact)
    : null
  const line =
    state === 'sent'
      ? `${done} Sent to the portal.`
      : state === 'queued'
        ? `${done} Queued in the local cache, not sent: ${error?.message ?? ''}. \`contact-desk sync\` sends it.`
        : `${done} ${stateText[state]}${error ? `: ${error.message}` : ''}.`
  return { value: { contact: after, delivery: { state, error } }, lines: [line], exit: state === 'conflict' || state === 'rejected' ? EXIT.attention : EXIT.ok }
}

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
