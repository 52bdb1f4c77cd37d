import { copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { checkNativeBinding, currentRuntime, electronNativeBinding, nativeModuleVersions } from '../../../src/main/electron/native-binding'
import { makeTempDir } from '../../support/temp-dir'

// The real Node build that `npm install` compiled: the right build for the runtime vitest runs in.
const NODE_BUILD = join(dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node')
const ABI = process.versions.modules
const remedy = 'Do the thing that fixes it.'

let dir: ReturnType<typeof makeTempDir>
beforeEach(() => {
  dir = makeTempDir()
})
afterEach(() => dir.remove())

/** A copy of the Node build whose registration symbol names another ABI (same length, so the file stays well-formed). */
function doctoredCopy(abi: string): string {
  const file = join(dir.path, 'doctored.node')
  const text = readFileSync(NODE_BUILD).toString('latin1').replaceAll(`node_register_module_v${ABI}`, `node_register_module_v${abi}`)
  writeFileSync(file, Buffer.from(text, 'latin1'))
  return file
}

describe('nativeModuleVersions', () => {
  it("reads the real Node build's ABI: the one this runtime needs", () => {
    expect(nativeModuleVersions(NODE_BUILD)).toEqual([Number(ABI)])
  })
})

describe('checkNativeBinding', () => {
  it('accepts the real Node build under Node, and better-sqlite3 then opens a database with it', () => {
    const file = join(dir.path, 'better_sqlite3.node')
    copyFileSync(NODE_BUILD, file)
    expect(checkNativeBinding({ file, remedy })).toBe(file)
    const db = new Database(':memory:', { nativeBinding: file })
    expect(db.prepare('SELECT 1 + 1 AS two').get()).toEqual({ two: 2 })
    db.close()
  })

  it('refuses a build for another ABI without loading it, saying what was found, what is needed and what to do', () => {
    const other = String(Number(ABI) + 35).padStart(ABI.length, '0')
    const file = doctoredCopy(other)
    const runtime = { modules: ABI, name: 'Electron 45.5.0' }
    expect(() => checkNativeBinding({ file, remedy }, runtime)).toThrow(
      `Contact Desk's SQLite driver ${file} was built for module version ${other}, but this runtime (Electron 45.5.0) needs module version ${ABI}; it was not loaded. ${remedy}`,
    )
  })

  it("refuses the Node build when the runtime is Electron's (the packaging mistake docs/ARCHITECTURE.md §10 describes)", () => {
    expect(() => checkNativeBinding({ file: NODE_BUILD, remedy }, { modules: '150', name: 'Electron 45.5.0' })).toThrow(
      `built for module version ${ABI}, but this runtime (Electron 45.5.0) needs module version 150`,
    )
  })

  it('says so when the build is missing', () => {
    const file = join(dir.path, 'nowhere', 'better_sqlite3.node')
    expect(() => checkNativeBinding({ file, remedy }, { modules: ABI, name: 'Electron 45.5.0' })).toThrow(
      `Contact Desk's SQLite driver for Electron 45.5.0 is missing: ${file}. ${remedy}`,
    )
  })

  it('refuses a file that is no Node addon at all', () => {
    const file = join(dir.path, 'fake.node')
    writeFileSync(file, 'MZ this is not an addon')
    expect(() => checkNativeBinding({ file, remedy })).toThrow(`${file} is not a Node native module`)
  })
})

describe('currentRuntime', () => {
  it('names Electron when running in it, Node otherwise', () => {
    expect(currentRuntime({ ...process.versions, electron: '45.5.0', modules: '150' })).toEqual({ modules: '150', name: 'Electron 45.5.0' })
    expect(currentRuntime()).toEqual({ modules: ABI, name: `Node.js ${process.versions.node}` })
  })
})

describe('electronNativeBinding', () => {
  it('packaged: the build beside app.asar; unpackaged: .electron-native/ under the app', () => {
    const packaged = electronNativeBinding({ isPackaged: true, getAppPath: () => '/unused' }, '/opt/Contact Desk/resources')
    expect(packaged.file).toBe(
      join('/opt/Contact Desk/resources', 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'),
    )
    expect(packaged.remedy).toMatch(/install it again/)
    const development = electronNativeBinding({ isPackaged: false, getAppPath: () => '/work/contact-desk' }, '/unused')
    expect(development.file).toBe(join('/work/contact-desk', '.electron-native', 'better_sqlite3.node'))
    expect(development.remedy).toMatch(/npm start/)
  })
})
