// The GitHub Actions workflows, parsed and validated by GitHub's own workflow parser
// (@actions/workflow-parser, the one behind the Actions language service), then held to issue 7.
import { readFileSync } from 'node:fs'
import { register } from 'node:module'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

// The parser imports its schema (a .json file) without an import attribute, which Node's own loader
// refuses: this hook adds the attribute for .json files, in this test process only.
register(
  `data:text/javascript,${encodeURIComponent(
    "export async function load(url, context, next) { return next(url, url.endsWith('.json') ? { ...context, importAttributes: { ...context.importAttributes, type: 'json' } } : context) }",
  )}`,
)
const { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } = await import('@actions/workflow-parser')

const WORKFLOWS = resolve(import.meta.dirname, '../../../.github/workflows')

async function load(name: string) {
  const content = readFileSync(join(WORKFLOWS, name), 'utf8')
  const parsed = parseWorkflow({ name, content }, new NoOperationTraceWriter())
  const errors = parsed.context.errors.getErrors().map((error) => error.message)
  const template = parsed.value ? await convertWorkflowTemplate(parsed.context, parsed.value) : undefined
  // The plain structure, for the assertions below (toJSON keeps expressions as their source text).
  const json = JSON.parse(JSON.stringify(parsed.value)) as unknown
  return { content, errors: [...errors, ...(template?.errors ?? []).map((error) => error.Message)], template, json }
}

/** A token tree's plain value: mappings to objects, sequences to arrays, scalars to strings. */
function plain(token: unknown): unknown {
  if (token === null || typeof token !== 'object') return token
  const node = token as { type?: number; map?: { Key: unknown; Value: unknown }[]; seq?: unknown[]; lit?: unknown; expr?: string }
  if (Array.isArray(node.map)) return Object.fromEntries(node.map.map(({ Key, Value }) => [String(plain(Key)), plain(Value)]))
  if (Array.isArray(node.seq)) return node.seq.map(plain)
  if (node.expr !== undefined) return `\${{ ${node.expr} }}`
  if (node.lit !== undefined) return node.lit
  return token
}

type Step = { uses?: string; run?: string; env?: Record<string, string>; with?: Record<string, unknown>; name?: string; shell?: string }
type Job = { 'runs-on'?: string; needs?: string | string[]; strategy?: { matrix?: { os?: string[] } }; steps?: Step[] }
type Workflow = { on: Record<string, unknown>; permissions?: Record<string, string>; jobs: Record<string, Job> }

describe('the validator', () => {
  it('refuses what GitHub would refuse: an unknown key, a broken expression', () => {
    const content = 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    stepz: []\n    steps:\n      - run: echo ${{ github. }}\n'
    const parsed = parseWorkflow({ name: 'broken.yml', content }, new NoOperationTraceWriter())
    expect(parsed.context.errors.getErrors().map((error) => error.message)).toEqual([
      "broken.yml (Line: 5, Col: 5): Unexpected value 'stepz'",
      "broken.yml (Line: 7, Col: 14): Unexpected symbol: 'EOF'",
    ])
  })
})

describe('.github/workflows/ci.yml', () => {
  it("is a valid workflow for GitHub's parser", async () => {
    const { errors, template } = await load('ci.yml')
    expect(errors).toEqual([])
    expect(template?.jobs.map((job) => job.id.value)).toEqual(['test'])
  })

  it('runs npm ci and npm test on Linux on every push, with the runner Chromium in CHROMIUM_PATH', async () => {
    const workflow = plain((await load('ci.yml')).json) as Workflow
    expect(Object.keys(workflow.on)).toContain('push')
    expect(workflow.on.push).toBeNull()
    const job = workflow.jobs.test
    expect(job?.['runs-on']).toBe('ubuntu-latest')
    const runs = job?.steps?.map((step) => step.run?.trim())
    expect(runs).toContain('npm ci')
    expect(runs).toContain('npm test')
    expect(runs?.indexOf('npm ci')).toBeLessThan(runs?.indexOf('npm test') ?? -1)
    const chromium = job?.steps?.find((step) => step.run?.includes('CHROMIUM_PATH'))
    expect(chromium?.run).toMatch(/echo "CHROMIUM_PATH=\$path" >> "\$GITHUB_ENV"/)
    expect(runs?.findIndex((run) => run?.includes('CHROMIUM_PATH'))).toBeLessThan(runs?.indexOf('npm test') ?? -1)
    expect(workflow.permissions).toEqual({ contents: 'read' })
  })
})

describe('.github/workflows/release.yml', () => {
  it("is a valid workflow for GitHub's parser", async () => {
    const { errors, template } = await load('release.yml')
    expect(errors).toEqual([])
    expect(template?.jobs.map((job) => job.id.value)).toEqual(['draft', 'installers', 'publish'])
  })

  it('runs on version tags and builds the installers on Windows, macOS and Linux', async () => {
    const workflow = plain((await load('release.yml')).json) as Workflow
    expect(workflow.on).toEqual({ push: { tags: ['v*.*.*'] } })
    const installers = workflow.jobs.installers
    expect(installers?.strategy?.matrix?.os).toEqual(['windows-latest', 'macos-latest', 'ubuntu-latest'])
    expect(installers?.['runs-on']).toBe('${{ matrix.os }}')
    const runs = installers?.steps?.map((step) => step.run?.trim())
    expect(runs).toContain('npm ci')
    expect(runs).toContain('npm run dist -- --publish always')
    expect(runs).toContain('node scripts/check-packaged-driver.mjs')
  })

  it('uploads into a draft release made first and published only after every platform', async () => {
    const workflow = plain((await load('release.yml')).json) as Workflow
    expect(workflow.permissions).toEqual({ contents: 'write' })
    expect(workflow.jobs.installers?.needs).toBe('draft')
    expect(workflow.jobs.publish?.needs).toBe('installers')
    const dist = workflow.jobs.installers?.steps?.find((step) => step.run?.startsWith('npm run dist'))
    expect(dist?.env).toEqual({ GH_TOKEN: '${{ secrets.GITHUB_TOKEN }}' })
    expect(workflow.jobs.draft?.steps?.some((step) => step.run?.includes('gh release create "$GITHUB_REF_NAME" --draft'))).toBe(true)
    expect(workflow.jobs.publish?.steps?.some((step) => step.run?.includes('--draft=false'))).toBe(true)
  })

  it('uses signing secrets only when they exist, and never puts them on the command line', async () => {
    const { json, content } = await load('release.yml')
    const workflow = plain(json) as Workflow
    const signing = workflow.jobs.installers?.steps?.find((step) => step.name === 'Signing credentials that are set')
    expect(Object.keys(signing?.env ?? {}).sort()).toEqual(
      ['APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_ID', 'APPLE_TEAM_ID', 'CSC_KEY_PASSWORD', 'CSC_LINK', 'WIN_CSC_KEY_PASSWORD', 'WIN_CSC_LINK'].sort(),
    )
    expect(signing?.run).toContain('if [ -n "${!name}" ]')
    // Secrets appear only as that step's environment.
    const secretLines = content.split('\n').filter((line) => line.includes('secrets.') && !line.includes('secrets.GITHUB_TOKEN'))
    expect(secretLines).toHaveLength(7)
    for (const line of secretLines) expect(line).toMatch(/^\s+[A-Z_]+: \$\{\{ secrets\.[A-Z_]+ \}\}$/)
  })
})
