// The same portal client with a hook run before each of its API methods: how a sync pass counts its calls
// (sync/engine.ts) and how the background check paces its own (check/pace.ts). `call`, the raw request under the
// methods, is left alone: every method goes through it once.
import type { WhmcsClient } from './whmcs-client'

/** `before` runs first on every method call, told its name; a promise it answers is waited for before the request goes. */
export function beforeEachCall(portal: WhmcsClient, before: (method: string) => void | Promise<void>): WhmcsClient {
  const wrapped = { ...portal }
  for (const [name, method] of Object.entries(portal) as [keyof WhmcsClient, unknown][]) {
    if (typeof method !== 'function' || name === 'call') continue
    const run = (args: unknown[]) => (method as (...args: unknown[]) => unknown)(...args)
    Object.assign(wrapped, {
      [name]: (...args: unknown[]) => {
        const waited = before(name)
        return waited ? waited.then(() => run(args)) : run(args)
      },
    })
  }
  return wrapped
}
