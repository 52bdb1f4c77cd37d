// docs/ARCHITECTURE.md §10, "The SQLite driver per runtime": better-sqlite3 in node_modules is the Node build (tests, the
// CLI); the app loads a build for Electron from a path of its own. A .node built for another runtime
// either refuses to load with a cryptic "NODE_MODULE_VERSION" error or crashes, so the file's ABI is
// read from the binary and compared with the running runtime's before anything loads it.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { App } from 'electron'

// Every Node addon built against V8 exports its entry point as node_register_module_v<ABI>
// (NODE_MODULE_VERSION); the name is in the export table of ELF, Mach-O and PE files alike.
const REGISTER_SYMBOL = /node_register_module_v(\d+)/g

/** The module ABIs a native addon was built for, as its exported registration symbol names them. */
export function nativeModuleVersions(file: string): number[] {
  const text = readFileSync(file).toString('latin1')
  return [...new Set([...text.matchAll(REGISTER_SYMBOL)].map((match) => Number(match[1])))]
}

export interface Runtime {
  /** process.versions.modules: the ABI an addon must be built for. */
  modules: string
  /** For people: "Electron 45.5.0" or "Node.js 20.20.2". */
  name: string
}

export function currentRuntime(versions: NodeJS.ProcessVersions = process.versions): Runtime {
  const electron = (versions as NodeJS.ProcessVersions & { electron?: string }).electron
  return { modules: versions.modules, name: electron ? `Electron ${electron}` : `Node.js ${versions.node}` }
}

/** Where the app's SQLite driver build lives, and what to do when it is missing or wrong. */
export interface NativeBindingLocation {
  file: string
  remedy: string
}

/**
 * Packaged: the build electron-builder made for Electron (npmRebuild), unpacked beside app.asar.
 * Unpackaged (`npm start` with the real Electron): the build its preparation step put in .electron-native/.
 */
export function electronNativeBinding(app: Pick<App, 'isPackaged' | 'getAppPath'>, resourcesPath: string): NativeBindingLocation {
  if (app.isPackaged) {
    return {
      file: join(resourcesPath, 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'),
      remedy: 'This installation of Contact Desk is damaged or incomplete: install it again.',
    }
  }
  return {
    file: join(app.getAppPath(), '.electron-native', 'better_sqlite3.node'),
    remedy:
      'Run `npm start` (or `npm run native:electron`) on a machine with network access: its preparation step builds the driver for Electron into .electron-native/.',
  }
}

/**
 * Returns the file when it was built for `runtime`; otherwise throws an Error whose message says what
 * was found, what is needed and what to do. Never loads the file.
 */
export function checkNativeBinding(location: NativeBindingLocation, runtime: Runtime = currentRuntime()): string {
  const { file, remedy } = location
  let versions: number[]
  try {
    versions = nativeModuleVersions(file)
  } catch (error) {
    const reason = error instanceof Error && 'code' in error && error.code === 'ENOENT' ? 'is missing' : 'cannot be read'
    throw new Error(`Contact Desk's SQLite driver for ${runtime.name} ${reason}: ${file}. ${remedy}`, { cause: error })
  }
  if (versions.length === 0) {
    throw new Error(`${file} is not a Node native module (it exports no node_register_module_v… entry point). ${remedy}`)
  }
  if (versions.length > 1 || String(versions[0]) !== runtime.modules) {
    throw new Error(
      `Contact Desk's SQLite driver ${file} was built for module version ${versions.join(', ')}, ` +
        `but this runtime (${runtime.name}) needs module version ${runtime.modules}; it was not loaded. ${remedy}`,
    )
  }
  return file
}
