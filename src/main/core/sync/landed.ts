// A create whose answer was lost (or a crash right after it) may be on the portal under an id we never
// learnt. Before anything sends it again, the client's contacts are searched for it (docs/ARCHITECTURE.md §8.5).
import type { Flat } from '../../../shared/record-keys'
import { sameEmail } from '../../../shared/text'

/** A contact the portal lists that no local record claims yet. */
export interface Unclaimed {
  remoteId: number
  email: string
  firstName: string
  lastName: string
}

const sameName = (a: string, b: string) => a.trim().toLocaleLowerCase('pt-BR') === b.trim().toLocaleLowerCase('pt-BR')

/**
 * Which unclaimed contact of the client is our create, given what it sent: the one with the address it sent;
 * failing that (someone changed the address there since), the only one created after the attempt left
 * (a higher id than any the cache knew then) with the name it sent. Several such: none — a person would
 * have to tell them apart, and adopting the wrong one would merge two people.
 */
export function findLanded(sent: { fields: Flat; afterRemoteId: number | null }, candidates: readonly Unclaimed[]): Unclaimed | null {
  const { email, firstName, lastName } = sent.fields
  const byEmail = typeof email === 'string' ? candidates.find((candidate) => sameEmail(candidate.email, email)) : undefined
  if (byEmail) return byEmail
  const { afterRemoteId } = sent
  if (afterRemoteId === null || typeof firstName !== 'string' || typeof lastName !== 'string') return null
  const newer = candidates.filter(
    (candidate) => candidate.remoteId > afterRemoteId && sameName(candidate.firstName, firstName) && sameName(candidate.lastName, lastName),
  )
  return newer.length === 1 ? (newer[0] ?? null) : null
}
