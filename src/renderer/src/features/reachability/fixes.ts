// One-click fixes from the audit (issue 15 item 4), offline first like every edit: each is an ordinary contact edit,
// saved in the cache and queued for the portal (a push-only pass sends it), and the audit judges the client again at
// once, so a fixed client leaves the list before the sync and stays off it after.
import type { DeskApi } from '../../../../shared/contract'
import { failureOf } from '../../../../shared/errors'

/** "Turn invoice e-mails on" for a contact on another domain: its other preferences stay as they are. */
export async function turnInvoicesOn(api: DeskApi, clientId: number, localId: string): Promise<void> {
  const contacts = await api['contacts.list']({ clientId })
  if (!contacts.ok) throw failureOf(contacts.error)
  const contact = contacts.value.find((each) => each.localId === localId)
  if (!contact) throw failureOf({ code: 'not_found', message: `contact ${localId} is no longer in the cache` })
  const updated = await api['contacts.update']({ localId, changes: { emailPreferences: { ...contact.emailPreferences, invoice: true } } })
  if (!updated.ok) throw failureOf(updated.error)
}
