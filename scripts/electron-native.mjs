#!/usr/bin/env node
// docs/ARCHITECTURE.md §10, "The SQLite driver per runtime": builds better-sqlite3 for the installed Electron into
// .electron-native/better_sqlite3.node, where the unpackaged app loads it through `nativeBinding`.
// node_modules' own build (Node's ABI, for the tests and the CLI) is never touched: the driver's
// package is copied into a staging folder and rebuilt there by @electron/rebuild, which downloads a
// prebuilt driver for Electron or compiles one against Electron's headers, so it needs the network
// once. `npm start` runs this after the Electron binary is present; `npm run native:electron` alone.
import { spawnSync } from 'node:child_process'
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const nativeDir = join(root, '.electron-native')
const nativeFile = join(nativeDir, 'better_sqlite3.node')
const stampFile = join(nativeDir, 'build.json')
const driverSource = join(root, 'node_modules', 'better-sqlite3')

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'))

/** Where `npm start` finds the Electron binary, or null when it is not installed. */
export function electronBinary() {
  const electronDir = join(root, 'node_modules', 'electron')
  const pathFile = join(electronDir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? binary : null
}

/** Opens a database with `driver` inside Electron itself (run as Node): the one proof that its ABI is right. */
function loadInElectron(binary, driver) {
  const probe = `const Database = require(${JSON.stringify(driverSource)}); new Database(':memory:', { nativeBinding: ${JSON.stringify(driver)} }).close(); console.log(process.versions.modules)`
  const run = spawnSync(binary, ['-e', probe], { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, encoding: 'utf8', timeout: 60_000 })
  if (run.status !== 0) throw new Error(`the driver built for Electron does not load in it: ${(run.stderr || run.stdout || String(run.error)).trim()}`)
  return run.stdout.trim()
}

/** Returns the path of a driver that loads in `binary`'s Electron, building it when missing or stale. */
export async function prepareElectronNative(binary, log = console.log) {
  const wanted = {
    electron: readJson(join(root, 'node_modules', 'electron', 'package.json')).version,
    betterSqlite3: readJson(join(driverSource, 'package.json')).version,
    platform: process.platform,
    arch: process.arch,
  }
  if (existsSync(nativeFile) && existsSync(stampFile) && JSON.stringify(readJson(stampFile)) === JSON.stringify(wanted)) return nativeFile

  log(`Building the SQLite driver for Electron ${wanted.electron} into .electron-native/ (once; needs the network)…`)
  // Inside the project, so the copy still resolves the project's prebuild-install and node-gyp.
  const stage = join(nativeDir, 'stage')
  const stagedDriver = join(stage, 'node_modules', 'better-sqlite3')
  rmSync(stage, { recursive: true, force: true })
  try {
    mkdirSync(stage, { recursive: true })
    const ownBuild = join(driverSource, 'build')
    cpSync(driverSource, stagedDriver, { recursive: true, filter: (source) => source !== ownBuild && !source.startsWith(ownBuild + sep) })
    writeFileSync(
      join(stage, 'package.json'),
      JSON.stringify({ name: 'contact-desk-electron-native', private: true, dependencies: { 'better-sqlite3': wanted.betterSqlite3 } }),
    )
    // npm passes ~/.npmrc's nodedir to scripts (as on this build machine): node-gyp would then compile against
    // Node's headers and "succeed" with a Node-ABI driver (docs/ARCHITECTURE.md §10). Electron's headers, always.
    for (const name of Object.keys(process.env)) if (name.toLowerCase() === 'npm_config_nodedir') delete process.env[name]
    const { rebuild } = await import('@electron/rebuild')
    await rebuild({ buildPath: stage, electronVersion: wanted.electron, arch: process.arch, onlyModules: ['better-sqlite3'], force: true, mode: 'sequential' })

    const built = join(stagedDriver, 'build', 'Release', 'better_sqlite3.node')
    const abi = loadInElectron(binary, built)
    copyFileSync(built, nativeFile)
    writeFileSync(stampFile, `${JSON.stringify(wanted)}\n`)
    log(`SQLite driver ready for Electron ${wanted.electron} (module version ${abi}).`)
    return nativeFile
  } finally {
    rmSync(stage, { recursive: true, force: true })
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const binary = electronBinary()
  if (!binary) {
    console.error('The Electron binary is not installed: run `npm start` once on a machine with network access.')
    process.exit(1)
  }
  try {
    await prepareElectronNative(binary)
  } catch (error) {
    console.error(`Could not build the SQLite driver for Electron: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  }
}
