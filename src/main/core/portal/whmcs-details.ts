// WhmcsDetails: the portal's version, which tells the 7.x contact model from the 8.x users model (docs/ARCHITECTURE.md §2).
// `{"result":"success","whmcs":{"version":"8.10.1","canonicalversion":"8.10.1-release.1"}}`
import { z } from 'zod'
import type { Generation } from '../../../shared/domain'
import type { CallOptions, Call } from './api-call'
import { text } from './decode'

export interface WhmcsDetails {
  /** As the portal reports it, or null when it did not say. */
  version: string | null
  /** null when the version does not tell (the caller then asks the user or probes). */
  generation: Generation | null
}

const WhmcsDetailsAnswer = z.looseObject({
  whmcs: z.looseObject({ version: text, canonicalversion: text }).optional(),
})

/** A credential whose role forbids WhmcsDetails rejects with `permission_denied`; the caller decides whether that matters. */
export async function whmcsDetails(call: Call, options: CallOptions = {}): Promise<WhmcsDetails> {
  const { data } = await call('WhmcsDetails', {}, WhmcsDetailsAnswer, options)
  const version = data.whmcs?.version.trim() || data.whmcs?.canonicalversion.trim() || null
  return { version, generation: version === null ? null : generationOf(version) }
}

/** 8.0 introduced users; 9.x kept the 8.x model (docs/WHMCS.md §7 version matrix). */
export function generationOf(version: string): Generation | null {
  const major = /^\s*v?(\d+)(?:[.\s-]|$)/i.exec(version)?.[1]
  if (major === undefined) return null
  const number = Number(major)
  if (number >= 8) return '8'
  return number >= 1 ? '7' : null
}
