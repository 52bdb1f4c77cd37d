// LogActivity (docs/WHMCS.md §10): description=…&clientid=… (userid=… before 8.0) → {"result":"success"}.
// The entry is attributed to the API credential (there is no staff or IP parameter): the description names the
// staff member itself. The API role must allow the action; a role that does not answers permission_denied.
import { z } from 'zod'
import type { Generation } from '../../../shared/domain'
import type { Call, CallOptions } from './api-call'
import { checkInput, positiveId, type WriteResult } from './request-checks'

export interface LogActivityParams extends CallOptions {
  clientId: number
  description: string
  /** Which name the client id goes by: `userid` on 7.x, `clientid` from 8.0. */
  generation: Generation
}

const Description = z.string().trim().min(1).max(20_000)

export async function logActivity(call: Call, params: LogActivityParams): Promise<WriteResult> {
  const clientId = checkInput(positiveId, params.clientId, 'client id')
  const description = checkInput(Description, params.description, 'description')
  const client = params.generation === '7' ? { userid: clientId } : { clientid: clientId }
  const { warnings } = await call('LogActivity', { description, ...client }, z.looseObject({}), { signal: params.signal })
  return { warnings }
}
