// What the core's integration tests share: a desk on a fresh data dir, connected to a demo portal of its own
// (over real HTTP, or through a transport the test gives) and synced once; every world is closed and its
// files removed after each test. Calls go through the desk's dispatch, as the app's and the bridge's do.
import { afterEach, expect } from 'vitest'
import { openDesk, type Desk, type DeskOptions } from '../../src/main/core/desk'
import type { HttpTransport } from '../../src/main/core/portal/transport'
import { createMemorySecretStore, type SecretStore } from '../../src/main/core/secrets'
import { startDemoPortal, type DemoPortal, type DemoPortalOptions } from '../../src/main/demo-portal/server'
import type { Emit, MethodInput, MethodName, MethodOutput } from '../../src/shared/contract'
import type { Settings } from '../../src/shared/domain'
import type { DeskError } from '../../src/shared/errors'
import { makeTempDir } from './temp-dir'

export interface DeskWorld {
  dir: ReturnType<typeof makeTempDir>
  portal: DemoPortal
  secrets: SecretStore
  desk: Desk
}

export interface WorldOptions {
  /** The demo portal's options; a free port always. */
  portal?: DemoPortalOptions
  /** How the desk reaches the portal; plain fetch over HTTP by default. */
  transport?: (portal: DemoPortal) => HttpTransport
  timeoutMs?: number
  /** Sync by itself, as the app does (the first pull is then the scheduler's, not the world's). */
  autoSync?: boolean
  /** Hears the desk's push events (sync progress, status). */
  emit?: Emit
  /** Records per page and rows per transaction of a pull (small: a small pull in many parts). */
  pull?: DeskOptions['pull']
  /** Settings changed before the portal is connected (the background check off, to count only what sync asks). */
  settings?: Partial<Settings>
}

const worlds: DeskWorld[] = []
afterEach(async () => {
  for (const world of worlds.splice(0)) {
    await world.desk.close()
    await world.portal.close()
    world.dir.remove()
  }
})

function deskOf(world: Omit<DeskWorld, 'desk'>, options: WorldOptions): Desk {
  const transport = options.transport?.(world.portal)
  return openDesk({
    dataDir: world.dir.path,
    secrets: world.secrets,
    emit: options.emit ?? (() => undefined),
    timeoutMs: options.timeoutMs ?? 2_000,
    autoSync: options.autoSync,
    pull: options.pull,
    ...(transport ? { transport } : {}),
  })
}

/** A desk connected to its own demo portal and synced once. */
export async function startWorld(options: WorldOptions = {}): Promise<DeskWorld> {
  const dir = makeTempDir()
  const portal = await startDemoPortal({ ...options.portal, port: 0 })
  const base = { dir, portal, secrets: createMemorySecretStore() }
  const world: DeskWorld = { ...base, desk: deskOf(base, options) }
  worlds.push(world)
  if (options.settings) await ok(world, 'settings.update', options.settings)
  await ok(world, 'portal.connect', { url: portal.url, identifier: portal.identifier, secret: portal.secret })
  if (options.autoSync) await expect.poll(async () => (await ok(world, 'app.status', {})).lastSync?.ok, { timeout: 30_000 }).toBe(true)
  else await ok(world, 'sync.run', {})
  return world
}

/** The same data dir opened again, as after a restart (or a crash). */
export async function restart(world: DeskWorld, options: WorldOptions = {}): Promise<void> {
  await world.desk.close()
  world.desk = deskOf(world, options)
}

export type Answer<M extends MethodName> = { ok: true; value: MethodOutput<M> } | { ok: false; error: DeskError }

export function call<M extends MethodName>(world: DeskWorld, method: M, input: MethodInput<M>): Promise<Answer<M>> {
  return world.desk.dispatch(method, input)
}

/** The method's answer; a refusal fails the test with its code and message. */
export async function ok<M extends MethodName>(world: DeskWorld, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const result = await call(world, method, input)
  if (!result.ok) throw new Error(`${method}: ${result.error.code}: ${result.error.message}`)
  return result.value
}

/** The method's refusal; an answer fails the test. */
export async function fails<M extends MethodName>(world: DeskWorld, method: M, input: MethodInput<M>): Promise<DeskError> {
  const result = await call(world, method, input)
  if (result.ok) throw new Error(`${method} unexpectedly succeeded`)
  return result.error
}
