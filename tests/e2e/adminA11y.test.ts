import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchBrowser, newPhoneContext, waitForServiceWorker } from './support/browser.ts'
import { startAppServer, type AppServer } from './support/appServer.ts'
import { pageHeading } from './support/app.ts'
import { settle } from './support/screens.ts'
import { auditPage, describeFindings } from './support/axe.ts'

// The screens that need a signed-in coordinator or admin and the real server, under axe like the rest.
let server: AppServer
let browser: Browser
let context: BrowserContext
let page: Page
let templatePath = ''

interface SignedInScreen {
  readonly name: string
  readonly path: () => string
  readonly heading: string | RegExp
  readonly act?: (page: Page) => Promise<void>
}

const SCREENS: readonly SignedInScreen[] = [
  { name: 'Account and sync, signed in', path: () => '/mere/konto', heading: 'Konto og synkronisering' },
  { name: 'People and roles', path: () => '/mere/personer', heading: 'Personer og roller' },
  { name: 'Departments', path: () => '/mere/afdelinger', heading: 'Afdelinger' },
  { name: 'Checklist templates', path: () => '/mere/skabeloner', heading: 'Tjeklisteskabeloner' },
  { name: 'Checklist template editor', path: () => templatePath, heading: /\S/ },
  { name: 'Categories and presets', path: () => '/mere/kategorier', heading: 'Kategorier og genveje' },
  { name: 'Naming rules, one added with an error', path: () => '/mere/navngivning', heading: 'Navngivningsregler',
    act: async (p) => {
      await p.getByRole('button', { name: 'Tilføj regel' }).click()
      await p.locator('#naming-rule-0-pattern').fill('{Emne – {Adresse}')
      await p.getByText('Tegn nr. 1', { exact: false }).waitFor()
    } },
  { name: 'Naming guide, no rules yet', path: () => '/navngivning', heading: 'Navngivning' },
  { name: 'Data protection, with search hits', path: () => '/mere/databeskyttelse', heading: 'Databeskyttelse',
    act: async (p) => {
      await p.getByLabel('Personens navn').fill('Hanne')
      await p.getByRole('button', { name: 'Søg', exact: true }).click()
      await p.getByText('Hanne Hansen', { exact: false }).first().waitFor()
    } },
]

beforeAll(async () => {
  server = await startAppServer()
  browser = await launchBrowser()
  context = await newPhoneContext(browser)
  page = await context.newPage()
  await page.goto(`${server.url}/log-ind`)
  await page.getByLabel('E-mail').fill('admin@e2e.dk')
  await page.getByLabel('Adgangskode').fill('admin-e2e-pw')
  await page.getByRole('button', { name: 'Log ind', exact: true }).click()
  await pageHeading(page, 'Overblik').waitFor()
  await waitForServiceWorker(page)
  await page.goto(`${server.url}/henvendelser/ny`)
  await page.getByLabel('Beskrivelse').fill('Printeren driller')
  await page.getByLabel('Hvem spurgte?').fill('Hanne Hansen')
  await page.getByRole('button', { name: 'Gem', exact: true }).click()
  await page.waitForURL(/\/henvendelser\/[0-9a-f-]{36}$/)
  await page.locator('.sync-line').filter({ hasText: /^Synkroniseret/ }).waitFor({ timeout: 20_000 })
  const template = await server.app.storage.db.selectFrom('records').select('id').where('tbl', '=', 'checklistTemplates').executeTakeFirstOrThrow()
  templatePath = `/mere/skabeloner/${template.id}`
}, 120_000)

afterAll(async () => {
  await context?.close()
  await browser?.close()
  await server?.close()
})

// 320 px is the narrowest width WCAG 1.4.10 (reflow) asks for: also what 1280 px shows at 400 % zoom.
const SIZES = [{ width: 320, height: 640 }, { width: 360, height: 800 }, { width: 1280, height: 800 }] as const

for (const size of SIZES) for (const scheme of ['light', 'dark'] as const) {
  if (size.width === 320 && scheme === 'dark') continue
  describe(`signed-in screens, axe WCAG 2.1 AA and no sideways scrolling at ${size.width} px, ${scheme} colours`, () => {
    it.each(SCREENS)('$name has no WCAG 2.1 A/AA violations', async (screen) => {
      await page.setViewportSize(size)
      await page.emulateMedia({ colorScheme: scheme })
      await page.goto(`${server.url}${screen.path()}`)
      await pageHeading(page, screen.heading).waitFor()
      await settle(page)
      await screen.act?.(page)
      const audit = await auditPage(page, `${screen.name} (${scheme})`)
      expect(audit.blocking, describeFindings(audit.blocking)).toEqual([])
      const width = await page.evaluate(() => document.documentElement.scrollWidth)
      expect(width, 'no horizontal scrolling').toBeLessThanOrEqual(size.width)
    })
  })
}
