// `npm run pack:dir` on this machine: electron-builder packs the app with the real electron-builder.yml
// (a placeholder Electron stands in for the binary that cannot be downloaded here), and the test reads
// the app.asar it wrote: exactly the app's bundles and production dependencies, nothing else.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { join, posix, resolve } from 'node:path'
import { extractFile, getRawHeader, listPackage } from '@electron/asar'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { nativeModuleVersions } from '../../src/main/electron/native-binding'
import { makeTempDir } from '../support/temp-dir'

const ROOT = resolve(import.meta.dirname, '../..')
const output = makeTempDir('contact-desk-pack-')
const resources = join(output.path, 'linux-unpacked', 'resources')
const asar = join(resources, 'app.asar')
let entries: string[] = []
let packOutput = ''

beforeAll(() => {
  // `npm test` builds before the integration tests; alone, this test builds first.
  if (!existsSync(join(ROOT, 'out', 'main', 'index.js'))) {
    const build = spawnSync('npx', ['electron-vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, encoding: 'utf8' })
    if (build.status !== 0) throw new Error(`electron-vite build failed:\n${build.stderr}`)
  }
  const pack = spawnSync(process.execPath, [join(ROOT, 'scripts', 'pack-dir.mjs'), '--output', output.path], { cwd: ROOT, encoding: 'utf8' })
  packOutput = `${pack.stdout}\n${pack.stderr}`
  if (pack.status !== 0) throw new Error(`pack:dir failed (${pack.status}):\n${packOutput}`)
  entries = listPackage(asar, { isPack: false }).map((entry) => entry.split('\\').join('/'))
}, 120_000)

afterAll(() => output.remove())

const files = () => entries.filter((entry) => !isDirectory(entry))
function isDirectory(entry: string): boolean {
  let node: unknown = getRawHeader(asar).header
  for (const part of entry.split('/').filter(Boolean)) node = (node as { files?: Record<string, unknown> }).files?.[part]
  return typeof node === 'object' && node !== null && 'files' in node
}

/** node_modules/<name> (or a nested one) for every package folder in the archive. */
function packageFolders(): string[] {
  return entries
    .filter((entry) => /^\/(?:node_modules\/(?:@[^/]+\/)?[^/]+\/)*node_modules\/(?:@[^/]+\/)?[^/]+\/package\.json$/.test(entry))
    .map((entry) => posix.dirname(entry).slice(1))
}

describe('npm run pack:dir (electron-builder --linux dir, placeholder Electron, npmRebuild off)', () => {
  it('runs to completion with the real configuration', () => {
    expect(packOutput).toContain('Packed (placeholder Electron, not runnable)')
    expect(existsSync(asar)).toBe(true)
  })

  it('holds the main, preload and renderer bundles, and package.json pointing at main', () => {
    const all = files()
    expect(all).toContain('/out/main/index.js')
    // The core's worker thread, which main starts from beside itself.
    expect(all).toContain('/out/main/desk-worker.js')
    expect(all).toContain('/out/preload/index.js')
    expect(all).toContain('/out/renderer/index.html')
    expect(all.some((file) => /^\/out\/renderer\/assets\/index-[\w-]+\.js$/.test(file))).toBe(true)
    const manifest = JSON.parse(extractFile(asar, 'package.json').toString('utf8')) as { main: string }
    expect(manifest.main).toBe('./out/main/index.js')
  })

  it("leaves out the Node-only entries, yet every file main's code requires is in the archive", () => {
    const all = new Set(files())
    for (const entry of ['cli.js', 'browser-mode.js', 'demo-portal.js']) expect(all.has(`/out/main/${entry}`), entry).toBe(false)
    const mainFiles = [...all].filter((file) => file.startsWith('/out/main/') && file.endsWith('.js'))
    for (const file of mainFiles) {
      const code = extractFile(asar, file.slice(1)).toString('utf8')
      for (const [, target] of code.matchAll(/(?:require|import)\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g)) {
        expect(all.has(posix.join(posix.dirname(file), target ?? '')), `${file} needs ${target}`).toBe(true)
      }
    }
  })

  it('holds no tests, no sources, no source maps, no TypeScript', () => {
    const offending = files().filter(
      (file) =>
        /\/(?:test|tests|__tests__)\//.test(file) ||
        /(?:^|\/)(?:test|test-[^/]*|[^/]+\.(?:test|spec))\.[cm]?js$/.test(file) ||
        /\.(?:map|ts|tsx|mts|cts)$/.test(file) ||
        /^\/(?:src|test|bench|scripts|resources|docs|\.github)\//.test(file),
    )
    expect(offending).toEqual([])
  })

  it('holds no devDependency, only packages the lockfile marks as production', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>
      devDependencies: Record<string, string>
    }
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string; dev?: boolean }> }
    // electron-builder may hoist a nested copy (tar-fs/node_modules/chownr → node_modules/chownr), so
    // a package is known by name and version, not by where it sits.
    const production = new Set(
      Object.entries(lock.packages)
        .filter(([path, entry]) => path !== '' && entry.dev !== true)
        .map(([path, entry]) => `${path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length)}@${entry.version}`),
    )
    const folders = packageFolders()
    for (const name of Object.keys(manifest.devDependencies)) expect(folders, name).not.toContain(`node_modules/${name}`)
    for (const folder of folders) {
      const { name, version } = JSON.parse(extractFile(asar, `${folder}/package.json`).toString('utf8')) as { name: string; version: string }
      expect(production.has(`${name}@${version}`), `${folder} (${name}@${version}) is not a production package`).toBe(true)
    }
    for (const name of Object.keys(manifest.dependencies)) expect(folders, name).toContain(`node_modules/${name}`)
  })

  it('unpacks the native SQLite driver beside the archive (a .node cannot load from inside it)', () => {
    const unpacked = join(`${asar}.unpacked`, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node')
    expect(statSync(unpacked).size).toBeGreaterThan(500_000)
    const header = getRawHeader(asar).header as { files: Record<string, { files: Record<string, unknown> }> }
    const node = ['node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'].reduce<unknown>(
      (at, part) => (at as { files: Record<string, unknown> }).files[part],
      header,
    )
    expect(node).toMatchObject({ unpacked: true })
    // With npmRebuild off it is node_modules' Node build: why this package cannot run, and what the
    // app's ABI check (src/main/electron/native-binding.ts) would refuse with a clear message.
    expect(nativeModuleVersions(unpacked)).toEqual([Number(process.versions.modules)])
    // Only the driver itself: no C sources, object files or build tree.
    const driverFiles = entries.filter((entry) => entry.startsWith('/node_modules/better-sqlite3/') && !isDirectory(entry))
    expect(
      driverFiles.filter((file) => !/^\/node_modules\/better-sqlite3\/(?:lib\/.*\.js|package\.json|LICENSE|build\/Release\/better_sqlite3\.node)$/.test(file)),
    ).toEqual([])
  })

  it('stays small: the archive holds no bundled-twice renderer libraries', () => {
    const asarBytes = statSync(asar).size
    const updater = files()
      .filter((file) => file.startsWith('/node_modules/electron-updater/'))
      .reduce((total, file) => total + extractFile(asar, file.slice(1)).length, 0)
    console.log(`app.asar: ${(asarBytes / 1024 / 1024).toFixed(2)} MiB (electron-updater's own files: ${(updater / 1024).toFixed(0)} KiB)`)
    expect(asarBytes).toBeLessThan(6 * 1024 * 1024)
    for (const bundledByVite of ['react', 'react-dom', 'zod', 'i18next', 'zustand'])
      expect(packageFolders(), bundledByVite).not.toContain(`node_modules/${bundledByVite}`)
  })
})
