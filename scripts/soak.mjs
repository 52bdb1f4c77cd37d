// `npm run soak`: the long runs of the sync tests — the model-based property test (≥ 10,000 sequences) and the
// kill -9 crash test (1,000 kills) — with SOAK=1 set the same way on every OS. `npm run soak -- <vitest args>`
// passes more arguments on (e.g. `-t "7.x"`). Run after a build: the crash test's child is the built CLI.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs')
const files = ['test/integration/core/sync-model.test.ts', 'test/integration/core/sync-crash.test.ts']
const seed = Math.floor(Math.random() * 2 ** 31)
console.log(`soak: FC_SEED=${process.env.FC_SEED ?? seed}`)
const run = spawnSync(process.execPath, [vitest, 'run', '--project', 'integration', ...files, ...process.argv.slice(2)], {
  stdio: 'inherit',
  // A new seed each soak (printed, so a failure can be replayed with FC_SEED=…), unlike npm test's fixed one.
  env: { ...process.env, SOAK: '1', FC_SEED: process.env.FC_SEED ?? String(seed) },
})
process.exit(run.status ?? 1)
