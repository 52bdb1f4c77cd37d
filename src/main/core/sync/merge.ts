// The three-way merge, field by field (docs/ARCHITECTURE.md §8.3): a record is flattened into keys (src/shared/record-keys.ts) —
// each text field, each e-mail category, and access as one key — and each key is judged on base, mine and theirs.
import { ACCESS_KEY, type Flat, type FlatValue } from '../../../shared/record-keys'

export type Verdict =
  /** Only the portal changed it (or nobody did): take theirs. */
  | 'theirs'
  /** Only this computer changed it: keep mine, it still has to be sent. */
  | 'mine'
  /** Both ended at the same value: nothing to send. */
  | 'same'
  /** Both changed it, differently: a person decides. */
  | 'conflict'

/**
 * Judges one key. For access, null means "not known" (8.x permissions not read yet): an unknown portal side
 * is never taken as a change, and against an unknown base only what the portal has now can be compared.
 */
export function judge(key: string, base: FlatValue, mine: FlatValue, theirs: FlatValue): Verdict {
  if (key === ACCESS_KEY && theirs === null) theirs = base
  if (key === ACCESS_KEY && base === null) base = theirs
  if (mine === theirs) return 'same'
  if (mine === base) return 'theirs'
  if (theirs === base) return 'mine'
  return 'conflict'
}

/**
 * The base to judge a key against. A portal value that one of our own attempts sent is that write landing with
 * its answer lost, not another person's change: it is the base then, so a later edit here (even back to the old
 * value) is sent, and the same value is simply "same" — never a conflict with ourselves.
 */
export function baseFor(base: FlatValue, sent: readonly FlatValue[] | undefined, theirs: FlatValue): FlatValue {
  if (!sent || sent.length === 0) return base
  // What the portal has is not known (8.x access not read): an attempt may have landed, so the base is not known either.
  if (theirs === null) return null
  return sent.includes(theirs) ? theirs : base
}

/** The keys whose values differ between two flat states. */
export function changedKeys(from: Flat, to: Flat): string[] {
  return Object.keys(to).filter((key) => from[key] !== to[key])
}
