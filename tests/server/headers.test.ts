import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { contentSecurityPolicy, HSTS } from '../../src/server/security/headers.ts'
import { describeBackends } from './support/backends.ts'
import { startServer, useServer, type TestServer } from './support/harness.ts'

function fakeBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sb-headers-'))
  mkdirSync(join(dir, 'assets'))
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Superbruger</title><div id="app"></div>')
  writeFileSync(join(dir, 'assets', 'index-AbC123xy.js'), 'console.log(1)')
  writeFileSync(join(dir, 'assets', 'zxing_reader-Xy12ab34.wasm'), Buffer.from([0, 97, 115, 109, 1, 0, 0, 0]))
  return dir
}

const dist = fakeBuild()
afterAll(() => rmSync(dist, { recursive: true, force: true }))

/** Directive name → its source list. */
function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(';').map((part) => part.trim().split(/\s+/)).map(([name, ...sources]) => [name!, sources]))
}

function expectSecurityHeaders(headers: Record<string, unknown>): void {
  expect(headers['content-security-policy']).toBe(contentSecurityPolicy({ oidc: null }))
  expect(headers['x-content-type-options']).toBe('nosniff')
  expect(headers['referrer-policy']).toBe('same-origin')
  expect(headers['permissions-policy']).toMatch(/(^|, )camera=\(self\)(,|$)/)
  expect(headers['permissions-policy']).toMatch(/microphone=\(\)/)
  expect(headers['cross-origin-opener-policy']).toBe('same-origin')
  expect(headers['x-frame-options']).toBe('DENY')
}

describe('the Content-Security-Policy', () => {
  const csp = directives(contentSecurityPolicy({ oidc: null }))

  it('allows no inline code and no eval anywhere', () => {
    for (const [name, sources] of csp) {
      expect(sources, name).not.toContain("'unsafe-inline'")
      expect(sources, name).not.toContain("'unsafe-eval'")
      expect(sources.some((s) => s.startsWith("'nonce-") || s.startsWith("'sha")), name).toBe(false)
    }
  })

  it('lets only our own scripts run, plus WebAssembly compilation for the QR decoder', () => {
    expect(csp.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"])
    expect(csp.get('style-src')).toEqual(["'self'"])
    expect(csp.get('default-src')).toEqual(["'self'"])
  })

  it('forbids framing, plugins, foreign bases and foreign connections', () => {
    expect(csp.get('frame-ancestors')).toEqual(["'none'"])
    expect(csp.get('object-src')).toEqual(["'none'"])
    expect(csp.get('base-uri')).toEqual(["'self'"])
    expect(csp.get('connect-src')).toEqual(["'self'"])
    expect(csp.get('form-action')).toEqual(["'self'"])
    expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:'])
    expect(csp.get('worker-src')).toEqual(["'self'"])
    expect(csp.get('manifest-src')).toEqual(["'self'"])
  })

  it('lets a sign-in form end at the identity provider when OpenID Connect is configured', () => {
    const oidc = { issuer: 'https://login.example.dk/tenant/v2.0', clientId: 'c', clientSecret: 's', userClaim: 'email', roleClaim: 'roles', roleMap: {} }
    expect(directives(contentSecurityPolicy({ oidc })).get('form-action')).toEqual(["'self'", 'https://login.example.dk'])
  })
})

describeBackends('security headers on every response', (kind) => {
  const server = useServer(kind, { staticDir: dist })
  const get = (url: string, headers: Record<string, string> = {}) => server().app.inject({ method: 'GET', url, headers })

  const urls: Array<[string, string, number]> = [
    ['the app shell', '/', 200],
    ['an app route (SPA fallback)', '/henvendelser/ny', 200],
    ['a hashed asset', '/assets/index-AbC123xy.js', 200],
    ['the decoder wasm', '/assets/zxing_reader-Xy12ab34.wasm', 200],
    ['the health check', '/api/health', 200],
    ['an unknown API path', '/api/nope', 404],
    ['an API call without a session', '/api/sync/pull', 401],
    ['a bad query', '/api/sync/pull?cursor=-1', 401],
  ]
  for (const [name, url, status] of urls) {
    it(`${name} (${url}) carries them`, async () => {
      const response = await get(url)
      expect(response.statusCode).toBe(status)
      expectSecurityHeaders(response.headers)
      expect(response.headers['strict-transport-security']).toBeUndefined()
    })
  }

  it('a 400 and a 415 from the error handler carry them', async () => {
    const bad = await server().app.inject({ method: 'POST', url: '/api/auth/login', payload: '{"email":', headers: { 'content-type': 'application/json' } })
    expect(bad.statusCode).toBe(400)
    expectSecurityHeaders(bad.headers)
    const form = await server().app.inject({ method: 'POST', url: '/api/auth/login', payload: 'a=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } })
    expect(form.statusCode).toBe(415)
    expectSecurityHeaders(form.headers)
  })

  it('the event stream (a hijacked reply) carries them', async () => {
    const team = await server().team()
    const user = await server().user('superbruger', [team])
    const address = await server().app.listen({ port: 0, host: '127.0.0.1' })
    const abort = new AbortController()
    const response = await fetch(`${address}/api/sync/events`, { headers: { cookie: user.cookie }, signal: abort.signal })
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/)
    expectSecurityHeaders(Object.fromEntries(response.headers))
    abort.abort()
  })

  it('sends no HSTS over plain http, even when the request claims https without a trusted proxy', async () => {
    const response = await get('/api/health', { 'x-forwarded-proto': 'https', host: 'sb.kommune.dk' })
    expect(response.headers['strict-transport-security']).toBeUndefined()
  })
}, ['sqlite'])

describeBackends('HSTS behind a trusted proxy', (kind) => {
  let server: TestServer | null = null
  afterAll(async () => {
    await server?.app.close()
    await server?.backend.drop()
  })

  it('is sent when the proxy says the request came over https, and only then', async () => {
    server = await startServer(kind, { staticDir: dist, trustProxy: true })
    const host = 'sb.kommune.dk'
    const overHttps = await server.app.inject({ method: 'GET', url: '/', headers: { 'x-forwarded-proto': 'https', host } })
    expect(overHttps.headers['strict-transport-security']).toBe(HSTS)
    expectSecurityHeaders(overHttps.headers)
    const api = await server.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-forwarded-proto': 'https', host } })
    expect(api.headers['strict-transport-security']).toBe(HSTS)
    const overHttp = await server.app.inject({ method: 'GET', url: '/', headers: { 'x-forwarded-proto': 'http', host } })
    expect(overHttp.headers['strict-transport-security']).toBeUndefined()
    const direct = await server.app.inject({ method: 'GET', url: '/', headers: { host } })
    expect(direct.headers['strict-transport-security']).toBeUndefined()
  })

  // A browser keeps HSTS per host name, whatever the port: from localhost it would break every
  // later http://localhost:… (the dev server, other apps) for a year.
  for (const host of ['localhost:8443', 'app.localhost', '127.0.0.1:8443', '[::1]:8443']) {
    it(`is not sent to ${host}, even over https`, async () => {
      server ??= await startServer(kind, { staticDir: dist, trustProxy: true })
      const answer = await server.app.inject({ method: 'GET', url: '/', headers: { 'x-forwarded-proto': 'https', host } })
      expect(answer.headers['strict-transport-security']).toBeUndefined()
      expectSecurityHeaders(answer.headers)
    })
  }
}, ['sqlite'])
