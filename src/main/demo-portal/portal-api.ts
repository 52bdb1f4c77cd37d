// What the demo portal offers the code that starts it (tests, the CLI, browser mode) and its control endpoint:
// types only, so control.ts and server.ts both depend on this file and not on each other.
import type { DemoGeneration, JsonObject } from './action'
import type { AcceptedInvite, AcceptInviteInput } from './actions-users'
import type { DemoClient, DemoState } from './data'
import type { ActiveFault, FaultSpec } from './faults'

/** A request parameter for `control.edit`: nested objects become bracket keys (`email_preferences[invoice]`). */
export type EditValue = string | number | boolean | { [key: string]: string | number | boolean }
export type EditParams = Record<string, EditValue>

/** Fault injection, at run time (see faults.ts for the kinds). */
export interface DemoFaults {
  /** Adds a fault; resolves once it is in force (for `down`: once the API port no longer listens). */
  add(spec: FaultSpec): Promise<ActiveFault>
  /** Replaces every active fault with these. */
  set(...specs: FaultSpec[]): Promise<ActiveFault[]>
  /** Removes one fault; false when it was not active. Removing `down` listens again, on the same port. */
  remove(id: number): Promise<boolean>
  /** Removes every fault; a portal that was down listens again, on the same port. */
  clear(): Promise<void>
  /** The active faults, with how many requests each still applies to. */
  list(): ActiveFault[]
}

/** What tests do "as another staff member": never subject to faults, credentials or IP rules. */
export interface DemoControl {
  /**
   * Runs an API action on the data (e.g. `edit('UpdateContact', { contactid: 5, email_preferences: { invoice: 1 } })`)
   * and resolves with its answer, after the change is saved. The generation's rules apply (a 7.x
   * portal does not know GetUsers); business errors come back as `result: "error"` answers.
   */
  edit(action: string, params?: EditParams): Promise<JsonObject>
  /** Accepts a pending invite as the invited person would in the client area (actions-users.ts). */
  acceptInvite(input: AcceptInviteInput): Promise<AcceptedInvite>
  /** A deep copy of the whole state, pending invites included. */
  snapshot(): DemoState
  /** The API requests the portal has received since it started, by action (lower case): what a client cost it. */
  calls(): Record<string, number>
}

/** An API request without its socket: what `handleApiRequest` takes. */
export interface ApiRequest {
  method: string
  /** Path and query, e.g. `/includes/api.php`. */
  url: string
  contentType: string
  /** undefined: larger than any real request (413). */
  body: string | undefined
  remoteIp: string
}

/** What the client's connection sees. */
export type ApiOutcome =
  | { kind: 'answer'; status: number; contentType: string; body: string }
  /** The connection is dropped without an answer (drop-before-commit, drop-after-commit). */
  | { kind: 'dropped' }
  /** No answer, ever (the `hang` fault): the client gives up on its own. */
  | { kind: 'hang' }
  /** Nothing listens (the `down` fault): the connection is refused. */
  | { kind: 'refused' }

export interface DemoPortal {
  /** Base URL, e.g. http://127.0.0.1:PORT/ */
  readonly url: string
  /** The API endpoint, `${url}includes/api.php`. */
  readonly apiUrl: string
  /** The control endpoint's base URL, only when started with `control: true`. */
  readonly controlUrl: string | undefined
  readonly identifier: string
  readonly secret: string
  readonly generation: DemoGeneration
  /** The live data; change it only through `mutate`, `updateClient` or `control` so it is saved. */
  readonly state: DemoState
  readonly faults: DemoFaults
  readonly control: DemoControl
  /**
   * Changes the data as someone working on the portal would, then saves it. The change runs at once
   * (before the returned promise settles); the promise settles when the state file is written.
   */
  mutate<T>(change: (state: DemoState) => T): Promise<T>
  /** Edits one client's fields; the result is validated, so a bad patch throws and changes nothing. */
  updateClient(id: number, patch: Partial<Omit<DemoClient, 'id'>>): Promise<DemoClient>
  /**
   * Handles one API request in this process, without a socket (fast tests): the same credentials, faults,
   * latency and saving as over HTTP. While `down` is in force the answer is `refused`.
   */
  handleApiRequest(request: ApiRequest): Promise<ApiOutcome>
  /** Stops listening, drops open connections, and waits for the last save. */
  close(): Promise<void>
}
