// Reads the portal's HTTP answer into WHMCS's envelope, or throws the DeskFailure it amounts to.
// The JSON body is read before the status is judged: a 403 carries the reason ("Invalid IP …"),
// which client libraries that throw on 4xx lose (docs/WHMCS.md §1, §8).
import { badResponse, refusal, serverError } from './failures'

export interface RawAnswer {
  status: number
  contentType: string | null
  location: string | null
  body: string
}

export interface Envelope {
  /** The whole JSON object, `result` and `warning` included, for the action's schema to read. */
  body: Record<string, unknown>
  /** The portal's `warning`, to show the user: it can come with a success that did not fully happen (docs/WHMCS.md §1). */
  warnings: string[]
}

export interface AnswerContext {
  action: string
  host: string
  /** Removes the secret from text quoted back to the user, in case the page echoes the request. */
  redact: (text: string) => string
}

export function readEnvelope(answer: RawAnswer, context: AnswerContext): Envelope {
  const { action } = context
  const { status } = answer
  const body = parseObject(answer.body)
  const outcome = body ? outcomeOf(body) : null
  const portalMessage = body ? messageOf(body) : null
  const warnings = body ? warningsOf(body) : []

  if (status >= 500) throw serverError(context.host, status)
  if (status >= 400) {
    if (outcome === 'error' || portalMessage !== null) return reject(portalMessage ?? '')
    throw badResponse(action, describe(answer, context), { status: String(status) })
  }
  if (status < 200 || status >= 300) {
    const target = answer.location ? ` to ${shorten(context.redact(answer.location), 200)}` : ''
    throw badResponse(action, `it redirected (HTTP ${status})${target}. Enter the address it redirects to`, {
      status: String(status),
    })
  }
  if (!body) throw badResponse(action, describe(answer, context), { status: String(status) })
  if (outcome === 'error') return reject(portalMessage ?? '')
  if (outcome !== 'success') {
    throw badResponse(action, 'it does not say whether the request succeeded (no "result" or "status")', {
      status: String(status),
    })
  }
  return { body, warnings }

  function reject(message: string): never {
    throw refusal(message, action, status, warnings)
  }
}

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text.replace(/^\uFEFF/, ''))
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null
  } catch {
    return null
  }
}

/** Most actions answer in `result`, a few in `status` (GetEmails, GetPermissionsList): both count. An error in either wins. */
function outcomeOf(body: Record<string, unknown>): 'success' | 'error' | null {
  const values = [body.result, body.status].map((value) => (typeof value === 'string' ? value.trim().toLowerCase() : null))
  if (values.includes('error')) return 'error'
  return values.includes('success') ? 'success' : null
}

/** A ContactDetailsValidation hook may return several messages (docs/WHMCS.md §7). */
function messageOf(body: Record<string, unknown>): string | null {
  const message = body.message
  if (typeof message === 'string') return message.trim()
  if (Array.isArray(message) && message.every((part) => typeof part === 'string')) return message.join('; ')
  return null
}

function warningsOf(body: Record<string, unknown>): string[] {
  const warning = body.warning
  const all = Array.isArray(warning) ? warning : [warning]
  return all.flatMap((item) => {
    if (typeof item === 'string') return item.trim() === '' ? [] : [item]
    // Never dropped, whatever its shape.
    return item === undefined || item === null ? [] : [JSON.stringify(item)]
  })
}

/** What came back instead of WHMCS JSON: status, type and a short excerpt, readable and free of the secret. */
function describe(answer: RawAnswer, context: AnswerContext): string {
  const type = answer.contentType ? `, ${shorten(answer.contentType.split(';')[0]?.trim() ?? '', 60)}` : ''
  const text = excerpt(context.redact(answer.body))
  return `HTTP ${answer.status}${type}, ${text ? `starting "${text}"` : 'empty'}`
}

/** The readable start of a body: an HTML page's title if it has one, else its text without tags. */
function excerpt(body: string): string {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(body)?.[1]
  const text = (title ?? body)
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    // Control characters would garble a log line or a dialog.
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  return shorten(text, 120)
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text
}
