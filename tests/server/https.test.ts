import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import type { TLSSocket } from 'node:tls'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createUser } from '../../src/server/auth/users.ts'
import { HSTS } from '../../src/server/security/headers.ts'
import { listenHttpRedirect } from '../../src/server/tls/httpRedirect.ts'
import { makeCertificate, type TestCertificate } from './support/certificate.ts'
import { startServer, type TestServer } from './support/harness.ts'

interface Answer {
  readonly status: number
  readonly headers: Record<string, string | string[] | undefined>
  readonly body: string
  /** Fingerprint of the certificate the server presented. */
  readonly fingerprint256: string
}

/** One request over HTTPS to 127.0.0.1:`port`, trusting only `ca`, on a new connection. */
function fetchHttps(port: number, path: string, ca: string, init: { method?: string, body?: string, headers?: Record<string, string> } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest({
      host: '127.0.0.1', port, path, method: init.method ?? 'GET', ca, servername: 'localhost', agent: false,
      // A host name as a phone would use; HSTS is never sent to localhost (headers.test.ts).
      headers: { host: `sb.test:${port}`, ...(init.body ? { 'content-type': 'application/json' } : {}), ...init.headers },
    }, (res) => {
      const fingerprint256 = (res.socket as TLSSocket).getPeerCertificate().fingerprint256
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, fingerprint256 }))
    })
    req.on('error', reject)
    req.end(init.body)
  })
}

/** The certificate the server presents now, trusting any (the test swaps it). */
function presented(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest({ host: '127.0.0.1', port, path: '/api/health', rejectUnauthorized: false, agent: false }, (res) => {
      resolve((res.socket as TLSSocket).getPeerCertificate().fingerprint256)
      res.resume()
    })
    req.on('error', reject)
    req.end()
  })
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const until = performance.now() + timeoutMs
  while (!(await check())) {
    if (performance.now() > until) throw new Error(`not within ${timeoutMs} ms`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

const dir = mkdtempSync(join(tmpdir(), 'sb-https-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('the server over its own HTTPS', () => {
  let cert: TestCertificate
  let server: TestServer
  let port: number

  beforeEach(async () => {
    cert = makeCertificate(dir, 'first')
    server = await startServer('sqlite', { tls: { certFile: cert.certFile, keyFile: cert.keyFile }, cookieSecure: true })
    await server.app.listen({ port: 0, host: '127.0.0.1' })
    port = (server.app.server.address() as AddressInfo).port
  })
  afterEach(async () => {
    await server.app.close()
    await server.backend.drop()
  })

  it('answers over TLS with the certificate and sends HSTS', async () => {
    const answer = await fetchHttps(port, '/api/health', cert.pem)
    expect(answer.status).toBe(200)
    expect(answer.fingerprint256).toBe(cert.fingerprint256)
    expect(answer.headers['strict-transport-security']).toBe(HSTS)
  })

  it('sets the session cookie Secure at sign-in', async () => {
    await createUser(server.app.storage.db, { email: 'sb@test.dk', name: 'SB', role: 'superbruger', teams: ['t1'], password: 'pw-secret-1' })
    const answer = await fetchHttps(port, '/api/auth/login', cert.pem, {
      method: 'POST', body: JSON.stringify({ email: 'sb@test.dk', password: 'pw-secret-1' }), headers: { origin: `https://sb.test:${port}` },
    })
    expect(answer.status, answer.body).toBe(200)
    const cookies = [answer.headers['set-cookie'] ?? []].flat()
    const session = cookies.find((c) => c.startsWith('sb_session='))
    expect(session).toBeDefined()
    expect(session).toMatch(/;\s*Secure(;|$)/i)
    expect(session).toMatch(/;\s*HttpOnly(;|$)/i)
  })

  it('serves a renewed certificate once its files change, without a restart', async () => {
    expect(await presented(port)).toBe(cert.fingerprint256)
    const renewed = makeCertificate(dir, 'renewed')
    expect(renewed.fingerprint256).not.toBe(cert.fingerprint256)
    await waitFor(async () => (await presented(port)) === renewed.fingerprint256, 10_000)
    const answer = await fetchHttps(port, '/api/health', renewed.pem)
    expect(answer.status).toBe(200)
  })

  it('reloads at once on SIGHUP', async () => {
    const next = makeCertificate(dir, 'next', 'staged')
    copyFileSync(next.keyFile, cert.keyFile)
    copyFileSync(next.certFile, cert.certFile)
    process.emit('SIGHUP', 'SIGHUP')
    expect(await presented(port)).toBe(next.fingerprint256)
  })

  it('keeps the old certificate when the new files do not belong together', async () => {
    const other = makeCertificate(dir, 'other', 'other')
    copyFileSync(other.certFile, cert.certFile)
    process.emit('SIGHUP', 'SIGHUP')
    expect(await presented(port)).toBe(cert.fingerprint256)
  })
})

describe('the HTTP → HTTPS redirect', () => {
  it('sends every request, with its path, to the HTTPS port with a 308', async () => {
    const redirect = await listenHttpRedirect(0, '127.0.0.1', 8443, 'localhost')
    try {
      const port = (redirect.address() as AddressInfo).port
      const answer = await new Promise<{ status: number, location: string | undefined }>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, path: '/a/K7M4QX?x=1', method: 'POST', headers: { host: `sb.test:${port}` } }, (res) => {
          resolve({ status: res.statusCode ?? 0, location: res.headers.location })
          res.resume()
        })
        req.on('error', reject)
        req.end()
      })
      expect(answer).toEqual({ status: 308, location: 'https://sb.test:8443/a/K7M4QX?x=1' })
    } finally {
      redirect.close()
    }
  })
})
