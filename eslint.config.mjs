import js from '@eslint/js'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'
import importX from 'eslint-plugin-import-x'
import { moduleVisitor, resolve as resolveImport } from 'eslint-plugin-import-x/utils'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import { createRequire, isBuiltin } from 'node:module'
import path from 'node:path'
import tseslint from 'typescript-eslint'

const ROOT = import.meta.dirname
// Where Electron's package really is (node_modules may be a link, or hoisted): imports are checked on the file they
// resolve to, which is under this real path.
const packageDir = (name) => path.dirname(createRequire(import.meta.url).resolve(`${name}/package.json`))
/** Electron, and the runtime packages that are Electron's API under another name. */
const ELECTRON = ['electron', 'electron-updater'].map(packageDir)
const MESSAGES = {
  electron: 'Only src/main/electron and src/preload may import Electron.',
  shared: 'src/shared is imported by every side and imports none.',
  renderer: 'The renderer reaches main only through window.desk (src/shared/contract.ts).',
  core: 'The core runs under every program: it imports none of them.',
  coreUi: 'The core serves the renderer only through the contract (src/shared/contract.ts): it imports neither the renderer nor the preload.',
  db: 'db is the bottom layer of the core: it imports no other part of it.',
  preload: 'The preload is the bridge of the contract (src/shared/contract.ts): it imports neither main nor the renderer.',
  portal: 'The portal client speaks the wire only: it imports no other part of the core.',
  programs: 'Electron glue belongs to the Electron entry.',
  demoPortal: 'The demo portal is a program of its own, independent of the code it tests.',
}

/** Folders under src/main (`core/db` is src/main/core/db), as paths from the repository root. */
const main = (...folders) => folders.map((folder) => `src/main/${folder}`)

/**
 * Who may import whom, as zones: a file inside a zone's `target` may not import a file inside its `from`. The check is
 * on the file an import resolves to (through tsconfig's paths, so `@renderer/...` too), not on how its path is
 * written, and every zone whose target holds a file applies to it (core/db gets the core's zones and its own).
 */
const ZONES = [
  {
    target: ['src/shared', 'src/renderer', ...main('core', 'browser', 'cli', 'desk-thread', 'demo-portal')],
    from: ELECTRON,
    message: MESSAGES.electron,
  },
  { target: 'src/shared', from: ['src/main', 'src/renderer', 'src/preload'], message: MESSAGES.shared },
  { target: 'src/renderer', from: ['src/main', 'src/preload'], message: MESSAGES.renderer },
  { target: main('core'), from: main('electron', 'browser', 'cli', 'desk-thread', 'demo-portal'), message: MESSAGES.core },
  { target: main('core'), from: ['src/renderer', 'src/preload'], message: MESSAGES.coreUi },
  { target: main('core/db'), from: main('core'), except: ['./db'], message: MESSAGES.db },
  { target: main('core/portal'), from: main('core'), except: ['./portal'], message: MESSAGES.portal },
  { target: 'src/preload', from: ['src/main', 'src/renderer'], message: MESSAGES.preload },
  { target: main('browser', 'cli', 'desk-thread'), from: main('electron'), message: MESSAGES.programs },
  { target: main('demo-portal'), from: main('electron', 'browser', 'cli', 'desk-thread', 'core'), message: MESSAGES.demoPortal },
]

/**
 * import-x's no-restricted-paths checks `import`, `export ... from`, `import x = require()`, and `import()` and
 * `require()` of a plain string, on the file the path resolves to. This rule takes the same zones and hands that rule
 * what it would miss: `typeof import('...')`, a template literal without `${}`, and a package subpath no file backs
 * (`electron/main` is Electron's own module, checked as the package `electron`). A computed `import()`/`require()` in
 * a zoned file is refused: no check can know its target.
 */
const restrictedPaths = importX.rules['no-restricted-paths']
const everyImportForm = {
  meta: {
    type: 'problem',
    docs: { description: 'import-x/no-restricted-paths for the import forms it does not check' },
    schema: restrictedPaths.meta.schema,
    messages: { ...restrictedPaths.meta.messages, computed: 'Write the path of import()/require() as a string, so the import rules can check it.' },
  },
  create(context) {
    const { zones = [], basePath = process.cwd() } = context.options[0] ?? {}
    const inside = (folder) => !path.relative(path.resolve(basePath, folder), context.physicalFilename).startsWith('..')
    if (!zones.some((zone) => [zone.target].flat().some(inside))) return {}
    const restricted = restrictedPaths.create(context)
    const check = (source) => restricted.ImportExpression({ type: 'ImportExpression', source })
    const literal = (node, value) => ({ type: 'Literal', value, raw: JSON.stringify(value), range: node.range, loc: node.loc })
    const asPackage = (source) => {
      const subpath = /^((?:@[^/]+\/)?[^./][^/]*)\/./.exec(source.value)
      if (subpath && !isBuiltin(source.value) && resolveImport(source.value, context) == null) check(literal(source, subpath[1]))
    }
    const specifier = (node) => {
      if (node.type === 'Literal') return // seen by no-restricted-paths and asPackage
      if (node.type !== 'TemplateLiteral' || node.expressions.length > 0) return context.report({ node, messageId: 'computed' })
      const source = literal(node, node.quasis[0].value.cooked)
      check(source)
      asPackage(source)
    }
    const written = moduleVisitor(asPackage, { commonjs: true })
    return {
      ...written,
      ImportExpression(node) {
        written.ImportExpression(node)
        specifier(node.source)
      },
      CallExpression(node) {
        written.CallExpression(node)
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments.length === 1) specifier(node.arguments[0])
      },
      TSImportType(node) {
        const source = node.source ?? node.argument?.literal
        if (source?.type !== 'Literal' || typeof source.value !== 'string') return
        check(source)
        asPackage(source)
      },
    }
  },
}

function boundaries() {
  const options = { zones: ZONES, basePath: ROOT }
  return [
    {
      files: ['src/**'],
      plugins: { 'import-x': importX, desk: { rules: { 'every-import-form': everyImportForm } } },
      // One resolver for every side: tsconfig.web.json is the one with paths (`@renderer/*`, the alias of
      // electron.vite.config.ts), and both tsconfigs take their module resolution from tsconfig.base.json.
      settings: {
        'import-x/resolver-next': [createTypeScriptImportResolver({ project: path.join(ROOT, 'tsconfig.web.json') })],
      },
      rules: {
        'import-x/no-restricted-paths': ['error', options],
        'desk/every-import-form': ['error', options],
        // Ways to load a file that no import rule can follow: refused, so every import stays checkable.
        'no-restricted-syntax': [
          'error',
          ...["CallExpression[callee.name='createRequire']", "CallExpression[callee.object.name='module'][callee.property.name='require']"].map((selector) => ({
            selector,
            message: 'Import with import or import() and a string path, so the import rules can check it.',
          })),
          {
            selector: "MemberExpression[object.type='MetaProperty'][property.name=/^glob/]",
            message: 'import.meta.glob loads files no import rule can follow: import them by name.',
          },
        ],
      },
    },
  ]
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  ...boundaries(),
  {
    files: ['src/renderer/**/*.{ts,tsx}', 'test/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
)
