#!/usr/bin/env node
// `npm run pack:dir`: electron-builder's `dir` target with this repository's electron-builder.yml, on
// a machine that cannot download Electron (docs/ARCHITECTURE.md §10). A placeholder Electron dist stands in for the
// real one and npmRebuild is off, so app.asar and app.asar.unpacked are exactly what `npm run dist`
// would pack, but the result cannot run (and its better_sqlite3.node is node_modules' Node build).
// The one other difference: electronFuses is turned off for this run only. @electron/fuses flips bits
// behind a sentinel in the real Electron binary, which the placeholder does not have ("Could not find
// sentinel"); the release build flips them (electron-builder.yml, test/unit/packaging/electron-builder-config.test.ts).
// Flags: --output DIR (default dist/). Needs `npm run build` first (npm run pack:dir does it).
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const outputFlag = process.argv.indexOf('--output')
const output = outputFlag === -1 ? join(root, 'dist') : resolve(process.argv[outputFlag + 1] ?? '')

if (!existsSync(join(root, 'out', 'main', 'index.js'))) {
  console.error('out/ is missing: run `npm run build` first.')
  process.exit(1)
}

const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version
const placeholder = mkdtempSync(join(tmpdir(), 'contact-desk-electron-dist-'))
writeFileSync(join(placeholder, 'electron'), '#!/bin/sh\necho "This is a placeholder Electron from npm run pack:dir; it cannot run." >&2\nexit 1\n')
chmodSync(join(placeholder, 'electron'), 0o755)
writeFileSync(join(placeholder, 'version'), electronVersion)
writeFileSync(join(placeholder, 'LICENSE'), 'Placeholder for the Electron license (npm run pack:dir).\n')

// electron-builder's API rather than its CLI: `-c.electronFuses=null` reaches the schema as the string "null"
// (the CLI turns "null" into null only for a few keys), while an object's null replaces the file's value.
// The overrides are deep-merged over electron-builder.yml, exactly as the CLI's -c flags would be.
const { build, Platform } = createRequire(import.meta.url)(join(root, 'node_modules', 'electron-builder'))

try {
  await build({
    projectDir: root,
    targets: Platform.LINUX.createTarget('dir'),
    publish: 'never',
    config: {
      electronDist: placeholder,
      npmRebuild: false,
      directories: { output },
      // Placeholder run only (see the top of this file): no sentinel to flip.
      electronFuses: null,
    },
  })
  console.log(`Packed (placeholder Electron, not runnable): ${join(output, 'linux-unpacked')}`)
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
} finally {
  rmSync(placeholder, { recursive: true, force: true })
}
