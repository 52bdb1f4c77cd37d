#!/usr/bin/env node
// `npm start`: the real Electron app where its binary is (or can be) installed; otherwise browser
// mode, which serves the same UI and core on 127.0.0.1 with the built-in demo portal one click away.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const electronDir = join(root, 'node_modules', 'electron')
const args = process.argv.slice(2)

function electronBinary() {
  const pathFile = join(electronDir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? binary : null
}

let binary = process.env.DESK_BROWSER_MODE ? null : electronBinary()
if (!binary && !process.env.DESK_BROWSER_MODE) {
  // The preparation step: Electron 42+ no longer downloads its binary at install time.
  console.log('Preparing Electron (downloading its binary once)…')
  spawnSync(process.execPath, [join(electronDir, 'install.js'), '--no'], { stdio: 'ignore', timeout: 300_000 })
  binary = electronBinary()
}

const child = binary
  ? spawn(binary, [root, ...args], { stdio: 'inherit' })
  : (console.log('Electron is not available on this machine (its binary cannot be downloaded here): starting browser mode.\n'),
    spawn(process.execPath, [join(root, 'out', 'main', 'browser-mode.js'), ...args], { stdio: 'inherit' }))
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code) => process.exit(code ?? 0))
