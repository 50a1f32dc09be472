import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { afterEach, beforeEach } from 'vitest'
import { buildServer, type BuildOptions } from '../../../src/server/app.ts'
import { createUser, type Actor } from '../../../src/server/auth/users.ts'
import type { ServerConfig } from '../../../src/server/config.ts'
import type { PullResponse, PushResponse } from '../../../src/domain/protocol.ts'
import type { Role } from '../../../src/domain/records/person.ts'
import type { SyncTableName } from '../../../src/domain/records/syncTables.ts'
import { writeSystemRecords } from '../../../src/server/storage/systemWrite.ts'
import { createBackend, type Backend, type BackendKind } from './backends.ts'
import { sampleRecord } from './records.ts'

/** Configuration for a test server: silent, API-only unless a static dir is given. */
export function testConfig(backend: Backend, overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    port: 0, host: '127.0.0.1', database: backend.database, staticDir: null, sessionTtlMs: 3_600_000,
    cookieSecure: false, logLevel: 'silent', trustProxy: false, allowedOrigins: [],
    tombstoneRetentionMs: 86_400_000, auditRetentionMonths: 24, adminEmail: 'admin@test.dk', adminPassword: 'admin-pw', publicUrl: null, formerPublicUrls: [], oidc: null, tls: null, httpRedirectPort: null, ...overrides,
  }
}

/** A running test server on a fresh database with HTTP helpers. */
export interface TestServer {
  readonly app: FastifyInstance
  readonly backend: Backend
  /** Creates a team record and returns its id. */
  team(id?: string): Promise<string>
  /** Creates an account and signs it in; returns the actor and its cookie header. */
  user(role: Role, teams: readonly string[], email?: string): Promise<SignedIn>
  login(email: string, password: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>
}

/** A signed-in account with helpers that push and pull as it. */
export interface SignedIn {
  readonly actor: Actor
  readonly cookie: string
  push(body: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>
  pushOk(body: unknown): Promise<PushResponse>
  pull(cursor?: number, limit?: number, base?: number): Promise<PullResponse>
  /** Pages from `cursor` as the engine does (sending back the base it is told); throws on resetRequired. */
  pullAll(cursor?: number, limit?: number): Promise<PullResponse['records']>
}

let emails = 0

/** Starts a server on a new database of `kind`. */
export async function startServer(kind: BackendKind, overrides: Partial<ServerConfig> = {}, backend?: Backend, build: BuildOptions = {}): Promise<TestServer> {
  const db = backend ?? await createBackend(kind)
  const app = await buildServer(testConfig(db, overrides), build)
  const login = (email: string, password: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, headers })
  return {
    app, backend: db, login,
    async team(id = `team-${Math.random().toString(36).slice(2, 10)}`) {
      await writeSystemRecords(app.storage, [{ table: 'teams', record: sampleRecord('teams', id, id, 'system') }])
      return id
    },
    async user(role, teams, email = `${role}-${++emails}@test.dk`) {
      const actor = await createUser(app.storage.db, { email, name: role, role, teams, password: `pw-${email}` })
      const response = await login(email, `pw-${email}`)
      if (response.statusCode !== 200) throw new Error(`login failed: ${response.body}`)
      const cookie = response.cookies.map((c) => `${c.name}=${c.value}`).join('; ')
      return signedIn(app, actor, cookie)
    },
  }
}

function signedIn(app: FastifyInstance, actor: Actor, cookie: string): SignedIn {
  const self: SignedIn = {
    actor, cookie,
    push: (body, headers = {}) => app.inject({ method: 'POST', url: '/api/sync/push', payload: body as object, headers: { cookie, ...headers } }),
    async pushOk(body) {
      const response = await self.push(body)
      if (response.statusCode !== 200) throw new Error(`push failed ${response.statusCode}: ${response.body}`)
      return response.json<PushResponse>()
    },
    async pull(cursor = 0, limit, base) {
      const query = (limit === undefined ? `cursor=${cursor}` : `cursor=${cursor}&limit=${limit}`) + (base === undefined ? '' : `&base=${base}`)
      const response = await app.inject({ method: 'GET', url: `/api/sync/pull?${query}`, headers: { cookie } })
      if (response.statusCode !== 200) throw new Error(`pull failed ${response.statusCode}: ${response.body}`)
      return response.json<PullResponse>()
    },
    async pullAll(cursor = 0, limit = 1000) {
      const all: PullResponse['records'][number][] = []
      let base: number | undefined
      for (;;) {
        const page = await self.pull(cursor, limit, base)
        if (page.resetRequired) throw new Error(`pull from ${cursor} (base ${base}) answered resetRequired`)
        all.push(...page.records)
        cursor = page.nextCursor
        base = page.base
        if (!page.hasMore) return all
      }
    },
  }
  return self
}

/** Fresh server per test for `kind`; the getter returns the current one. */
export function useServer(kind: BackendKind, overrides: Partial<ServerConfig> = {}): () => TestServer {
  let current: TestServer | null = null
  beforeEach(async () => {
    current = await startServer(kind, overrides)
  })
  afterEach(async () => {
    await current?.app.close()
    await current?.backend.drop()
    current = null
  })
  return () => {
    if (!current) throw new Error('no test server')
    return current
  }
}

/** A put mutation of a complete sample record. */
export function putOf(mutationId: number, table: SyncTableName, id: string, teamId: string, personId: string, extra: Record<string, unknown> = {}) {
  return { mutationId, table, recordId: id, op: 'put' as const, fields: sampleRecord(table, id, teamId, personId, extra), baseRev: 0, at: 1000 }
}

/** A patch mutation. */
export function patchOf(mutationId: number, table: SyncTableName, id: string, fields: Record<string, unknown>, baseRev: number) {
  return { mutationId, table, recordId: id, op: 'patch' as const, fields, baseRev, at: 2000 }
}

/** A delete mutation. */
export function deleteOf(mutationId: number, table: SyncTableName, id: string, baseRev = 0) {
  return { mutationId, table, recordId: id, op: 'delete' as const, fields: {}, baseRev, at: 3000 }
}
