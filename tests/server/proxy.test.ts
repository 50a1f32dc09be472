import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request as httpsRequest } from 'node:https'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser } from '../../src/server/auth/users.ts'
import { makeCertificate, type TestCertificate } from './support/certificate.ts'
import { startServer, type TestServer } from './support/harness.ts'

// DRIFT.md's proxy set-ups, actually run: Debian's Caddy and nginx in front of the server with
// TLS, TRUST_PROXY naming only the proxy. `.ci/run` installs both; a machine without one skips
// that proxy's tests (and CI fails instead, so a missing proxy cannot pass unnoticed).

async function freePort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const { port } = probe.address() as AddressInfo
  await new Promise((resolve) => probe.close(resolve))
  return port
}

interface Answer { readonly status: number, readonly headers: Record<string, string | string[] | undefined>, readonly body: string }

/** One HTTPS request to the proxy, trusting the test's certificate. */
function call(port: number, pem: string, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    // As a browser would for https://localhost:<port>/ (the proxies serve that site name only).
    const req = httpsRequest({ host: '127.0.0.1', port, method, path, ca: pem, servername: 'localhost', headers: { host: `localhost:${port}`, ...headers } }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => { text += chunk })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }))
    })
    req.on('error', reject)
    if (body !== undefined) req.write(body)
    req.end()
  })
}

/** Waits until the proxy answers on `port` (it starts in the background). */
async function waitForProxy(port: number, pem: string, proxy: ChildProcess, log: () => string): Promise<void> {
  const until = Date.now() + 20_000
  for (;;) {
    if (proxy.exitCode !== null) throw new Error(`proxy exited (${proxy.exitCode}): ${log()}`)
    try {
      const answer = await call(port, pem, 'GET', '/api/health')
      if (answer.status === 200 && answer.body.includes('"status"')) return
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`proxy did not answer: ${log()}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

interface Proxy {
  readonly name: 'caddy' | 'nginx'
  /** Writes the proxy's configuration into `dir` and returns the command that runs it in the foreground. */
  configure(dir: string, listen: number, upstream: number, certificate: TestCertificate): [string, string[]]
}

const PROXIES: readonly Proxy[] = [
  {
    name: 'caddy',
    configure(dir, listen, upstream, certificate) {
      // As DRIFT.md: Caddy sets X-Forwarded-For/-Proto/-Host itself and streams Server-Sent Events.
      writeFileSync(join(dir, 'Caddyfile'), [
        '{', '\tadmin off', '\tauto_https disable_redirects', `\thttp_port ${listen + 1}`, `\tstorage file_system ${join(dir, 'data')}`, '}',
        `localhost:${listen} {`, `\ttls ${certificate.certFile} ${certificate.keyFile}`, `\treverse_proxy 127.0.0.1:${upstream}`, '}', '',
      ].join('\n'))
      return ['caddy', ['run', '--config', join(dir, 'Caddyfile'), '--adapter', 'caddyfile']]
    },
  },
  {
    name: 'nginx',
    configure(dir, listen, upstream, certificate) {
      for (const sub of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, sub), { recursive: true })
      // The server block of DRIFT.md, in a configuration nginx runs unprivileged in the foreground.
      writeFileSync(join(dir, 'nginx.conf'), `
daemon off;
worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')};
events {}
http {
  access_log off;
  client_body_temp_path ${join(dir, 'body')};
  proxy_temp_path ${join(dir, 'proxy')};
  fastcgi_temp_path ${join(dir, 'fastcgi')};
  uwsgi_temp_path ${join(dir, 'uwsgi')};
  scgi_temp_path ${join(dir, 'scgi')};
  server {
    listen 127.0.0.1:${listen} ssl;
    server_name localhost;
    ssl_certificate     ${certificate.certFile};
    ssl_certificate_key ${certificate.keyFile};
    location / {
      proxy_pass http://127.0.0.1:${upstream};
      proxy_http_version 1.1;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Forwarded-Host $http_host;
      proxy_buffering off;
      proxy_read_timeout 1h;
    }
  }
}
`)
      return ['nginx', ['-p', dir, '-c', join(dir, 'nginx.conf')]]
    },
  },
]

function installed(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0
}

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
    let child: ChildProcess
    let certificate: TestCertificate
    let port = 0
    let output = ''

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), `sb-${proxy.name}-`))
      certificate = makeCertificate(dir, 'localhost')
      server = await startServer('sqlite', { trustProxy: ['127.0.0.1', '::1'], cookieSecure: true })
      await server.app.listen({ port: 0, host: '127.0.0.1' })
      const upstream = (server.app.server.address() as AddressInfo).port
      port = await freePort()
      const [command, args] = proxy.configure(dir, port, upstream, certificate)
      child = spawn(command, args, { cwd: dir, env: { ...process.env, HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir }, stdio: ['ignore', 'pipe', 'pipe'] })
      child.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString() })
      child.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString() })
      await waitForProxy(port, certificate.pem, child, () => output)
      await createUser(server.app.storage.db, { email: 'anne@test.dk', name: 'Anne', role: 'superbruger', teams: [await server.team()], password: 'secret-pw' })
    }, 60_000)

    afterAll(async () => {
      child?.kill('SIGTERM')
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
