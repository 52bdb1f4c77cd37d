// Handlers for every contract method that fail if reached, for tests of what sits in front of the core (the
// dispatcher's checks, IPC): a test overrides the few it means to reach; `reached` lists the others that were.
import type { Handlers } from '../../src/main/core/dispatch'
import { methodNames } from '../../src/shared/contract'

export function unreachableHandlers(): { handlers: Handlers; reached: string[] } {
  const reached: string[] = []
  const handlers = Object.fromEntries(
    methodNames.map((method) => [
      method,
      async () => {
        reached.push(method)
        throw new Error(`${method} must not be reached`)
      },
    ]),
  ) as unknown as Handlers
  return { handlers, reached }
}
