import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchBrowser, newPhoneContext, waitForServiceWorker } from './support/browser.ts'
import { startAppServer, type AppServer } from './support/appServer.ts'
import { pageHeading } from './support/app.ts'

// What a new user saw cut off at 360 px (issue #11, part 3.8): the date of a request row, the
// status chips running off the right edge, a long e-mail address across its card.

let server: AppServer
let browser: Browser
let context: BrowserContext
let page: Page

/** Elements matching `selector` whose box ends right of `limit`, or whose text is cut (ellipsis). */
async function cutOff(selector: string, limit: number): Promise<string[]> {
  return page.locator(selector).evaluateAll((els, right) => els
    .filter((el) => el.getBoundingClientRect().right > right + 0.5 || el.scrollWidth > el.clientWidth + 0.5)
    .map((el) => `${el.textContent?.trim()} (right ${Math.round(el.getBoundingClientRect().right)}, ${el.scrollWidth}/${el.clientWidth})`), limit)
}

beforeAll(async () => {
  server = await startAppServer()
  browser = await launchBrowser()
  context = await newPhoneContext(browser)
  page = await context.newPage()
  const user = await server.addUser('Cecilie Jakobsen-Vestergaard', 'superbruger', 'cecilie.jakobsen-vestergaard@teknik-og-miljoe.kommune.dk')
  await page.goto(`${server.url}/log-ind`)
  await page.getByLabel('E-mail').fill(user.email)
  await page.getByLabel('Adgangskode').fill(user.password)
  await page.getByRole('button', { name: 'Log ind', exact: true }).click()
  await pageHeading(page, 'Overblik').waitFor()
  await waitForServiceWorker(page)
  for (const description of ['Printeren på 2. sal scanner ikke til mail', 'Acadre låser dokumentet']) {
    await page.goto(`${server.url}/henvendelser/ny`)
    await page.getByLabel('Beskrivelse').fill(description)
    await page.getByLabel('Hvem spurgte?').fill('Marianne Johansen-Christiansen fra Byggesagsbehandlingen')
    await page.getByRole('button', { name: 'Gem', exact: true }).click()
    await page.waitForURL(/\/henvendelser\/[0-9a-f-]{36}$/)
  }
}, 120_000)

afterAll(async () => {
  await context?.close()
  await browser?.close()
  await server?.close()
})

describe('nothing is cut off at 360 px', () => {
  it('request rows show their whole date; the status chips stay on the screen', async () => {
    await page.goto(`${server.url}/henvendelser`)
    await page.locator('.request-row-date').first().waitFor()
    const width = await page.evaluate(() => document.documentElement.clientWidth)
    expect(await cutOff('.request-row-date', width)).toEqual([])
    expect(await page.locator('.request-row-date').first().textContent()).toMatch(/^\d{2}\.\d{2}\.\d{4}$/)
    expect(await cutOff('.request-chips .chip', width)).toEqual([])
  })

  it('a long e-mail address stays inside its card on the account page', async () => {
    await page.goto(`${server.url}/mere/konto`)
    await pageHeading(page, 'Konto og synkronisering').waitFor()
    const card = await page.locator('.account-email').evaluate((el) => el.closest('.card')!.getBoundingClientRect().right)
    expect(await cutOff('.account-email', card)).toEqual([])
  })

  it('starting a checklist without a template shows why where the focus lands, not below the cards', async () => {
    const local = await newPhoneContext(browser) // no sign-in: the device's own templates
    const p = await local.newPage()
    try {
      await p.goto(`${server.url}/tjeklister/ny`)
      await pageHeading(p, 'Start tjekliste').waitFor()
      await p.locator('.template-card').nth(2).waitFor()
      await p.getByRole('button', { name: 'Start tjekliste' }).click()
      const error = p.locator('#template-error')
      await error.waitFor()
      const box = (await error.boundingBox())!
      const height = await p.evaluate(() => window.innerHeight)
      expect(box.y).toBeGreaterThanOrEqual(0)
      expect(box.y + box.height).toBeLessThanOrEqual(height)
      expect(await p.evaluate(() => document.activeElement?.id)).toBe('template-first')
    } finally {
      await local.close()
    }
  })
})
