// A client's "who gets what" page: read lazily from the portal when the client is opened (docs/ARCHITECTURE.md §8.8 —
// GetClientsDetails, logins and their permissions, the latest payment reminders of the e-mail log), kept with the
// time it was read, shown from the cache offline.
import type { ClientView } from '../../../shared/contract'
import type { Contact, EmailPreferences, Generation, Permission, SkippedRead } from '../../../shared/domain'
import type { ReminderEmail } from '../../../shared/reachability'
import { DeskFailure, RETRYABLE_CODES } from '../../../shared/errors'
import type { AccessHolder } from '../access/access'
import { createInviteStore } from '../db/invites'
import { createV7Access } from '../access/v7'
import { createV8Access } from '../access/v8'
import { getClientDetails, saveClientDetails, type StoredLogin } from '../db/client-details'
import { getClient, saveOwnerNumbers } from '../db/clients'
import { domainsOf } from '../db/domains'
import { listContactsOf } from '../db/contacts'
import type { Db } from '../db/database'
import { entriesFor } from '../db/outbox'
import { remindersOf, saveReminders } from '../db/payment-reminders'
import { saveUserPermissions } from '../db/users'
import { CLIENT_PAGE, passReads } from '../portal/pass-reads'
import type { LoggedEmail } from '../portal/get-emails'
import type { WhmcsClient } from '../portal/whmcs-client'
import { applyContacts } from '../sync/apply-contacts'
import { createChunks } from '../sync/chunks'
import { auxiliary } from '../sync/pull'
import { remoteState, type UsersView } from '../sync/remote-state'
import { newLocalId } from '../db/local-id'
import { preferenceKey } from '../../../shared/record-keys'
import { EMAIL_CATEGORIES } from '../../../shared/domain'
import { ownDomainOf, ownDomainsOf } from '../../../shared/email-domains'
import { emailKey, foldText } from '../../../shared/text'
import { contactView, loginView } from './records'

/** What the per-client read needs: the cache, the portal, its generation. */
export interface ClientReadDeps {
  db: Db
  portal: WhmcsClient
  generation: Generation
  /** Which e-mails of the portal's log are payment reminders (Settings `reminderSubjects`). */
  reminderSubjects: readonly string[]
  now: () => Date
}

export interface ClientViewDeps extends Omit<ClientReadDeps, 'portal'> {
  /**
   * null when the portal cannot be asked (no secret at hand) or is not to be (clients.open with refresh: false,
   * a re-render after a local edit): the cache answers, with no request at all, and the view is not fresh.
   */
  portal: WhmcsClient | null
}

/**
 * The newest e-mails of a client's log read in one GetEmails call: WHMCS's `subject` filter takes one approximate
 * subject and the reminders have several, so they are picked here. Fifty cover months of a client's mail (each
 * answer carries every body, dropped at decode).
 */
const EMAIL_LOG_PAGE = 50
/** The latest payment reminders kept per client. */
const LATEST_REMINDERS = 10

export async function openClientView(deps: ClientViewDeps, clientId: number): Promise<ClientView> {
  const { db } = deps
  const client = getClient(db, clientId)
  if (!client) throw new DeskFailure('not_found', `Client ${clientId} is not in the local cache.`, { id: String(clientId) })
  let fresh = false
  let remindersUnavailable: SkippedRead | null = null
  if (deps.portal) {
    try {
      remindersUnavailable = await readClient({ ...deps, portal: deps.portal }, clientId)
      fresh = true
    } catch (error) {
      // Offline is normal: the page shows what the cache knows, with its date.
      if (!(error instanceof DeskFailure && RETRYABLE_CODES.includes(error.code))) throw error
    }
  }
  const details = getClientDetails(db, clientId)
  const contacts = listContactsOf(db, clientId)
    .filter((contact) => !contact.deleted)
    .map((contact) => contactView(db, contact))
  // The first contact with a login's address is the one it is shown with.
  const contactByEmail = new Map<string, string>()
  for (const contact of contacts) {
    const key = emailKey(contact.email)
    if (!contactByEmail.has(key)) contactByEmail.set(key, contact.localId)
  }
  const pendingOwner = entriesFor(db, String(clientId))
  const domains = domainsOf(db, clientId).map((each) => each.domain)
  const reminders = remindersOf(db, [clientId]).get(clientId)
  return {
    client,
    ownerEmailPreferences: details?.data ?? null,
    ownerSync: pendingOwner.some((entry) => entry.state === 'conflict')
      ? 'conflict'
      : pendingOwner.some((entry) => entry.state === 'rejected')
        ? 'rejected'
        : pendingOwner.length > 0
          ? 'pending'
          : 'synced',
    contacts,
    logins: details?.logins?.map((login) => loginView(db, clientId, login, contactByEmail.get(emailKey(login.email)) ?? null)) ?? null,
    fetchedAt: details?.fetchedAt ?? null,
    fresh,
    domains,
    warnings: warningsFor(client.email, details?.data ?? null, contacts, domains),
    paymentReminders: { readAt: reminders?.readAt ?? null, reminders: reminders?.reminders ?? [], unavailable: remindersUnavailable },
  }
}

/**
 * Just this client, from the portal: its details (the owner's preferences and overdue-notice switch; on 8.x who logs
 * in), its contacts (merged into the cache like a pull of this one client, pending edits kept), on 8.x each login's
 * permissions, and its latest payment reminders (GetEmails, an auxiliary read: refused, unknown to the portal or
 * unreadable, it is gone without and answered as the reason; the rest is read and saved all the same). Three calls,
 * plus one per 8.x login. Its domains come with the whole-portal pull. What opening a client reads, and what the
 * background check reads (check/background-check.ts): the one per-client read.
 */
export async function readClient(deps: ClientReadDeps, clientId: number): Promise<SkippedRead | null> {
  const { db } = deps
  const reads = passReads(deps.portal)
  const readAt = deps.now().getTime()
  const { client } = await reads.getClientsDetails({ clientId })
  const invites = createInviteStore(db, deps.now)
  const access = deps.generation === '7' ? createV7Access(reads) : createV8Access(reads, invites, deps.now)
  const holders = await access.list(clientId)
  const contacts = await reads.contactsOf(clientId)
  const skipped: SkippedRead[] = []
  const log = await auxiliary('GetEmails', skipped, () => deps.portal.getEmails({ clientId, limitstart: 0, limitnum: EMAIL_LOG_PAGE }))
  const at = deps.now().toISOString()
  // On 8.x a contact's access is the login with its address, as just read (fresher than the last GetUsers).
  const logins = new Map<string, { userId: number; permissions: Permission[] }>()
  for (const holder of holders) {
    const key = emailKey(holder.email)
    if (holder.kind === 'user' && !logins.has(key)) logins.set(key, { userId: holder.userId, permissions: holder.permissions })
  }
  const view: UsersView = {
    login: (_clientId, email) => logins.get(emailKey(email)) ?? null,
    invite: (inviteClientId, email) => invites.find(inviteClientId, email),
  }
  const merge = applyContacts({ db, now: deps.now, newId: newLocalId, accessByEmail: deps.generation === '8' }, { clientId })
  db.transaction(() => {
    const stored = getClientDetails(db, clientId)
    // Categories with an edit still waiting keep the edit; the rest take the portal's value.
    const waiting = new Set(entriesFor(db, String(clientId)).flatMap((entry) => entry.keys))
    const data: EmailPreferences = { ...client.emailPreferences }
    for (const category of EMAIL_CATEGORIES) if (stored && waiting.has(preferenceKey(category))) data[category] = stored.data[category]
    saveClientDetails(db, {
      clientId,
      data,
      base: client.emailPreferences,
      overdueNoticesOff: client.overdueNoticesOff,
      logins: holders.map(loginOf),
      fetchedAt: at,
    })
    for (const holder of holders) if (holder.kind === 'user') saveUserPermissions(db, clientId, holder.userId, holder.permissions, at)
    // GetClients has no phone or tax id: the owner is found by them once the client was opened.
    saveOwnerNumbers(db, clientId, client)
    if (log) saveReminders(db, clientId, { readAt: at, reminders: paymentReminders(log.emails, deps.reminderSubjects) })
    for (const contact of contacts) {
      merge.apply({ remoteId: contact.remoteId, clientId, state: remoteState(contact, deps.generation, view), updatedAt: contact.updatedAt }, readAt)
    }
  })()
  // One GetContacts answer is one consistent listing; a client with more contacts than a page is left to the pull.
  const complete = contacts.length <= CLIENT_PAGE
  await merge.finish({ seen: new Set(contacts.map((contact) => contact.remoteId)), complete, startedAt: readAt }, createChunks(db))
  return skipped[0] ?? null
}

/** The latest payment reminders among a log's e-mails (newest first): those whose subject contains a reminder subject, case and accents aside. */
function paymentReminders(emails: readonly LoggedEmail[], subjects: readonly string[]): ReminderEmail[] {
  const wanted = subjects.map(foldText)
  return emails
    .filter((email) => wanted.some((subject) => foldText(email.subject).includes(subject)))
    .slice(0, LATEST_REMINDERS)
    .map((email) => ({
      date: email.date,
      subject: email.subject,
      to: entriesOf(email.to),
      cc: entriesOf(email.cc),
      state: email.delivery?.state ?? 'unknown',
      failureReason: email.delivery?.failureReason ?? null,
    }))
}

/** "Ana <ana@x.com.br>, bia@y.com" → its two entries. */
const entriesOf = (list: string): string[] =>
  list
    .split(/[,;]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')

function loginOf(holder: AccessHolder): StoredLogin {
  return {
    kind: holder.kind,
    name: holder.kind === 'invite' ? '' : holder.name,
    email: holder.email,
    permissions: holder.permissions,
    inviteState: holder.kind === 'invite' ? holder.state : null,
    contactLocalId: null,
    userId: holder.kind === 'user' || holder.kind === 'owner' ? holder.userId : null,
  }
}

/**
 * What the help article is about: invoices that reach nobody, or reach only addresses on the client's own
 * domains (ownDomainsOf: registered ones, and the owner's unless free mail) — which go silent exactly when
 * such a domain is suspended for non-payment.
 */
export function warningsFor(
  ownerEmail: string,
  owner: EmailPreferences | null,
  contacts: readonly Contact[],
  registered: readonly string[] = [],
): ClientView['warnings'] {
  if (owner === null) return []
  const recipients = [...(owner.invoice ? [ownerEmail] : []), ...contacts.filter((c) => c.emailPreferences.invoice).map((c) => c.email)]
  if (recipients.length === 0) return ['no_invoice_recipient']
  const own = ownDomainsOf(ownerEmail, registered)
  if (own.length === 0) return []
  return recipients.every((email) => ownDomainOf(email, own) !== null) ? ['all_recipients_on_own_domain'] : []
}
