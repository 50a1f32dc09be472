import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig, parseDatabaseUrl } from '../../src/server/config.ts'
import { cacheControlFor } from '../../src/server/routes/static.ts'
import { isSameOrigin } from '../../src/server/auth/sameOrigin.ts'

describe('loadConfig', () => {
  it('defaults to SQLite under data/ on port 8080 with the app from dist/', () => {
    const config = loadConfig({}, '/srv/app')
    expect(config).toMatchObject({
      port: 8080, database: { kind: 'sqlite', file: '/srv/app/data/superbruger.sqlite' }, staticDir: '/srv/app/dist',
      sessionTtlMs: 30 * 24 * 3600 * 1000, cookieSecure: false, oidc: null, adminPassword: null,
    })
  })

  const urls: Array<[string, object]> = [
    ['postgres://u@db:5432/sb', { kind: 'postgres', url: 'postgres://u@db:5432/sb' }],
    ['postgresql://db/sb', { kind: 'postgres', url: 'postgresql://db/sb' }],
    ['sqlite:var/sb.sqlite', { kind: 'sqlite', file: '/srv/app/var/sb.sqlite' }],
    ['sqlite::memory:', { kind: 'sqlite', file: ':memory:' }],
  ]
  for (const [url, expected] of urls) it(`DATABASE_URL=${url}`, () => expect(parseDatabaseUrl(url, '/srv/app')).toEqual(expected))

  const bad: Array<Record<string, string>> = [
    { DATABASE_URL: 'mysql://x' }, { PORT: 'abc' }, { COOKIE_SECURE: 'maybe' }, { SESSION_TTL: '5' },
    { OIDC_ISSUER: 'https://idp' }, { OIDC_ISSUER: 'https://idp', OIDC_CLIENT_ID: 'a', OIDC_CLIENT_SECRET: 'b', OIDC_ROLE_MAP: 'x=boss' },
  ]
  for (const env of bad) it(`names the bad variable in ${JSON.stringify(env)}`, () => expect(() => loadConfig(env)).toThrow(ConfigError))

  it('reads OIDC settings', () => {
    const config = loadConfig({ OIDC_ISSUER: 'https://idp', OIDC_CLIENT_ID: 'a', OIDC_CLIENT_SECRET: 'b', OIDC_ROLE_MAP: 'G1=leder', PUBLIC_URL: 'https://sb.kommune.dk/' })
    expect(config.oidc).toEqual({ issuer: 'https://idp', clientId: 'a', clientSecret: 'b', userClaim: 'email', roleClaim: 'roles', roleMap: { G1: 'leder' } })
    expect(config.publicUrl).toBe('https://sb.kommune.dk')
  })
})

describe('cacheControlFor', () => {
  const cases: Array<[string, string]> = [
    ['/d/assets/index-AbC123.js', 'public, max-age=31536000, immutable'],
    ['/d/assets/index-AbC123.js.br', 'public, max-age=31536000, immutable'],
    ['/d/index.html', 'no-cache'], ['/d/sw.js', 'no-cache'], ['/d/sw.js.gz', 'no-cache'], ['/d/manifest.webmanifest', 'no-cache'],
    ['/d/workbox-2fbc6a65.js', 'public, max-age=31536000, immutable'], ['/d/favicon.svg', 'public, max-age=3600'],
  ]
  for (const [file, expected] of cases) it(`${file} → ${expected}`, () => expect(cacheControlFor('/d', file)).toBe(expected))
})

describe('isSameOrigin', () => {
  const own = 'https://sb.kommune.dk'
  const cases: Array<[Record<string, string>, boolean]> = [
    [{ origin: own }, true], [{ origin: 'https://evil.example' }, false], [{ origin: 'null' }, false],
    [{ origin: 'http://localhost:5173' }, true], [{ 'sec-fetch-site': 'same-origin' }, true],
    [{ 'sec-fetch-site': 'cross-site' }, false], [{ 'sec-fetch-site': 'same-site' }, false], [{}, true],
  ]
  for (const [headers, expected] of cases) {
    it(`${JSON.stringify(headers)} → ${expected}`, () => expect(isSameOrigin(headers, own, ['http://localhost:5173'])).toBe(expected))
  }
})
