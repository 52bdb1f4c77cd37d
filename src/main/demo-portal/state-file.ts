// The portal's state on disk, so edits made against the demo survive a restart. Read back through the
// schema (a hand-edited or truncated file is refused with the reason); written atomically (temporary
// file, then rename) so a crash mid-write leaves the previous state intact.
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { parseAnyDemoState, type DemoState } from './schema'

export class DemoStateFileError extends Error {
  override readonly name = 'DemoStateFileError'
}

/** The saved state, or undefined when the file does not exist yet. */
export async function readStateFile(file: string): Promise<DemoState | undefined> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new DemoStateFileError(`Demo portal state file ${file} is corrupt: it is not JSON (${(error as Error).message})`)
  }
  // An older version is upgraded as it is read (schema.ts).
  const parsed = parseAnyDemoState(json)
  if (!parsed.success) {
    const issues = parsed.error.issues
    const shown = issues.slice(0, 3).map((issue) => `${issue.path.join('.') || '(top)'}: ${issue.message}`)
    const more = issues.length > shown.length ? ` (and ${issues.length - shown.length} more)` : ''
    throw new DemoStateFileError(`Demo portal state file ${file} is corrupt: ${shown.join('; ')}${more}`)
  }
  return parsed.data
}

let writes = 0

export async function writeStateFile(file: string, state: DemoState): Promise<void> {
  // Unique per process and write, so two portals sharing a directory never write the same temporary file.
  const temporary = `${file}.${process.pid}.${++writes}.tmp`
  try {
    await mkdir(dirname(file), { recursive: true })
    await writeFile(temporary, JSON.stringify(state))
    await rename(temporary, file)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
}
