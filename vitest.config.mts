import react from '@vitejs/plugin-react'
import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  plugins: [react()],
  resolve: { alias: { '@renderer': resolve(import.meta.dirname, 'src/renderer/src') } },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', environment: 'node', include: ['test/unit/**/*.test.ts'], setupFiles: ['test/support/fast-check-seed.ts'] },
      },
      {
        extends: true,
        test: { name: 'renderer', environment: 'happy-dom', include: ['test/renderer/**/*.test.tsx'] },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          environment: 'node',
          include: ['test/integration/**/*.test.ts'],
          setupFiles: ['test/support/fast-check-seed.ts'],
          // One file at a time: npm start's test rebuilds out/ while the packaging test packs it.
          // (On 2 cores vitest already runs a single worker; this keeps bigger CI runners the same.)
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Speed lives here, never in timed tests: `npm run bench` (vitest bench) only, so `npm test` skips it.
        extends: true,
        test: {
          name: 'bench',
          environment: 'node',
          include: [],
          benchmark: { include: ['bench/**/*.bench.ts'] },
          // One file at a time, so two benchmarks never share the 2 cores.
          fileParallelism: false,
          hookTimeout: 120_000,
        },
      },
    ],
    // vitest's own table (with mean-based ratios), then medians and median ratios side by side.
    benchmark: { reporters: ['default', './bench/median-reporter.ts'] },
  },
})
