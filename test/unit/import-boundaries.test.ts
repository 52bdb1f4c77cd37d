// The import rules of eslint.config.mjs (who may import whom), checked on a file placed in each folder: every
// forbidden import is refused, and the imports each folder really needs still pass. `npm test` lints the tree
// with the same config, so a forbidden import anywhere in src/ fails it.
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint({ cwd: process.cwd() })
const RULE = '@typescript-eslint/no-restricted-imports'

async function refused(filePath: string, from: string): Promise<boolean> {
  const results = await eslint.lintText(`import { x } from '${from}'\nexport const y = x\n`, { filePath })
  expect(results).toHaveLength(1)
  return results[0]!.messages.some((message) => message.ruleId === RULE)
}

const FORBIDDEN: [file: string, from: string][] = [
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
]

const ALLOWED: [file: string, from: string][] = [
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
]

describe('import boundaries (eslint.config.mjs)', () => {
  it.each(FORBIDDEN)('%s may not import %s', async (file, from) => {
    expect(await refused(file, from)).toBe(true)
  })

  it.each(ALLOWED)('%s may import %s', async (file, from) => {
    expect(await refused(file, from)).toBe(false)
  })
})
