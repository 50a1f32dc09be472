import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchBrowser, newPhoneContext } from './support/browser.ts'
import { startAppServer, type AppServer } from './support/appServer.ts'
import { pageHeading, signIn, syncLine } from './support/app.ts'

// Issue 12, defect 2: the answer to A's push is lost after the server applied it and recorded a
// conflict; A's next sync must still show the conflict with both values.
const RUN = Date.now().toString(36)
const ORIGINAL = `Printer virker ikke ${RUN}`
const A_TEXT = `Printer på 2. sal (A, offline) ${RUN}`
const B_TEXT = `Printeren er byttet (B, online) ${RUN}`
const REQUEST_URL = /\/henvendelser\/[0-9a-f-]{36}$/

let server: AppServer
let browser: Browser
const contexts: BrowserContext[] = []
let a: Page
let b: Page
let path = ''



async function editDescription(page: Page, text: string): Promise<void> {
  await page.goto(`${server.url}${path}/rediger`)
  await pageHeading(page, /Redigér|Rediger/).waitFor()
  await page.getByLabel('Beskrivelse').fill(text)
  await page.getByRole('button', { name: 'Gem', exact: true }).click()
  await page.waitForURL(`${server.url}${path}`)
}

async function serverDescription(): Promise<unknown> {
  const row = await server.app.storage.db.selectFrom('records').select('data').where('tbl', '=', 'requests')
    .where('id', '=', path.split('/').at(-1)!).executeTakeFirstOrThrow()
  return (JSON.parse(row.data) as Record<string, unknown>).description
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

describe('a conflict whose push answer was lost', () => {
  it('A and B both have the request', async () => {
    await a.goto(`${server.url}/henvendelser/ny`)
    await a.getByLabel('Beskrivelse').fill(ORIGINAL)
    await a.getByRole('button', { name: 'Gem', exact: true }).click()
    await a.waitForURL(REQUEST_URL)
    path = new URL(a.url()).pathname
    await syncLine(a, /^Synkroniseret/).waitFor({ timeout: 15_000 })
    await b.goto(`${server.url}${path}`)
    await b.getByText(ORIGINAL).waitFor({ timeout: 15_000 })
  })

  it('A edits the description offline, B edits it online and syncs', async () => {
    await contexts[0]!.setOffline(true)
    await editDescription(a, A_TEXT)
    await syncLine(a, /Offline/).waitFor()
    await editDescription(b, B_TEXT)
    await syncLine(b, /^Synkroniseret/).waitFor({ timeout: 15_000 })
    await expect.poll(serverDescription, { timeout: 15_000 }).toBe(B_TEXT)
  })

  it('A comes online; the server applies its push and records the conflict, but the answer is lost', async () => {
    let applied = 0
    await a.route('**/api/sync/push', async (route) => {
      if (applied > 0) return route.continue()
      // The request reaches the server and is applied; the connection then drops before the answer.
      const answer = await route.fetch()
      expect(answer.status()).toBe(200)
      applied += 1
      await route.abort('connectionreset')
    })
    await contexts[0]!.setOffline(false)
    await expect.poll(() => applied, { timeout: 20_000 }).toBe(1)
    const recorded = await server.app.storage.db.selectFrom('conflicts').selectAll().execute()
    expect(recorded).toHaveLength(1)
    expect(JSON.parse(recorded[0]!.yours)).toBe(A_TEXT)
  })

  it('A\'s next sync shows the conflict with both values on the account page', async () => {
    // The sync after the lost answer re-sends the push (the app retries by itself).
    await syncLine(a, '1 konflikt — vælg værdi').waitFor({ timeout: 30_000 })
    await a.locator('.sync-line').click()
    await pageHeading(a, 'Konto og synkronisering').waitFor()
    const conflict = a.locator('.conflict')
    await expect.poll(() => conflict.count()).toBe(1)
    await expect(conflict.textContent()).resolves.toContain(A_TEXT)
    await expect(conflict.textContent()).resolves.toContain(B_TEXT)
    expect(await serverDescription()).toBe(B_TEXT)
    // The device told the server it has it: the conflict is not delivered again.
    await expect.poll(async () => (await server.app.storage.db.selectFrom('conflicts').select('seen_at').executeTakeFirstOrThrow()).seen_at, { timeout: 15_000 }).not.toBeNull()
    await a.reload()
    await pageHeading(a, 'Konto og synkronisering').waitFor()
    await syncLine(a, '1 konflikt — vælg værdi').waitFor({ timeout: 15_000 })
    expect(await a.locator('.conflict').count()).toBe(1)
  })
})
