import { mkdtempSync, rmSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { createServer, type AddressInfo } from 'node:net'
import { join, resolve } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { buildServer } from '../../../src/server/app.ts'
import { ensureFirstAdmin } from '../../../src/server/auth/bootstrap.ts'
import { createUser } from '../../../src/server/auth/users.ts'
import type { ServerConfig } from '../../../src/server/config.ts'
import { writeSystemRecords } from '../../../src/server/storage/systemWrite.ts'
import type { Role } from '../../../src/domain/records/person.ts'

/** The real server (API + the production build) on a fresh SQLite file, for end-to-end tests. */
export interface AppServer {
  readonly url: string
  readonly app: FastifyInstance
  readonly teamId: string
  /** Creates an account in the team with a Person record; returns its e-mail and password. */
  /** Creates an account in the first team (and its Person record); `email` defaults to a numbered one. */
  addUser(name: string, role: Role, email?: string): Promise<{ id: string; email: string; password: string }>
  close(): Promise<void>
}

/** A free local port (for a server whose URL must be known before it starts, e.g. for OIDC). */
export async function freePort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const { port } = probe.address() as AddressInfo
  await new Promise((resolve) => probe.close(resolve))
  return port
}

/** Starts the real server (on a free port unless `overrides.port`; over HTTPS with `overrides.tls`) serving the build (E2E_DIST or dist/). */
export async function startAppServer(overrides: Partial<ServerConfig> = {}): Promise<AppServer> {
  const staticDir = resolve(process.env.E2E_DIST ?? 'dist')
  if (!existsSync(join(staticDir, 'index.html'))) throw new Error(`${staticDir} has no build: run \`npm run build\` first`)
  const dir = mkdtempSync(join(tmpdir(), 'superbruger-e2e-'))
  const config: ServerConfig = {
    port: 0, host: '127.0.0.1', database: { kind: 'sqlite', file: join(dir, 'e2e.sqlite') }, staticDir,
    sessionTtlMs: 3_600_000, cookieSecure: false, logLevel: 'warn', trustProxy: false, allowedOrigins: [],
    tombstoneRetentionMs: 86_400_000, auditRetentionMonths: 24, adminEmail: 'admin@e2e.dk', adminPassword: 'admin-e2e-pw', publicUrl: null, formerPublicUrls: [], oidc: null, tls: null, httpRedirectPort: null,
    ...overrides,
  }
  const app = await buildServer(config)
  const first = await ensureFirstAdmin(app.storage, config)
  if (!first) throw new Error('a fresh database must get its first team')
  await app.listen({ port: config.port, host: '127.0.0.1' })
  const address = app.server.address()
  if (!address || typeof address === 'string') throw new Error('server has no port')
  let count = 0
  return {
    url: `${config.tls ? 'https' : 'http'}://localhost:${address.port}`,
    app,
    teamId: first.teamId,
    async addUser(name, role, email = `bruger${count + 1}@e2e.dk`) {
      count += 1
      const password = `kodeord-${count}-e2e`
      const actor = await createUser(app.storage.db, { email, name, role, teams: [first.teamId], password })
      const now = Date.now()
      const initials = name.split(' ').map((part) => part[0]).join('').toUpperCase()
      await writeSystemRecords(app.storage, [{
        table: 'people',
        record: {
          id: actor.id, teamId: first.teamId, createdAt: now, createdBy: actor.id, updatedAt: now, rev: 0, deletedAt: null,
          name, initials, email, role, homeDepartmentId: null, competences: [],
        },
      }])
      return { id: actor.id, email, password }
    },
    async close() {
      await app.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
