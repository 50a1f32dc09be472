import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchBrowser, newPhoneContext } from './support/browser.ts'
import { serveBuild, type StaticServer } from './support/server.ts'
import { pageHeading } from './support/app.ts'
import { SCREENS, makeRecords, settle, type Made } from './support/screens.ts'
import { auditPage, describeFindings, type Finding } from './support/axe.ts'

let server: StaticServer
let browser: Browser
let context: BrowserContext
let page: Page
let made: Made
const reported: Finding[] = []
const undecided: Finding[] = []

beforeAll(async () => {
  server = await serveBuild()
  browser = await launchBrowser()
  context = await newPhoneContext(browser)
  page = await context.newPage()
  made = await makeRecords(page, server.url)
})

afterAll(async () => {
  console.log(`axe, best practice, moderate/minor (not failing): ${reported.length === 0 ? 'none' : `\n${describeFindings(reported)}`}`)
  console.log(`axe, undecided (review by hand): ${undecided.length === 0 ? 'none' : `\n${describeFindings(undecided)}`}`)
  await context?.close()
  await browser?.close()
  await server?.close()
})

it('fails a screen with an unlabelled field or unreadable text (the check itself works)', async () => {
  await page.goto(`${server.url}/mere`)
  await settle(page)
  await page.evaluate(() => {
    const main = document.querySelector('main') as HTMLElement
    main.insertAdjacentHTML('beforeend', '<input type="text"><p style="color:#bbb;background:#fff">Svag tekst</p>')
  })
  const audit = await auditPage(page, 'Broken on purpose')
  expect(audit.blocking.map((f) => f.rule).sort()).toEqual(['color-contrast', 'label'])
})

it('counts a WCAG violation of moderate impact as failing (any impact blocks)', async () => {
  await page.goto(`${server.url}/mere`)
  await settle(page)
  // lang and xml:lang naming different languages breaks WCAG 3.1.1, yet axe rates it only "moderate".
  await page.evaluate(() => document.documentElement.setAttribute('xml:lang', 'en'))
  const audit = await auditPage(page, 'Broken on purpose, moderate')
  await page.evaluate(() => document.documentElement.removeAttribute('xml:lang'))
  expect(audit.blocking.map((f) => [f.rule, f.impact])).toEqual([['html-xml-lang-mismatch', 'moderate']])
})

const WIDTHS = [{ width: 360, height: 800 }, { width: 1280, height: 800 }] as const

for (const size of WIDTHS) for (const scheme of ['light', 'dark'] as const) {
  describe(`axe, WCAG 2.1 AA at ${size.width}×${size.height}, ${scheme} colours`, () => {
    it.each(SCREENS)('$name has no WCAG 2.1 A/AA violations of any impact', async (screen) => {
      await page.setViewportSize(size)
      await page.emulateMedia({ colorScheme: scheme })
      await page.goto(`${server.url}${screen.path(made)}`)
      await pageHeading(page, screen.heading).waitFor()
      await settle(page)
      await screen.act?.(page)
      const audit = await auditPage(page, `${screen.name} (${scheme})`)
      reported.push(...audit.other)
      undecided.push(...audit.review)
      expect(audit.blocking, describeFindings(audit.blocking)).toEqual([])
    })
  })
}

describe('Mere → Om Superbruger', () => {
  it('links the privacy page and the accessibility statement (new window, said so)', async () => {
    await page.setViewportSize({ width: 360, height: 800 })
    await page.goto(`${server.url}/mere`)
    await settle(page)
    const statement = page.getByRole('link', { name: 'Tilgængelighedserklæring (åbner i nyt vindue)' })
    expect(await statement.getAttribute('href')).toBe('https://www.was.digst.dk/')
    expect(await statement.getAttribute('target')).toBe('_blank')
    expect(await statement.getAttribute('rel')).toContain('noopener')
    await page.getByRole('link', { name: 'Hvad registrerer vi?' }).click()
    await pageHeading(page, 'Hvad registrerer vi?').waitFor()
    expect(page.url()).toBe(`${server.url}/om-data`)
    for (const heading of ['Hvad gemmer vi?', 'Hvorfor?', 'Hvor længe?', 'Ikke til kontrol', 'Aldrig CPR-numre', 'Spørgsmål?']) {
      await page.getByRole('heading', { level: 2, name: heading }).waitFor()
    }
    await page.getByText('12 måneder').waitFor()
  })
})

describe('status messages (WCAG 4.1.3)', () => {
  it('announces going offline and back online through a polite live region', async () => {
    await page.setViewportSize({ width: 360, height: 800 })
    await page.goto(`${server.url}/henvendelser`)
    await settle(page)
    const region = page.locator('.status-offline-region')
    expect(await region.getAttribute('role')).toBe('status')
    expect(await region.getAttribute('aria-live')).toBe('polite')
    expect((await region.textContent())?.trim()).toBe('')
    try {
      await context.setOffline(true)
      await expect.poll(async () => (await region.textContent())?.trim()).toBe('Offline — alt gemmes på telefonen')
      // The region was in the page before the change, so screen readers announce the new text.
      const audit = await auditPage(page, 'Offline status')
      expect(audit.blocking, describeFindings(audit.blocking)).toEqual([])
    } finally {
      await context.setOffline(false)
    }
    await expect.poll(async () => (await region.textContent())?.trim()).toBe('')
  })
})
