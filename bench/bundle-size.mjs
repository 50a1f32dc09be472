// Prints the JavaScript the first screen needs (entry + its static imports) and every lazy chunk,
// gzip-compressed, from a production build: `node bench/bundle-size.mjs [dir]` (default dist/, made
// by `npm run build`). Each file is compressed on its own, as the browser fetches it. Lazy files
// include each feature's on-demand strings (i18n/<locale>/lazy/), which must be in the precache.
import { readFileSync, readdirSync, existsSync } from 'node:fs'
import { gzipSync, brotliCompressSync } from 'node:zlib'
import { cpus } from 'node:os'
import { join } from 'node:path'

const dist = process.argv[2] ?? 'dist'
if (!existsSync(join(dist, 'index.html'))) {
  console.error(`No build in ${dist}/: run \`npm run build\` first.`)
  process.exit(1)
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`
const sizeOf = (file) => {
  const data = readFileSync(join(dist, file))
  return { raw: data.length, gzip: gzipSync(data, { level: 9 }).length, brotli: brotliCompressSync(data).length }
}

const html = readFileSync(join(dist, 'index.html'), 'utf8')
const entry = [...html.matchAll(/<script[^>]+type="module"[^>]+src="\/([^"]+)"/g)].map((m) => m[1])
const preloads = [...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/([^"]+)"/g)].map((m) => m[1])

// Follow static imports from the entry so nothing the first screen loads is missed.
const firstScreen = new Set()
const queue = [...entry, ...preloads]
while (queue.length > 0) {
  const file = queue.shift()
  if (firstScreen.has(file)) continue
  firstScreen.add(file)
  const code = readFileSync(join(dist, file), 'utf8')
  for (const m of code.matchAll(/(?:^|[;}\s])import\s*(?:[\w{}\s,*$]+from\s*)?["']\.\/([^"']+\.js)["']/g)) {
    queue.push(join('assets', m[1]))
  }
}

console.log(`Machine: ${cpus()[0]?.model ?? 'unknown'}, ${cpus().length} cores, Node ${process.version}`)
console.log('\nFirst screen (entry and its static imports):')
let total = { raw: 0, gzip: 0, brotli: 0 }
for (const file of firstScreen) {
  const s = sizeOf(file)
  total = { raw: total.raw + s.raw, gzip: total.gzip + s.gzip, brotli: total.brotli + s.brotli }
  console.log(`  ${file.padEnd(48)} ${kb(s.raw).padStart(10)} raw ${kb(s.gzip).padStart(10)} gzip`)
}
console.log(`  ${'TOTAL'.padEnd(48)} ${kb(total.raw).padStart(10)} raw ${kb(total.gzip).padStart(10)} gzip ${kb(total.brotli).padStart(10)} brotli`)
console.log(`  target ≤ 95 KB gzip: ${total.gzip <= 95 * 1024 ? 'met' : 'NOT met'}`)

const lazy = readdirSync(join(dist, 'assets')).filter((f) => /\.(js|wasm)$/.test(f) && !firstScreen.has(join('assets', f)))
console.log(`\nLazy-loaded (${lazy.length} files, precached by the service worker):`)
for (const f of lazy.sort()) console.log(`  ${f.padEnd(48)} ${kb(sizeOf(join('assets', f)).gzip).padStart(10)} gzip`)

const sw = existsSync(join(dist, 'sw.js')) ? readFileSync(join(dist, 'sw.js'), 'utf8') : ''
const missing = lazy.filter((f) => !sw.includes(f))
console.log(`\nLazy files missing from the precache manifest: ${missing.length === 0 ? 'none' : missing.join(', ')}`)
