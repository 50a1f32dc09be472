import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import type { NetworkInterfaceInfo } from 'node:os'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { needsHttpsNote, reachableUrls } from '../../src/server/addresses.ts'
import { ConfigError, loadConfig, parseDatabaseUrl } from '../../src/server/config.ts'
import { readTlsPair } from '../../src/server/tls/certificate.ts'
import { httpsRedirectTarget } from '../../src/server/tls/httpRedirect.ts'
import { makeCertificate } from './support/certificate.ts'
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

  it.each<[string, boolean | string[]]>([
    ['', false],
    ['true', true],
    ['off', false],
    ['1', true],
    ['127.0.0.1', ['127.0.0.1']],
    [' 127.0.0.1 , 10.0.0.0/8,::1 ', ['127.0.0.1', '10.0.0.0/8', '::1']],
    ['fd00::/8', ['fd00::/8']],
  ])('TRUST_PROXY=%j trusts %j', (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toEqual(expected)
  })

  it.each(['maybe', '127.0.0.1,proxy.kommune.dk', '300.1.1.1', '10.0.0.0/40', ','])('refuses TRUST_PROXY=%j, naming it', (value) => {
    expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY/)
  })

  it('reads OIDC settings', () => {
    const config = loadConfig({ OIDC_ISSUER: 'https://idp', OIDC_CLIENT_ID: 'a', OIDC_CLIENT_SECRET: 'b', OIDC_ROLE_MAP: 'G1=leder', PUBLIC_URL: 'https://sb.kommune.dk/' })
    expect(config.oidc).toEqual({ issuer: 'https://idp', clientId: 'a', clientSecret: 'b', userClaim: 'email', roleClaim: 'roles', roleMap: { G1: 'leder' } })
    expect(config.publicUrl).toBe('https://sb.kommune.dk')
  })
})

describe('loadConfig: HTTPS and addresses', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sb-config-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const cert = makeCertificate(dir, 'config')
  const other = makeCertificate(dir, 'other', 'other')
  const both = { TLS_CERT_FILE: cert.certFile, TLS_KEY_FILE: cert.keyFile }

  it('serves HTTPS with both files, and then marks the cookie Secure unless told otherwise', () => {
    expect(loadConfig(both)).toMatchObject({ tls: { certFile: cert.certFile, keyFile: cert.keyFile }, cookieSecure: true, httpRedirectPort: null })
    expect(loadConfig({ ...both, COOKIE_SECURE: 'false' }).cookieSecure).toBe(false)
    expect(loadConfig({}).tls).toBeNull()
  })

  it('reads relative file names from the working directory', () => {
    expect(loadConfig({ TLS_CERT_FILE: 'server-cert.pem', TLS_KEY_FILE: 'server-key.pem' }, dir).tls).toEqual({ certFile: cert.certFile, keyFile: cert.keyFile })
  })

  const unreadable = join(dir, 'unreadable.pem')
  writeFileSync(unreadable, 'x')
  chmodSync(unreadable, 0o000)
  const cases: Array<[string, Record<string, string>, RegExp]> = [
    ['only the certificate', { TLS_CERT_FILE: cert.certFile }, /TLS_KEY_FILE/],
    ['only the key', { TLS_KEY_FILE: cert.keyFile }, /TLS_CERT_FILE/],
    ['a missing certificate file', { ...both, TLS_CERT_FILE: join(dir, 'nope.pem') }, /TLS_CERT_FILE .*nope\.pem.*ENOENT/],
    ['a directory as key', { ...both, TLS_KEY_FILE: dir }, /TLS_KEY_FILE must name a file/],
    ['a redirect port without HTTPS', { HTTP_REDIRECT_PORT: '8080' }, /HTTP_REDIRECT_PORT .*TLS_CERT_FILE/],
    ['a redirect port equal to PORT', { ...both, PORT: '8443', HTTP_REDIRECT_PORT: '8443' }, /HTTP_REDIRECT_PORT must differ/],
    ['a redirect port that is no number', { ...both, HTTP_REDIRECT_PORT: 'http' }, /HTTP_REDIRECT_PORT/],
    ['a PUBLIC_URL without scheme', { PUBLIC_URL: 'superbruger.kommune.dk' }, /PUBLIC_URL/],
    ['a PUBLIC_URL with a query', { PUBLIC_URL: 'https://sb.kommune.dk/?x=1' }, /PUBLIC_URL/],
    ['a former address that is no URL', { FORMER_PUBLIC_URLS: 'https://old.kommune.dk, ftp://older' }, /FORMER_PUBLIC_URLS.*ftp:\/\/older/],
  ]
  // root reads any file, so the unreadable case only holds for an ordinary user
  if (process.getuid?.() !== 0) cases.push(['an unreadable key', { ...both, TLS_KEY_FILE: unreadable }, /TLS_KEY_FILE .*EACCES/])
  for (const [what, env, message] of cases) {
    it(`refuses ${what}, naming the variable`, () => {
      expect(() => loadConfig(env)).toThrow(ConfigError)
      expect(() => loadConfig(env)).toThrow(message)
    })
  }

  it('takes a redirect port beside HTTPS', () => {
    expect(loadConfig({ ...both, PORT: '8443', HTTP_REDIRECT_PORT: '8080' }).httpRedirectPort).toBe(8080)
  })

  it('refuses a certificate with a key that is not its own, naming both variables', () => {
    expect(() => readTlsPair({ certFile: cert.certFile, keyFile: other.keyFile })).toThrow(/TLS_CERT_FILE .* TLS_KEY_FILE/)
    expect(() => readTlsPair({ certFile: cert.keyFile, keyFile: cert.keyFile })).toThrow(ConfigError)
    expect(readTlsPair({ certFile: cert.certFile, keyFile: cert.keyFile }).cert.toString()).toBe(cert.pem)
  })

  it('normalises PUBLIC_URL and FORMER_PUBLIC_URLS', () => {
    const config = loadConfig({ PUBLIC_URL: 'HTTPS://SB.Kommune.dk:443/', FORMER_PUBLIC_URLS: ' http://sb-gl:8080/ ,https://old.kommune.dk,http://sb-gl:8080' })
    expect(config.publicUrl).toBe('https://sb.kommune.dk')
    expect(config.formerPublicUrls).toEqual(['http://sb-gl:8080', 'https://old.kommune.dk'])
    expect(loadConfig({}).formerPublicUrls).toEqual([])
  })
})

describe('the addresses npm start prints', () => {
  const nic = (address: string, family: 'IPv4' | 'IPv6', internal: boolean) => ({ address, family, internal }) as NetworkInterfaceInfo
  const interfaces = {
    lo: [nic('127.0.0.1', 'IPv4', true), nic('::1', 'IPv6', true)],
    eth0: [nic('192.168.1.23', 'IPv4', false), nic('fe80::1', 'IPv6', false)],
    wlan0: [nic('10.0.0.7', 'IPv4', false)],
  }
  const cases: Array<['http' | 'https', string, number, string[], boolean]> = [
    ['http', 'localhost', 8080, ['http://localhost:8080'], false],
    ['http', '0.0.0.0', 8080, ['http://localhost:8080', 'http://192.168.1.23:8080', 'http://10.0.0.7:8080'], true],
    ['https', '0.0.0.0', 8443, ['https://localhost:8443', 'https://192.168.1.23:8443', 'https://10.0.0.7:8443'], false],
    ['https', '::', 443, ['https://localhost', 'https://192.168.1.23', 'https://10.0.0.7'], false],
    ['http', '127.0.0.1', 80, ['http://127.0.0.1'], false],
    ['http', 'sb-laptop.local', 8080, ['http://sb-laptop.local:8080'], true],
    ['http', '::1', 8080, ['http://[::1]:8080'], false],
  ]
  for (const [protocol, host, port, urls, note] of cases) {
    it(`${protocol} on ${host}:${port} → ${urls.join(' ')}${note ? ' and the note on HTTPS' : ''}`, () => {
      expect(reachableUrls(protocol, host, port, interfaces)).toEqual(urls)
      expect(needsHttpsNote(urls)).toBe(note)
    })
  }
})

describe('httpsRedirectTarget', () => {
  const cases: Array<[string | undefined, string, number, string]> = [
    ['sb.kommune.dk', '/a/K7M4QX', 443, 'https://sb.kommune.dk/a/K7M4QX'],
    ['192.168.1.23:8080', '/', 8443, 'https://192.168.1.23:8443/'],
    ['[::1]:8080', '/x?y=1', 8443, 'https://[::1]:8443/x?y=1'],
    [undefined, '/x', 8443, 'https://fallback:8443/x'],
    ['bad host/evil', '/x', 443, 'https://fallback/x'],
    ['sb.kommune.dk', '//evil.example/x', 443, 'https://sb.kommune.dk/'],
  ]
  for (const [host, path, port, expected] of cases) {
    it(`${host ?? '(no Host)'} ${path} → ${expected}`, () => expect(httpsRedirectTarget(host, path, port, 'fallback')).toBe(expected))
  }
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
