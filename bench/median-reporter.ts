// Prints what the team quotes: the MEDIAN of each benchmark and median-based ratios, side by side per
// describe block (vitest's own table shows mean and percentiles, and its summary ratios use the mean).
// A benchmark whose name contains "(baseline)" is the reference of its block: every other row also
// says how many times faster than it it is.
import { experimental_getRunnerTask, type Reporter, type TestModule } from 'vitest/node'

interface Row {
  name: string
  median: number
  mean: number
  p99: number
  samples: number
}

const BASELINE = '(baseline)'

function formatMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`
  if (ms >= 100) return `${ms.toFixed(0)} ms`
  if (ms >= 10) return `${ms.toFixed(1)} ms`
  if (ms >= 1) return `${ms.toFixed(2)} ms`
  return `${ms.toFixed(3)} ms`
}

function formatRatio(ratio: number): string {
  return ratio >= 10 ? `${ratio.toFixed(0)}×` : `${ratio.toFixed(2)}×`
}

function table(head: string[], rows: string[][]): string[] {
  const widths = head.map((_, i) => Math.max(...[head, ...rows].map((row) => (row[i] ?? '').length)))
  const line = (row: string[]) => '   ' + row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ')
  return [line(head), ...rows.map(line)]
}

export default class MedianReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const out: string[] = []
    for (const testModule of testModules) {
      for (const suite of testModule.children.allSuites()) {
        const rows: Row[] = []
        for (const test of suite.children.tests()) {
          const result = experimental_getRunnerTask(test).result?.benchmark
          if (!result) continue
          rows.push({ name: test.name, median: result.median, mean: result.mean, p99: result.p99, samples: result.sampleCount })
        }
        if (rows.length === 0) continue
        const fastest = Math.min(...rows.map((row) => row.median))
        const baseline = rows.find((row) => row.name.includes(BASELINE))
        const head = ['name', 'median', 'mean', 'p99', 'samples', 'median ÷ fastest']
        if (baseline) head.push('times faster than baseline')
        const cells = rows.map((row) => {
          const cells = [row.name, formatMs(row.median), formatMs(row.mean), formatMs(row.p99), String(row.samples), formatRatio(row.median / fastest)]
          if (baseline) cells.push(row === baseline ? '—' : formatRatio(baseline.median / row.median))
          return cells
        })
        out.push('', ` MEDIANS  ${suite.fullName}  (${testModule.moduleId.replace(`${testModule.project.config.root}/`, '')})`, ...table(head, cells))
      }
    }
    if (out.length > 0) process.stdout.write(`${out.join('\n')}\n\n`)
  }
}
