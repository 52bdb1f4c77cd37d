// electron-builder.yml, read and validated by electron-builder's own loader and JSON schema (what
// `npm run dist` does first), then held to issue 7: NSIS and DMG for x64 and arm64, per-user Windows
// install without admin rights, hardened runtime, signing and notarization left to the environment.
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config'
import type { Configuration, TargetConfiguration } from 'app-builder-lib'
import { DebugLogger } from 'builder-util'
import { beforeAll, describe, expect, it, vi } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../../..')
let config: Configuration

beforeAll(async () => {
  // electron-builder logs "loaded configuration" through its own logger.
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
  try {
    config = await getConfig(ROOT, join(ROOT, 'electron-builder.yml'), null)
    await validateConfiguration(config, new DebugLogger(false))
  } finally {
    vi.restoreAllMocks()
  }
})

function targets(value: unknown): TargetConfiguration[] {
  return (Array.isArray(value) ? value : [value]).map((target: string | TargetConfiguration) => (typeof target === 'string' ? { target } : target))
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema", () => {
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z0-9-]+)+$/)
    expect(config.productName).toBe('Contact Desk')
  })

  it('builds Windows NSIS installers for x64 and arm64', () => {
    expect(targets(config.win?.target)).toContainEqual({ target: 'nsis', arch: ['x64', 'arm64'] })
  })

  it('installs per user without admin rights, lets the user choose the folder, and makes shortcuts', () => {
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowElevation: false,
      allowToChangeInstallationDirectory: true,
      createDesktopShortcut: 'always',
      createStartMenuShortcut: true,
    })
  })

  it('builds macOS DMGs for x64 and arm64 (and the zips electron-updater installs from)', () => {
    expect(targets(config.mac?.target)).toContainEqual({ target: 'dmg', arch: ['x64', 'arm64'] })
    expect(targets(config.mac?.target)).toContainEqual({ target: 'zip', arch: ['x64', 'arm64'] })
  })

  it('signs macOS builds with the hardened runtime and only the JIT entitlement', () => {
    expect(config.mac?.hardenedRuntime).toBe(true)
    const plist = readFileSync(join(ROOT, config.mac?.entitlements ?? 'missing'), 'utf8')
    expect([...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((match) => match[1])).toEqual(['com.apple.security.cs.allow-jit'])
    expect(config.mac?.entitlementsInherit).toBe(config.mac?.entitlements)
  })

  it('leaves signing and notarization to credentials in the environment, never in the file', () => {
    expect(config.mac?.notarize).toBeUndefined()
    for (const section of [config, config.win, config.mac]) {
      expect(section).not.toHaveProperty('cscLink')
      expect(section).not.toHaveProperty('cscKeyPassword')
    }
    expect(config.win?.signtoolOptions?.certificateFile).toBeUndefined()
    expect(config.win?.signtoolOptions?.certificatePassword).toBeUndefined()
  })

  it('builds a Linux AppImage too', () => {
    expect(targets(config.linux?.target).map((target) => target.target)).toContain('AppImage')
  })

  it('unpacks native modules and rebuilds them for Electron when packaging for real', () => {
    expect(config.asarUnpack).toContain('**/*.node')
    expect(config.npmRebuild).toBe(true)
  })

  it('publishes to the GitHub release feed electron-updater reads, as a draft the workflow publishes', () => {
    expect(config.publish).toEqual([{ provider: 'github', releaseType: 'draft' }])
  })

  it('flips the Electron fuses that would let another program run code as Contact Desk', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      // On until the renderer is served from a custom protocol (it loads ES modules from file://).
      grantFileProtocolExtraPrivileges: true,
      resetAdHocDarwinSignature: true,
    })
  })

  it('turns the fuses off only for the placeholder run of pack:dir, which has no sentinel to flip', () => {
    const script = readFileSync(join(ROOT, 'scripts', 'pack-dir.mjs'), 'utf8')
    expect(script.match(/electronFuses: null/g)).toHaveLength(1)
    expect(script).toContain('electronDist: placeholder')
  })

  it('names icons that exist', () => {
    for (const icon of [config.win?.icon, config.mac?.icon, config.linux?.icon, config.nsis?.installerIcon]) {
      expect(icon).toBeTruthy()
      expect(existsSync(join(ROOT, icon ?? 'missing')), icon ?? '').toBe(true)
    }
  })
})
