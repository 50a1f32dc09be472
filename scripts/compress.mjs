// Writes .br and .gz next to every compressible file of the build (default dist/), so the
// server can send pre-compressed assets. Run after `vite build`: node scripts/compress.mjs [dir]
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|webmanifest|txt|xml|wasm|ico)$/
const MIN_BYTES = 1024

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) yield* files(path)
    else if (COMPRESSIBLE.test(entry.name)) yield path
  }
}

const root = process.argv[2] ?? 'dist'
let count = 0
let before = 0
let after = 0
for (const path of files(root)) {
  const source = readFileSync(path)
  if (source.length < MIN_BYTES) continue
  const br = brotliCompressSync(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: source.length } })
  const gz = gzipSync(source, { level: 9 })
  // A compressed copy that is not smaller only costs bytes.
  if (br.length < source.length) writeFileSync(`${path}.br`, br)
  if (gz.length < source.length) writeFileSync(`${path}.gz`, gz)
  count += 1
  before += source.length
  after += Math.min(br.length, statSync(path).size)
}
console.log(`compressed ${count} files in ${root}: ${(before / 1024).toFixed(0)} KiB → ${(after / 1024).toFixed(0)} KiB (brotli)`)
