import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchBrowser, newPhoneContext, waitForServiceWorker } from './support/browser.ts'
import { serveBuild, type StaticServer } from './support/server.ts'
import { pageHeading, tapNav, waitForApp } from './support/app.ts'

// Unique per run, so a match can only come from what this test stored.
const RUN = Date.now().toString(36)
const DESCRIPTION = `Printer i kantinen papirstop ${RUN}`
const CHECKLIST = 'Opfølgning på udtjekkede Acadre-dokumenter'
const SUBJECT = `Kollega ${RUN}`

let server: StaticServer
let browser: Browser
let context: BrowserContext
let page: Page
let timerStart = ''

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

beforeAll(async () => {
  server = await serveBuild()
  browser = await launchBrowser()
  context = await newPhoneContext(browser)
  // A clock that runs in real time from a fixed Wednesday morning (so the timer never runs past a
  // midnight and becomes "forgotten", whenever the test runs), and that the test can move forward,
  // so the timer's minutes advance without a wait.
  await context.clock.install({ time: new Date('2026-11-25T10:00:00+01:00') })
  page = await context.newPage()
})

afterAll(async () => {
  await context?.close()
  await browser?.close()
  await server?.close()
})

describe('offline, from the service worker', () => {
  it('loads again with no network after the service worker is installed', async () => {
    await page.goto(server.url)
    await waitForServiceWorker(page)
    await context.setOffline(true)
    await page.reload()
    await pageHeading(page, 'Overblik').waitFor()
    await expect(page.evaluate(() => navigator.onLine)).resolves.toBe(false)
    await page.getByText('Offline — alt gemmes på telefonen').waitFor()
  })

  it('creates a request', async () => {
    await tapNav(page, 'Henvendelser')
    await pageHeading(page, 'Henvendelser').waitFor()
    await page.getByRole('link', { name: 'Ny', exact: true }).click()
    await pageHeading(page, 'Ny henvendelse').waitFor()
    await page.getByLabel('Beskrivelse').fill(DESCRIPTION)
    await page.getByLabel('Hvem spurgte?').fill('Jette Sørensen')
    await page.getByRole('button', { name: 'Gem', exact: true }).click()
    await pageHeading(page, 'Henvendelse').waitFor()
    await page.getByText(DESCRIPTION).waitFor()
    expect(page.url()).toMatch(/\/henvendelser\/[0-9a-f-]{36}$/)
  })

  it('keeps a started timer running across closing and reopening the page, then stops it', async () => {
    await tapNav(page, 'Tid')
    await pageHeading(page, /^Uge \d+/).waitFor()
    await page.getByRole('button', { name: 'Start tidtagning' }).click()
    const stop = page.getByRole('button', { name: 'Stop tidtagning' })
    await stop.waitFor()
    const started = page.getByRole('status').filter({ hasText: /^Tidtagning startet kl\. \d{2}\.\d{2}$/ })
    timerStart = (await started.textContent())?.replace('Tidtagning startet ', '') ?? ''
    expect(timerStart).not.toBe('')
    await expect(stop.textContent()).resolves.toContain('0:00')

    await context.clock.fastForward('02:00')
    // The timer ticks in seconds (minutes:seconds under an hour).
    await page.getByText(/^Forløbet tid 2:0\d\.$/).waitFor()

    await page.close()
    page = await context.newPage()
    await page.goto(`${server.url}/tid`)
    await pageHeading(page, /^Uge \d+/).waitFor()
    const reopened = page.getByRole('button', { name: 'Stop tidtagning' })
    await reopened.waitFor()
    await page.getByText(/Forløbet tid [2-9]:\d\d\./).waitFor()
    await page.getByText(`Daglig hjælp · startet ${timerStart}`).waitFor()
    await page.getByRole('link', { name: new RegExp(`^${escapeRegExp(timerStart)} kører`) }).waitFor()

    await reopened.click()
    await page.getByRole('button', { name: 'Start tidtagning' }).waitFor()
    await page.getByRole('status').filter({ hasText: /Tidtagning stoppet\. [2-9] min registreret\./ }).waitFor()
  })

  it('completes a checklist once its required items are filled', async () => {
    await tapNav(page, 'Tjeklister')
    await pageHeading(page, 'Tjeklister').waitFor()
    await page.getByRole('link', { name: 'Start tjekliste' }).first().click()
    await pageHeading(page, 'Start tjekliste').waitFor()
    await page.getByRole('radio', { name: new RegExp(`^${CHECKLIST}`) }).check()
    await page.getByLabel('Navn').fill(SUBJECT)
    await page.getByRole('button', { name: 'Start tjekliste' }).click()
    await pageHeading(page, CHECKLIST).waitFor()

    // With required items missing, finishing asks for a reason instead of completing.
    await page.getByRole('button', { name: 'Afslut tjekliste' }).click()
    await page.getByText('Disse påkrævede punkter mangler:').waitFor()
    await page.getByRole('link', { name: 'Antal tjekket ind igen' }).waitFor()

    await page.getByLabel('Liste over udtjekkede dokumenter er trukket').check()
    await page.getByLabel('Antal udtjekkede dokumenter').fill('3')
    await page.getByLabel('Kolleger med udtjekkede dokumenter er kontaktet').check()
    await page.getByLabel('Antal tjekket ind igen').fill('2')
    await page.getByLabel('Antal tjekket ind igen').blur()
    await page.getByText('4 af 8 udfyldt').waitFor()

    await page.getByRole('button', { name: 'Afslut tjekliste' }).click()
    await page.getByText(/Fuldført \d{2}\.\d{2}\.\d{4} kl\. \d{2}\.\d{2}/).waitFor()
    await expect(page.getByRole('button', { name: 'Afslut tjekliste' }).count()).resolves.toBe(0)
  })

  it('finds the request, the time entry and the completed checklist after a reload', async () => {
    await page.reload()
    await waitForApp(page)
    await expect(page.evaluate(() => navigator.onLine)).resolves.toBe(false)

    await tapNav(page, 'Henvendelser')
    await page.getByRole('searchbox', { name: 'Søg' }).fill(RUN)
    await page.getByRole('status').filter({ hasText: '1 henvendelse' }).waitFor()
    await page.getByRole('link', { name: new RegExp(DESCRIPTION) }).waitFor()

    await tapNav(page, 'Tid')
    await pageHeading(page, /^Uge \d+/).waitFor()
    const entry = page.getByRole('region', { name: 'Registreringer' }).getByRole('link', { name: new RegExp(`^${escapeRegExp(timerStart)}–`) })
    await entry.waitFor()
    await expect(entry.textContent()).resolves.toContain('Daglig hjælp')
    await expect(entry.textContent()).resolves.not.toContain('kører')
    await page.getByRole('button', { name: 'Start tidtagning' }).waitFor()

    await tapNav(page, 'Tjeklister')
    await page.getByRole('button', { name: 'Fuldført' }).click()
    await page.getByRole('button', { name: 'Fuldført', pressed: true }).waitFor()
    const run = page.getByRole('link', { name: new RegExp(`^${CHECKLIST}`) })
    await run.waitFor()
    await expect(run.textContent()).resolves.toContain(SUBJECT)
    await expect(run.textContent()).resolves.toContain('4 af 8')
  })
})
