import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/** A relative import that reaches into one of these folders, from any depth (`../sync/merge`, `../../electron/ipc`). */
const into = (folders, message) => ({ regex: `^(\\.\\./)+(${folders.join('|')})(/|$)`, message })
const NO_ELECTRON = { name: 'electron', message: 'Only src/main/electron and src/preload may import Electron.' }

/**
 * Who may import whom, one block per folder. A file gets the rule of the last block that matches it and rule
 * options do not merge across blocks, so each block lists its folder's whole set (its parent's set included).
 */
function boundaries() {
  const programs = into(['electron', 'browser', 'cli', 'desk-thread', 'demo-portal'], 'The core runs under every program: it imports none of them.')
  const core = [programs]
  const rules = [
    {
      files: ['src/shared/**/*.ts'],
      paths: [NO_ELECTRON],
      patterns: [into(['main', 'renderer', 'preload'], 'src/shared is imported by every side and imports none.')],
    },
    {
      files: ['src/renderer/**/*.{ts,tsx}'],
      paths: [NO_ELECTRON],
      patterns: [into(['main', 'preload'], 'The renderer reaches main only through window.desk (src/shared/contract.ts).')],
    },
    { files: ['src/main/core/**/*.ts'], paths: [NO_ELECTRON], patterns: core },
    {
      files: ['src/main/core/db/**/*.ts'],
      paths: [NO_ELECTRON],
      patterns: [...core, into(['sync', 'editing', 'access', 'portal'], 'db is the bottom layer of the core.')],
    },
    {
      files: ['src/main/core/portal/**/*.ts'],
      paths: [NO_ELECTRON],
      patterns: [...core, into(['db', 'sync', 'editing', 'access'], 'The portal client speaks the wire only.')],
    },
    {
      files: ['src/main/{browser,cli,desk-thread}/**/*.ts'],
      paths: [NO_ELECTRON],
      patterns: [into(['electron'], 'Electron glue belongs to the Electron entry.')],
    },
    {
      files: ['src/main/demo-portal/**/*.ts'],
      paths: [NO_ELECTRON],
      patterns: [into(['electron', 'browser', 'cli', 'desk-thread', 'core'], 'The demo portal is a program of its own, independent of the code it tests.')],
    },
  ]
  return rules.map(({ files, paths, patterns }) => ({
    files,
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths, patterns }],
    },
  }))
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
