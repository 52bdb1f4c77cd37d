// What an action is: the request's values in, the answer out, with the store, the generation the portal imitates
// and its clock; and the refusal of a control operation.
import type { FormArray } from './php-form'
import type { JsonValue } from './php-json'
import type { DemoStore } from './store'

export const DEMO_GENERATIONS = ['7', '8'] as const
/** Which WHMCS major the portal imitates: "7" answers every scalar as a string, "8" sends typed values. */
export type DemoGeneration = (typeof DEMO_GENERATIONS)[number]

export type JsonObject = { [key: string]: JsonValue }

export interface ActionContext {
  readonly store: DemoStore
  readonly generation: DemoGeneration
  /** Whether GetEmails sends the delivery fields (pending, failed, failure_reason, retry_count), as 8.x-era installs do. */
  readonly emailDelivery: boolean
  /** The server's clock; timestamps are written in its local time, as WHMCS does. */
  now(): Date
}

export type Action = (params: FormArray, context: ActionContext) => JsonObject

/**
 * A refusal of a control operation (not a WHMCS answer): `status` is the HTTP status the control
 * endpoint answers with.
 */
export class DemoControlError extends Error {
  override readonly name = 'DemoControlError'

  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}
