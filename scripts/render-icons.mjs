#!/usr/bin/env node
// `npm run icons`: renders every icon the installers use from ONE source, resources/icon.svg:
//   resources/icon.png          1024 px (electron-builder's default and the window icon on Linux)
//   resources/icons/NxN.png     the Linux set (AppImage, desktop entry)
//   resources/icon.icns         macOS (PNG entries, 16 to 1024 px)
//   resources/icon.ico          Windows (32-bit BMP entries up to 128 px, PNG at 256 px, as Windows expects)
// The outputs are committed; `--check` renders in memory and fails when a committed file is stale.
// Rendering is resvg (@resvg/resvg-js, a devDependency that installs from the npm registry everywhere).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Resvg } from '@resvg/resvg-js'

const resources = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources')
const source = readFileSync(join(resources, 'icon.svg'), 'utf8')

function render(size) {
  const image = new Resvg(source, { fitTo: { mode: 'width', value: size } }).render()
  return { png: image.asPng(), rgba: unpremultiply(image.pixels) }
}

// resvg hands out premultiplied RGBA; a BMP icon entry wants straight alpha.
function unpremultiply(pixels) {
  const out = Buffer.from(pixels)
  for (let index = 0; index < out.length; index += 4) {
    const alpha = out[index + 3]
    if (alpha === 0 || alpha === 255) continue
    for (let channel = 0; channel < 3; channel++) out[index + channel] = Math.min(255, Math.round((out[index + channel] * 255) / alpha))
  }
  return out
}

// ICNS: 'icns', total length, then (type, length, PNG) per entry. Retina types hold twice the pixels.
const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512],
]

function icns(pngOf) {
  const entries = ICNS_TYPES.map(([type, size]) => {
    const png = pngOf(size)
    const header = Buffer.alloc(8)
    header.write(type, 0, 'latin1')
    header.writeUInt32BE(png.length + 8, 4)
    return Buffer.concat([header, png])
  })
  const header = Buffer.alloc(8)
  header.write('icns', 0, 'latin1')
  header.writeUInt32BE(8 + entries.reduce((total, entry) => total + entry.length, 0), 4)
  return Buffer.concat([header, ...entries])
}

// A 32-bit BMP icon entry: BITMAPINFOHEADER (height doubled for the AND mask), BGRA rows bottom-up,
// then the 1-bit AND mask, all zero because the alpha channel says what is transparent.
function bmpEntry(size, rgba) {
  const info = Buffer.alloc(40)
  info.writeUInt32LE(40, 0)
  info.writeInt32LE(size, 4)
  info.writeInt32LE(size * 2, 8)
  info.writeUInt16LE(1, 12)
  info.writeUInt16LE(32, 14)
  info.writeUInt32LE(size * size * 4, 20)
  const pixels = Buffer.alloc(size * size * 4)
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      const from = (row * size + column) * 4
      const to = ((size - 1 - row) * size + column) * 4
      pixels[to] = rgba[from + 2]
      pixels[to + 1] = rgba[from + 1]
      pixels[to + 2] = rgba[from]
      pixels[to + 3] = rgba[from + 3]
    }
  }
  const maskRow = Math.ceil(size / 32) * 4
  return Buffer.concat([info, pixels, Buffer.alloc(maskRow * size)])
}

const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]

function ico(rendered) {
  const images = ICO_SIZES.map((size) => (size >= 256 ? rendered(size).png : bmpEntry(size, rendered(size).rgba)))
  const header = Buffer.alloc(6 + 16 * images.length)
  header.writeUInt16LE(0, 0)
  header.writeUInt16LE(1, 2)
  header.writeUInt16LE(images.length, 4)
  let offset = header.length
  images.forEach((image, index) => {
    const size = ICO_SIZES[index]
    const entry = 6 + index * 16
    header.writeUInt8(size >= 256 ? 0 : size, entry)
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1)
    header.writeUInt16LE(1, entry + 4)
    header.writeUInt16LE(32, entry + 6)
    header.writeUInt32LE(image.length, entry + 8)
    header.writeUInt32LE(offset, entry + 12)
    offset += image.length
  })
  return Buffer.concat([header, ...images])
}

const LINUX_SIZES = [16, 32, 48, 64, 128, 256, 512, 1024]

export function renderIcons() {
  const cache = new Map()
  const rendered = (size) => {
    if (!cache.has(size)) cache.set(size, render(size))
    return cache.get(size)
  }
  const files = new Map([
    ['icon.png', rendered(1024).png],
    ['icon.icns', icns((size) => rendered(size).png)],
    ['icon.ico', ico(rendered)],
  ])
  for (const size of LINUX_SIZES) files.set(join('icons', `${size}x${size}.png`), rendered(size).png)
  return files
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check')
  const stale = []
  for (const [name, bytes] of renderIcons()) {
    const file = join(resources, name)
    if (check) {
      let committed = null
      try {
        committed = readFileSync(file)
      } catch {
        // missing counts as stale
      }
      if (!committed?.equals(bytes)) stale.push(name)
      continue
    }
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, bytes)
    console.log(`resources/${name} (${bytes.length} bytes)`)
  }
  if (stale.length > 0) {
    console.error(`Stale icons (run npm run icons): ${stale.join(', ')}`)
    process.exit(1)
  }
}
