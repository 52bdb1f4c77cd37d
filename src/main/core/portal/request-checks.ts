// The client-side checks of what we are about to send (so a bad request fails here, before the network), what a
// write answers, and the password kept out of every failure.
import { z } from 'zod'
import { DeskFailure, validationError } from '../../../shared/errors'
import { percentEncode } from './encode'

/** What a write answers: nothing but the portal's warnings, which must reach the user. */
export interface WriteResult {
  warnings: string[]
}

/** The input a method was given, checked by `schema`; a refusal is a `validation` DeskFailure naming each field. */
export function checkInput<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const parsed = schema.safeParse(input)
  if (parsed.success) return parsed.data
  const error = validationError(parsed.error, what)
  throw new DeskFailure('validation', error.message, undefined, error.issues)
}

/** A portal record id we are about to send. */
export const positiveId = z.number().int().positive()

/** The user and the client of an 8.x user-client link (`user_id`, `client_id`). */
export const UserClientInput = z.object({ userId: positiveId, clientId: positiveId })

/** Paging we are about to send. */
export const paging = {
  limitstart: z.number().int().nonnegative(),
  limitnum: z.number().int().positive(),
}

/**
 * Runs a call that carries a password (a 7.x sub-account's `password2`) and makes sure no failure
 * quotes it: a proxy page or a PHP notice may echo the request back, and failures end up on screen and
 * in logs. Every spelling it can have in a body is replaced by "[password]".
 */
export async function withoutPassword<T>(password: string | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (password === undefined || password === '' || !(error instanceof DeskFailure)) throw error
    const forms = [...new Set([password, percentEncode(password), encodeURIComponent(password)])]
      // Longest first, so a form that contains another is replaced whole.
      .sort((a, b) => b.length - a.length)
    const clean = (text: string): string => forms.reduce((out, form) => out.split(form).join('[password]'), text)
    const params = error.params && Object.fromEntries(Object.entries(error.params).map(([key, value]) => [key, clean(value)]))
    const issues = error.issues?.map((issue) => ({ path: issue.path, message: clean(issue.message) }))
    throw new DeskFailure(error.code, clean(error.message), params, issues)
  }
}
