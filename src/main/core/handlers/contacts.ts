// contacts.*: finding contacts across clients, a client's contacts, and adding, changing and deleting one
// (each an edit of the cache that the outbox pushes later).
import { DeskFailure } from '../../../shared/errors'
import { searchContacts } from '../db/contact-search'
import { getContact, listContactsOf } from '../db/contacts'
import type { HandlersOf } from '../dispatch'
import { checkedContact } from '../editing/contact-checks'
import { createContact, deleteContact, updateContact } from '../editing/edits'
import type { Session } from '../session'
import { contactView } from '../views/records'

export function contactsHandlers(session: Session): HandlersOf<'contacts'> {
  return {
    'contacts.search': async (query) => {
      const open = session.openCurrent()
      if (!open) return { total: 0, offset: query.offset, items: [] }
      const found = searchContacts(open.db, query)
      return { ...found, items: found.items.map(({ contact, clientName }) => ({ contact: contactView(open.db, contact), clientName })) }
    },
    'contacts.list': async ({ clientId }) => {
      const open = session.requirePortal()
      return listContactsOf(open.db, clientId)
        .filter((contact) => !contact.deleted)
        .map((contact) => contactView(open.db, contact))
    },
    'contacts.create': async ({ clientId, fields, access, password }) =>
      session.edit((context) => {
        const created = createContact(context, clientId, checkedContact(fields, 'fields'), access)
        session.keepPassword(created.localId, password)
        return contactView(context.db, created)
      }),
    'contacts.update': async ({ localId, changes }) =>
      session.edit((context) => {
        const current = getContact(context.db, localId)
        if (!current) throw new DeskFailure('not_found', `Contact ${localId} is not in the local cache.`, { localId })
        const merged = checkedContact({ ...current.data.fields, ...changes }, 'changes', Object.keys(changes))
        const normalized = Object.fromEntries(Object.keys(changes).map((key) => [key, merged[key as keyof typeof merged]])) as typeof changes
        return contactView(context.db, updateContact(context, localId, normalized))
      }),
    'contacts.delete': async ({ localId }) =>
      session.edit((context) => {
        deleteContact(context, localId)
        return { localId }
      }),
  }
}
