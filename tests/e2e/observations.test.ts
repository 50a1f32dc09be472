import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchBrowser, newPhoneContext } from './support/browser.ts'
import { startAppServer, type AppServer } from './support/appServer.ts'
import { pageHeading, signIn } from './support/app.ts'
import { auditPage, describeFindings } from './support/axe.ts'

// An observation goes from a superuser's phone (offline, two taps from Home) to the koordinator,
// who moves it on, and into the leder's report by department and status.
const RUN = Date.now().toString(36)
const TEXT = `Scanneren i Byggeri gemmer i forkert mappe ${RUN}`

let server: AppServer
let browser: Browser
const contexts: BrowserContext[] = []
let anne: Page
let kim: Page
let lene: Page


beforeAll(async () => {
  server = await startAppServer()
  browser = await launchBrowser()
  for (let i = 0; i < 3; i += 1) contexts.push(await newPhoneContext(browser))
  ;[anne, kim, lene] = await Promise.all(contexts.map((c) => c.newPage())) as [Page, Page, Page]
  const accounts = [await server.addUser('Anne Larsen', 'superbruger'), await server.addUser('Kim Dahl', 'koordinator'), await server.addUser('Lene Leder', 'leder')]
  await signIn(anne, server.url, accounts[0]!.email, accounts[0]!.password)
  await signIn(kim, server.url, accounts[1]!.email, accounts[1]!.password)
  await signIn(lene, server.url, accounts[2]!.email, accounts[2]!.password)
}, 120_000)

afterAll(async () => {
  for (const context of contexts) await context.close()
  await browser?.close()
  await server?.close()
})

describe('observations', () => {
  it('a superuser writes one offline, two taps from Home', async () => {
    await contexts[0]!.setOffline(true)
    await anne.getByRole('link', { name: 'Observation', exact: true }).click()
    await pageHeading(anne, 'Ny observation').waitFor()
    const form = await auditPage(anne, 'New observation')
    expect(form.blocking, describeFindings(form.blocking)).toEqual([])
    await anne.getByRole('button', { name: 'Gem observation' }).click()
    await anne.getByText('Skriv hvad du så.').waitFor()
    await anne.getByText('Idé', { exact: true }).click()
    await anne.getByLabel('Hvad så du?').fill(TEXT)
    await anne.getByRole('button', { name: 'Gem observation' }).click()
    await pageHeading(anne, 'Observationer').waitFor()
    await anne.getByText(TEXT).waitFor()
    await contexts[0]!.setOffline(false)
    await anne.locator('.sync-line').filter({ hasText: /^Synkroniseret/ }).waitFor({ timeout: 20_000 })
  })

  it('the koordinator sees it after sync and moves it on', async () => {
    await kim.goto(`${server.url}/observationer`)
    const item = kim.getByRole('article').filter({ hasText: TEXT })
    await item.waitFor({ timeout: 20_000 })
    await item.getByRole('button', { name: 'Flyt til: Drøftet i gruppen' }).click()
    await kim.getByText('Observationen er nu: Drøftet i gruppen').waitFor()
    await item.getByText('Drøftet i gruppen', { exact: true }).waitFor()
    const list = await auditPage(kim, 'Observations')
    expect(list.blocking, describeFindings(list.blocking)).toEqual([])
    // A superuser reads the list but gets no status buttons.
    await anne.goto(`${server.url}/observationer`)
    await anne.getByRole('article').filter({ hasText: TEXT }).getByText('Drøftet i gruppen', { exact: true }).waitFor({ timeout: 20_000 })
    await expect(anne.getByRole('button', { name: /^Flyt til/ }).count()).resolves.toBe(0)
  })

  it("the leder's report shows it by department and status", async () => {
    await lene.goto(`${server.url}/rapporter`)
    const section = lene.getByRole('region', { name: 'Observationer og idéer' }).first()
    await section.waitFor({ timeout: 20_000 })
    const row = section.getByRole('row', { name: /Uden afdeling/ })
    await row.waitFor({ timeout: 20_000 })
    await expect(row.getByRole('cell').allTextContents()).resolves.toEqual(['0', '1', '0', '0', '0', '1'])
  })
})
