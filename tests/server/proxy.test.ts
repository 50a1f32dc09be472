import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser } from '../../src/server/auth/users.ts'
import { makeCertificate, type TestCertificate } from './support/certificate.ts'
import { startServer, type TestServer } from './support/harness.ts'
import { call, installed, portOf, PROXIES, startProxy, type RunningProxy } from './support/proxies.ts'

// DRIFT.md's proxy set-ups, actually run: Debian's Caddy and nginx in front of the server with
// TLS, TRUST_PROXY naming only the proxy. `.ci/run` installs both; a machine without one skips
// that proxy's tests (and CI fails instead, so a missing proxy cannot pass unnoticed).

for (const proxy of PROXIES) {
  const present = installed(proxy.name)
  if (!present && process.env.CI === 'true') {
    describe(`behind ${proxy.name}`, () => {
      it(`needs Debian's ${proxy.name} (.ci/run installs it)`, () => {
        throw new Error(`${proxy.name} is required in CI but not installed`)
      })
    })
    continue
  }
  const suite = present ? describe : describe.skip
  suite(`behind ${proxy.name} over HTTPS, trusting only the proxy`, () => {
    let dir = ''
    let server: TestServer
    let running: RunningProxy
    let certificate: TestCertificate
    let port = 0

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), `sb-${proxy.name}-`))
      certificate = makeCertificate(dir, 'localhost')
      server = await startServer('sqlite', { trustProxy: ['127.0.0.1', '::1'], cookieSecure: true })
      await server.app.listen({ port: 0, host: '127.0.0.1' })
      running = await startProxy(proxy, dir, [portOf(server.app.server)], certificate)
      port = running.port
      await createUser(server.app.storage.db, { email: 'anne@test.dk', name: 'Anne', role: 'superbruger', teams: [await server.team()], password: 'secret-pw' })
    }, 60_000)

    afterAll(async () => {
      running?.stop()
      await server?.app.close()
      await server?.backend.drop()
      if (dir) rmSync(dir, { recursive: true, force: true })
    })

    it('serves the API through the proxy', async () => {
      const health = await call(port, certificate.pem, 'GET', '/api/health')
      expect(health.status).toBe(200)
      expect(JSON.parse(health.body)).toMatchObject({ status: 'ok' })
    })

    it("signs in through the proxy: the cookie is Secure, https is believed from the proxy, and the client's own X-Forwarded-For is not", async () => {
      const body = JSON.stringify({ email: 'anne@test.dk', password: 'secret-pw' })
      const answer = await call(port, certificate.pem, 'POST', '/api/auth/login', {
        'content-type': 'application/json', origin: `https://localhost:${port}`, 'x-forwarded-for': '203.0.113.9',
      }, body)
      expect(answer.status, answer.body).toBe(200)
      const cookie = String(answer.headers['set-cookie'])
      expect(cookie).toMatch(/;\s*Secure/i)
      expect(cookie).toMatch(/;\s*HttpOnly/i)
      // The audit row holds the address the proxy saw (this test, on 127.0.0.1), never the one the client claimed.
      const row = await server.app.storage.db.selectFrom('audit_log').select(['ip']).where('action', '=', 'sign_in').executeTakeFirstOrThrow()
      expect(row.ip).toBe('127.0.0.1')
    })
  })
}

describe('TRUST_PROXY with the proxy\'s address', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer('sqlite', { trustProxy: ['127.0.0.1'] })
  })
  afterAll(async () => {
    await server.app.close()
    await server.backend.drop()
  })

  it('believes X-Forwarded-For from the proxy, and not from a client that reaches the server directly', async () => {
    const attempt = (remoteAddress: string) => server.app.inject({
      method: 'POST', url: '/api/auth/login', remoteAddress,
      headers: { 'x-forwarded-for': '203.0.113.9' }, payload: { email: 'nobody@test.dk', password: 'wrong-password' },
    })
    expect((await attempt('127.0.0.1')).statusCode).toBe(401)
    expect((await attempt('10.0.0.5')).statusCode).toBe(401)
    const rows = await server.app.storage.db.selectFrom('audit_log').select(['ip']).where('action', '=', 'sign_in_failed').orderBy('id').execute()
    expect(rows.map((r) => r.ip)).toEqual(['203.0.113.9', '10.0.0.5'])
  })
})
