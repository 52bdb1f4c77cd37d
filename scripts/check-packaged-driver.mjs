#!/usr/bin/env node
// After `npm run dist` on a release runner: runs the packaged Electron as Node (ELECTRON_RUN_AS_NODE)
// and opens a database with the better_sqlite3.node that electron-builder's npmRebuild put beside
// app.asar. A build for the wrong ABI (a "successful" rebuild against Node's headers, docs/ARCHITECTURE.md §10)
// fails here, before the installers reach the release. Checks the unpacked app of this runner's
// own platform and architecture, the one it can run.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'

const dist = join(process.cwd(), 'dist')
const arm = process.arch === 'arm64'
const candidates =
  {
    win32: [join(dist, arm ? 'win-arm64-unpacked' : 'win-unpacked', 'Contact Desk.exe')],
    darwin: [join(dist, arm ? 'mac-arm64' : 'mac', 'Contact Desk.app', 'Contents', 'MacOS', 'Contact Desk')],
    linux: [join(dist, arm ? 'linux-arm64-unpacked' : 'linux-unpacked', 'contact-desk')],
  }[process.platform] ?? []
const executable = candidates.find((file) => existsSync(file))
if (!executable) {
  console.error(`No packaged app for ${process.platform}-${process.arch} in dist/ (looked for ${candidates.join(', ')})`)
  process.exit(1)
}
const resources = process.platform === 'darwin' ? join(executable, '..', '..', 'Resources') : join(executable, '..', 'resources')
const driver = join(resources, 'app.asar.unpacked', 'node_modules', 'better-sqlite3')
const probe = `
const Database = require(${JSON.stringify(driver)})
const db = new Database(':memory:', { nativeBinding: ${JSON.stringify(join(driver, 'build', 'Release', 'better_sqlite3.node'))} })
const { version } = db.prepare('SELECT sqlite_version() AS version').get()
console.log('Electron ' + process.versions.electron + ' (module version ' + process.versions.modules + ') opened SQLite ' + version + ' with the packaged driver')
`
const run = spawnSync(executable, ['-e', probe], { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, encoding: 'utf8' })
process.stdout.write(run.stdout)
process.stderr.write(run.stderr)
if (run.status !== 0) {
  console.error(`The packaged SQLite driver does not load in the packaged Electron (exit ${run.status ?? run.signal}).`)
  process.exit(1)
}
