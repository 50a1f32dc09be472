import { ensureFirstAdmin } from './auth/bootstrap.ts'
import { buildServer } from './app.ts'
import { ConfigError, loadConfig } from './config.ts'

/** Longest wait for in-flight requests on shutdown before exiting anyway. */
const SHUTDOWN_GRACE_MS = 10_000

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
  const shutdown = (signal: string) => {
    if (closing) return
    closing = true
    app.log.info({ signal }, 'shutting down: finishing in-flight requests')
    const force = setTimeout(() => {
      app.log.error('shutdown took too long; exiting')
      process.exit(1)
    }, SHUTDOWN_GRACE_MS)
    force.unref()
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
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `Konfigurationsfejl: ${error.message}` : error)
  process.exit(1)
})
