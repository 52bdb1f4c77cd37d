#!/usr/bin/env node
// `npm start`: the real Electron app where its binary is (or can be) installed and a display shows it;
// otherwise browser mode, which serves the same UI and core on 127.0.0.1 with the demo portal one click away.
import { spawn, spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { electronBinary, prepareElectronNative } from './electron-native.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)

// A Linux machine without a display (a server, a CI runner) could not show Electron's window anyway.
const headless = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY
const browserOnly = Boolean(process.env.DESK_BROWSER_MODE) || headless
let binary = browserOnly ? null : electronBinary()
let why = headless ? 'This machine has no display for Electron' : 'Electron is not available on this machine (its binary cannot be downloaded here)'
if (!binary && !browserOnly) {
  // The preparation step: Electron 42+ no longer downloads its binary at install time.
  console.log('Preparing Electron (downloading its binary once)…')
  spawnSync(process.execPath, [join(root, 'node_modules', 'electron', 'install.js'), '--no'], { stdio: 'ignore', timeout: 300_000 })
  binary = electronBinary()
}
if (binary) {
  // The app loads the SQLite driver built for Electron, never node_modules' Node build (docs/ARCHITECTURE.md §10).
  try {
    await prepareElectronNative(binary)
  } catch (error) {
    why = `The SQLite driver could not be built for Electron (${error instanceof Error ? error.message : String(error)})`
    binary = null
  }
}

const child = binary
  ? spawn(binary, [root, ...args], { stdio: 'inherit' })
  : (console.log(`${why}: starting browser mode.\n`), spawn(process.execPath, [join(root, 'out', 'main', 'browser-mode.js'), ...args], { stdio: 'inherit' }))
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code) => process.exit(code ?? 0))
