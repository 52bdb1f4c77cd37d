import { describe, expect, it } from 'vitest'
import { DeskFailure } from '../../../../src/shared/errors'
import { isLoopbackHost, resolveApiUrl } from '../../../../src/main/core/portal/url'

function failure(input: string): DeskFailure {
  try {
    resolveApiUrl(input)
  } catch (error) {
    if (error instanceof DeskFailure) return error
    throw error
  }
  throw new Error(`resolveApiUrl accepted ${input}`)
}

describe('resolveApiUrl', () => {
  it.each([
    ['https://portal.example.com/', 'https://portal.example.com/includes/api.php'],
    ['https://portal.example.com', 'https://portal.example.com/includes/api.php'],
    ['https://x/billing', 'https://x/billing/includes/api.php'],
    ['https://x/billing/', 'https://x/billing/includes/api.php'],
    ['https://x/billing//', 'https://x/billing/includes/api.php'],
    ['https://x/billing/includes/api.php', 'https://x/billing/includes/api.php'],
    ['https://portal.example.com/includes/api.php', 'https://portal.example.com/includes/api.php'],
    ['  https://Portal.Example.COM:443/billing  ', 'https://portal.example.com/billing/includes/api.php'],
    ['https://portal.example.com:8443/whmcs', 'https://portal.example.com:8443/whmcs/includes/api.php'],
    ['portal.example.com/billing', 'https://portal.example.com/billing/includes/api.php'],
    ['localhost:8080', 'https://localhost:8080/includes/api.php'],
    ['http://127.0.0.1:1234', 'http://127.0.0.1:1234/includes/api.php'],
    ['http://127.45.3.2/whmcs/', 'http://127.45.3.2/whmcs/includes/api.php'],
    ['http://localhost:8080/includes/api.php', 'http://localhost:8080/includes/api.php'],
    ['http://[::1]:9000/billing', 'http://[::1]:9000/billing/includes/api.php'],
  ])('%s → %s', (input, expected) => {
    expect(resolveApiUrl(input)).toBe(expected)
  })

  it('is idempotent, so the client can resolve an already resolved URL again', () => {
    const once = resolveApiUrl('https://x/billing')
    expect(resolveApiUrl(once)).toBe(once)
  })

  it.each(['http://example.com', 'http://portal.example.com/billing', 'http://10.0.0.5/', 'http://128.0.0.1/', 'http://localhost.example.com/'])(
    'refuses plain http to another machine: %s',
    (input) => {
      const error = failure(input)
      expect(error.code).toBe('insecure_url')
      expect(error.message).toMatch(/https:\/\//)
      expect(error.params?.host).toBe(new URL(input).host)
    },
  )

  it.each([
    ['', /Enter the portal's address/],
    ['   ', /Enter the portal's address/],
    ['not a url at all', /not a valid web address/],
    ['https://', /not a valid web address/],
    ['ftp://portal.example.com/', /Only https:\/\//],
    ['file:///etc/passwd', /Only https:\/\//],
    ['javascript:alert(1)', /Only https:\/\//],
    ['mailto:admin@example.com', /Only https:\/\//],
    ['https://portal.example.com/?action=GetClients', /must not contain "\?" or "#"/],
    ['https://portal.example.com/billing#top', /must not contain "\?" or "#"/],
    ['https://portal.example.com/billing/clientarea.php', /"clientarea.php" is a page of the portal/],
  ])('refuses %j as a validation error', (input, message) => {
    const error = failure(input)
    expect(error.code).toBe('validation')
    expect(error.message).toMatch(message)
    expect(error.issues?.[0]?.path).toBe('url')
  })

  it('refuses credentials in the URL without repeating them', () => {
    for (const input of ['https://admin:hunter2@portal.example.com/', 'https://admin@portal.example.com/']) {
      const error = failure(input)
      expect(error.code).toBe('validation')
      expect(error.message).toMatch(/must not contain a user name or password/)
      expect(error.message).not.toContain('hunter2')
      expect(error.message).not.toContain('admin@')
    }
  })
})

describe('isLoopbackHost', () => {
  it.each(['localhost', 'LOCALHOST', 'localhost.', '127.0.0.1', '127.255.255.254', '127.1.2.3', '::1', '[::1]'])('%s is this machine', (host) => {
    expect(isLoopbackHost(host)).toBe(true)
  })

  it.each(['example.com', '10.0.0.1', '128.0.0.1', '127.0.0.256', '127.0.0', '0.0.0.0', '::2', '[::]', 'localhost.example.com', 'mylocalhost', ''])(
    '%s is not',
    (host) => {
      expect(isLoopbackHost(host)).toBe(false)
    },
  )
})
