// The portal client's promise, checked over generated answers: whatever the portal sends (random JSON,
// truncated bodies, HTML pages, `result`/`status` variants, fixtures with mixed-type values, any HTTP
// status), every method either resolves with a value that fits the domain schema, or rejects with a
// DeskFailure whose code is in ErrorCode. Never anything else, and never a success unless the body said
// `result` or `status` "success". Driven through the real Call, over a fake transport.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import type { WhmcsClient } from '../../../../src/main/core/portal/whmcs-client'
import {
  Client,
  ClientDetails,
  ClientDomain,
  ClientProduct,
  Generation,
  Permission,
  PortalUser,
  RemoteContact,
  type ContactFields,
} from '../../../../src/shared/domain'
import { DeskFailure, ErrorCode } from '../../../../src/shared/errors'
import { answer, fixture, portalAnswering } from './fake-transport'

const ALL_ON = { general: true, product: true, domain: true, invoice: true, support: true, affiliate: true }
const FIELDS: ContactFields = {
  firstName: 'Ana',
  lastName: 'Sá',
  companyName: '',
  email: 'ana@example.com.br',
  address1: '',
  address2: '',
  city: 'Recife',
  state: 'PE',
  postcode: '50000-000',
  country: 'BR',
  phoneNumber: '',
  taxId: '',
  emailPreferences: ALL_ON,
}

const count = z.number().int().nonnegative()
const warnings = z.array(z.string())
const written = z.strictObject({ warnings })
const page = <T extends z.ZodType>(key: string, item: T) => z.strictObject({ total: count, start: count, [key]: z.array(item), warnings })

interface Scenario {
  name: string
  run: (portal: WhmcsClient) => Promise<unknown>
  /** What a resolved value must be. */
  result: z.ZodType
  /** Real answers for this action, mutated by the generators. */
  fixtures: string[]
}

const SCENARIOS: Scenario[] = [
  {
    name: 'whmcsDetails',
    run: (portal) => portal.whmcsDetails(),
    result: z.strictObject({ version: z.string().nullable(), generation: Generation.nullable() }),
    fixtures: ['whmcsdetails-7x.json', 'whmcsdetails-8x.json'],
  },
  {
    name: 'getClients',
    run: (portal) => portal.getClients({ limitstart: 0, limitnum: 25 }),
    result: page('clients', Client),
    fixtures: ['getclients-7x.json', 'getclients-8x.json', 'getclients-empty-7x.json', 'getclients-single-7x.json'],
  },
  {
    name: 'getClientsDetails',
    run: (portal) => portal.getClientsDetails({ clientId: 42 }),
    result: z.strictObject({ client: ClientDetails, warnings }),
    fixtures: ['getclientsdetails-7x.json', 'getclientsdetails-8x.json', 'getclientsdetails-toplevel-7x.json'],
  },
  {
    name: 'updateClient',
    run: (portal) => portal.updateClient({ clientId: 42, emailPreferences: ALL_ON }),
    result: written,
    fixtures: ['updateclient-success.json', 'updateclient-icann-error.json'],
  },
  {
    name: 'getContacts',
    run: (portal) => portal.getContacts({ clientId: 42, limitstart: 0, limitnum: 25 }),
    result: page('contacts', RemoteContact),
    fixtures: ['getcontacts-7x.json', 'getcontacts-8x.json', 'getcontacts-empty-7x.json', 'getcontacts-single-7x.json'],
  },
  {
    name: 'addContact',
    run: (portal) => portal.addContact({ clientId: 42, fields: FIELDS, subAccount: { password: 'pw-1234', permissions: ['profile'] } }),
    result: z.strictObject({ contactId: z.number().int().positive(), warnings }),
    fixtures: ['addcontact-success.json', 'addcontact-subaccount-warning-8x.json', 'addcontact-duplicate-email.json'],
  },
  {
    name: 'updateContact',
    run: (portal) => portal.updateContact({ contactId: 101, changes: { city: 'Olinda', emailPreferences: ALL_ON } }),
    result: z.strictObject({ contactId: z.literal(101), warnings }),
    fixtures: ['updatecontact-success.json', 'updatecontact-subaccount-warning-8x.json', 'updatecontact-icann-error.json'],
  },
  {
    name: 'deleteContact',
    run: (portal) => portal.deleteContact({ contactId: 102 }),
    result: written,
    fixtures: ['deletecontact-success.json', 'deletecontact-not-found.json'],
  },
  {
    name: 'getUsers',
    run: (portal) => portal.getUsers({ limitstart: 0, limitnum: 25 }),
    result: page('users', PortalUser),
    fixtures: ['getusers-8x.json', 'getusers-empty-8x.json', 'getusers-wrapped-single.json'],
  },
  {
    name: 'createClientInvite',
    run: (portal) => portal.createClientInvite({ clientId: 42, email: 'a@b.com.br', permissions: ['profile', 'invoices'] }),
    result: written,
    fixtures: ['createclientinvite-success.json', 'createclientinvite-already-associated.json'],
  },
  {
    name: 'getUserPermissions',
    run: (portal) => portal.getUserPermissions({ userId: 19, clientId: 42 }),
    result: z.strictObject({ permissions: z.array(Permission), warnings }),
    fixtures: [
      'getuserpermissions-string.json',
      'getuserpermissions-array.json',
      'getuserpermissions-wrapped-status.json',
      'getuserpermissions-documented.json',
    ],
  },
  {
    name: 'updateUserPermissions',
    run: (portal) => portal.updateUserPermissions({ userId: 19, clientId: 42, permissions: ['profile'] }),
    result: written,
    fixtures: ['updateuserpermissions-success.json', 'updateuserpermissions-owner.json'],
  },
  {
    name: 'deleteUserClient',
    run: (portal) => portal.deleteUserClient({ userId: 19, clientId: 42 }),
    result: written,
    fixtures: ['deleteuserclient-success.json', 'deleteuserclient-owner.json'],
  },
  {
    name: 'getClientsDomains',
    run: (portal) => portal.getClientsDomains({ clientId: 42, limitstart: 0, limitnum: 25 }),
    result: page('domains', ClientDomain),
    fixtures: ['getclientsdomains-7x.json', 'getclientsdomains-8x.json', 'getclientsdomains-empty-7x.json'],
  },
  {
    name: 'getClientsProducts',
    run: (portal) => portal.getClientsProducts({ clientId: 42, limitstart: 0, limitnum: 25 }),
    result: page('products', ClientProduct),
    fixtures: ['getclientsproducts-7x.json', 'getclientsproducts-8x.json', 'getclientsproducts-empty-7x.json', 'getclientsproducts-documented.json'],
  },
]

/** PHP json_encode's default output: `\/` and `\uXXXX`. */
function phpJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\//g, '\\/')
    .replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/** The values the portal mixes up for one another, and some it never sends. */
const mixedValue: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom<unknown>(
      '1',
      '0',
      '',
      1,
      0,
      true,
      false,
      null,
      'on',
      '0000-00-00',
      '0000-00-00 00:00:00',
      '2024-02-30 25:61:00',
      'success',
      'error',
      '42',
      42,
      -1,
      1.5,
      [],
      {},
      'profile,orders',
    ),
  },
  { weight: 1, arbitrary: fc.string() },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
)

const outcomeValue: fc.Arbitrary<unknown> = fc.constantFrom<unknown>('success', 'error', 'Success', ' SUCCESS ', 'ok', '', 1, true, null, ['success'], {
  result: 'success',
})

type Path = (string | number)[]

/** Every place in a JSON value, containers included, in a stable order. */
function placesOf(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  out.push(path)
  if (Array.isArray(value)) value.forEach((item, index) => placesOf(item, [...path, index], out))
  else if (typeof value === 'object' && value !== null) for (const [key, item] of Object.entries(value)) placesOf(item, [...path, key], out)
  return out
}

type Mutation =
  | { op: 'replace' | 'delete' | 'unwrap' | 'wrap' | 'single'; at: number; value: unknown }
  | { op: 'outcome'; key: 'result' | 'status'; value: unknown }
  | { op: 'add'; key: string; value: unknown }

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({ op: fc.constantFrom('replace', 'delete', 'unwrap', 'wrap', 'single'), at: fc.nat(), value: mixedValue }) as fc.Arbitrary<Mutation>,
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('outcome'),
      key: fc.constantFrom('result', 'status'),
      value: fc.option(outcomeValue, { nil: undefined }),
    }) as fc.Arbitrary<Mutation>,
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('add'),
      key: fc.constantFrom('__proto__', 'constructor', 'warning', 'message', 'client', 'users', 'permissions', 'contacts', 'totalresults'),
      value: mixedValue,
    }) as fc.Arbitrary<Mutation>,
  },
)

function mutate(root: unknown, change: Mutation): unknown {
  if (typeof root !== 'object' || root === null) return root
  if (change.op === 'outcome' || change.op === 'add') {
    const copy: Record<string, unknown> = { ...(root as Record<string, unknown>) }
    if (change.value === undefined) delete copy[change.key]
    // defineProperty, so that "__proto__" becomes an own key as JSON.parse makes it, not the prototype.
    else Object.defineProperty(copy, change.key, { value: change.value, enumerable: true, writable: true, configurable: true })
    return copy
  }
  const places = placesOf(root).filter((path) => path.length > 0)
  const path = places[change.at % Math.max(1, places.length)]
  if (!path) return root
  const copy = structuredClone(root) as Record<string | number, unknown>
  const parent = path.slice(0, -1).reduce<Record<string | number, unknown>>((node, key) => node[key] as Record<string | number, unknown>, copy)
  const key = path[path.length - 1] as string | number
  const current = parent[key]
  if (change.op === 'replace') parent[key] = change.value
  else if (change.op === 'delete') {
    if (Array.isArray(parent)) parent.splice(key as number, 1)
    else delete parent[key]
  } else if (change.op === 'wrap') parent[key] = [current]
  else if (change.op === 'single') parent[key] = Array.isArray(current) ? current[0] : current
  else if (typeof current === 'object' && current !== null && !Array.isArray(current)) {
    // unwrap: {"contacts":{"contact":[…]}} → {"contacts":[…]}
    const inner = Object.values(current)
    parent[key] = inner.length === 1 ? inner[0] : current
  }
  return copy
}

function bodyFor(scenario: Scenario): fc.Arbitrary<string> {
  const texts = scenario.fixtures.map((name) => fixture(name))
  const real = fc.constantFrom(...texts)
  const mutated = fc.tuple(real, fc.array(mutation, { minLength: 1, maxLength: 6 }), fc.boolean()).map(([text, changes, php]) => {
    const value = changes.reduce<unknown>((body, change) => mutate(body, change), JSON.parse(text))
    return php ? phpJson(value) : JSON.stringify(value)
  })
  const truncated = fc.tuple(real, fc.double({ min: 0, max: 1, noNaN: true })).map(([text, at]) => text.slice(0, Math.floor(text.length * at)))
  const html = fc
    .tuple(fc.string(), fc.string(), fc.constantFrom('', '{"result":"success"}', '<br />\n<b>Notice</b>: Undefined index: x<br />\n'))
    .map(([title, text, tail]) => `<!DOCTYPE html><html><head><title>${title}</title></head><body><p>${text}</p></body></html>${tail}`)
  const noticeThenJson = real.map((text) => `<br />\n<b>Deprecated</b>: something in /var/www/whmcs/x.php<br />\n${text}`)
  const envelope = fc
    .record(
      {
        result: outcomeValue,
        status: outcomeValue,
        message: mixedValue,
        warning: mixedValue,
        totalresults: mixedValue,
        permissions: mixedValue,
        contactid: mixedValue,
        client: mixedValue,
      },
      { requiredKeys: [] },
    )
    .map((value) => JSON.stringify(value))
  return fc.oneof(
    { weight: 6, arbitrary: mutated },
    { weight: 2, arbitrary: real },
    { weight: 2, arbitrary: truncated },
    { weight: 2, arbitrary: envelope },
    { weight: 2, arbitrary: fc.json({ maxDepth: 3 }) },
    { weight: 1, arbitrary: html },
    { weight: 1, arbitrary: noticeThenJson },
    { weight: 1, arbitrary: fc.string() },
  )
}

const httpStatus = fc.oneof(
  { weight: 8, arbitrary: fc.constant(200) },
  { weight: 3, arbitrary: fc.constantFrom(201, 204, 301, 302, 400, 401, 403, 404, 429, 500, 502, 503) },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 599 }) },
)

/** Whether the portal said success: a 2xx status and `result` or `status` "success" (no "error"), as WHMCS spells them. */
function portalSaidSuccess(status: number, body: string): boolean {
  if (status < 200 || status >= 300) return false
  let value: unknown
  try {
    value = JSON.parse(body.replace(/^\uFEFF/, ''))
  } catch {
    return false
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const said = [(value as Record<string, unknown>).result, (value as Record<string, unknown>).status].map((outcome) =>
    typeof outcome === 'string' ? outcome.trim().toLowerCase() : null,
  )
  return said.includes('success') && !said.includes('error')
}

const ERROR_CODES: readonly string[] = ErrorCode.options

describe('the portal client over generated answers', () => {
  it('resolves only with domain values after a "success", and otherwise rejects only with a DeskFailure', async () => {
    const tally = { resolved: 0, rejected: 0 }
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...SCENARIOS).chain((scenario) => fc.tuple(fc.constant(scenario), bodyFor(scenario), httpStatus)),
        async ([scenario, body, status]) => {
          const { portal } = portalAnswering(() => answer(status, body, { 'content-type': 'application/json' }))
          const outcome = await scenario.run(portal).then(
            (value) => ({ resolved: true as const, value }),
            (error: unknown) => ({ resolved: false as const, error }),
          )
          if (outcome.resolved) {
            tally.resolved++
            expect(portalSaidSuccess(status, body), `${scenario.name} resolved without a success`).toBe(true)
            const fits = scenario.result.safeParse(outcome.value)
            expect(fits.error, `${scenario.name} resolved with a value outside the domain`).toBeUndefined()
          } else {
            tally.rejected++
            expect(outcome.error, `${scenario.name} rejected with something other than a DeskFailure`).toBeInstanceOf(DeskFailure)
            expect(ERROR_CODES).toContain((outcome.error as DeskFailure).code)
            expect(JSON.stringify((outcome.error as DeskFailure).toError())).not.toContain('pw-1234')
          }
        },
      ),
      { numRuns: 3000 },
    )
    // The generators reach both sides, or the property says little.
    expect(tally.resolved).toBeGreaterThan(300)
    expect(tally.rejected).toBeGreaterThan(300)
  })

  it.each(SCENARIOS.map((scenario) => [scenario.name, scenario] as const))(
    '%s: every real fixture either decodes into the domain or is a portal refusal',
    async (_name, scenario) => {
      for (const name of scenario.fixtures) {
        const body = fixture(name)
        const { portal } = portalAnswering(() => answer(200, body))
        const outcome = await scenario.run(portal).then(
          (value) => ({ value, error: undefined }),
          (error: unknown) => ({ value: undefined, error }),
        )
        if (name === 'getuserpermissions-documented.json') {
          // The documented example has no permissions at all: refused rather than read as "none".
          expect(outcome.error, name).toMatchObject({ code: 'bad_response' })
        } else if (portalSaidSuccess(200, body)) {
          expect(outcome.error, name).toBeUndefined()
          expect(scenario.result.safeParse(outcome.value).error, name).toBeUndefined()
        } else expect(outcome.error, name).toMatchObject({ code: 'portal_error' })
      }
    },
  )
})
