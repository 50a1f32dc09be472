import type { Server as HttpServer } from 'node:http'
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https'
import fastifyCookie from '@fastify/cookie'
import Fastify, { type FastifyInstance, type FastifyServerFactory } from 'fastify'
import { SessionGuard } from './auth/guard.ts'
import { isSameOrigin, changesState } from './auth/sameOrigin.ts'
import type { ServerConfig } from './config.ts'
import { ApiError, errorBody, installErrorHandler } from './errors.ts'
import { HandOffRunner } from './handoff/runner.ts'
import { scheduleMaintenance } from './maintenance.ts'
import { scheduleRecurrence, type RecurrenceSchedule } from './recurrence/recurrenceRunner.ts'
import { registerAdminRoutes } from './routes/admin.ts'
import { registerAuditRoutes } from './routes/audit.ts'
import { registerAuthRoutes } from './routes/auth.ts'
import { registerEventRoutes } from './routes/events.ts'
import { registerFaultReportRoutes } from './routes/faultReport.ts'
import { registerFaultReportPage } from './routes/faultReportPage.ts'
import { FaultReportDesk } from './faultReport/reportDesk.ts'
import { PublicTipShelf } from './publicTips/tipShelf.ts'
import { registerPublicTipPage } from './routes/publicTipPage.ts'
import { registerHealthRoutes } from './routes/health.ts'
import { registerOidcRoutes } from './routes/oidc.ts'
import { registerPeopleDataRoutes } from './routes/peopleData.ts'
import { registerPhotoRoutes } from './routes/photos.ts'
import { registerPublicConfigRoutes } from './routes/publicConfig.ts'
import { isAppRoute, registerStatic, sendAppShell } from './routes/static.ts'
import { registerSyncRoutes } from './routes/sync.ts'
import { contentSecurityPolicy, registerSecurityHeaders } from './security/headers.ts'
import { registerInputGuard } from './security/inputGuard.ts'
import { readTlsPair, watchCertificate } from './tls/certificate.ts'
import { openStorage } from './storage/open.ts'
import type { Storage } from './storage/storage.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** The opened database of this server instance. */
    storage: Storage
    /** The public tips this instance serves at /t/<code> (its caches and rate limits). */
    publicTips: PublicTipShelf
  }
}

/** What a caller (a test) may set besides the configuration. */
export interface BuildOptions {
  /** The recurring-checklist job's timing and clock, or false to leave it to the caller. */
  readonly recurrence?: Partial<RecurrenceSchedule> | false
}

/**
 * Builds the server: opens and migrates the database, registers the API under /api and the built
 * PWA, and closes the database after in-flight requests on `app.close()`. Does not listen.
 * With `config.tls` it serves HTTPS and takes a renewed certificate without a restart.
 */
export async function buildServer(config: ServerConfig, options: BuildOptions = {}): Promise<FastifyInstance> {
  const tlsPair = config.tls ? readTlsPair(config.tls) : null
  let httpsServer: HttpsServer | null = null
  // Fastify's types follow the plain HTTP server; node's HTTPS server is that with TLS in front.
  const serveHttps: FastifyServerFactory<HttpServer> = (handler) => {
    httpsServer = createHttpsServer(tlsPair ?? {}, handler)
    return httpsServer as unknown as HttpServer
  }
  const app = Fastify({
    logger: { level: config.logLevel },
    trustProxy: typeof config.trustProxy === 'boolean' ? config.trustProxy : [...config.trustProxy],
    return503OnClosing: true,
    serverFactory: tlsPair ? serveHttps : undefined,
  })
  if (config.tls && httpsServer) {
    const stopWatching = watchCertificate(httpsServer, config.tls, app.log)
    app.addHook('onClose', async () => stopWatching())
  }
  const storage = await openStorage(config.database, (error) => app.log.error({ err: error }, 'database error'))
  app.decorate('storage', storage)
  app.addHook('onClose', async () => {
    await storage.close()
  })
  installErrorHandler(app)
  registerSecurityHeaders(app, config)
  registerInputGuard(app)
  await app.register(fastifyCookie)

  app.addHook('onRequest', async (request) => {
    if (!changesState(request.method)) return
    const own = `${request.protocol}://${request.host}`
    if (!isSameOrigin(request.headers, own, config.allowedOrigins)) {
      request.log.warn({ origin: request.headers.origin, site: request.headers['sec-fetch-site'] }, 'cross-origin request refused')
      throw new ApiError(403, 'cross_origin')
    }
  })

  registerHealthRoutes(app, storage)
  registerPublicConfigRoutes(app, config)
  const faultReports = new FaultReportDesk(storage)
  registerFaultReportRoutes(app, faultReports)
  const guard = new SessionGuard(storage, config.sessionTtlMs)
  registerAuthRoutes(app, storage, config, guard)
  registerOidcRoutes(app, storage, config)
  registerSyncRoutes(app, storage, guard)
  registerAdminRoutes(app, storage, guard)
  registerEventRoutes(app, storage, guard)
  registerAuditRoutes(app, storage, guard)
  registerPeopleDataRoutes(app, storage, guard)
  registerPhotoRoutes(app, storage, guard)
  const serving = await registerStatic(app, config.staticDir)
  if (!serving) app.log.warn({ staticDir: config.staticDir }, 'no built app found; serving the API only')
  const publicTips = new PublicTipShelf(storage)
  app.decorate('publicTips', publicTips)
  registerFaultReportPage(app, faultReports, publicTips, contentSecurityPolicy(config), serving)
  registerPublicTipPage(app, publicTips, contentSecurityPolicy(config), serving)
  app.setNotFoundHandler((request, reply) => {
    if (serving && isAppRoute(request)) return sendAppShell(reply)
    return reply.status(404).send(errorBody('not_found'))
  })

  const stopMaintenance = scheduleMaintenance(storage, config.tombstoneRetentionMs, app.log, config.auditRetentionMonths)
  const stopRecurrence = options.recurrence === false ? async () => {} : scheduleRecurrence(storage, app.log, options.recurrence)
  const handOffs = config.handOff
    ? new HandOffRunner({ storage, config: config.handOff, log: app.log, host: config.publicUrl ? new URL(config.publicUrl).hostname : undefined })
    : null
  handOffs?.start()
  let closing = false
  app.addHook('preClose', async () => {
    closing = true
    stopMaintenance()
    await stopRecurrence()
    await handOffs?.stop()
  })
  // Requests in flight when shutdown starts finish, then their keep-alive connection closes,
  // so close() does not wait for the client to hang up.
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close')
  })
  return app
}
