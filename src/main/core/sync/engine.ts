// One sync: under the single-writer lease, pull everything (clients, contacts, 8.x users, domains), merge it into
// the cache in one transaction, then drain the outbox. A failure leaves the cache and the outbox intact.
import { randomUUID } from 'node:crypto'
import type { Generation, PortalUser, RemoteContact, SyncProgress, SyncSummary } from '../../../shared/domain'
import { DeskFailure } from '../../../shared/errors'
import { createV7Access } from '../access/v7'
import { createV8Access } from '../access/v8'
import { createInviteStore } from '../access/invites'
import { replaceClients } from '../db/clients'
import { replaceDomains } from '../db/domains'
import type { Db } from '../db/database'
import { acquireLease, leaseHolderId, releaseLease } from '../db/lease'
import type { WhmcsClient } from '../portal/whmcs-client'
import type { SecretStore } from '../secrets'
import { applyRemoteContacts, type RemoteRecord } from './apply-contacts'
import { pullClients } from './pull-clients'
import { pullDomains } from './pull-domains'
import { pullPages } from './pull-pages'
import { pushOutbox } from './push'
import { remoteState, type UsersView } from './remote-state'
import { replaceUsers, userPermissions } from '../db/users'

/** Records per page: WHMCS sets no cap, and round trips cost more than page size (npm run bench). */
const PAGE_SIZE = 500
/** Requests in flight during a pull: enough to hide latency, few enough to be a polite client. */
const PULL_CONCURRENCY = 3
/** A holder that stopped renewing loses the lease after this long; one whose process is gone from this machine, at once (lease.ts). */
const LEASE_TTL_MS = 60_000
export const SYNC_LEASE = 'sync'

export interface SyncDeps {
  db: Db
  portal: WhmcsClient
  generation: Generation
  secrets: SecretStore
  now?: () => Date
  newId?: () => string
  random?: () => number
  signal?: AbortSignal
  /** Retry failed entries now (a sync the user asked for), not at their scheduled time. */
  force?: boolean
  onProgress?: (progress: SyncProgress) => void
  /** Who holds the lease (machine, process and run: leaseHolderId); this process and a random run by default. */
  holder?: string
}

export async function runSync(deps: SyncDeps): Promise<SyncSummary> {
  const { db, portal, signal } = deps
  const now = deps.now ?? (() => new Date())
  const holder = deps.holder ?? leaseHolderId(randomUUID())
  if (!acquireLease(db, SYNC_LEASE, holder, LEASE_TTL_MS)) {
    throw new DeskFailure('busy', 'Another Contact Desk (a window or the command line) is syncing this cache right now; try again when it ends.')
  }
  const renew = setInterval(() => acquireLease(db, SYNC_LEASE, holder, LEASE_TTL_MS), LEASE_TTL_MS / 3)
  const startedAt = now()
  try {
    const pull = { pageSize: PAGE_SIZE, concurrency: PULL_CONCURRENCY, signal, onProgress: deps.onProgress }
    const clients = await pullClients(portal, pull)
    const contacts = await pullPages<RemoteContact>(
      async (page) => {
        const { total, contacts: items } = await portal.getContacts(page)
        return { total, items }
      },
      (contact) => contact.remoteId,
      { ...pull, phase: 'contacts' },
    )
    const users =
      deps.generation === '8'
        ? await pullPages<PortalUser>(
            async (page) => {
              const { total, users: items } = await portal.getUsers(page)
              return { total, items }
            },
            (user) => user.id,
            { ...pull, phase: 'users' },
          )
        : null
    // Every client's domains, so a search by domain finds clients never opened (null: the API role forbids it).
    const domains = await pullDomains(portal, pull)
    signal?.throwIfAborted()
    deps.onProgress?.({ phase: 'saving', done: contacts.length, total: contacts.length, rate: 0 })
    const invites = createInviteStore(db, now)
    const at = now().toISOString()
    const applied = db.transaction(() => {
      const clientCounts = replaceClients(db, clients, at)
      if (domains) replaceDomains(db, domains)
      let view: UsersView | null = null
      if (users) {
        replaceUsers(db, users)
        // An invite is accepted once a user with its e-mail is linked to the client (as access.list notes it):
        // from then on the login, not the invite, tells whether the person has access.
        for (const user of users) {
          for (const link of user.clients) {
            const invite = link.isOwner ? null : invites.find(link.clientId, user.email)
            if (invite && invite.state !== 'accepted') invites.accepted(link.clientId, user.email, user.id)
          }
        }
        view = {
          users,
          permissions: userPermissions(db),
          invite: (clientId, email) => invites.find(clientId, email),
        }
      }
      const records: RemoteRecord[] = contacts.map((contact) => ({
        remoteId: contact.remoteId,
        clientId: contact.clientId,
        state: remoteState(contact, deps.generation, view),
        updatedAt: contact.updatedAt,
      }))
      const contactCounts = applyRemoteContacts({ db, now, newId: deps.newId ?? randomUUID, accessByEmail: deps.generation === '8' }, records)
      return { clientCounts, contactCounts }
    })()
    const access = deps.generation === '7' ? createV7Access(portal) : createV8Access(portal, invites, now)
    const pushed = await pushOutbox({
      db,
      portal,
      access,
      generation: deps.generation,
      secrets: deps.secrets,
      now,
      random: deps.random,
      signal,
      force: deps.force,
      onProgress: deps.onProgress,
    })
    const finishedAt = now()
    return {
      clients: applied.clientCounts,
      contacts: applied.contactCounts,
      pushed,
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationMs: finishedAt.getTime() - startedAt.getTime(),
    }
  } finally {
    clearInterval(renew)
    releaseLease(db, SYNC_LEASE, holder)
  }
}
