// The one place a contract call is executed: validate the input, run the handler, validate the output,
// and answer with a Result. IPC, the loopback bridge and the CLI all go through here.
import { z } from 'zod'
import { isMethodName, methods, type MethodInput, type MethodName, type MethodOutput, type MethodParsedInput } from '../../shared/contract'
import { DeskFailure, errorText, validationError, type Result } from '../../shared/errors'

/** One handler per contract method, receiving its parsed input. */
export type Handlers = {
  [M in MethodName]: (input: MethodParsedInput<M>) => Promise<MethodOutput<M>>
}

/** The handlers of one contract prefix ('contacts', 'sync'…): each core/handlers/ module is one such table. */
export type HandlersOf<P extends string> = Pick<Handlers, Extract<MethodName, `${P}.${string}`>>

/** A call as it crosses a boundary (IPC, the loopback bridge, the core's thread): a name and an input known only at run time. */
export type WireDispatch = (method: string, input: unknown) => Promise<Result<unknown>>

/**
 * A contract call by name. Called with a method the caller knows, its input and answer are the contract's
 * types (a wrong input, or a name the contract lacks, does not compile); called with a name known only at
 * run time (a plain string, off the wire), it takes any input and checks it, as the wire form does.
 */
export interface Dispatch {
  <M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>>
  <S extends string>(method: string extends S ? S : never, input: unknown): Promise<Result<unknown>>
}

/**
 * The typed view of a wire dispatch that ends in createDispatch (here, or across the core's thread): its
 * answers were checked against the method's output schema there, so they are what the contract says.
 */
export function checkedDispatch(wire: WireDispatch): Dispatch {
  return wire as Dispatch
}

export interface DispatchOptions {
  /** Told about failures that are bugs (not DeskFailures), for the log. */
  onInternalError?: (method: string, error: unknown) => void
}

export function createDispatch(handlers: Handlers, options: DispatchOptions = {}): Dispatch {
  return checkedDispatch(async (method, input) => {
    if (!isMethodName(method)) {
      return { ok: false, error: { code: 'validation', message: `Unknown method "${method}"` } }
    }
    const spec = methods[method]
    const parsed = (spec.input as z.ZodType).safeParse(input)
    if (!parsed.success) return { ok: false, error: validationError(parsed.error, `input to ${method}`) }
    try {
      const handler = handlers[method] as (input: unknown) => Promise<unknown>
      const value = await handler(parsed.data)
      const checked = (spec.output as z.ZodType).safeParse(value)
      if (!checked.success) {
        options.onInternalError?.(method, checked.error)
        return { ok: false, error: { code: 'internal', message: `Contact Desk produced an invalid answer to ${method}` } }
      }
      return { ok: true, value: checked.data }
    } catch (error) {
      if (error instanceof DeskFailure) return { ok: false, error: error.toError() }
      options.onInternalError?.(method, error)
      return { ok: false, error: { code: 'internal', message: `Unexpected error in ${method}: ${errorText(error)}` } }
    }
  })
}
