// The open client's "who gets what" (clients.open): loaded when the page opens, again after a sync or an
// edit; the answer of the latest request wins, and what is on screen stays while a newer one loads.
// Opening a client and "Refresh" ask the portal; a re-render after a local edit reads the cache alone
// (refresh: false), so it is instant offline.
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { ClientView, DeskApi } from '../../../shared/contract'
import type { Contact, EmailPreferences } from '../../../shared/domain'
import type { DeskError } from '../../../shared/errors'

export interface ClientViewState {
  id: number | null
  view: ClientView | null
  error: DeskError | null
  loading: boolean
  /** Shows client `id` (clearing another client's view) and loads it. */
  open(id: number): Promise<void>
  /** Loads the shown client again: from the portal (after a sync, on request), or from the cache alone (after an edit). */
  reload(options?: { refresh: boolean }): Promise<void>
  /** An edit's answer, shown at once (the reload that follows brings warnings and logins). */
  putContact(contact: Contact): void
  dropContact(localId: string): void
  putOwnerPreferences(clientId: number, preferences: EmailPreferences): void
  close(): void
}

export function createClientViewStore(api: DeskApi): StoreApi<ClientViewState> {
  let latest = 0
  return createStore<ClientViewState>()((set, get) => {
    async function load(id: number, refresh: boolean): Promise<void> {
      const request = ++latest
      // A cache read takes no time: "refreshing…" would only flicker.
      if (refresh) set({ loading: true })
      const result = await api['clients.open']({ id, refresh })
      if (request !== latest || get().id !== id) return
      if (!result.ok) {
        set({ error: result.error, loading: false })
        return
      }
      // A cache read says nothing about the portal: the page keeps what the last read from the portal found
      // ("updated at…" or "offline data") for as long as that read is the one shown.
      const shown = get().view
      const fresh = refresh ? result.value.fresh : shown?.client.id === id && shown.fetchedAt === result.value.fetchedAt && shown.fresh
      set({ view: { ...result.value, fresh }, error: null, loading: false })
    }
    return {
      id: null,
      view: null,
      error: null,
      loading: false,
      async open(id) {
        if (get().id !== id) set({ id, view: null, error: null })
        await load(id, true)
      },
      async reload({ refresh } = { refresh: true }) {
        const { id } = get()
        if (id !== null) await load(id, refresh)
      },
      putContact(contact) {
        const { view } = get()
        if (!view || view.client.id !== contact.clientId) return
        const known = view.contacts.some((each) => each.localId === contact.localId)
        const contacts = known ? view.contacts.map((each) => (each.localId === contact.localId ? contact : each)) : [...view.contacts, contact]
        set({ view: { ...view, contacts } })
      },
      dropContact(localId) {
        const { view } = get()
        if (!view) return
        set({ view: { ...view, contacts: view.contacts.filter((each) => each.localId !== localId) } })
      },
      putOwnerPreferences(clientId, preferences) {
        const { view } = get()
        if (!view || view.client.id !== clientId) return
        set({ view: { ...view, ownerEmailPreferences: preferences, ownerSync: 'pending' } })
      },
      close() {
        latest++
        set({ id: null, view: null, error: null, loading: false })
      },
    }
  })
}
