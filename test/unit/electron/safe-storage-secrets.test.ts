import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createSafeStorageSecretStore } from '../../../src/main/electron/safe-storage-secrets'
import { createFakeSafeStorage } from '../../support/fake-electron'

const SECRET = 'Whmcs-API-s3cret-ÁÉ!'
let dir: string
let file: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'desk-secrets-'))
  file = join(dir, 'nested', 'secrets.json')
})

afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

/** Everything under the temp dir, as one string, to search for leaks. */
function everythingOnDisk(): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'latin1'))
    .join('\n')
}

describe('createSafeStorageSecretStore', () => {
  it('keeps secrets across restarts, encrypted, never in clear on disk', () => {
    const safeStorage = createFakeSafeStorage({ backend: 'gnome_libsecret' })
    const store = createSafeStorageSecretStore(safeStorage, file, 'linux')
    expect(store.persistent).toBe(true)
    store.set('portal-secret:a', SECRET)

    const disk = everythingOnDisk()
    expect(disk).not.toContain(SECRET)
    expect(disk).not.toContain(Buffer.from(SECRET).toString('base64'))
    expect(disk).not.toContain(Buffer.from(SECRET).toString('latin1'))
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      version: 1,
      secrets: { 'portal-secret:a': safeStorage.encryptString(SECRET).toString('base64') },
    })

    const reopened = createSafeStorageSecretStore(safeStorage, file, 'linux')
    expect(reopened.get('portal-secret:a')).toBe(SECRET)
    expect(reopened.get('portal-secret:b')).toBeNull()
  })

  it('forgets a deleted secret on disk too', () => {
    const safeStorage = createFakeSafeStorage()
    const store = createSafeStorageSecretStore(safeStorage, file, 'linux')
    store.set('a', SECRET)
    store.set('b', 'other')
    store.delete('a')
    expect(store.get('a')).toBeNull()
    const reopened = createSafeStorageSecretStore(safeStorage, file, 'linux')
    expect(reopened.get('a')).toBeNull()
    expect(reopened.get('b')).toBe('other')
  })

  it('writes atomically, leaving no temporary file, readable by the user only', () => {
    const store = createSafeStorageSecretStore(createFakeSafeStorage(), file, 'linux')
    store.set('a', SECRET)
    store.set('a', 'changed')
    expect(readdirSync(join(dir, 'nested'))).toEqual(['secrets.json'])
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600)
  })

  it.each(['basic_text', 'unknown'])("refuses Linux's %s backend: this session only, nothing written", (backend) => {
    const safeStorage = createFakeSafeStorage({ backend })
    const store = createSafeStorageSecretStore(safeStorage, file, 'linux')
    expect(store.persistent).toBe(false)
    store.set('a', SECRET)
    expect(store.get('a')).toBe(SECRET)
    expect(existsSync(file)).toBe(false)
    expect(safeStorage.encryptString).not.toHaveBeenCalled()
  })

  it('keeps secrets for this session only when encryption is unavailable', () => {
    const safeStorage = createFakeSafeStorage({ available: false })
    const store = createSafeStorageSecretStore(safeStorage, file, 'darwin')
    expect(store.persistent).toBe(false)
    store.set('a', SECRET)
    expect(existsSync(file)).toBe(false)
  })

  it('trusts the OS keychain on macOS and Windows without asking for a Linux backend', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const safeStorage = createFakeSafeStorage({ backend: 'basic_text' })
      expect(createSafeStorageSecretStore(safeStorage, file, platform).persistent).toBe(true)
      expect(safeStorage.getSelectedStorageBackend).not.toHaveBeenCalled()
    }
  })

  it('starts empty from a damaged file, and replaces it on the next write', () => {
    const safeStorage = createFakeSafeStorage()
    createSafeStorageSecretStore(safeStorage, file, 'linux').set('seed', 'x')
    writeFileSync(file, '{ not json')
    const store = createSafeStorageSecretStore(safeStorage, file, 'linux')
    expect(store.get('seed')).toBeNull()
    store.set('a', SECRET)
    expect(createSafeStorageSecretStore(safeStorage, file, 'linux').get('a')).toBe(SECRET)
  })

  it('answers null for a value the keychain can no longer decrypt', () => {
    const safeStorage = createFakeSafeStorage()
    writeFileSync(join(dir, 'secrets.json'), JSON.stringify({ version: 1, secrets: { a: Buffer.from('garbage').toString('base64') } }))
    expect(createSafeStorageSecretStore(safeStorage, join(dir, 'secrets.json'), 'linux').get('a')).toBeNull()
  })
})
