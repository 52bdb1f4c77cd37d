// The app's SecretStore (docs/ARCHITECTURE.md §9.4): values encrypted by the OS keychain through safeStorage, kept as
// base64 in one JSON file. Where no real keychain is at hand, secrets live for this session only.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { SafeStorage } from 'electron'
import { z } from 'zod'
import { createMemorySecretStore, type SecretStore } from '../core/secrets'

const SecretsFile = z.strictObject({
  version: z.literal(1),
  /** key → base64 of safeStorage's ciphertext. */
  secrets: z.record(z.string(), z.string()),
})
type SecretsFile = z.infer<typeof SecretsFile>

type Encryptor = Pick<SafeStorage, 'isEncryptionAvailable' | 'getSelectedStorageBackend' | 'encryptString' | 'decryptString'>

/**
 * Call after the app is ready (safeStorage cannot tell before). The synchronous safeStorage calls are
 * used because SecretStore is synchronous; each is one small string.
 */
export function createSafeStorageSecretStore(safeStorage: Encryptor, file: string, platform: NodeJS.Platform = process.platform): SecretStore {
  if (!hasRealKeychain(safeStorage, platform)) return createMemorySecretStore()

  const encrypted = new Map(Object.entries(readSecrets(file)))
  const save = (): void => writeSecrets(file, { version: 1, secrets: Object.fromEntries(encrypted) })

  return {
    persistent: true,
    get(key) {
      const value = encrypted.get(key)
      if (value === undefined) return null
      try {
        return safeStorage.decryptString(Buffer.from(value, 'base64'))
      } catch {
        // The keychain's key changed (new OS profile, restored backup): the secret is lost, and the
        // core asks for it again exactly as if it had never been stored.
        return null
      }
    },
    set(key, value) {
      encrypted.set(key, safeStorage.encryptString(value).toString('base64'))
      save()
    },
    delete(key) {
      if (encrypted.delete(key)) save()
    },
    keys: () => [...encrypted.keys()],
  }
}

// On Linux without a keyring safeStorage falls back to 'basic_text': a key hard-coded in Chromium,
// which is no protection at all ("Where the anchors went wrong"). 'unknown' means asked before ready.
function hasRealKeychain(safeStorage: Encryptor, platform: NodeJS.Platform): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false
  if (platform !== 'linux') return true
  const backend = safeStorage.getSelectedStorageBackend()
  return backend !== 'basic_text' && backend !== 'unknown'
}

function readSecrets(file: string): Record<string, string> {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    if (isMissing(error)) return {}
    throw error
  }
  const parsed = SecretsFile.safeParse(safeJson(text))
  // A damaged file holds nothing we could decrypt anyway: start empty, and the user is asked again.
  return parsed.success ? parsed.data.secrets : {}
}

function writeSecrets(file: string, content: SecretsFile): void {
  mkdirSync(dirname(file), { recursive: true })
  // Write then rename, so a crash leaves the old file or the new one, never half of one.
  const temporary = `${file}.${process.pid}.tmp`
  writeFileSync(temporary, JSON.stringify(content), { encoding: 'utf8', mode: 0o600 })
  renameSync(temporary, file)
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT'
}
