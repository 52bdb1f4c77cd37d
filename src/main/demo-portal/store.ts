// The portal's state with the lookups the actions need (by id, by e-mail, per client). Indexes are built
// on first use and kept up to date by the write helpers below; an outside edit (DemoPortal.mutate) can
// change anything, so it drops them all. At 100k clients a rebuild costs tens of milliseconds: fine
// once, too slow on every write.
import type { DemoActivity, DemoClient, DemoContact, DemoDomain, DemoInvite, DemoProduct, DemoState, DemoUser } from './schema'
import { foldCase } from './text'

/** E-mail addresses compare case-insensitively (MySQL's *_ci collations, WHMCS's). */
export function emailKey(email: string): string {
  return email.trim().toLowerCase()
}

/** What GetClients' search compares against; "firstname lastname" also covers the first name alone. */
export function clientSearchKeys(client: DemoClient): string[] {
  return [client.email, `${client.firstname} ${client.lastname}`, client.lastname, client.companyname].map(foldCase)
}

interface ClientIndex {
  byId: Map<number, DemoClient>
  byEmail: Map<string, DemoClient>
}
interface ContactIndex {
  byId: Map<number, DemoContact>
  byClient: Map<number, DemoContact[]>
  maxId: number
}
interface UserIndex {
  byId: Map<number, DemoUser>
  byEmail: Map<string, DemoUser>
  byClient: Map<number, DemoUser[]>
  maxId: number
}

export class DemoStore {
  /** Bumped by every write, so the server knows when to save. */
  revision = 0
  private clientIndex: ClientIndex | undefined
  private contactIndex: ContactIndex | undefined
  private userIndex: UserIndex | undefined
  private domainIndex: Map<number, DemoDomain[]> | undefined
  private productIndex: Map<number, DemoProduct[]> | undefined
  // Folding every client's text on every search is the slow part of a search over 100k clients.
  private searchKeyCache = new WeakMap<DemoClient, readonly string[]>()
  private userSearchKeyCache = new WeakMap<DemoUser, readonly string[]>()
  /** Lists already found in id order, with the revision they were checked at (inIdOrder). */
  private ordered = new WeakMap<readonly { id: number }[], { revision: number; records: readonly { id: number }[] }>()
  /** The highest ids handed out, so a deleted record's id is not reused (MySQL's auto-increment). */
  private readonly lastIds = { contact: 0, user: 0, invite: 0 }

  constructor(readonly state: DemoState) {}

  /** After an outside edit: nothing cached can be trusted any more. */
  invalidate(): void {
    this.clientIndex = this.contactIndex = this.userIndex = this.domainIndex = this.productIndex = undefined
    this.searchKeyCache = new WeakMap()
    this.userSearchKeyCache = new WeakMap()
    this.revision++
  }

  /**
   * The records in id order (descending when asked). The state's lists are kept in id order already and each is
   * checked once per revision, not on every page: paging through 100k records costs the page, not the list.
   */
  inIdOrder<T extends { id: number }>(records: readonly T[], descending = false): readonly T[] {
    let known = this.ordered.get(records)
    if (known === undefined || known.revision !== this.revision) {
      let sorted = true
      for (let i = 1; i < records.length && sorted; i++) sorted = (records[i - 1] as T).id < (records[i] as T).id
      known = { revision: this.revision, records: sorted ? records : [...records].sort((a, b) => a.id - b.id) }
      this.ordered.set(records, known)
    }
    const ascending = known.records as readonly T[]
    return descending ? [...ascending].reverse() : ascending
  }

  // ---- clients

  client(id: number): DemoClient | undefined {
    return this.clients().byId.get(id)
  }

  clientByEmail(email: string): DemoClient | undefined {
    return this.clients().byEmail.get(emailKey(email))
  }

  searchKeys(client: DemoClient): readonly string[] {
    let keys = this.searchKeyCache.get(client)
    if (keys === undefined) this.searchKeyCache.set(client, (keys = clientSearchKeys(client)))
    return keys
  }

  /** Records an in-place edit of a client (its e-mail may have changed). */
  clientChanged(client: DemoClient, previousEmail: string): void {
    this.searchKeyCache.delete(client)
    const index = this.clientIndex
    if (index !== undefined && emailKey(previousEmail) !== emailKey(client.email)) {
      if (index.byEmail.get(emailKey(previousEmail)) === client) index.byEmail.delete(emailKey(previousEmail))
      index.byEmail.set(emailKey(client.email), client)
    }
    this.revision++
  }

  // ---- contacts

  contact(id: number): DemoContact | undefined {
    return this.contacts().byId.get(id)
  }

  contactsOf(clientId: number): readonly DemoContact[] {
    return this.contacts().byClient.get(clientId) ?? []
  }

  /** Adds a contact with the next id (WHMCS's auto-increment: ids are never reused while it runs). */
  addContact(fields: Omit<DemoContact, 'id'>): DemoContact {
    const index = this.contacts()
    const contact: DemoContact = { ...fields, id: (this.lastIds.contact = ++index.maxId) }
    this.state.contacts.push(contact)
    index.byId.set(contact.id, contact)
    listIn(index.byClient, contact.userid).push(contact)
    this.revision++
    return contact
  }

  /** Records an in-place edit of a contact (its client never changes). */
  contactChanged(): void {
    this.revision++
  }

  removeContact(contact: DemoContact): void {
    const index = this.contacts()
    remove(this.state.contacts, contact)
    index.byId.delete(contact.id)
    remove(index.byClient.get(contact.userid) ?? [], contact)
    this.revision++
  }

  // ---- users

  user(id: number): DemoUser | undefined {
    return this.users().byId.get(id)
  }

  userByEmail(email: string): DemoUser | undefined {
    return this.users().byEmail.get(emailKey(email))
  }

  /** The users linked to a client, the owner included. */
  usersOf(clientId: number): readonly DemoUser[] {
    return this.users().byClient.get(clientId) ?? []
  }

  /** What GetUsers' search compares against, folded: e-mail, first name, last name, full name. */
  userSearchKeys(user: DemoUser): readonly string[] {
    let keys = this.userSearchKeyCache.get(user)
    if (keys === undefined) {
      keys = [user.email, user.firstname, user.lastname, `${user.firstname} ${user.lastname}`].map(foldCase)
      this.userSearchKeyCache.set(user, keys)
    }
    return keys
  }

  addUser(fields: Omit<DemoUser, 'id'>): DemoUser {
    const user: DemoUser = { ...fields, id: (this.lastIds.user = this.users().maxId + 1) }
    this.state.users.push(user)
    this.usersChanged()
    return user
  }

  /** Records an edit of users or their links: the (small) user index is rebuilt on next use. */
  usersChanged(): void {
    this.userIndex = undefined
    this.revision++
  }

  // ---- domains

  domainsOf(clientId: number): readonly DemoDomain[] {
    this.domainIndex ??= byClient(this.state.domains, (domain) => domain.userid)
    return this.domainIndex.get(clientId) ?? []
  }

  // ---- hosting services

  productsOf(clientId: number): readonly DemoProduct[] {
    this.productIndex ??= byClient(this.state.products, (product) => product.clientid)
    return this.productIndex.get(clientId) ?? []
  }

  // ---- invites

  invite(id: number): DemoInvite | undefined {
    return this.state.invites.find((invite) => invite.id === id)
  }

  addInvite(fields: Omit<DemoInvite, 'id'>): DemoInvite {
    const highest = this.state.invites.reduce((max, existing) => Math.max(max, existing.id), this.lastIds.invite)
    const invite: DemoInvite = { ...fields, id: (this.lastIds.invite = highest + 1) }
    this.state.invites.push(invite)
    this.revision++
    return invite
  }

  removeInvite(invite: DemoInvite): void {
    remove(this.state.invites, invite)
    this.revision++
  }

  // ---- activity log

  addActivity(fields: Omit<DemoActivity, 'id'>): DemoActivity {
    const highest = this.state.activity.reduce((max, existing) => Math.max(max, existing.id), 0)
    const entry: DemoActivity = { ...fields, id: highest + 1 }
    this.state.activity.push(entry)
    this.revision++
    return entry
  }

  // ---- indexes

  private clients(): ClientIndex {
    if (this.clientIndex === undefined) {
      const byId = new Map<number, DemoClient>()
      const byEmail = new Map<string, DemoClient>()
      for (const client of this.state.clients) {
        byId.set(client.id, client)
        const key = emailKey(client.email)
        // The first (oldest) client wins, as a lookup by e-mail with the lowest id would.
        if (!byEmail.has(key)) byEmail.set(key, client)
      }
      this.clientIndex = { byId, byEmail }
    }
    return this.clientIndex
  }

  private contacts(): ContactIndex {
    if (this.contactIndex === undefined) {
      const byId = new Map<number, DemoContact>()
      const byClient = new Map<number, DemoContact[]>()
      let maxId = 0
      for (const contact of this.state.contacts) {
        byId.set(contact.id, contact)
        listIn(byClient, contact.userid).push(contact)
        if (contact.id > maxId) maxId = contact.id
      }
      this.contactIndex = { byId, byClient, maxId: Math.max(maxId, this.lastIds.contact) }
    }
    return this.contactIndex
  }

  private users(): UserIndex {
    if (this.userIndex === undefined) {
      const byId = new Map<number, DemoUser>()
      const byEmail = new Map<string, DemoUser>()
      const byClient = new Map<number, DemoUser[]>()
      let maxId = 0
      for (const user of this.state.users) {
        byId.set(user.id, user)
        byEmail.set(emailKey(user.email), user)
        for (const link of user.clients) listIn(byClient, link.clientid).push(user)
        if (user.id > maxId) maxId = user.id
      }
      this.userIndex = { byId, byEmail, byClient, maxId: Math.max(maxId, this.lastIds.user) }
    }
    return this.userIndex
  }
}

/** Records grouped by their client, in the list's order. */
function byClient<T>(records: readonly T[], clientOf: (record: T) => number): Map<number, T[]> {
  const index = new Map<number, T[]>()
  for (const record of records) listIn(index, clientOf(record)).push(record)
  return index
}

function listIn<K, V>(map: Map<K, V[]>, key: K): V[] {
  let list = map.get(key)
  if (list === undefined) map.set(key, (list = []))
  return list
}

function remove<T>(list: T[], item: T): void {
  const index = list.indexOf(item)
  if (index !== -1) list.splice(index, 1)
}
