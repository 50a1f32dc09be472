import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchBrowser, newPhoneContext } from './support/browser.ts'
import { startAppServer, type AppServer } from './support/appServer.ts'
import { pageHeading, tapNav, signIn } from './support/app.ts'
import { auditPage, describeFindings } from './support/axe.ts'
import { writeSystemRecords } from '../../src/server/storage/systemWrite.ts'

// A referral reaches the colleague: a notice after the sync that brings it, a badge on the tab
// bar and a card on Home to take it or send it back; the referrer hears that it was taken.
const RUN = Date.now().toString(36)
const DESCRIPTION = `Acadre-skabelon fletter ikke ${RUN}`
const REQUEST_URL = /\/henvendelser\/[0-9a-f-]{36}$/
const DEPARTMENT_ID = '0190a000-0000-7000-8000-00000000b001'

let server: AppServer
let browser: Browser
const contexts: BrowserContext[] = []
let anne: Page
let bo: Page


function requestsTab(page: Page) {
  return page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: /^Henvendelser/ })
}

beforeAll(async () => {
  server = await startAppServer()
  browser = await launchBrowser()
  for (let i = 0; i < 2; i += 1) contexts.push(await newPhoneContext(browser))
  anne = await contexts[0]!.newPage()
  bo = await contexts[1]!.newPage()
  const anneAccount = await server.addUser('Anne Larsen', 'superbruger')
  const boAccount = await server.addUser('Bo Nielsen', 'superbruger')
  await server.addUser('Lene Leder', 'leder')
  const now = Date.now()
  await writeSystemRecords(server.app.storage, [{
    table: 'departments',
    record: { id: DEPARTMENT_ID, teamId: server.teamId, createdAt: now, createdBy: anneAccount.id, updatedAt: now, rev: 0, deletedAt: null, name: 'Byggeri', location: 'Rådhuset' },
  }])
  await signIn(anne, server.url, anneAccount.email, anneAccount.password)
  await signIn(bo, server.url, boAccount.email, boAccount.password)
}, 120_000)

afterAll(async () => {
  for (const context of contexts) await context.close()
  await browser?.close()
  await server?.close()
})

describe('a referral that arrives', () => {
  it('Anne refers her request to Bo with a note', async () => {
    await anne.goto(`${server.url}/henvendelser/ny`)
    await anne.getByLabel('Beskrivelse').fill(DESCRIPTION)
    await anne.getByRole('button', { name: 'Gem', exact: true }).click()
    await anne.waitForURL(REQUEST_URL)
    await anne.getByRole('button', { name: 'Henvis til anden superbruger' }).click()
    // Superusers only, never the leder; Bo is the only other one, so he is chosen already.
    const choices = anne.getByRole('group', { name: 'Henvis til' }).getByRole('radio')
    await expect(choices.evaluateAll((radios) => radios.map((r) => r.closest('label')?.querySelector('.refer-name')?.textContent))).resolves.toEqual(['Bo Nielsen'])
    await expect(anne.getByRole('radio', { name: /Bo Nielsen/ }).isChecked()).resolves.toBe(true)
    await anne.getByLabel('Besked (valgfri)').fill('Du kender fletningen')
    await anne.getByRole('button', { name: 'Henvis', exact: true }).click()
    await anne.getByRole('status').filter({ hasText: 'Henvist' }).first().waitFor()
    await expect(requestsTab(anne).getAttribute('aria-label')).resolves.toBeNull()
  })

  it('Bo is told after the sync, sees the badge and the card on Home', async () => {
    await bo.getByText(`Henvist til dig af Anne Larsen: ${DESCRIPTION}`).waitFor({ timeout: 20_000 })
    await expect(requestsTab(bo).textContent()).resolves.toMatch(/1\s*, 1 henvisning venter på dig/)
    const card = bo.getByRole('region', { name: /Henvist til dig/ })
    await card.getByText(DESCRIPTION).waitFor()
    await card.getByText('Du kender fletningen').waitFor()
    await card.getByText(/Fra Anne Larsen/).waitFor()
    await bo.setViewportSize({ width: 360, height: 800 })
    const audit = await auditPage(bo, 'Home with a referral waiting')
    expect(audit.blocking, describeFindings(audit.blocking)).toEqual([])
  })

  it('Bo takes it: the badge goes, and Anne hears it was taken', async () => {
    const card = bo.getByRole('region', { name: /Henvist til dig/ })
    await card.getByRole('button', { name: 'Tag imod' }).click()
    await bo.getByText('Henvendelsen er din nu').waitFor()
    await card.waitFor({ state: 'detached' })
    await expect(requestsTab(bo).textContent()).resolves.not.toMatch(/venter/)
    await anne.getByText(`Bo Nielsen har taget imod din henvisning: ${DESCRIPTION}`).waitFor({ timeout: 20_000 })
    await anne.reload()
    await anne.getByText('I gang').first().waitFor()
    await tapNav(bo, 'Henvendelser')
    await pageHeading(bo, 'Henvendelser').waitFor()
  })
})

describe('a home area and its department page', () => {
  it('Bo picks his home area on the account page; Home links to it; the page shows him and the open request', async () => {
    await bo.goto(`${server.url}/mere/konto`)
    await bo.getByRole('combobox', { name: 'Mit hjemmeområde' }).selectOption({ label: 'Byggeri' })
    await bo.getByText('Hjemmeområdet er gemt').waitFor()
    await bo.goto(`${server.url}/henvendelser/ny`)
    await bo.getByLabel('Beskrivelse').fill(`Plotter i Byggeri ${RUN}`)
    await bo.locator('#request-department').selectOption({ label: 'Byggeri' })
    await bo.getByRole('button', { name: 'Gem', exact: true }).click()
    await bo.waitForURL(REQUEST_URL)
    await tapNav(bo, 'Hjem')
    await bo.getByRole('link', { name: 'Dit område: Byggeri' }).click()
    await pageHeading(bo, 'Byggeri').waitFor()
    const superusers = bo.getByRole('region', { name: 'Superbrugere med området' })
    await superusers.getByText('Bo Nielsen').waitFor()
    await bo.getByRole('region', { name: /Åbne henvendelser/ }).getByText(`Plotter i Byggeri ${RUN}`).waitFor()
    const audit = await auditPage(bo, 'Department page')
    expect(audit.blocking, describeFindings(audit.blocking)).toEqual([])
    // Anne sees Bo's home area after her next sync, and reaches the page from the request.
    await anne.goto(`${server.url}/afdelinger/${DEPARTMENT_ID}`)
    await anne.getByRole('region', { name: 'Superbrugere med området' }).getByText('Bo Nielsen').waitFor({ timeout: 20_000 })
  })
})
