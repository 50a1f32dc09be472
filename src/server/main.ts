import type { Server } from 'node:http'
import { networkInterfaces } from 'node:os'
import { needsHttpsNote, reachableUrls } from './addresses.ts'
import { ensureFirstAdmin } from './auth/bootstrap.ts'
import { buildServer } from './app.ts'
import { ConfigError, loadConfig, type ServerConfig } from './config.ts'
import { listenHttpRedirect } from './tls/httpRedirect.ts'

/** Longest wait for in-flight requests on shutdown before exiting anyway. */
const SHUTDOWN_GRACE_MS = 10_000

/** Tells the person who started the server where to open it, and why a phone needs HTTPS. */
function printAddresses(config: ServerConfig, port: number): void {
  const urls = reachableUrls(config.tls ? 'https' : 'http', config.host, port, networkInterfaces())
  console.log(`\nSuperbruger kører på:\n${urls.map((url) => `  ${url}`).join('\n')}`)
  if (config.publicUrl) console.log(`Offentlig adresse (på etiketter og links): ${config.publicUrl}`)
  if (needsHttpsNote(urls)) {
    console.log('En telefon kræver https for kamera (scanning), offline og installation; se "Prøv den på din telefon" i README.md.')
  }
  console.log('')
}

async function main(): Promise<void> {
  const config = loadConfig()
  const app = await buildServer(config)
  const first = await ensureFirstAdmin(app.storage, config)
  if (first) {
    app.log.info({ email: first.email, teamId: first.teamId }, 'first start: created the first team and an admin account')
    const password = first.generatedPassword ? `adgangskoden ${first.generatedPassword}` : 'adgangskoden fra SUPERBRUGER_ADMIN_PASSWORD'
    console.log(`\nFørste start: log ind som ${first.email} med ${password}\n`)
  }
  let closing = false
  let redirect: Server | null = null
  const shutdown = (signal: string) => {
    if (closing) return
    closing = true
    app.log.info({ signal }, 'shutting down: finishing in-flight requests')
    const force = setTimeout(() => {
      app.log.error('shutdown took too long; exiting')
      process.exit(1)
    }, SHUTDOWN_GRACE_MS)
    force.unref()
    redirect?.close()
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed')
        process.exit(1)
      },
    )
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  process.on('SIGINT', () => shutdown('SIGINT'))
  await app.listen({ port: config.port, host: config.host })
  const address = app.server.address()
  const port = address && typeof address === 'object' ? address.port : config.port
  if (config.httpRedirectPort !== null) {
    const fallbackHost = config.publicUrl ? new URL(config.publicUrl).hostname : 'localhost'
    redirect = await listenHttpRedirect(config.httpRedirectPort, config.host, port, fallbackHost)
    app.log.info({ port: config.httpRedirectPort }, 'redirecting plain HTTP to HTTPS')
  }
  printAddresses(config, port)
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `Konfigurationsfejl: ${error.message}` : error)
  process.exit(1)
})
