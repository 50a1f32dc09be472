// `npm start`: builds the app if the sources are newer than dist/, then runs the server
// (app + API on http://localhost:8080, SQLite under data/ unless DATABASE_URL is set).
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { spawn, spawnSync } from 'node:child_process'

function newestMtime(path) {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))))
}

const builtAt = existsSync('dist/index.html') ? statSync('dist/index.html').mtimeMs : 0
const sources = Math.max(newestMtime('src'), newestMtime('public'), newestMtime('index.html'), newestMtime('vite.config.ts'))
if (builtAt < sources) {
  console.log('Bygger appen …')
  const build = spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' })
  if (build.status !== 0) process.exit(build.status ?? 1)
}

const server = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { stdio: 'inherit' })
// SIGHUP too: with TLS_CERT_FILE the server reads its certificate again (e.g. after a renewal).
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => server.kill(signal))
server.on('exit', (code) => process.exit(code ?? 0))
