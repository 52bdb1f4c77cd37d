import { describe, expect, it } from 'vitest'
import { formatLogMessage, redactText } from '../../../../src/main/electron/log/redact'

describe('redactText: credentials', () => {
  it.each([
    [
      'a WHMCS form body',
      'action=GetClients&identifier=Abc123XYZ&secret=s3cr3t%2Bvalue&responsetype=json',
      'action=GetClients&identifier=[redacted]&secret=[redacted]&responsetype=json',
    ],
    ['a password in a form body', 'action=AddContact&password2=Hunter2!&email=x', 'action=AddContact&password2=[redacted]&email=x'],
    ['JSON', '{"identifier":"Abc123XYZ","secret":"s3 cr\\"3t","result":"success"}', '{"identifier":"[redacted]","secret":"[redacted]","result":"success"}'],
    ['util.inspect output', "{ apiSecret: 's3cr3t', accessKey: 'k3y', name: 'x' }", "{ apiSecret: '[redacted]', accessKey: '[redacted]', name: 'x' }"],
    ["the bridge's token in a URL fragment", 'open http://127.0.0.1:4174/#token=0f3a', 'open http://127.0.0.1:4174/#token=[redacted]'],
    ['an Authorization header', 'Authorization: Bearer eyJhbGciOi.payload.sig', 'Authorization: [redacted]'],
    ['a bare bearer token', 'sent Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc', 'sent Bearer [redacted]'],
    ['credentials in a URL', 'GET https://admin:pa55@portal.example/api.php', 'GET https://[redacted]@portal.example/api.php'],
    ['a 64-hex token on its own', `token ${'ab'.repeat(32)} issued`, 'token [redacted] issued'],
  ])('removes the value in %s', (_what, text, expected) => {
    expect(redactText(text)).toBe(expected)
  })

  it('leaves ordinary text alone', () => {
    const text = 'Synced 1000 clients from portal.example in 459 ms (page 500 × 3)'
    expect(redactText(text)).toBe(text)
  })
})

describe('redactText: personal data', () => {
  it('masks e-mail addresses to their first letter and domain', () => {
    expect(redactText('sent to ana.souza@gmail.com and Financeiro+x@padaria-sao-joao.com.br')).toBe('sent to a***@gmail.com and F***@padaria-sao-joao.com.br')
  })

  it.each([
    ['a formatted CPF', 'CPF 123.456.789-09 ok', 'CPF ***.***.***-** ok'],
    ['a bare CPF', 'taxid=12345678909;', 'taxid=***********;'],
    ['a formatted CNPJ', 'CNPJ 12.345.678/0001-90', 'CNPJ **.***.***/****-**'],
    ['a bare CNPJ', 'cnpj 12345678000190', 'cnpj **************'],
    ['an alphanumeric CNPJ (2026)', 'CNPJ 12.ABC.345/01DE-35', 'CNPJ **.***.***/****-**'],
  ])('masks the digits of %s', (_what, text, expected) => {
    expect(redactText(text)).toBe(expected)
  })

  it('keeps numbers that are not documents (ids, counts, times)', () => {
    const text = 'client 4521, 100000 rows, 2026-11-25T21:00:00.000Z, 1764104400000'
    expect(redactText(text)).toBe(text)
  })
})

describe('formatLogMessage', () => {
  it('redacts credential fields of objects by name, at any depth, before printing them', () => {
    const message = formatLogMessage([
      'connect',
      { url: 'https://portal.example', credentials: { identifier: 'Abc', secret: { nested: 'x' } }, list: [{ password: 'p' }] },
    ])
    expect(message).toBe(
      "connect { url: 'https://portal.example', credentials: { identifier: '[redacted]', secret: '[redacted]' }, list: [ { password: '[redacted]' } ] }",
    )
  })

  it('prints an error with its stack, its fields and its cause, all redacted', () => {
    const cause = new Error('POST secret=abc failed for joao@x.com.br')
    const error = Object.assign(new Error('sync failed', { cause }), { code: 'unreachable', details: { token: 'abc' } })
    const message = formatLogMessage(['Internal error:', error])
    expect(message).toMatch(/^Internal error: Error: sync failed\n\s+at /)
    expect(message).toContain("{ code: 'unreachable', details: { token: '[redacted]' } }")
    expect(message).toContain('caused by: Error: POST secret=[redacted] failed for j***@x.com.br')
    expect(message).not.toMatch(/abc|joao/)
  })

  it('survives circular values', () => {
    const loop: Record<string, unknown> = { name: 'loop' }
    loop.self = loop
    expect(formatLogMessage([loop])).toBe("{ name: 'loop', self: '[circular]' }")
  })
})
