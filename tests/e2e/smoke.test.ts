import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { launchBrowser, newPhoneContext } from './support/browser.ts'
import { serveBuild, type StaticServer } from './support/server.ts'

let server: StaticServer
let browser: Browser

beforeAll(async () => {
  server = await serveBuild()
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

it('loads the app shell in Danish with the bottom navigation', async () => {
  const context = await newPhoneContext(browser)
  const page = await context.newPage()
  await page.goto(server.url)
  await expect(page.getByRole('navigation', { name: 'Hovedmenu' }).isVisible()).resolves.toBe(true)
  expect(await page.getAttribute('html', 'lang')).toBe('da')
  await context.close()
})
