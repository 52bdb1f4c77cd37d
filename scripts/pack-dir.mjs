#!/usr/bin/env node
// `npm run pack:dir`: electron-builder's `dir` target with this repository's electron-builder.yml, on
// a machine that cannot download Electron (TOOLCHAIN §5). A placeholder Electron dist stands in for the
// real one and npmRebuild is off, so app.asar and app.asar.unpacked are exactly what `npm run dist`
// would pack, but the result cannot run (and its better_sqlite3.node is node_modules' Node build).
// Flags: --output DIR (default dist/). Needs `npm run build` first (npm run pack:dir does it).
import { spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
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

try {
  const result = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules', 'electron-builder', 'cli.js'),
      '--linux',
      'dir',
      '--publish',
      'never',
      `-c.electronDist=${placeholder}`,
      '-c.npmRebuild=false',
      `-c.directories.output=${output}`,
    ],
    { cwd: root, stdio: 'inherit' },
  )
  if (result.status !== 0) process.exit(result.status ?? 1)
  console.log(`Packed (placeholder Electron, not runnable): ${join(output, 'linux-unpacked')}`)
} finally {
  rmSync(placeholder, { recursive: true, force: true })
}
