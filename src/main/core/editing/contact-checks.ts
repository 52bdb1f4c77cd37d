// The editor's Brazilian checks, again in main (docs/ARCHITECTURE.md §11: validation at every boundary — the CLI and any
// other client get the same answer as the screen). Only what staff enter is judged: a value the portal
// already holds never blocks an unrelated edit.
import { checkBrazilianContact, normalizeBrazilianContact } from '../../../shared/brazil'
import type { ContactFields } from '../../../shared/domain'
import { DeskFailure } from '../../../shared/errors'

/**
 * The contact as it will be stored (Brazilian formats normalised), or a validation error naming each field
 * under `prefix` (e.g. `fields.taxId`) with the problem's code (`taxId.checkDigits`) as its message.
 */
export function checkedContact(fields: ContactFields, prefix: string, judged: readonly string[] | 'all' = 'all'): ContactFields {
  const issues = checkBrazilianContact(fields).issues.filter((issue) => judged === 'all' || judged.includes(issue.path))
  if (issues.length > 0) {
    throw new DeskFailure(
      'validation',
      `Invalid contact: ${issues.map((issue) => `${prefix}.${issue.path}: ${issue.code}`).join('; ')}`,
      undefined,
      issues.map((issue) => ({ path: `${prefix}.${issue.path}`, message: issue.code })),
    )
  }
  return normalizeBrazilianContact(fields)
}
