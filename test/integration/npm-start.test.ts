// `npm start` on a machine without the Electron binary or without a display (this one, a CI runner): browser
// mode serves the app and prints its URL. No display is set for it, so a runner that could download Electron
// still takes this path.
import { spawn } from 'node:child_process'
import { afterEach, expect, it } from 'vitest'
import { TOKEN_HEADER, methodPath } from '../../src/shared/contract'
import { makeTempDir } from '../support/temp-dir'

const dir = makeTempDir()
let stop: () => void = () => undefined
afterEach(() => {
  stop()
  dir.remove()
})

it('npm start serves the app on 127.0.0.1 and prints its URL', async () => {
  const child = spawn('npm', ['start', '--silent', '--', '--no-open', '--data-dir', dir.path, '--port', '0'], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CI: '1', DISPLAY: '', WAYLAND_DISPLAY: '' },
  })
  stop = () => {
    try {
      process.kill(-child.pid!, 'SIGTERM')
    } catch {
      // already gone
    }
  }
  let output = ''
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed within 90 s:\n${output}`)), 90_000)
    const read = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /(http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{64})/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve(match[1]!)
      }
    }
    child.stdout!.on('data', read)
    child.stderr!.on('data', read)
    child.once('exit', (code) => reject(new Error(`npm start exited (${code}):\n${output}`)))
  })
  expect(output).toMatch(/browser mode/i)
  const page = await fetch(url)
  expect(page.status).toBe(200)
  expect(await page.text()).toMatch(/<div id="root">/)
  const { origin, hash } = new URL(url)
  const status = await fetch(origin + methodPath('app.status'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', [TOKEN_HEADER]: hash.slice('#token='.length) },
    body: '{}',
  })
  expect(await status.json()).toMatchObject({ ok: true, value: { portal: null } })
}, 120_000)
