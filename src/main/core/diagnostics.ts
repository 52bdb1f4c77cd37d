// How the thread that holds the cache is doing: how long staff edits and a pull's transactions hold the cache,
// and how long work waited for its event loop. For support and for `npm run bench`; nothing here is personal data.
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks'
import type { Diagnostics, DurationStats } from '../../shared/contract'

/** The most recent durations kept per kind, enough for a p99 over the last minutes of work. */
const KEPT = 10_000

export type TimedWork = keyof Diagnostics['transactions']

export interface DiagnosticsRecorder {
  /** Notes how long one piece of work held the cache (ms). */
  record(kind: TimedWork, ms: number): void
  read(): Diagnostics
  stop(): void
}

function statsOf(durations: readonly number[]): DurationStats {
  if (durations.length === 0) return { count: 0, p50Ms: 0, p99Ms: 0, maxMs: 0 }
  const sorted = [...durations].sort((a, b) => a - b)
  const at = (share: number) => sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] as number
  return { count: sorted.length, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: sorted[sorted.length - 1] as number }
}

export function createDiagnostics(): DiagnosticsRecorder {
  const kept: Record<TimedWork, number[]> = { edits: [], pull: [] }
  let loop: IntervalHistogram | null = monitorEventLoopDelay({ resolution: 10 })
  loop.enable()
  return {
    record(kind, ms) {
      const durations = kept[kind]
      durations.push(ms)
      if (durations.length > KEPT) durations.splice(0, durations.length - KEPT)
    },
    read() {
      const memory = process.memoryUsage()
      return {
        transactions: { edits: statsOf(kept.edits), pull: statsOf(kept.pull) },
        eventLoopDelay: loop ? { p99Ms: loop.percentile(99) / 1e6, maxMs: loop.max / 1e6 } : { p99Ms: 0, maxMs: 0 },
        memory: { rssBytes: memory.rss, heapUsedBytes: memory.heapUsed },
      }
    },
    stop() {
      loop?.disable()
      loop = null
    },
  }
}
