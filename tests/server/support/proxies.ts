import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { request as httpsRequest } from 'node:https'
import { createServer, type AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { TestCertificate } from './certificate.ts'

// DRIFT.md's proxy set-ups as the tests run them: Debian's Caddy and nginx in front of one or more
// server instances with TLS. Used by proxy.test.ts and proxyInstances.test.ts.

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const { port } = probe.address() as AddressInfo
  await new Promise((resolve) => probe.close(resolve))
  return port
}

/** What the proxy answered. */
export interface Answer { readonly status: number, readonly headers: Record<string, string | string[] | undefined>, readonly body: string }

/** One HTTPS request to the proxy, trusting the test's certificate. */
export function call(port: number, pem: string, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
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
export async function waitForProxy(port: number, pem: string, proxy: ChildProcess, log: () => string): Promise<void> {
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

/** A proxy the tests can run. */
export interface Proxy {
  readonly name: 'caddy' | 'nginx'
  /** Writes the proxy's configuration into `dir` and returns the command that runs it in the foreground. */
  configure(dir: string, listen: number, upstreams: readonly number[], certificate: TestCertificate): [string, string[]]
}

/** Caddy and nginx, configured as DRIFT.md says. */
export const PROXIES: readonly Proxy[] = [
  {
    name: 'caddy',
    configure(dir, listen, upstreams, certificate) {
      // As DRIFT.md: Caddy sets X-Forwarded-For/-Proto/-Host itself and streams Server-Sent Events.
      writeFileSync(join(dir, 'Caddyfile'), [
        '{', '\tadmin off', '\tauto_https disable_redirects', `\thttp_port ${listen + 1}`, `\tstorage file_system ${join(dir, 'data')}`, '}',
        `localhost:${listen} {`, `\ttls ${certificate.certFile} ${certificate.keyFile}`, `\treverse_proxy ${upstreams.map((port) => `127.0.0.1:${port}`).join(' ')} {`, '\t\tlb_policy round_robin', '\t}', '}', '',
      ].join('\n'))
      return ['caddy', ['run', '--config', join(dir, 'Caddyfile'), '--adapter', 'caddyfile']]
    },
  },
  {
    name: 'nginx',
    configure(dir, listen, upstreams, certificate) {
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
  upstream superbruger { ${upstreams.map((port) => `server 127.0.0.1:${port};`).join(' ')} }
  server {
    listen 127.0.0.1:${listen} ssl;
    server_name localhost;
    ssl_certificate     ${certificate.certFile};
    ssl_certificate_key ${certificate.keyFile};
    location / {
      proxy_pass http://superbruger;
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

/** Whether `command` is on the PATH. */
export function installed(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0
}


/** A proxy running in the foreground on `port`, and how to stop it. */
export interface RunningProxy {
  readonly port: number
  stop(): void
}

/** Configures `proxy` in `dir` in front of `upstreams`, starts it and waits until it answers. */
export async function startProxy(proxy: Proxy, dir: string, upstreams: readonly number[], certificate: TestCertificate): Promise<RunningProxy> {
  const port = await freePort()
  const [command, args] = proxy.configure(dir, port, upstreams, certificate)
  let output = ''
  const child = spawn(command, args, { cwd: dir, env: { ...process.env, HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir }, stdio: ['ignore', 'pipe', 'pipe'] })
  child.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString() })
  child.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString() })
  try {
    await waitForProxy(port, certificate.pem, child, () => output)
  } catch (error) {
    child.kill('SIGTERM')
    throw error
  }
  return { port, stop: () => child.kill('SIGTERM') }
}

/** The port a started Fastify app listens on. */
export function portOf(server: { readonly address: () => AddressInfo | string | null }): number {
  return (server.address() as AddressInfo).port
}
