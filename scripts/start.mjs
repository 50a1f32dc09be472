// Builds the app if needed and serves the production build on http://localhost:8080.
import { existsSync, statSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { build, preview } from 'vite'

function newestMtime(dir) {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs)
  }
  return newest
}

const port = Number(process.env.PORT ?? 8080)
const builtAt = existsSync('dist/index.html') ? statSync('dist/index.html').mtimeMs : 0
if (builtAt < Math.max(newestMtime('src'), newestMtime('public'), statSync('index.html').mtimeMs)) {
  console.log('Bygger appen …')
  await build({ logLevel: 'warn' })
}
const server = await preview({ preview: { port, host: process.env.HOST ?? 'localhost', strictPort: true } })
server.printUrls()
