// The whole-portal pull: clients, 8.x users, contacts, domains and hosting services, each listed in large pages and
// applied to the cache as the pages arrive, in short transactions (chunks.ts). Work is linear in the records: every lookup is an
// indexed query or a Set, never a scan per record. What a listing lacks is removed only once that listing was
// complete (pull-pages.ts); a cancel, a kill or a listing that shifted under us removes nothing, and the next
// pull finishes the job.
import type { ChangeCounts, Client, Generation, PortalUser, PullCounts, RemoteContact, SkippedRead, SyncProgress } from '../../../shared/domain'
import { DeskFailure, type ErrorCode } from '../../../shared/errors'
import { createInviteStore } from '../db/invites'
import { applyClient, clientIds, removeClient, type Applied } from '../db/clients'
import type { Db } from '../db/database'
import { domainTable } from '../db/domains'
import type { MirroredTable } from '../db/mirrored-table'
import { productTable } from '../db/products'
import { applyUser, removeUser, userIds } from '../db/users'
import type { WhmcsClient } from '../portal/whmcs-client'
import { applyContacts } from './apply-contacts'
import { createChunks, SCAN_ROWS, withOwnUpkeep, yieldToEventLoop, type ChunkOptions } from './chunks'
import { pullListing, type FetchPage, type Listing } from './pull-pages'
import { cachedUsersView, remoteState } from './remote-state'

/**
 * Records per page of a whole-portal pull (each request asks for one more: 1,000): WHMCS sets no cap, round trips cost more than page size (npm run bench),
 * and the fewer the calls, the gentler the pull: at 100k clients one is some 540 calls, so even the hour that holds
 * a start-up pull stays under 0.2 calls a second. A client's own contacts are read in pages of 500 (pass-reads.ts).
 */
export const PAGE_SIZE = 999
/** Requests in flight during a pull: enough to hide latency, few enough to be a polite client. */
export const PULL_CONCURRENCY = 3

export interface PullDeps {
  db: Db
  portal: Pick<WhmcsClient, 'getClients' | 'getContacts' | 'getUsers' | 'getClientsDomains' | 'getClientsProducts'>
  generation: Generation
  now: () => Date
  newId: () => string
  signal?: AbortSignal
  onProgress?: (progress: SyncProgress) => void
  /** Records per page (PAGE_SIZE) and rows per transaction (chunks.ts); tests make them small to split a small pull. */
  pageSize?: number
  chunkRows?: number
  /** Told how long each transaction took, for the diagnostics. */
  onCommit?: ChunkOptions['onCommit']
}

const noChanges = (): ChangeCounts => ({ added: 0, updated: 0, removed: 0, unchanged: 0 })

/** A table a list mirrors whole: its ids a batch at a time, and a row removed. */
interface Mirrored {
  ids: (after: number, limit: number) => number[]
  remove: (id: number) => void
}

export function pullPortal(deps: PullDeps): Promise<PullCounts> {
  // Many short transactions: the WAL is checkpointed and the search indexes merged between them, never by a staff
  // edit's commit meanwhile.
  return withOwnUpkeep(deps.db, () => pullEverything(deps))
}

async function pullEverything(deps: PullDeps): Promise<PullCounts> {
  const { db, portal, signal } = deps
  const chunks = createChunks(db, { rows: deps.chunkRows, signal, onCommit: deps.onCommit })
  const pages = { pageSize: deps.pageSize ?? PAGE_SIZE, concurrency: PULL_CONCURRENCY, signal, onProgress: deps.onProgress }

  /** A table the portal's list mirrors whole (clients, users, domains, hosting services): rows written only where they differ. */
  async function mirror<T>(
    phase: 'clients' | 'users' | 'domains' | 'products',
    fetchPage: FetchPage<T>,
    idOf: (item: T) => number,
    apply: (item: T, at: string) => Applied,
    table: Mirrored,
  ): Promise<ChangeCounts> {
    const counts = noChanges()
    const listing = await pullListing({
      ...pages,
      phase,
      fetchPage,
      idOf,
      apply: (items, _readAt, applied) => {
        const at = deps.now().toISOString()
        return chunks.run(items, (item) => void counts[apply(item, at)]++, applied)
      },
    })
    await removeUnlisted(listing, table, counts)
    return counts
  }

  /** What the listing lacks goes, once it was complete: the table read a batch at a time, the event loop free between. */
  async function removeUnlisted(listing: Listing, table: Mirrored, counts: ChangeCounts): Promise<void> {
    if (!listing.complete) return
    deps.onProgress?.({ phase: 'saving', done: 0, total: null, rate: 0 })
    for (let batch = table.ids(0, SCAN_ROWS); batch.length > 0; batch = table.ids(batch.at(-1) as number, SCAN_ROWS)) {
      const gone = batch.filter((id) => !listing.seen.has(id))
      await chunks.run(gone, (id) => {
        table.remove(id)
        counts.removed++
      })
      await yieldToEventLoop()
    }
  }

  const clients = await mirror<Client>(
    'clients',
    async (page) => {
      const { total, clients: items } = await portal.getClients(page)
      return { total, items }
    },
    (client) => client.id,
    (client, at) => applyClient(db, client, at),
    { ids: (after, limit) => clientIds(db, after, limit), remove: (id) => removeClient(db, id) },
  )

  const invites = createInviteStore(db, deps.now)
  // Before contacts: on 8.x a contact's access is the login with its e-mail on its client.
  const users =
    deps.generation === '8'
      ? await mirror<PortalUser>(
          'users',
          async (page) => {
            const { total, users: items } = await portal.getUsers(page)
            return { total, items }
          },
          (user) => user.id,
          (user) => {
            // An invite is accepted once a user with its e-mail is linked to the client (as access.list notes it):
            // from then on the login, not the invite, tells whether the person has access.
            for (const link of user.clients) {
              const invite = link.isOwner ? null : invites.find(link.clientId, user.email)
              if (invite && invite.state !== 'accepted') invites.accepted(link.clientId, user.email, user.id)
            }
            return applyUser(db, user)
          },
          { ids: (after, limit) => userIds(db, after, limit), remove: (id) => removeUser(db, id) },
        )
      : null

  const view = deps.generation === '8' ? cachedUsersView(db, invites) : null
  const contacts = applyContacts({ db, now: deps.now, newId: deps.newId, accessByEmail: deps.generation === '8' })
  const listing = await pullListing<RemoteContact>({
    ...pages,
    phase: 'contacts',
    fetchPage: async (page) => {
      const { total, contacts: items } = await portal.getContacts(page)
      return { total, items }
    },
    idOf: (contact) => contact.remoteId,
    apply: (items, readAt, applied) =>
      chunks.run(
        items,
        (contact) =>
          contacts.apply(
            { remoteId: contact.remoteId, clientId: contact.clientId, state: remoteState(contact, deps.generation, view), updatedAt: contact.updatedAt },
            readAt,
          ),
        applied,
      ),
  })
  deps.onProgress?.({ phase: 'saving', done: 0, total: null, rate: 0 })
  await contacts.finish(listing, chunks)

  // Reads that only help: a portal that refuses one, does not know it, or answers it in a form we cannot read
  // still syncs the rest, and the pass names what it went without.
  const skipped: SkippedRead[] = []
  /** A list mirrored into a table of its own, read as an auxiliary read. */
  const mirrorAuxiliary = <T extends { id: number }>(action: string, phase: 'domains' | 'products', table: MirroredTable<T>, fetchPage: FetchPage<T>) =>
    auxiliary(action, skipped, () =>
      mirror<T>(
        phase,
        fetchPage,
        (record) => record.id,
        (record) => table.apply(db, record),
        { ids: (after, limit) => table.ids(db, after, limit), remove: (id) => table.remove(db, id) },
      ),
    )
  // Every client's domains, so a search by domain finds clients never opened.
  const domains = await mirrorAuxiliary('GetClientsDomains', 'domains', domainTable, (page) =>
    portal.getClientsDomains(page).then(({ total, domains: items }) => ({ total, items })),
  )
  // Every client's hosting services, for their domains: the client's own even where registered elsewhere.
  const products = await mirrorAuxiliary('GetClientsProducts', 'products', productTable, (page) =>
    portal.getClientsProducts(page).then(({ total, products: items }) => ({ total, items })),
  )
  return { clients, contacts: contacts.counts, users, domains, products, skipped }
}

/**
 * Why an auxiliary read may be gone without: the API role refuses it, the portal does not know the action
 * ("Invalid API Action", portal_error), or its answer cannot be read. Network trouble and a cancel are not among
 * them: they stop the pass as any read's would, and the next pass tries again.
 */
const SKIPPABLE: ReadonlySet<ErrorCode> = new Set(['permission_denied', 'portal_error', 'bad_response'])

/** A failure an auxiliary read may be gone without (SKIPPABLE); any other stops what it was part of. */
export const isSkippable = (error: unknown): error is DeskFailure => error instanceof DeskFailure && SKIPPABLE.has(error.code)

/** Runs an auxiliary read; one that fails for a SKIPPABLE reason is noted in `skipped` and answers null. */
export async function auxiliary<T>(action: string, skipped: SkippedRead[], read: () => Promise<T>): Promise<T | null> {
  try {
    return await read()
  } catch (error) {
    if (!isSkippable(error)) throw error
    skipped.push({ action, error: error.toError() })
    return null
  }
}
