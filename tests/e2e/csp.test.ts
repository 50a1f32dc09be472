import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startAppServer, type AppServer } from './support/appServer.ts'
import { pageHeading } from './support/app.ts'
import { launchBrowser, newPhoneContext, waitForServiceWorker } from './support/browser.ts'
import { SCREENS, makeRecords, settle, type Made } from './support/screens.ts'
import { fakeCameraArgs, writeQrY4m } from './support/y4m.ts'

// The built app (E2E_DIST or dist/) served by the real server, so it runs under the server's
// Content-Security-Policy and Permissions-Policy: every screen, the forms, the service worker and
// the QR decoder's WebAssembly must work without a single violation.

/** Reports each violation to the test, from every document the context opens. */
const LISTEN = `
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolation({ directive: e.effectiveDirective, blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber, sample: e.sample, page: location.pathname })
  })
`
/** Console lines Chromium prints for a blocked load, a bad policy header or a blocked feature. */
const POLICY_CONSOLE = /Content Security Policy|Refused to|Permissions-Policy|Permissions policy|Unrecognized feature/i

let server: AppServer
let browser: Browser
let context: BrowserContext
let page: Page
let made: Made
const dir = mkdtempSync(join(tmpdir(), 'superbruger-csp-'))
const violations: string[] = []

function watch(p: Page): void {
  p.on('console', (message) => {
    if (POLICY_CONSOLE.test(message.text())) violations.push(`console ${message.type()}: ${message.text()}`)
  })
  p.on('pageerror', (error) => {
    if (/EvalError|Content Security Policy|WebAssembly/i.test(`${error.name} ${error.message}`)) violations.push(`page error: ${error.message}`)
  })
}

/** A phone context whose every document reports its violations to the test. */
async function listeningContext(on: Browser): Promise<BrowserContext> {
  const created = await newPhoneContext(on)
  await created.exposeBinding('__cspViolation', (_source, violation: unknown) => {
    violations.push(`violation: ${JSON.stringify(violation)}`)
  })
  await created.addInitScript(LISTEN)
  return created
}

/** The violations seen since the last call (and forgets them). */
function drain(): string[] {
  return violations.splice(0)
}

beforeAll(async () => {
  server = await startAppServer()
  browser = await launchBrowser()
  context = await listeningContext(browser)
  page = await context.newPage()
  watch(page)
  const user = await server.addUser('Ida Holm', 'koordinator')
  await page.goto(`${server.url}/log-ind`)
  await page.getByLabel('E-mail').fill(user.email)
  await page.getByLabel('Adgangskode').fill(user.password)
  await page.getByRole('button', { name: 'Log ind', exact: true }).click()
  await pageHeading(page, 'Overblik').waitFor()
  made = await makeRecords(page, server.url)
}, 120_000)

afterAll(async () => {
  await context?.close()
  await browser?.close()
  await server?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('the built app under the server’s Content-Security-Policy', () => {
  it('is served with a policy that allows no inline code and no eval', async () => {
    const response = await page.request.get(`${server.url}/`)
    const csp = response.headers()['content-security-policy'] ?? ''
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'")
    expect(csp).toContain("style-src 'self'")
    expect(csp).not.toMatch(/'unsafe-inline'|'unsafe-eval'/)
    expect(response.headers()['permissions-policy']).toContain('camera=(self)')
  })

  it('the listener works: an inline script added to the page is reported and does not run', async () => {
    await page.goto(`${server.url}/mere`)
    await settle(page)
    drain()
    const ran = await page.evaluate(async () => {
      const script = document.createElement('script')
      script.textContent = 'window.__inlineRan = true'
      document.body.append(script)
      await new Promise((resolve) => setTimeout(resolve, 200))
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true
    })
    expect(ran).toBe(false)
    expect(drain().join('\n')).toMatch(/script-src/)
  })

  it('signing in and making records through the forms raised no violation', () => {
    // beforeAll signed in and filled the request, asset, checklist and timer forms.
    expect(made.asset).toMatch(/^[0-9a-f-]{36}$/)
    expect(drain()).toEqual([])
  })

  it.each(SCREENS)('$name renders with no violation', async (screen) => {
    await page.goto(`${server.url}${screen.path(made)}`)
    await settle(page)
    await screen.act?.(page)
    expect(drain()).toEqual([])
  })

  it('the service worker installs and takes control under the policy', async () => {
    await page.goto(`${server.url}/`)
    await waitForServiceWorker(page)
    expect(drain()).toEqual([])
  })

  it('the camera scanner compiles the QR decoder’s WebAssembly and finds the asset', async () => {
    // A browser whose camera films a QR sticker of an asset registered on this phone.
    const video = join(dir, 'asset.y4m')
    writeQrY4m(video, `${server.url}/a/K7M4QX`)
    const camera = await launchBrowser(fakeCameraArgs(video))
    try {
      const phone = await listeningContext(camera)
      await phone.grantPermissions(['camera'], { origin: server.url })
      const scan = await phone.newPage()
      watch(scan)
      await scan.goto(`${server.url}/udstyr/ny`)
      await scan.getByLabel('Navn').fill('Printer i kælderen')
      await scan.getByLabel('Kode').fill('K7M4QX')
      await scan.getByRole('button', { name: 'Gem udstyr' }).click()
      await scan.waitForURL(/\/udstyr\/[0-9a-f-]{36}$/)
      const assetPath = new URL(scan.url()).pathname
      await scan.goto(`${server.url}/scan`)
      await scan.waitForURL(`${server.url}${assetPath}`, { timeout: 20_000 })
      await pageHeading(scan, 'Printer i kælderen').waitFor()
      const loaded = await scan.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name))
      expect(loaded.some((url) => url.endsWith('.wasm'))).toBe(true)
    } finally {
      await camera.close()
    }
    expect(drain()).toEqual([])
  })
})
