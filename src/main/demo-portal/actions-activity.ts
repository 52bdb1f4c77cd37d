// LogActivity and GetActivityLog (docs/WHMCS.md §10): one line appended to the activity log, attributed to the API
// credential (it takes no staff or IP parameter), and the log read back. The client is `userid` before 8.0 and
// `clientid` from 8.0 on; each generation reads only its own name, so a client that sends the other one is caught.
import { stringParam, type FormArray } from './php-form'
import type { DemoActivity } from './schema'
import { idParam, paging } from './request'
import { failure, listAnswer, success } from './answer'
import { type ActionContext, type JsonObject } from './action'

const clientParam = (context: ActionContext): string => (context.generation === '8' ? 'clientid' : 'userid')

/** `description` required; the client optional, and refused when the portal has no such client (our choice). */
export function logActivity(params: FormArray, context: ActionContext): JsonObject {
  const description = (stringParam(params, 'description') ?? '').trim()
  if (description === '') return failure('Description is required')
  const clientId = idParam(params, clientParam(context))
  if (clientId !== 0 && context.store.client(clientId) === undefined) return failure('Client ID Not Found')
  context.store.addActivity({ clientid: clientId, description, date: context.now().toISOString() })
  return success()
}

/** Newest first; filters the client (`clientid` on 8.x, `userid` on 7.x) and a `description` substring. */
export function getActivityLog(params: FormArray, context: ActionContext): JsonObject {
  const { limitstart, limitnum } = paging(params)
  const clientId = idParam(params, clientParam(context))
  const text = (stringParam(params, 'description') ?? '').toLowerCase()
  const matches = context.store.state.activity
    .filter((entry) => (clientId === 0 || entry.clientid === clientId) && (text === '' || entry.description.toLowerCase().includes(text)))
    .toReversed()
  const page = matches.slice(limitstart, limitstart + limitnum).map(activityItem)
  return listAnswer(context, { total: matches.length, limitstart, page, wrapper: 'activity', item: 'entry' })
}

function activityItem(entry: DemoActivity): JsonObject {
  return {
    id: entry.id,
    clientId: entry.clientid,
    userId: 0,
    adminId: 0,
    date: entry.date,
    description: entry.description,
    username: 'API',
    ipaddress: '127.0.0.1',
  }
}
