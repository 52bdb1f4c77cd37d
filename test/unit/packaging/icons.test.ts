// The installers' icons all come from resources/icon.svg through scripts/render-icons.mjs.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../../..')
const resource = (name: string) => readFileSync(join(ROOT, 'resources', name))
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
const pngSize = (png: Buffer) => [png.readUInt32BE(16), png.readUInt32BE(20)]

describe('icons', () => {
  // Byte for byte only where they were rendered: resvg's anti-aliasing may differ in the last bit elsewhere.
  it.runIf(process.platform === 'linux' && process.arch === 'x64')('are what the script renders from icon.svg today (none edited by hand, none stale)', () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'render-icons.mjs'), '--check'], { encoding: 'utf8' })
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
  })

  it('icon.png is 1024 px, as electron-builder wants for every platform', () => {
    const png = resource('icon.png')
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE)
    expect(pngSize(png)).toEqual([1024, 1024])
  })

  it('icon.ico holds 16 to 256 px, the 256 px one as PNG and the small ones as 32-bit bitmaps', () => {
    const ico = resource('icon.ico')
    expect(ico.readUInt16LE(0)).toBe(0)
    expect(ico.readUInt16LE(2)).toBe(1)
    const count = ico.readUInt16LE(4)
    const entries = Array.from({ length: count }, (_, index) => {
      const at = 6 + index * 16
      const size = ico.readUInt8(at) || 256
      const image = ico.subarray(ico.readUInt32LE(at + 12), ico.readUInt32LE(at + 12) + ico.readUInt32LE(at + 8))
      return { size, bits: ico.readUInt16LE(at + 6), png: image.subarray(0, 8).equals(PNG_SIGNATURE), image }
    })
    expect(entries.map((entry) => entry.size)).toEqual([16, 24, 32, 48, 64, 128, 256])
    for (const entry of entries) {
      expect(entry.bits).toBe(32)
      expect(entry.png).toBe(entry.size === 256)
      if (entry.png) expect(pngSize(entry.image)).toEqual([256, 256])
      else expect([entry.image.readInt32LE(4), entry.image.readInt32LE(8), entry.image.readUInt16LE(14)]).toEqual([entry.size, entry.size * 2, 32])
    }
  })

  it('icon.icns holds PNGs from 16 to 1024 px, its lengths consistent', () => {
    const icns = resource('icon.icns')
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns')
    expect(icns.readUInt32BE(4)).toBe(icns.length)
    const found: Record<string, number[]> = {}
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) {
      const png = icns.subarray(at + 8, at + icns.readUInt32BE(at + 4))
      expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE)
      found[icns.subarray(at, at + 4).toString('latin1')] = pngSize(png)
    }
    expect(found).toEqual({
      icp4: [16, 16],
      icp5: [32, 32],
      icp6: [64, 64],
      ic07: [128, 128],
      ic08: [256, 256],
      ic09: [512, 512],
      ic10: [1024, 1024],
      ic11: [32, 32],
      ic12: [64, 64],
      ic13: [256, 256],
      ic14: [512, 512],
    })
  })

  it('the Linux set has every size electron-builder looks for', () => {
    for (const size of [16, 32, 48, 64, 128, 256, 512, 1024]) expect(pngSize(resource(`icons/${size}x${size}.png`))).toEqual([size, size])
  })
})
