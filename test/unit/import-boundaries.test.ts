// The import rules of eslint.config.mjs (who may import whom), checked on a file placed in each folder: every
// forbidden import is refused, and the imports each folder really needs still pass. `npm test` lints the tree
// with the same config, so a forbidden import anywhere in src/ fails it.
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint({ cwd: process.cwd() })
const RULES = new Set(['import-x/no-restricted-paths', 'desk/every-import-form', 'no-restricted-syntax'])

/** Each way a file can reach another: the rules check the file the path resolves to, whatever form names it. */
const FORMS = {
  import: (from: string) => `import { x } from '${from}'\nexport const y = x\n`,
  'export from': (from: string) => `export * from '${from}'\n`,
  'import()': (from: string) => `export const load = () => import('${from}')\n`,
  'import(``)': (from: string) => `export const load = () => import(\`${from}\`)\n`,
  'require()': (from: string) => `export const y = require('${from}')\n`,
  'typeof import()': (from: string) => `export type T = typeof import('${from}')\n`,
  'import(computed)': (from: string) => `const at = '${from}'\nexport const load = () => import(at)\n`,
  createRequire: (from: string) => `import { createRequire } from 'node:module'\nexport const y = createRequire(import.meta.url)('${from}')\n`,
  'module.require': (from: string) => `export const y = module.require('${from}')\n`,
  'import.meta.glob': (from: string) => `export const all = import.meta.glob('${from}/*.ts', { eager: true })\n`,
} satisfies Record<string, (from: string) => string>
type Form = keyof typeof FORMS

// filePath places the text in the tree, so its imports resolve (tsconfig paths included) from that file.
async function refusals(filePath: string, from: string, form: Form): Promise<string[]> {
  const results = await eslint.lintText(FORMS[form](from), { filePath })
  expect(results).toHaveLength(1)
  return results[0]!.messages.filter((message) => message.ruleId != null && RULES.has(message.ruleId)).map((message) => message.message)
}

const FORBIDDEN: [file: string, from: string, form?: Form][] = [
  ['src/main/core/desk.ts', 'electron'],
  ['src/main/core/desk.ts', '../electron/ipc'],
  ['src/main/core/sync/push.ts', '../../electron/log/file-log'],
  ['src/main/core/desk.ts', '../browser/bridge'],
  ['src/main/core/desk.ts', '../cli/main'],
  ['src/main/core/desk.ts', '../desk-thread/host'],
  ['src/main/core/desk.ts', '../demo-portal/local'],
  ['src/main/core/db/outbox.ts', '../sync/merge'],
  ['src/main/core/db/outbox.ts', '../editing/edits'],
  ['src/main/core/db/outbox.ts', '../portal/whmcs-client'],
  ['src/main/core/portal/decode.ts', '../db/database'],
  ['src/main/core/portal/decode.ts', '../sync/engine'],
  ['src/renderer/src/api.ts', '../../main/core/desk'],
  ['src/renderer/src/features/sync/fieldKeys.ts', '../../../../main/core/sync/merge'],
  ['src/renderer/src/api.ts', 'electron'],
  ['src/renderer/src/api.ts', '../../preload/index'],
  ['src/shared/contract.ts', '../main/core/desk'],
  ['src/shared/contract.ts', '../renderer/src/api'],
  ['src/main/cli/main.ts', '../electron/safe-storage-secrets'],
  ['src/main/browser/main.ts', 'electron'],
  ['src/main/desk-thread/worker.ts', '../electron/net-transport'],
  ['src/main/demo-portal/server.ts', '../core/desk'],
  ['src/main/demo-portal/server.ts', 'electron'],
  // Not only static imports: import(), require(), type imports and re-exports are imports too.
  ['src/main/core/desk.ts', '../electron/ipc', 'import()'],
  ['src/main/core/db/outbox.ts', '../sync/merge', 'import()'],
  ['src/renderer/src/api.ts', '../../main/core/desk', 'import()'],
  ['src/main/core/desk.ts', 'electron', 'import()'],
  ['src/main/core/desk.ts', '../electron/ipc', 'import(``)'],
  ['src/main/core/desk.ts', '../electron/ipc', 'require()'],
  ['src/main/core/desk.ts', '../electron/ipc', 'typeof import()'],
  ['src/main/core/desk.ts', '../electron/ipc', 'export from'],
  // An import() of a path no rule can see (a variable) is refused in a folder with rules.
  ['src/main/core/desk.ts', '../../shared/contract', 'import(computed)'],
  // The same file spelled another way: the rules see the resolved file.
  ['src/main/core/desk.ts', '../../main/electron/ipc'],
  ['src/main/core/desk.ts', './../electron/ipc'],
  ['src/main/core/db/outbox.ts', '../../core/sync/merge'],
  ['src/shared/contract.ts', '../../src/main/core/desk'],
  ['src/renderer/src/api.ts', '@renderer/../../main/core/desk'],
  ['src/shared/contract.ts', '@renderer/api'],
  ['src/main/core/desk.ts', 'electron/main'],
  ['src/main/core/desk.ts', 'electron/renderer', 'typeof import()'],
  // The core and src/shared import neither the renderer nor the preload.
  ['src/main/core/views/client.ts', '../../../renderer/src/api'],
  ['src/main/core/views/client.ts', '@renderer/api'],
  ['src/main/core/views/client.ts', '../../../preload/index'],
  ['src/shared/contract.ts', '../preload/index'],
  // db and the portal client import no other part of the core, not even the parts that import nothing forbidden.
  ['src/main/core/db/outbox.ts', '../session'],
  ['src/main/core/db/outbox.ts', '../views/records'],
  ['src/main/core/db/outbox.ts', '../cache-reset'],
  ['src/main/core/portal/decode.ts', '../views/records'],
  ['src/main/core/portal/decode.ts', '../events'],
  // The preload reaches main and the renderer only through the contract.
  ['src/preload/index.ts', '../main/core/desk'],
  ['src/preload/index.ts', '../renderer/src/api'],
  // Loaders no rule can follow.
  ['src/main/core/desk.ts', '../electron/ipc', 'createRequire'],
  ['src/main/core/desk.ts', '../electron/ipc', 'module.require'],
  ['src/renderer/src/api.ts', '../../main/core', 'import.meta.glob'],
  // Electron's API under another package's name.
  ['src/main/core/desk.ts', 'electron-updater'],
]

const ALLOWED: [file: string, from: string, form?: Form][] = [
  ['src/main/electron/main.ts', 'electron'],
  ['src/main/electron/main.ts', '../desk-thread/host'],
  ['src/main/core/desk.ts', '../../shared/contract'],
  ['src/main/core/sync/push.ts', '../db/outbox'],
  ['src/main/core/editing/edits.ts', '../sync/merge'],
  ['src/main/core/db/outbox.ts', './database'],
  ['src/main/core/db/outbox.ts', '../../../shared/domain'],
  ['src/renderer/src/api.ts', '../../shared/contract'],
  ['src/main/browser/main.ts', '../core/desk'],
  ['src/main/browser/main.ts', '../demo-portal/local'],
  ['src/main/cli/main.ts', '../core/desk'],
  ['src/main/demo-portal/server.ts', '../../shared/errors'],
  // The Electron entry starts the other programs' code on demand (main.ts loads the demo portal so).
  ['src/main/electron/main.ts', '../demo-portal/local', 'import()'],
  ['src/main/electron/main.ts', '../desk-thread/host', 'import()'],
  ['src/main/electron/main.ts', 'electron/main'],
  ['src/preload/index.ts', 'electron'],
  ['src/main/core/desk.ts', '../../shared/contract', 'import()'],
  ['src/main/core/desk.ts', '../../shared/contract', 'typeof import()'],
  ['src/renderer/src/store/clients.ts', '@renderer/api'],
  ['src/shared/contract.ts', './errors'],
  ['src/main/core/db/outbox.ts', './contacts'],
  ['src/main/core/portal/decode.ts', './failures'],
  ['src/preload/index.ts', '../shared/contract'],
  ['src/main/electron/updates.ts', 'electron-updater'],
]

describe('import boundaries (eslint.config.mjs)', () => {
  const withForm = (cases: [string, string, Form?][]) => cases.map(([file, from, form = 'import']): [string, Form, string] => [file, form, from])

  it.each(withForm(FORBIDDEN))('%s may not %s %s', async (file, form, from) => {
    // A refusal, not a path the resolver could not follow (that would be reported as "Resolve error").
    expect((await refusals(file, from, form)).some((message) => /restricted zone|as a string|string path|by name/.test(message))).toBe(true)
  })

  it.each(withForm(ALLOWED))('%s may %s %s', async (file, form, from) => {
    expect(await refusals(file, from, form)).toEqual([])
  })
})
