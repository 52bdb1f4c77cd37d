// Client-area permissions on the wire: a comma list of the 13 names (docs/WHMCS.md §4), used by 7.x
// sub-accounts (AddContact/UpdateContact/GetContacts `permissions`) and by 8.x users
// (CreateClientInvite, UpdateUserPermissions, GetUserPermissions).
import { z } from 'zod'
import { PERMISSIONS, type Permission } from '../../../shared/domain'
import { DeskFailure } from '../../../shared/errors'

const KNOWN: ReadonlySet<string> = new Set(PERMISSIONS)

function isPermission(name: string): name is Permission {
  return KNOWN.has(name)
}

/**
 * `profile,contacts,invoices`: the names checked, de-duplicated and in the portal's order. A name the
 * portal does not know is refused here, before anything is sent (what the portal does with one is
 * unverified, docs/WHMCS.md §4), as is an empty list where the portal requires one.
 */
export function permissionsParam(permissions: readonly string[], options: { field?: string; allowEmpty?: boolean } = {}): string {
  const { field = 'permissions', allowEmpty = false } = options
  const index = permissions.findIndex((name) => !isPermission(name))
  if (index >= 0) {
    const name = String(permissions[index])
    const message = `Unknown permission "${name}". The portal knows only: ${PERMISSIONS.join(', ')}.`
    throw new DeskFailure('validation', message, { permission: name }, [{ path: `${field}.${index}`, message }])
  }
  if (permissions.length === 0 && !allowEmpty) {
    const message = 'Choose at least one permission.'
    throw new DeskFailure('validation', message, undefined, [{ path: field, message }])
  }
  return PERMISSIONS.filter((name) => permissions.includes(name)).join(',')
}

/** Permission names as the portal sent them, split but not yet checked against the 13 we know. */
export interface PermissionNames {
  known: Permission[]
  /** Names Contact Desk does not know (a newer WHMCS, an addon): dropped, and reported as a warning. */
  unknown: string[]
}

/**
 * A list of permission names in any shape a portal plausibly sends (tolerant on purpose: the
 * GetUserPermissions payload is undocumented, docs/WHMCS.md §4):
 * - a comma string: `"profile,contacts"` (7.x GetContacts, and the shape the portal takes as input);
 * - an array: `["profile","contacts"]`;
 * - the list wrapper GetPermissionsList uses: `{"permission":["profile",…]}`, or one name not in an array;
 * - a PHP array that json_encode wrote as an object: `{"0":"profile","2":"contacts"}`;
 * - a map of flags: `{"profile":true,"contacts":"0"}` (the names whose flag is on).
 * "", null, [] and {} are an empty list. Names are trimmed and lowercased. A missing value is refused
 * (not read as "no permissions"); callers make it optional where the key may be absent.
 */
export const permissionNames = z.unknown().transform((value, ctx): PermissionNames => {
  const names = namesOf(value, 0)
  if (names === null) {
    const message = value === undefined ? 'the portal did not send the permissions' : 'expected a list of permission names'
    ctx.addIssue({ code: 'custom', message, input: value })
    return z.NEVER
  }
  const unique = [...new Set(names)]
  return {
    known: PERMISSIONS.filter((name) => unique.includes(name)),
    unknown: unique.filter((name) => !isPermission(name)),
  }
})

const TRUE_FLAGS: ReadonlySet<unknown> = new Set([true, 1, '1', 'on', 'true'])
const FALSE_FLAGS: ReadonlySet<unknown> = new Set([false, 0, '0', '', null, 'off', 'false'])

/** null when `value` is not a list of names in any shape above. */
function namesOf(value: unknown, depth: number): string[] | null {
  if (value === null || value === '') return []
  if (typeof value === 'string') return splitNames(value)
  if (Array.isArray(value)) return joined(value.map((item) => (typeof item === 'string' ? splitNames(item) : null)))
  if (typeof value !== 'object' || depth > 1) return null
  const record = value as Record<string, unknown>
  const keys = Object.keys(record)
  if (keys.length === 0) return []
  if (keys.length === 1 && Object.hasOwn(record, 'permission')) return namesOf(record.permission, depth + 1)
  const values = Object.values(record)
  if (keys.every((key) => /^\d+$/.test(key))) return namesOf(values, depth + 1)
  const flags = values.map((item) => (typeof item === 'string' ? item.trim().toLowerCase() : item))
  if (flags.every((item) => TRUE_FLAGS.has(item) || FALSE_FLAGS.has(item))) {
    return keys.filter((_key, index) => TRUE_FLAGS.has(flags[index])).flatMap(splitNames)
  }
  return null
}

function splitNames(text: string): string[] {
  return text
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '')
}

function joined(lists: (string[] | null)[]): string[] | null {
  return lists.some((list) => list === null) ? null : (lists.flat() as string[])
}

/** The warnings for names the portal sent that we do not know, naming where they came from. */
export function unknownPermissionWarnings(unknown: readonly string[], where: string): string[] {
  return unknown.map((name) => `Ignored the permission "${name}" on ${where}: Contact Desk does not know it.`)
}
