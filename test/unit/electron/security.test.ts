import { pathToFileURL } from 'node:url'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Session, Shell, WebContents } from 'electron'
import { APP_CSP, hardenWebContents, installCsp, installPermissionPolicy, isTrustedSender, safeOpenExternal } from '../../../src/main/electron/security'
import { FakeSession, FakeWebContents } from '../../support/fake-electron'

afterEach(() => {
  vi.restoreAllMocks()
  vi.doUnmock('electron')
  vi.resetModules()
})

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/)
      return [name, sources]
    }),
  )
}

describe('APP_CSP', () => {
  it('allows nothing inline, no eval and no wildcard', () => {
    expect(APP_CSP).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval|\*/)
  })

  it('keeps everything on the app itself', () => {
    const policy = directives(APP_CSP)
    expect(policy.get('default-src')).toEqual(["'self'"])
    expect(policy.get('script-src')).toEqual(["'self'"])
    expect(policy.get('style-src')).toEqual(["'self'"])
    expect(policy.get('img-src')).toEqual(["'self'", 'data:'])
    expect(policy.get('font-src')).toEqual(["'self'"])
    expect(policy.get('connect-src')).toEqual(["'self'"])
    for (const locked of ['object-src', 'base-uri', 'form-action', 'frame-ancestors']) {
      expect(policy.get(locked), locked).toEqual(["'none'"])
    }
  })

  it('loads without Electron, so the loopback bridge can send the same header under plain Node', async () => {
    vi.resetModules()
    vi.doMock('electron', () => {
      throw new Error('security.ts must not load electron at run time')
    })
    const security = await import('../../../src/main/electron/security')
    expect(security.APP_CSP).toBe(APP_CSP)
  })
})

describe('installCsp', () => {
  it('sends APP_CSP with every response and replaces a policy the server sent', () => {
    const session = new FakeSession()
    installCsp(session as unknown as Session)
    const headers = session.respond({
      'content-type': ['text/html'],
      'content-security-policy': ["default-src *; script-src 'unsafe-inline'"],
    })
    expect(headers).toEqual({ 'content-type': ['text/html'], 'Content-Security-Policy': [APP_CSP] })
  })

  it('adds the policy when the response had no headers', () => {
    const session = new FakeSession()
    installCsp(session as unknown as Session)
    session.headersListener?.({}, (response) => {
      expect(response.responseHeaders).toEqual({ 'Content-Security-Policy': [APP_CSP] })
    })
  })
})

describe('installPermissionPolicy', () => {
  it('refuses every permission but writing to the clipboard', () => {
    const session = new FakeSession()
    installPermissionPolicy(session as unknown as Session)
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal', 'hid', 'unknown']) {
      expect(session.request(permission), permission).toBe(false)
      expect(session.permissionCheckHandler?.(null, permission), permission).toBe(false)
    }
    expect(session.request('clipboard-sanitized-write')).toBe(true)
    expect(session.permissionCheckHandler?.(null, 'clipboard-sanitized-write')).toBe(true)
  })
})

describe('safeOpenExternal', () => {
  const fakeShell = () => ({ openExternal: vi.fn(async (_url: string) => undefined) })

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'file:///etc/passwd',
    'file://server/share/x.exe',
    'data:text/html,<script>alert(1)</script>',
    'smb://attacker.example/share',
    'ms-msdt:/id PCWDiagnostic',
    'vbscript:msgbox(1)',
    'contact-desk://open',
    'mailto:someone@example.com',
    'https://www.bank.example@evil.example/',
    'https://user:password@portal.example/',
    'not a url',
    '//evil.example/path',
    '',
  ])('refuses %j', (url) => {
    const shell = fakeShell()
    expect(safeOpenExternal(shell as unknown as Shell, url)).toBe(false)
    expect(shell.openExternal).not.toHaveBeenCalled()
  })

  it.each([
    ['https://docs.whmcs.com/Contacts', 'https://docs.whmcs.com/Contacts'],
    ['http://portal.example/clientarea.php?action=details', 'http://portal.example/clientarea.php?action=details'],
    ['HTTPS://Portal.Example/a b', 'https://portal.example/a%20b'],
  ])('hands %j to the system browser, normalised', (url, opened) => {
    const shell = fakeShell()
    expect(safeOpenExternal(shell as unknown as Shell, url)).toBe(true)
    expect(shell.openExternal).toHaveBeenCalledExactlyOnceWith(opened)
  })

  it('reports a browser that fails to open without rejecting, and without the URL', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const shell = { openExternal: vi.fn(async () => Promise.reject(new Error('no handler'))) }
    expect(safeOpenExternal(shell as unknown as Shell, 'https://portal.example/?token=s3cret')).toBe(true)
    await vi.waitFor(() => expect(warn).toHaveBeenCalledOnce())
    expect(String(warn.mock.calls[0])).not.toContain('s3cret')
  })
})

describe('isTrustedSender', () => {
  const rendererFile = '/opt/Contact Desk/resources/app.asar/out/renderer/index.html'
  const appUrl = pathToFileURL(rendererFile).href

  it("trusts the packaged index.html, also with the renderer's own hash route", () => {
    expect(appUrl).toContain('%20')
    expect(isTrustedSender(appUrl, { rendererFile })).toBe(true)
    expect(isTrustedSender(`${appUrl}#/clients/42`, { rendererFile })).toBe(true)
  })

  it.each([
    ['no frame', undefined],
    ['an empty URL', ''],
    ['a malformed URL', 'file://['],
    ['another local file', 'file:///tmp/evil.html'],
    ['a file next to the app', pathToFileURL('/opt/Contact Desk/resources/app.asar/out/renderer/other.html').href],
    ['the same path on a network host', `file://evil.example${pathToFileURL(rendererFile).pathname}`],
    ['an encoded separator', appUrl.replace('/renderer/', '%2Frenderer/')],
    ['a web page', 'https://evil.example/index.html'],
    ['a data URL', 'data:text/html,hi'],
    ['about:blank', 'about:blank'],
  ])('refuses %s', (_what, url) => {
    expect(isTrustedSender(url, { rendererFile })).toBe(false)
  })

  it("trusts the dev server's origin only", () => {
    const renderer = { rendererUrl: 'http://localhost:5173/' }
    expect(isTrustedSender('http://localhost:5173/', renderer)).toBe(true)
    expect(isTrustedSender('http://localhost:5173/src/main.tsx#x', renderer)).toBe(true)
    expect(isTrustedSender('http://localhost:5174/', renderer)).toBe(false)
    expect(isTrustedSender('http://127.0.0.1:5173/', renderer)).toBe(false)
    expect(isTrustedSender('https://localhost:5173/', renderer)).toBe(false)
    expect(isTrustedSender(appUrl, renderer)).toBe(false)
    expect(isTrustedSender(undefined, renderer)).toBe(false)
  })
})

describe('hardenWebContents', () => {
  it('refuses every <webview> and every window.open', () => {
    const contents = new FakeWebContents()
    hardenWebContents(contents as unknown as WebContents)
    expect(contents.attachWebview()).toBe(false)
    expect(contents.openWindow('https://evil.example/')).toBe('deny')
    expect(contents.openWindow('about:blank')).toBe('deny')
  })
})
