import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
import { APP_CSP } from './src/shared/csp'

/** The page carries the same policy main and the bridge send as a header (file:// pages may get no header). */
function cspMeta(): Plugin {
  // frame-ancestors is ignored (with a warning) in a <meta> policy; the header keeps it.
  const policy = APP_CSP.split(';')
    .map((directive) => directive.trim())
    .filter((directive) => directive !== '' && !directive.startsWith('frame-ancestors'))
    .join('; ')
  return {
    name: 'contact-desk-csp-meta',
    transformIndexHtml: (html) =>
      html.replace('<meta charset="UTF-8" />', `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`),
  }
}

// One build for every runtime: the Electron main process and the core's worker thread, and the entries that run
// under plain Node (the CLI, the demo portal, the browser-mode server used by `npm start` where Electron is missing).
export default defineConfig({
  main: {
    build: {
      sourcemap: true,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/electron/main.ts'),
          cli: resolve(__dirname, 'src/main/cli/main.ts'),
          'demo-portal': resolve(__dirname, 'src/main/demo-portal/main.ts'),
          'browser-mode': resolve(__dirname, 'src/main/browser/main.ts'),
          // The core's thread: the app and browser mode run the cache and sync's work in it.
          'desk-worker': resolve(__dirname, 'src/main/desk-thread/worker.ts'),
        },
        external: ['better-sqlite3', 'electron'],
      },
    },
  },
  preload: {
    build: { rollupOptions: { input: { index: resolve(__dirname, 'src/preload/index.ts') } } },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    resolve: { alias: { '@renderer': resolve(__dirname, 'src/renderer/src') } },
    plugins: [react(), cspMeta()],
    build: { minify: true, rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } } },
  },
})
