// The settings file across versions (a key added later takes its default, nothing else is lost) and the
// saved permission presets in it, as settings.update keeps and checks them.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, loadAppState } from '../../../src/main/core/app-state'
import { openDesk, type Desk } from '../../../src/main/core/desk'
import { createMemorySecretStore } from '../../../src/main/core/secrets'
import type { PermissionPreset } from '../../../src/shared/domain'
import { makeTempDir } from '../../support/temp-dir'

const dirs: ReturnType<typeof makeTempDir>[] = []
const desks: Desk[] = []
afterEach(async () => {
  for (const desk of desks.splice(0)) await desk.close()
  for (const dir of dirs.splice(0)) dir.remove()
})
function tempDir(): string {
  const dir = makeTempDir()
  dirs.push(dir)
  return dir.path
}
function open(dataDir: string): Desk {
  const desk = openDesk({ dataDir, secrets: createMemorySecretStore(), emit: () => undefined })
  desks.push(desk)
  return desk
}

const finance: PermissionPreset = { id: 'custom-1', name: 'Financeiro + suporte', permissions: ['invoices', 'tickets'] }

describe('the settings file', () => {
  it('loads one written before permission presets existed, keeping what it holds', () => {
    const dir = tempDir()
    const portal = { apiUrl: 'https://portal.example.com.br/includes/api.php', identifier: 'ID', generation: '8', version: '8.10.1', demo: false }
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ version: 1, portal, settings: { staffName: 'Ana', language: 'en', theme: 'dark' } }))
    const loaded = loadAppState(dir)
    expect(loaded.setAside).toBeNull()
    expect(loaded.state.portal).toEqual(portal)
    expect(loaded.state.settings).toEqual({ ...DEFAULT_SETTINGS, staffName: 'Ana', language: 'en', theme: 'dark' })
    expect(loaded.state.settings.permissionPresets).toEqual([])
  })

  it('sets a file aside whose presets are broken (two of the same name), rather than guessing', () => {
    const dir = tempDir()
    const twice = [finance, { ...finance, id: 'custom-2', name: 'FINANCEIRO + SUPORTE' }]
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ version: 1, portal: null, settings: { ...DEFAULT_SETTINGS, permissionPresets: twice } }))
    const loaded = loadAppState(dir, () => new Date('2026-03-12T14:05:00Z'))
    expect(loaded.state.settings).toEqual(DEFAULT_SETTINGS)
    expect(loaded.setAside).toMatch(/settings\.json\.unreadable-2026-03-12T14-05-00-000Z$/)
    expect(existsSync(loaded.setAside!)).toBe(true)
  })
})

describe('saved permission presets in the settings', () => {
  it('survive a restart, and are not touched by a change of another setting', async () => {
    const dir = tempDir()
    const desk = open(dir)
    expect(await desk.dispatch('settings.update', { permissionPresets: [finance] })).toMatchObject({ ok: true })
    expect(await desk.dispatch('settings.update', { staffName: 'Ana' })).toMatchObject({ ok: true, value: { staffName: 'Ana', permissionPresets: [finance] } })
    await desk.close()
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).settings.permissionPresets).toEqual([finance])
    expect(await open(dir).dispatch('settings.get', {})).toEqual({ ok: true, value: { ...DEFAULT_SETTINGS, staffName: 'Ana', permissionPresets: [finance] } })
  })

  it('are refused with two of the same name, an empty one, or more than 100, and nothing is kept', async () => {
    const desk = open(tempDir())
    const refused = [
      [finance, { ...finance, id: 'custom-2', name: ' financeiro + SUPORTE' }],
      [{ ...finance, permissions: [] }],
      [{ ...finance, name: '   ' }],
      Array.from({ length: 101 }, (_, n) => ({ ...finance, id: `p${n}`, name: `Predefinição ${n}` })),
    ]
    for (const permissionPresets of refused) {
      const result = await desk.dispatch('settings.update', { permissionPresets })
      expect(result, JSON.stringify(permissionPresets).slice(0, 80)).toMatchObject({ ok: false, error: { code: 'validation' } })
    }
    expect(await desk.dispatch('settings.get', {})).toEqual({ ok: true, value: DEFAULT_SETTINGS })
  })
})
