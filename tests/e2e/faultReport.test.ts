import { mkdirSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchBrowser, newPhoneContext, waitForServiceWorker } from './support/browser.ts'
import { startAppServer, type AppServer } from './support/appServer.ts'
import { pageHeading } from './support/app.ts'
import { auditPage, describeFindings } from './support/axe.ts'
import { writeSystemRecords } from '../../src/server/storage/systemWrite.ts'

// A colleague with no account scans a label and reports a fault; a superuser sees it under
// "Nye fejlmeldinger" after the sync and takes it.
const CODE = 'K7M4QX'
const ASSET_ID = '0190a000-0000-7000-8000-00000000f001'
const TEXT = 'Printeren siger papirstop, men der sidder intet papir fast'
const SHOTS = process.env.E2E_SCREENSHOTS ?? '/tmp/superbruger-shots'

let server: AppServer
let browser: Browser
const contexts: BrowserContext[] = []
let colleague: Page
let superuser: Page

beforeAll(async () => {
  server = await startAppServer()
  browser = await launchBrowser()
  const account = await server.addUser('Anne Larsen', 'superbruger')
  const now = Date.now()
  await writeSystemRecords(server.app.storage, [{
    table: 'assets',
    record: {
      id: ASSET_ID, teamId: server.teamId, createdAt: now, createdBy: account.id, updatedAt: now, rev: 0, deletedAt: null,
      code: CODE, type: 'printer', name: 'Printer ved kantinen', model: 'HP M404', serial: 'SN-HEMMELIG', building: 'Rådhuset',
      floor: '2. sal', room: '201', departmentId: null, notes: 'Intern note', retiredAt: null,
    },
  }])
  for (let i = 0; i < 2; i += 1) contexts.push(await newPhoneContext(browser))
  colleague = await contexts[0]!.newPage()
  superuser = await contexts[1]!.newPage()
  await superuser.goto(`${server.url}/log-ind`)
  await superuser.getByLabel('E-mail').fill(account.email)
  await superuser.getByLabel('Adgangskode').fill(account.password)
  await superuser.getByRole('button', { name: 'Log ind', exact: true }).click()
  await pageHeading(superuser, 'Overblik').waitFor()
  await waitForServiceWorker(superuser)
  await superuser.locator('.sync-line').filter({ hasText: /^Synkroniseret/ }).waitFor({ timeout: 20_000 })
  mkdirSync(SHOTS, { recursive: true })
}, 120_000)

afterAll(async () => {
  for (const context of contexts) await context.close()
  await browser?.close()
  await server?.close()
})

describe('a colleague reports a fault from a label', () => {
  it('is a page of its own that loads no script file, shows only the public name and location, and passes axe at 360 px', async () => {
    await colleague.setViewportSize({ width: 360, height: 800 })
    const scripts: string[] = []
    colleague.on('request', (request) => { if (request.resourceType() === 'script') scripts.push(request.url()) })
    await colleague.goto(`${server.url}/a/${CODE}`)
    await pageHeading(colleague, 'Meld en fejl').waitFor()
    await colleague.getByText('Printer ved kantinen').waitFor()
    await colleague.getByText('Rådhuset, 2. sal, 201').waitFor()
    const shown = await colleague.locator('main').innerText()
    expect(shown).not.toContain('SN-HEMMELIG')
    expect(shown).not.toContain('Intern note')
    expect(shown).not.toContain('HP M404')
    // Not the app: no script file at all (the page's few lines of script are inline).
    await colleague.waitForLoadState('load')
    expect(scripts).toEqual([])
    expect(await colleague.locator('#app').count()).toBe(0)
    await colleague.screenshot({ path: `${SHOTS}/fault-report-form-360.png`, fullPage: true })
    const audit = await auditPage(colleague, 'Public fault report')
    expect(audit.blocking, describeFindings(audit.blocking)).toEqual([])
  })

  it('asks for the text when only spaces were written', async () => {
    await colleague.getByLabel('Hvad er galt?').fill('   ')
    await colleague.getByRole('button', { name: 'Send fejlmelding' }).click()
    await colleague.getByText('Skriv, hvad der er galt, før du sender.').waitFor()
  })

  it('offline: says so plainly and keeps the text', async () => {
    await colleague.getByLabel('Hvad er galt?').fill(TEXT)
    await contexts[0]!.setOffline(true)
    try {
      await colleague.getByRole('button', { name: 'Send fejlmelding' }).click()
      await colleague.getByRole('alert').filter({ hasText: 'kan ikke få forbindelse til serveren' }).waitFor()
      await expect(colleague.getByLabel('Hvad er galt?').inputValue()).resolves.toBe(TEXT)
    } finally {
      await contexts[0]!.setOffline(false)
    }
    // Kept on the phone while it is typed: opening the page again (or the back button after a failed send) loses nothing.
    await colleague.goto(`${server.url}/a/${CODE}`)
    await expect(colleague.getByLabel('Hvad er galt?').inputValue()).resolves.toBe(TEXT)
  })

  it('sends the report and sees a receipt with the reference', async () => {
    await colleague.getByLabel('Dit navn').fill('Hanne Holm')
    await colleague.getByLabel('E-mail eller telefon').fill('hanne@kommune.dk')
    await colleague.getByLabel('Afdeling').fill('Borgerservice')
    await colleague.getByRole('button', { name: 'Send fejlmelding' }).click()
    await colleague.getByRole('heading', { name: 'Tak – din fejlmelding er modtaget' }).waitFor()
    const reference = await colleague.locator('.reference').innerText()
    expect(reference).toMatch(/^QR-[0-9A-Z]{6}$/)
    await colleague.screenshot({ path: `${SHOTS}/fault-report-receipt-360.png`, fullPage: true })
    const audit = await auditPage(colleague, 'Public fault report receipt')
    expect(audit.blocking, describeFindings(audit.blocking)).toEqual([])
    // A new report starts empty: the receipt cleared what was kept.
    await colleague.getByRole('link', { name: 'Meld en fejl mere' }).click()
    await expect(colleague.getByLabel('Hvad er galt?').inputValue()).resolves.toBe('')
  })
})

describe('a superuser takes it over', () => {
  it('shows under "Nye fejlmeldinger" after the sync; "Tag den" makes it theirs, in progress', async () => {
    await superuser.goto(`${server.url}/`)
    const card = superuser.getByRole('region', { name: /Nye fejlmeldinger/ })
    await card.getByText(TEXT).first().waitFor({ timeout: 30_000 })
    await card.getByText(/Hanne Holm/).waitFor()
    await card.getByRole('button', { name: 'Tag den' }).click()
    await superuser.getByText('Du har taget fejlmeldingen').waitFor()
    await card.waitFor({ state: 'detached' })
    await superuser.getByRole('region', { name: /Mine åbne/ }).getByText(TEXT).first().waitFor()
    // The request keeps its channel and asset.
    await superuser.getByRole('region', { name: /Mine åbne/ }).getByText(TEXT).first().click()
    await superuser.waitForURL(/\/henvendelser\/[0-9a-f-]{36}$/)
    await superuser.getByText('QR-kode', { exact: true }).waitFor()
    await superuser.getByText('I gang', { exact: true }).first().waitFor()
    await superuser.getByText(/Kontakt: hanne@kommune\.dk/).waitFor()
  })

  it('a signed-in superuser scanning the label still opens the asset from local data', async () => {
    await superuser.goto(`${server.url}/a/${CODE}`)
    await superuser.waitForURL(`${server.url}/udstyr/${ASSET_ID}`)
    await pageHeading(superuser, 'Printer ved kantinen').waitFor()
  })

  it('signed out on a phone that has the app, an unknown label leads to the same fault-report page', async () => {
    await superuser.goto(`${server.url}/mere/konto`)
    await superuser.getByRole('button', { name: 'Log ud', exact: true }).click()
    await pageHeading(superuser, 'Overblik').waitFor()
    await superuser.goto(`${server.url}/a/ZZZ999`)
    // The service worker answers with the app, which cannot look the code up signed out …
    await pageHeading(superuser, 'Meld en fejl').waitFor()
    await superuser.getByRole('link', { name: 'Meld en fejl' }).click()
    // … and its link goes past the service worker to the server's page.
    await superuser.waitForURL(`${server.url}/a/ZZZ999?meld=1`)
    await superuser.locator('#report-form').waitFor()
    await superuser.getByLabel('Hvad er galt?').waitFor()
  })
})
