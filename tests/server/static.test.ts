import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib'
import { afterAll, expect, it } from 'vitest'
import { describeBackends } from './support/backends.ts'
import { useServer } from './support/harness.ts'

/** A small build: shell, service worker, manifest and a hashed asset with compressed copies. */
function fakeBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sb-dist-'))
  mkdirSync(join(dir, 'assets'))
  const js = `console.log(${JSON.stringify('superbruger '.repeat(200))})`
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Superbruger</title><div id="app"></div>')
  writeFileSync(join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {})')
  writeFileSync(join(dir, 'manifest.webmanifest'), '{"name":"Superbruger"}')
  writeFileSync(join(dir, 'robots.txt'), 'User-agent: *')
  writeFileSync(join(dir, 'assets', 'index-AbC123xy.js'), js)
  writeFileSync(join(dir, 'assets', 'index-AbC123xy.js.br'), brotliCompressSync(js))
  writeFileSync(join(dir, 'assets', 'index-AbC123xy.js.gz'), gzipSync(js))
  return dir
}

const dist = fakeBuild()
afterAll(() => rmSync(dist, { recursive: true, force: true }))

describeBackends('serving the built PWA', (kind) => {
  const server = useServer(kind, { staticDir: dist })
  const get = (url: string, headers: Record<string, string> = {}) => server().app.inject({ method: 'GET', url, headers })

  it('hashed assets are immutable for a year and sent brotli-compressed when accepted', async () => {
    const br = await get('/assets/index-AbC123xy.js', { 'accept-encoding': 'gzip, deflate, br' })
    expect(br.statusCode).toBe(200)
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(br.headers['content-encoding']).toBe('br')
    expect(br.headers['content-type']).toMatch(/javascript/)
    expect(brotliDecompressSync(br.rawPayload).toString()).toContain('superbruger')
    const gz = await get('/assets/index-AbC123xy.js', { 'accept-encoding': 'gzip' })
    expect(gz.headers['content-encoding']).toBe('gzip')
    const plain = await get('/assets/index-AbC123xy.js')
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body).toContain('superbruger')
  })

  const fresh = ['/', '/index.html', '/sw.js', '/manifest.webmanifest']
  for (const url of fresh) {
    it(`${url} is never served from cache without revalidation`, async () => {
      const response = await get(url)
      expect(response.statusCode).toBe(200)
      expect(response.headers['cache-control']).toBe('no-cache')
    })
  }

  const appRoutes = ['/a/ABC123?app=1', '/henvendelser/0190-abc', '/tid/uge?x=1']
  for (const url of appRoutes) {
    it(`the app route ${url} gets the app shell`, async () => {
      const response = await get(url, { accept: 'text/html' })
      expect(response.statusCode).toBe(200)
      expect(response.body).toContain('<div id="app">')
      expect(response.headers['cache-control']).toBe('no-cache')
    })
  }

  it("a label's /a/<code> is the colleague's fault-report page without a session, and the app with one", async () => {
    const stranger = await get('/a/ABC123', { accept: 'text/html' })
    expect(stranger.statusCode).toBe(200)
    expect(stranger.body).toContain('<form id="report-form"')
    expect(stranger.body).not.toContain('<div id="app">')
    expect(stranger.headers.vary).toBe('cookie')
    const superuser = await get('/a/ABC123', { accept: 'text/html', cookie: 'sb_session=whatever' })
    expect(superuser.body).toContain('<div id="app">')
    // The app links a signed-out device to ?meld=1, which is the page whatever the cookies say.
    const linked = await get('/a/ABC123?meld=1', { accept: 'text/html', cookie: 'sb_session=whatever' })
    expect(linked.body).toContain('<form id="report-form"')
  })

  it("a poster's /t/<code> is the public tip page without a session, and the app with one or with ?app=1", async () => {
    const stranger = await get('/t/K7M4QX2B', { accept: 'text/html' })
    expect(stranger.statusCode).toBe(404)
    expect(stranger.body).toContain('<h1>Tippet findes ikke</h1>')
    expect(stranger.body).not.toContain('<div id="app">')
    expect(stranger.headers.vary).toBe('cookie')
    const superuser = await get('/t/K7M4QX2B', { accept: 'text/html', cookie: 'sb_session=whatever' })
    expect(superuser.statusCode).toBe(200)
    expect(superuser.body).toContain('<div id="app">')
    expect((await get('/t/K7M4QX2B?app=1', { accept: 'text/html' })).body).toContain('<div id="app">')
    // The app links a device without the tip to ?offentlig=1, which is the page whatever the cookies say.
    const linked = await get('/t/K7M4QX2B?offentlig=1', { accept: 'text/html', cookie: 'sb_session=whatever' })
    expect(linked.body).toContain('<h1>Tippet findes ikke</h1>')
  })

  it('a missing file or API path is a 404, not the shell', async () => {
    expect((await get('/assets/missing-123.js')).statusCode).toBe(404)
    const api = await get('/api/unknown')
    expect(api.statusCode).toBe(404)
    expect(api.json().error).toBe('not_found')
  })

  it('does not serve files outside the build', async () => {
    const response = await get('/../package.json')
    expect(response.statusCode).toBe(404)
    expect(response.body).not.toContain('"dependencies"')
  })
})
