import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader'
import { launchBrowser, newPhoneContext } from './support/browser.ts'
import { startAppServer, type AppServer } from './support/appServer.ts'
import { pageHeading, signIn, synced } from './support/app.ts'
import { auditPage, describeFindings } from './support/axe.ts'
import { tipCode } from '../../src/domain/tipCode.ts'
import { writeSystemRecords } from '../../src/server/storage/systemWrite.ts'

// A public tip end to end: the koordinator marks a tip public on the phone, prints its poster,
// the poster's QR code decodes back to /t/<code>, and a fresh browser with no account opens it
// from the server. Set E2E_SHOTS to a folder to keep 360×800 screenshots.
const SHOTS = process.env.E2E_SHOTS
// A fixed morning that then runs in real time; no test depends on today's date.
const NOW = new Date('2026-11-25T10:00:00+01:00')
const TIP_ID = '0193a0b0-0000-7000-8000-00000000b001'
const TITLE = 'Sådan deler du en kalender'
const ASSET_CODE = 'P3RNT2'

let server: AppServer
let browser: Browser
const contexts: BrowserContext[] = []
let koordinator: Page
let posterUrl = ''

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return
  mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true })
}

async function expectAccessible(page: Page, screen: string): Promise<void> {
  const audit = await auditPage(page, screen)
  expect(audit.blocking, describeFindings(audit.blocking)).toEqual([])
}

async function storedTip(): Promise<Record<string, unknown>> {
  const row = await server.app.storage.db.selectFrom('records').select('data').where('tbl', '=', 'tips').where('id', '=', TIP_ID).executeTakeFirstOrThrow()
  return JSON.parse(row.data) as Record<string, unknown>
}

beforeAll(async () => {
  server = await startAppServer()
  browser = await launchBrowser()
  const kirsten = await server.addUser('Kirsten Koordinator', 'koordinator')
  const at = NOW.getTime() - 86_400_000
  await writeSystemRecords(server.app.storage, [{
    table: 'tips',
    record: {
      id: TIP_ID, teamId: server.teamId, createdAt: at, createdBy: kirsten.id, updatedAt: at, rev: 0, deletedAt: null,
      title: TITLE, body: '# I Outlook\n\n1. Højreklik på kalenderen\n2. Vælg **Deling**\n\nSe [guiden](https://kommune.dk/outlook).',
      tags: ['outlook', 'pc'], category: 'office', requestIds: [],
    },
  }, {
    table: 'assets',
    record: {
      id: '0193a0b0-0000-7000-8000-00000000c001', teamId: server.teamId, createdAt: at, createdBy: kirsten.id, updatedAt: at, rev: 0, deletedAt: null,
      code: ASSET_CODE, type: 'pc', name: 'PC i mødelokale 3', model: '', serial: '', building: 'Rådhuset',
      floor: '1. sal', room: '103', departmentId: null, notes: '', retiredAt: null,
    },
  }])
  const context = await newPhoneContext(browser)
  await context.clock.install({ time: NOW })
  contexts.push(context)
  koordinator = await context.newPage()
  await signIn(koordinator, server.url, kirsten.email, kirsten.password)
}, 120_000)

afterAll(async () => {
  for (const context of contexts) await context.close()
  await browser?.close()
  await server?.close()
})

describe('a public tip and its poster', () => {
  it('the koordinator marks the tip public on the phone, and the server has it after the sync', async () => {
    await koordinator.goto(`${server.url}/tips/${TIP_ID}`)
    await pageHeading(koordinator, TITLE).waitFor()
    const toggle = koordinator.getByRole('checkbox', { name: 'Offentligt tip' })
    expect(await toggle.isChecked()).toBe(false)
    await toggle.check()
    await koordinator.getByText('Alle kan læse tippet via koden').waitFor()
    await synced(koordinator)
    await expect.poll(async () => (await storedTip()).public, { timeout: 20_000 }).toBe(true)
    await expectAccessible(koordinator, 'tip detail (koordinator)')
    await shot(koordinator, 'tip-detail-koordinator')
  })

  it("the poster's QR code decodes back to /t/<code> at the public address", async () => {
    await koordinator.getByRole('link', { name: 'Plakat med QR-kode' }).click()
    await pageHeading(koordinator, 'Plakat').waitFor()
    const qr = koordinator.locator('.poster svg')
    await qr.waitFor()
    await expectAccessible(koordinator, 'tip poster')
    await shot(koordinator, 'tip-poster')
    await qr.evaluate((el) => el.scrollIntoView({ block: 'center' }))
    const wasm = readFileSync('node_modules/zxing-wasm/dist/reader/zxing_reader.wasm')
    prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer } })
    const read = await readBarcodes(new Uint8Array(await qr.screenshot()), { formats: ['QRCode'] })
    posterUrl = `${server.url}/t/${tipCode(TIP_ID)}`
    expect(read.map((r) => r.text)).toEqual([posterUrl])
    // Public now: the poster gives no warning that strangers cannot read it.
    expect(await koordinator.getByText('Tippet er ikke offentligt').count()).toBe(0)
  })

  it('a fresh browser without an account opens the public tip from the poster, with no script, accessibly', async () => {
    const context = await newPhoneContext(browser)
    contexts.push(context)
    const stranger = await context.newPage()
    const scripts: string[] = []
    stranger.on('request', (request) => { if (request.resourceType() === 'script') scripts.push(request.url()) })
    const response = await stranger.goto(posterUrl)
    expect(response?.status()).toBe(200)
    await pageHeading(stranger, TITLE).waitFor()
    await stranger.getByRole('heading', { level: 2, name: 'I Outlook' }).waitFor()
    expect(await stranger.getByRole('link', { name: 'guiden' }).getAttribute('href')).toBe('https://kommune.dk/outlook')
    expect(scripts).toEqual([])
    expect(await stranger.evaluate(() => navigator.serviceWorker.controller)).toBeNull()
    await expectAccessible(stranger, 'public tip')
    await shot(stranger, 'tip-public')

    const missing = await stranger.goto(`${server.url}/t/AAAA-AAAA`)
    expect(missing?.status()).toBe(404)
    await pageHeading(stranger, 'Tippet findes ikke').waitFor()
    await expectAccessible(stranger, 'public tip not found')
    await shot(stranger, 'tip-public-missing')
  })

  it("the PC's fault-report page offers the public tip tagged pc, and its link opens it", async () => {
    const context = await newPhoneContext(browser)
    contexts.push(context)
    const stranger = await context.newPage()
    await stranger.goto(`${server.url}/a/${ASSET_CODE}`)
    await pageHeading(stranger, 'Meld en fejl').waitFor()
    const tips = stranger.getByRole('region', { name: 'Tips til dette udstyr' })
    await expectAccessible(stranger, 'fault-report page with tips')
    await shot(stranger, 'fault-page-tips')
    await tips.getByRole('link', { name: TITLE }).click()
    await pageHeading(stranger, TITLE).waitFor()
    expect(stranger.url()).toBe(posterUrl)
  })

  it('once the koordinator makes it private again, the same address is "not found"', async () => {
    await koordinator.goto(`${server.url}/tips/${TIP_ID}`)
    await koordinator.getByRole('checkbox', { name: 'Offentligt tip' }).uncheck()
    await synced(koordinator)
    await expect.poll(async () => (await storedTip()).public, { timeout: 20_000 }).toBe(false)
    const context = await newPhoneContext(browser)
    contexts.push(context)
    const stranger = await context.newPage()
    expect((await stranger.goto(posterUrl))?.status()).toBe(404)
  })

  it('a superbruger sees whether the tip is public but has no switch', async () => {
    const bo = await server.addUser('Bo Nielsen', 'superbruger')
    const context = await newPhoneContext(browser)
    await context.clock.install({ time: NOW })
    contexts.push(context)
    const superuser = await context.newPage()
    await signIn(superuser, server.url, bo.email, bo.password)
    await superuser.goto(`${server.url}/tips/${TIP_ID}`)
    await pageHeading(superuser, TITLE).waitFor()
    await superuser.getByText('Kun for superbrugergruppen').waitFor()
    expect(await superuser.getByRole('checkbox', { name: 'Offentligt tip' }).count()).toBe(0)
    await expectAccessible(superuser, 'tip detail (superbruger)')
    await shot(superuser, 'tip-detail-superbruger')
  })
})
