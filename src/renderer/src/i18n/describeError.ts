// A DeskError in the user's words. The code picks the sentence; params (ip, action, status, portalMessage, edits, conflicts) fill it.
import type { TFunction } from 'i18next'
import type { DeskError } from '../../../shared/errors'

const PARAMS = ['ip', 'action', 'status', 'portalMessage', 'edits', 'conflicts'] as const

export function describeError(t: TFunction, error: DeskError): string {
  const unknown = t('errors.unknownValue')
  const params: Record<(typeof PARAMS)[number], string> = {
    ip: unknown,
    action: unknown,
    status: unknown,
    portalMessage: unknown,
    edits: unknown,
    conflicts: unknown,
  }
  for (const name of PARAMS) {
    const value = error.params?.[name]
    if (value) params[name] = value
  }
  // portal_error without the portal's words falls back to the English message main logged.
  if (error.code === 'portal_error' && !error.params?.portalMessage) params.portalMessage = error.message
  return t(`errors.${error.code}`, params)
}

/** The field-level messages of a validation error, keyed by the field's path. */
export function fieldErrors(t: TFunction, error: DeskError | null | undefined): Record<string, string> {
  const fields: Record<string, string> = {}
  if (error?.code !== 'validation') return fields
  for (const issue of error.issues ?? []) {
    if (fields[issue.path]) continue
    fields[issue.path] = issue.message === 'required' ? t('validation.required') : t('validation.invalid', { detail: issue.message })
  }
  return fields
}
