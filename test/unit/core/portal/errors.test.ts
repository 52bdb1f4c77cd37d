// Every class of portal failure, produced by the real portal client from what a portal sends on the wire,
// and the sentence a helpdesk user then reads, in pt-BR and in English.
import { describe, expect, it } from 'vitest'
import { createWhmcsClient } from '../../../../src/main/core/portal/whmcs-client'
import type { HttpTransport } from '../../../../src/main/core/portal/transport'
import { describeError } from '../../../../src/renderer/src/i18n/describeError'
import { createI18n } from '../../../../src/renderer/src/i18n'
import { DeskFailure } from '../../../../src/shared/errors'
import { answer, fakeTransport, jsonAnswer, waitForAbort, type Responder } from './fake-transport'

const API_URL = 'https://portal.exemplo.com.br/includes/api.php'
const pt = createI18n('pt-BR').t
const en = createI18n('en').t

const via = (respond: Responder): HttpTransport => fakeTransport(respond).transport

async function failureFrom(transport: HttpTransport): Promise<DeskFailure> {
  try {
    await createWhmcsClient({ apiUrl: API_URL, identifier: 'id', secret: 's3cret', transport, timeoutMs: 30 }).getClients({ limitstart: 0, limitnum: 1 })
  } catch (error) {
    if (error instanceof DeskFailure) return error
    throw error
  }
  throw new Error('the call succeeded')
}

const refusedConnection: HttpTransport = async () => {
  throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) })
}

const cases: { name: string; transport: HttpTransport; code: string; pt: string; en: string }[] = [
  {
    name: 'IP not on the allow-list (403)',
    transport: via(() => jsonAnswer({ result: 'error', message: 'Invalid IP 203.0.113.7' }, 403)),
    code: 'ip_not_allowed',
    pt: 'O portal recusou o IP 203.0.113.7 deste computador. Peça a quem administra o WHMCS para liberar esse IP na restrição de acesso à API (Configurações Gerais › Segurança).',
    en: "The portal refused this computer's IP 203.0.113.7. Ask whoever runs WHMCS to allow that IP in the API access restriction (General Settings › Security).",
  },
  {
    name: 'wrong secret (403)',
    transport: via(() => jsonAnswer({ result: 'error', message: 'Authentication Failed' }, 403)),
    code: 'auth_failed',
    pt: 'O portal recusou o Segredo da API. Confira o segredo (ele diferencia maiúsculas de minúsculas).',
    en: 'The portal refused the API secret. Check the secret (it is case-sensitive).',
  },
  {
    name: 'unknown identifier (403)',
    transport: via(() => jsonAnswer({ result: 'error', message: 'Invalid or missing credentials' }, 403)),
    code: 'unknown_credential',
    pt: 'O portal não reconhece este Identificador da API. Confira se a credencial ainda existe no WHMCS.',
    en: 'The portal does not know this API identifier. Check that the credential still exists in WHMCS.',
  },
  {
    name: 'action not allowed for the API role (403)',
    transport: via(() => jsonAnswer({ result: 'error', message: 'Invalid Permissions: API action "getclients" is not allowed' }, 403)),
    code: 'permission_denied',
    pt: 'A credencial da API não tem permissão para a ação getclients. No WHMCS, marque essa ação na função (API Role) da credencial.',
    en: "The API credential is not allowed to run getclients. In WHMCS, tick that action in the credential's API role.",
  },
  {
    name: 'business error (HTTP 200, result error)',
    transport: via(() => jsonAnswer({ result: 'error', message: 'Client ID Not Found' })),
    code: 'portal_error',
    pt: 'O portal recusou o pedido: Client ID Not Found',
    en: 'The portal refused the request: Client ID Not Found',
  },
  {
    name: 'business error under `status` (HTTP 200)',
    transport: via(() => jsonAnswer({ status: 'error', message: 'Client ID Not Found' })),
    code: 'portal_error',
    pt: 'O portal recusou o pedido: Client ID Not Found',
    en: 'The portal refused the request: Client ID Not Found',
  },
  {
    name: 'server error (HTTP 500)',
    transport: via(() => answer(500, 'Internal Server Error')),
    code: 'server_error',
    pt: 'O portal está com problemas (erro 500). Tente de novo mais tarde.',
    en: 'The portal is having trouble (error 500). Try again later.',
  },
  {
    name: 'an HTML page instead of the API',
    transport: via(() => answer(200, '<!doctype html><html><body><h1>Login</h1></body></html>', { 'content-type': 'text/html' })),
    code: 'bad_response',
    pt: 'Esse endereço respondeu, mas não parece ser a API do WHMCS. Confira o Endereço do portal.',
    en: 'That address answered, but it does not look like the WHMCS API. Check the portal address.',
  },
  {
    name: 'connection refused',
    transport: refusedConnection,
    code: 'unreachable',
    pt: 'Não foi possível falar com o portal. Confira o endereço e a conexão com a internet.',
    en: 'Could not reach the portal. Check the address and the internet connection.',
  },
  {
    name: 'no answer in time',
    transport: via(waitForAbort),
    code: 'timeout',
    pt: 'O portal demorou demais para responder. Tente de novo em instantes.',
    en: 'The portal took too long to answer. Try again in a moment.',
  },
]

describe('what a user reads for each portal failure', () => {
  it.each(cases)('$name → $code', async ({ transport, code, pt: inPortuguese, en: inEnglish }) => {
    const failure = await failureFrom(transport)
    expect(failure.code).toBe(code)
    expect(describeError(pt, failure.toError())).toBe(inPortuguese)
    expect(describeError(en, failure.toError())).toBe(inEnglish)
    // Never the secret, in any language.
    expect(failure.message + describeError(pt, failure.toError())).not.toContain('s3cret')
  })

  it('an http:// portal on another machine → insecure_url', () => {
    let failure: unknown
    try {
      createWhmcsClient({ apiUrl: 'http://portal.exemplo.com.br/includes/api.php', identifier: 'id', secret: 's', transport: refusedConnection })
    } catch (error) {
      failure = error
    }
    expect(failure).toBeInstanceOf(DeskFailure)
    const error = (failure as DeskFailure).toError()
    expect(error.code).toBe('insecure_url')
    expect(describeError(pt, error)).toBe('Use um endereço que comece com https://. Só um portal neste mesmo computador pode usar http://.')
    expect(describeError(en, error)).toBe('Use an address that starts with https://. Only a portal on this same computer may use http://.')
  })
})
