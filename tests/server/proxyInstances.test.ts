import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser } from '../../src/server/auth/users.ts'
import type { PullResponse } from '../../src/domain/protocol.ts'
import { createBackend, postgresAdminUrl, type Backend } from './support/backends.ts'
import { makeCertificate, type TestCertificate } from './support/certificate.ts'
import { putOf, startServer, type TestServer } from './support/harness.ts'
import { call, installed, portOf, PROXIES, startProxy, type Answer, type RunningProxy } from './support/proxies.ts'

// DRIFT.md §2 "Several instances on PostgreSQL", actually run: two server instances on one
// PostgreSQL database behind Caddy and behind nginx (round robin), reached over https:// as a phone
// would. What must hold whichever instance a request lands on: the session, the records, and the
// sign-in lockout.

const inCi = process.env.CI === 'true'

for (const proxy of PROXIES) {
  const runnable = installed(proxy.name) && postgresAdminUrl !== null
  const suite = runnable || inCi ? describe : describe.skip
  suite(`two instances on PostgreSQL behind ${proxy.name}`, () => {
    let dir = ''
    let backend: Backend
    const servers: TestServer[] = []
    const hits = [0, 0]
    let running: RunningProxy
    let certificate: TestCertificate
    let team = ''

    /** One request through the proxy as the browser at https://localhost:<port>. */
    function through(method: string, path: string, headers: Record<string, string> = {}, body?: unknown): Promise<Answer> {
      const json: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json', origin: `https://localhost:${running.port}` }
      return call(running.port, certificate.pem, method, path, { ...json, ...headers }, body === undefined ? undefined : JSON.stringify(body))
    }

    /** For each instance, whether it answered a request since the counts `before`. */
    function answeredSince(before: readonly number[]): boolean[] {
      return hits.map((count, n) => count > (before[n] ?? 0))
    }

    async function signIn(email: string, password: string): Promise<Answer> {
      return through('POST', '/api/auth/login', {}, { email, password })
    }

    /** The session cookie a sign-in set, as a Cookie header. */
    function cookieOf(login: Answer): string {
      return String(login.headers['set-cookie']).split(';')[0] ?? ''
    }

    beforeAll(async () => {
      if (!runnable) throw new Error(`${proxy.name} and PostgreSQL are required in CI`)
      dir = mkdtempSync(join(tmpdir(), `sb-${proxy.name}-pair-`))
      certificate = makeCertificate(dir, 'localhost')
      backend = await createBackend('postgres')
      // Started together on the empty database: the migrations run once (the migrator locks).
      const [first, second] = await Promise.all([0, 1].map(() => startServer('postgres', { trustProxy: ['127.0.0.1', '::1'], cookieSecure: true }, backend)))
      if (!first || !second) throw new Error('two servers expected')
      servers.push(first, second)
      const ports: number[] = []
      for (const [n, server] of servers.entries()) {
        await server.app.listen({ port: 0, host: '127.0.0.1' })
        server.app.server.on('request', () => { hits[n] = (hits[n] ?? 0) + 1 })
        ports.push(portOf(server.app.server))
      }
      running = await startProxy(proxy, dir, ports, certificate)
      team = await first.team()
      await createUser(first.app.storage.db, { email: 'anne@test.dk', name: 'Anne', role: 'superbruger', teams: [team], password: 'secret-pw' })
      await createUser(second.app.storage.db, { email: 'bo@test.dk', name: 'Bo', role: 'superbruger', teams: [team], password: 'bo-secret-pw' })
    }, 90_000)

    afterAll(async () => {
      running?.stop()
      for (const server of servers) await server.app.close()
      await backend?.drop()
      if (dir) rmSync(dir, { recursive: true, force: true })
    })

    it('spreads requests over both instances, and a session made on one is valid on the other', async () => {
      const login = await signIn('anne@test.dk', 'secret-pw')
      expect(login.status, login.body).toBe(200)
      const cookie = cookieOf(login)
      const before = [...hits]
      const answers = await Promise.all(Array.from({ length: 8 }, () => through('GET', '/api/auth/me', { cookie })))
      expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200))
      expect(answers.every((a) => a.body.includes('anne@test.dk'))).toBe(true)
      // Both instances answered some of them: the session is the database's, not one process's.
      expect(answeredSince(before)).toEqual([true, true])
    })

    it('a record pushed through the proxy is in every pull, whichever instance answers', async () => {
      const login = await signIn('bo@test.dk', 'bo-secret-pw')
      const cookie = cookieOf(login)
      const { user: me } = JSON.parse((await through('GET', '/api/auth/me', { cookie })).body) as { user: { id: string } }
      expect(me.id).toBeTruthy()
      const push = await through('POST', '/api/sync/push', { cookie }, {
        clientId: 'phone-proxy-1', mutations: [putOf(1, 'requests', 'req-through-proxy', team, me.id, { description: 'Printer på 2. sal' })],
      })
      expect(push.status, push.body).toBe(200)
      const before = [...hits]
      for (let n = 0; n < 4; n += 1) {
        const pull = await through('GET', '/api/sync/pull?cursor=0', { cookie })
        expect(pull.status, pull.body).toBe(200)
        const ids = (JSON.parse(pull.body) as PullResponse).records.map((r) => r.record.id)
        expect(ids).toContain('req-through-proxy')
      }
      expect(answeredSince(before)).toEqual([true, true])
    })

    it('the sign-in lockout counts failures on both instances together', async () => {
      const statuses: number[] = []
      for (let n = 0; n < 5; n += 1) statuses.push((await signIn('anne@test.dk', 'wrong-password')).status)
      expect(statuses).toEqual([401, 401, 401, 401, 429])
      // Locked for the pair on every instance: the right password is refused wherever it lands.
      const again = await Promise.all([0, 1, 2, 3].map(() => signIn('anne@test.dk', 'secret-pw')))
      expect(again.map((a) => a.status)).toEqual([429, 429, 429, 429])
    })
  })
}
