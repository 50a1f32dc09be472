import { createHash, X509Certificate } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeCertificate } from '../server/support/certificate.ts'
import { startAppServer, type AppServer } from './support/appServer.ts'
import { pageHeading } from './support/app.ts'
import { launchBrowser, newPhoneContext, waitForServiceWorker } from './support/browser.ts'
import { fakeCameraArgs, writeQrY4m } from './support/y4m.ts'

// The server on its own HTTPS with a certificate the test makes, as a phone would reach it: the
// service worker registers, the session cookie is Secure, labels carry PUBLIC_URL, and a label
// printed under a former address still opens the asset.

const PUBLIC_URL = 'https://superbruger.kommune.test'
const FORMER_URL = 'http://gammel-server.intern:8080'
/** The laptop's name as a phone would use it (HSTS is never sent to localhost); Chromium maps it to 127.0.0.1. */
const HOST = 'sb-laptop.test'
const CODE = 'K7M4QX'
const NAME = 'Printer ved kantinen'

const dir = mkdtempSync(join(tmpdir(), 'superbruger-https-'))
let server: AppServer
/** The server's address under HOST. */
let origin = ''
let browser: Browser
let context: BrowserContext
let page: Page
let assetId = ''

/**
 * Chromium accepts the test's own certificate as valid (not merely ignored): the SHA-256 of its
 * public key, base64, for --ignore-certificate-errors-spki-list. A certificate error would keep
 * the service worker from registering.
 */
function spkiHash(pem: string): string {
  const spki = new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' })
  return createHash('sha256').update(spki).digest('base64')
}

beforeAll(async () => {
  const cert = makeCertificate(dir, HOST, 'server', [HOST])
  server = await startAppServer({
    tls: { certFile: cert.certFile, keyFile: cert.keyFile }, cookieSecure: true,
    publicUrl: PUBLIC_URL, formerPublicUrls: [FORMER_URL],
  })
  expect(server.url).toMatch(/^https:\/\/localhost:\d+$/)
  origin = server.url.replace('localhost', HOST)
  const video = join(dir, 'former.y4m')
  writeQrY4m(video, `${FORMER_URL}/a/${CODE}`)
  browser = await launchBrowser([
    `--ignore-certificate-errors-spki-list=${spkiHash(cert.pem)}`, `--host-resolver-rules=MAP ${HOST} 127.0.0.1`, ...fakeCameraArgs(video),
  ])
  context = await newPhoneContext(browser)
  await context.grantPermissions(['camera'], { origin })
  page = await context.newPage()
  const user = await server.addUser('Ida Holm', 'superbruger')
  await page.goto(`${origin}/log-ind`)
  await page.getByLabel('E-mail').fill(user.email)
  await page.getByLabel('Adgangskode').fill(user.password)
  await page.getByRole('button', { name: 'Log ind', exact: true }).click()
  await pageHeading(page, 'Overblik').waitFor()
}, 120_000)

afterAll(async () => {
  await context?.close()
  await browser?.close()
  await server?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('the app over the server’s own HTTPS', () => {
  it('registers the service worker and answers with HSTS', async () => {
    const answer = await page.goto(`${origin}/udstyr`)
    expect(answer?.headers()['strict-transport-security']).toMatch(/^max-age=\d+/)
    await waitForServiceWorker(page)
    expect(await page.evaluate(() => window.isSecureContext)).toBe(true)
  })

  it('keeps the session in a Secure, HttpOnly cookie', async () => {
    const session = (await context.cookies(origin)).find((c) => c.name === 'sb_session')
    expect(session).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax' })
  })

  it('prints labels whose QR code is PUBLIC_URL/a/<code>, and says which address it prints', async () => {
    await page.goto(`${origin}/udstyr/ny`)
    await page.getByLabel('Navn').fill(NAME)
    await page.getByLabel('Kode').fill(CODE)
    await page.getByRole('button', { name: 'Gem udstyr' }).click()
    await page.waitForURL(/\/udstyr\/[0-9a-f-]{36}$/)
    assetId = page.url().split('/').at(-1) as string

    await page.goto(`${origin}/udstyr/etiketter?ids=${assetId}`)
    await page.locator('.address-url').filter({ hasText: PUBLIC_URL }).waitFor()
    expect(await page.locator('.address-warning').count()).toBe(0)
    const qr = page.locator(`.label[data-code="${CODE}"] svg`)
    await qr.waitFor()
    await qr.evaluate((el) => el.scrollIntoView({ block: 'center' }))
    const wasm = readFileSync('node_modules/zxing-wasm/dist/reader/zxing_reader.wasm')
    prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer } })
    const read = await readBarcodes(new Uint8Array(await qr.screenshot()), { formats: ['QRCode'] })
    expect(read.map((r) => r.text)).toEqual([`${PUBLIC_URL}/a/${CODE}`])
  })

  it('opens the asset from a label printed under a former address, offline too', async () => {
    await context.setOffline(true)
    try {
      await page.goto(`${origin}/scan`)
      await page.waitForURL(`${origin}/udstyr/${assetId}`, { timeout: 15_000 })
      await pageHeading(page, NAME).waitFor()
    } finally {
      await context.setOffline(false)
    }
  })
})
