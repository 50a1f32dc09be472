// Serves dist/ the way production does: pre-compressed (brotli/gzip) when the client accepts it,
// immutable caching for hashed assets, SPA fallback to index.html.
import { createServer } from 'node:http'
import { readFile } from 'node:fs/promises'
import { existsSync, statSync } from 'node:fs'
import { extname, join, normalize } from 'node:path'
import { brotliCompressSync, gzipSync } from 'node:zlib'

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json',
  '.webmanifest': 'application/manifest+json', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon',
  '.wasm': 'application/wasm', '.txt': 'text/plain',
}
const cache = new Map()

/** Starts the server on a free port; resolves to { url, close() }. */
export async function serveDist(dir = 'dist') {
  if (!existsSync(join(dir, 'index.html'))) throw new Error(`No build in ${dir}/: run npm run build first`)
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x')
    let file = normalize(join(dir, decodeURIComponent(url.pathname)))
    if (!file.startsWith(normalize(dir)) || !existsSync(file) || statSync(file).isDirectory()) file = join(dir, 'index.html')
    const type = TYPES[extname(file)] ?? 'application/octet-stream'
    const accept = String(req.headers['accept-encoding'] ?? '')
    const encoding = /\bbr\b/.test(accept) ? 'br' : /\bgzip\b/.test(accept) ? 'gzip' : null
    const key = `${file}|${encoding}`
    if (!cache.has(key)) {
      const data = await readFile(file)
      const compressible = /text|javascript|json|svg|manifest/.test(type)
      // Like the server: the build's pre-compressed copy when there is one (npm run build makes them).
      const ready = encoding ? `${file}.${encoding === 'br' ? 'br' : 'gz'}` : null
      cache.set(key, !compressible || !encoding ? data
        : existsSync(ready) ? await readFile(ready)
        : encoding === 'br' ? brotliCompressSync(data) : gzipSync(data))
    }
    const hashed = file.includes(`${join(dir, 'assets')}`)
    res.writeHead(200, {
      'content-type': type,
      'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...(encoding && /text|javascript|json|svg|manifest/.test(type) ? { 'content-encoding': encoding, vary: 'accept-encoding' } : {}),
    })
    res.end(cache.get(key))
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address()
  return { url: `http://localhost:${port}`, close: () => new Promise((resolve) => server.close(resolve)) }
}
