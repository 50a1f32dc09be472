import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchBrowser, newPhoneContext } from './support/browser.ts'
import { startAppServer, type AppServer } from './support/appServer.ts'
import { pageHeading, signIn, synced } from './support/app.ts'

// Issue #12, defect 1: an edit form open on A while B changes the request. A's save must send only
// what A changed: B's change to a field A never touched survives, and a field both changed ends as
// a conflict with both values instead of being overwritten silently.
const RUN = Date.now().toString(36)
const REQUEST_URL = /\/henvendelser\/[0-9a-f-]{36}$/
const CASE_FIELD = 'Sagsnummer hos IT-helpdesk'

let server: AppServer
let browser: Browser
const contexts: BrowserContext[] = []
let a: Page
let b: Page



async function serverRequest(id: string): Promise<Record<string, unknown>> {
  const row = await server.app.storage.db.selectFrom('records').select('data').where('tbl', '=', 'requests').where('id', '=', id).executeTakeFirstOrThrow()
  return JSON.parse(row.data) as Record<string, unknown>
}

async function newRequest(description: string): Promise<string> {
  await a.goto(`${server.url}/henvendelser/ny`)
  await a.getByLabel('Beskrivelse').fill(description)
  await a.getByRole('button', { name: 'Gem', exact: true }).click()
  await a.waitForURL(REQUEST_URL)
  await synced(a)
  return new URL(a.url()).pathname
}

async function openEdit(page: Page, path: string): Promise<void> {
  await page.goto(`${server.url}${path}/rediger`)
  await pageHeading(page, /Redigér|Rediger/).waitFor()
  // The full form shows every field; the quick form folds some under "Flere felter".
  await page.getByLabel(CASE_FIELD).waitFor()
}

async function save(page: Page, path: string): Promise<void> {
  await page.getByRole('button', { name: 'Gem', exact: true }).click()
  await page.waitForURL(`${server.url}${path}`)
  await synced(page)
}

beforeAll(async () => {
  server = await startAppServer()
  browser = await launchBrowser()
  for (let i = 0; i < 2; i += 1) contexts.push(await newPhoneContext(browser))
  a = await contexts[0]!.newPage()
  b = await contexts[1]!.newPage()
  const anne = await server.addUser('Anne Larsen', 'superbruger')
  const bo = await server.addUser('Bo Nielsen', 'superbruger')
  await signIn(a, server.url, anne.email, anne.password)
  await signIn(b, server.url, bo.email, bo.password)
}, 120_000)

afterAll(async () => {
  for (const context of contexts) await context.close()
  await browser?.close()
  await server?.close()
})

describe('an edit form open while another device changes the record', () => {
  it('B\'s change to a field A did not touch shows up in A\'s open form and survives A\'s save', async () => {
    const path = await newRequest(`Printer på 2. sal ${RUN}`)
    await openEdit(a, path)
    await b.goto(`${server.url}${path}`)
    await b.getByText(`Printer på 2. sal ${RUN}`).waitFor({ timeout: 15_000 })
    await openEdit(b, path)
    await b.getByLabel(CASE_FIELD).fill(`IT-4711 (B) ${RUN}`)
    await save(b, path)
    // Reaches A's open form by sync (server-sent nudge), without a reload.
    await expect.poll(() => a.getByLabel(CASE_FIELD).inputValue(), { timeout: 15_000 }).toBe(`IT-4711 (B) ${RUN}`)
    await a.getByLabel('Hvem spurgte?').fill('Søren fra Byg')
    await save(a, path)
    const stored = await serverRequest(path.split('/').pop()!)
    expect(stored).toMatchObject({ helpdeskCaseNo: `IT-4711 (B) ${RUN}`, requesterName: 'Søren fra Byg' })
    await b.goto(`${server.url}${path}`)
    await b.getByText('Søren fra Byg').waitFor({ timeout: 15_000 })
    await b.getByText(`IT-4711 (B) ${RUN}`).waitFor()
    for (const page of [a, b]) expect(await page.locator('.sync-line').filter({ hasText: /konflikt/ }).count()).toBe(0)
  })

  it('a field both changed is flagged beside it on A, and A\'s save ends as a conflict with both values', async () => {
    const path = await newRequest(`Skærm flimrer ${RUN}`)
    await openEdit(a, path)
    await a.getByLabel(CASE_FIELD).fill(`IT-1 (A) ${RUN}`)
    await b.goto(`${server.url}${path}`)
    await b.getByText(`Skærm flimrer ${RUN}`).waitFor({ timeout: 15_000 })
    await openEdit(b, path)
    await b.getByLabel(CASE_FIELD).fill(`IT-2 (B) ${RUN}`)
    await save(b, path)
    await a.locator('.field-clash').filter({ hasText: 'Ændret på en anden enhed' }).waitFor({ timeout: 15_000 })
    expect(await a.getByLabel(CASE_FIELD).inputValue()).toBe(`IT-1 (A) ${RUN}`)
    // Set E2E_SHOTS to a folder to keep a 360×800 screenshot of the flagged field.
    if (process.env.E2E_SHOTS) {
      mkdirSync(process.env.E2E_SHOTS, { recursive: true })
      await a.locator('.field-clash').scrollIntoViewIfNeeded()
      await a.screenshot({ path: join(process.env.E2E_SHOTS, 'edit-form-clash.png') })
    }
    await a.getByRole('button', { name: 'Gem', exact: true }).click()
    await a.waitForURL(`${server.url}${path}`)
    await a.locator('.sync-line').filter({ hasText: /konflikt/ }).waitFor({ timeout: 20_000 })
    expect(await serverRequest(path.split('/').pop()!)).toMatchObject({ helpdeskCaseNo: `IT-2 (B) ${RUN}` })
    await a.locator('.sync-line').click()
    const conflict = a.locator('.conflict')
    await expect.poll(() => conflict.textContent()).toContain(`IT-1 (A) ${RUN}`)
    expect(await conflict.textContent()).toContain(`IT-2 (B) ${RUN}`)
  })
})
