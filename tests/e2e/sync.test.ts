import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchBrowser, newPhoneContext } from './support/browser.ts'
import { startAppServer, type AppServer } from './support/appServer.ts'
import { pageHeading, tapNav, signIn, syncLine } from './support/app.ts'
import { auditPage, describeFindings } from './support/axe.ts'

// Two superusers on two phones against the real server: A works offline, B online, both converge.
const RUN = Date.now().toString(36)
const SHARED = `Scanner i byggesag ${RUN}`
const A_NEW = `Skærm flimrer hos Jens ${RUN}`
const A_DESCRIPTION = `Scanneren er genstartet af A ${RUN}`
const B_DESCRIPTION = `Scanneren har fået ny driver af B ${RUN}`
const B_CASE = `IT-${RUN}`
const REQUEST_URL = /\/henvendelser\/[0-9a-f-]{36}$/

let server: AppServer
let browser: Browser
const contexts: BrowserContext[] = []
let a: Page
let b: Page
let sharedPath = ''
let anne: { id: string; email: string; password: string }
let bo: { id: string; email: string; password: string }



async function serverRecords(table: string): Promise<{ id: string; data: Record<string, unknown>; createdBy: string }[]> {
  const rows = await server.app.storage.db.selectFrom('records').select(['id', 'data', 'created_by']).where('tbl', '=', table).execute()
  return rows.map((row) => ({ id: row.id, data: JSON.parse(row.data) as Record<string, unknown>, createdBy: row.created_by }))
}

async function editRequest(page: Page, fill: (page: Page) => Promise<void>): Promise<void> {
  await page.goto(`${server.url}${sharedPath}/rediger`)
  await pageHeading(page, /Redigér|Rediger/).waitFor()
  await fill(page)
  await page.getByRole('button', { name: 'Gem', exact: true }).click()
  await page.waitForURL(`${server.url}${sharedPath}`)
}

beforeAll(async () => {
  server = await startAppServer()
  browser = await launchBrowser()
  for (let i = 0; i < 2; i += 1) contexts.push(await newPhoneContext(browser))
  a = await contexts[0]!.newPage()
  b = await contexts[1]!.newPage()
  anne = await server.addUser('Anne Larsen', 'superbruger')
  bo = await server.addUser('Bo Nielsen', 'superbruger')
  await signIn(a, server.url, anne.email, anne.password)
  await signIn(b, server.url, bo.email, bo.password)
}, 120_000)

afterAll(async () => {
  for (const context of contexts) await context.close()
  await browser?.close()
  await server?.close()
})

describe('two superusers syncing through the server', () => {
  it('a request A logs online reaches B without a reload (server-sent events)', async () => {
    await tapNav(b, 'Henvendelser')
    await pageHeading(b, 'Henvendelser').waitFor()
    await a.goto(`${server.url}/henvendelser/ny`)
    await a.getByLabel('Beskrivelse').fill(SHARED)
    await a.getByRole('button', { name: 'Gem', exact: true }).click()
    await a.waitForURL(REQUEST_URL)
    sharedPath = new URL(a.url()).pathname
    const navigations: string[] = []
    b.on('framenavigated', (frame) => { if (frame === b.mainFrame()) navigations.push(frame.url()) })
    await b.getByText(SHARED).waitFor({ timeout: 15_000 })
    expect(navigations).toEqual([])
  })

  it('A works offline: a new request, a time entry and an edit wait in the outbox', async () => {
    await contexts[0]!.setOffline(true)
    await a.goto(`${server.url}/henvendelser/ny`)
    await a.getByLabel('Beskrivelse').fill(A_NEW)
    await a.getByRole('button', { name: 'Gem', exact: true }).click()
    await a.waitForURL(REQUEST_URL)
    await tapNav(a, 'Hjem')
    await a.getByRole('button', { name: 'Start tidtagning' }).click()
    await a.getByRole('button', { name: 'Stop tidtagning' }).waitFor()
    await editRequest(a, async (page) => {
      await page.getByLabel('Beskrivelse').fill(A_DESCRIPTION)
      await page.getByLabel('Status').selectOption({ label: 'Venter' })
    })
    await syncLine(a, /Offline · \d+ ændringer venter/).waitFor()
    // Screen readers hear it too: the line's live region says the same (WCAG 4.1.3).
    await a.locator('.status-sync [role="status"][aria-live="polite"]').filter({ hasText: /^Offline · \d+ ændringer venter$/ }).waitFor()
    const stored = await serverRecords('requests')
    expect(stored.map((r) => r.data.description)).not.toContain(A_NEW)
  })

  it('B edits another field and the same field meanwhile', async () => {
    await b.getByText(SHARED).waitFor()
    await editRequest(b, async (page) => {
      await page.getByLabel('Beskrivelse').fill(B_DESCRIPTION)
      const caseField = page.getByLabel('Sagsnummer hos IT')
      if (!(await caseField.isVisible())) await page.getByRole('button', { name: /Flere felter/ }).click()
      await caseField.fill(B_CASE)
    })
    await syncLine(b, /^Synkroniseret/).waitFor({ timeout: 15_000 })
    const shared = (await serverRecords('requests')).find((r) => sharedPath.endsWith(r.id))
    expect(shared?.data).toMatchObject({ description: B_DESCRIPTION, helpdeskCaseNo: B_CASE })
  })

  it('A comes back online: disjoint fields merge, the clash is a conflict, nothing is lost', async () => {
    await contexts[0]!.setOffline(false)
    await syncLine(a, /konflikt/).waitFor({ timeout: 20_000 })
    const requests = await serverRecords('requests')
    const shared = requests.find((r) => sharedPath.endsWith(r.id))
    // B's description was first; A's status and B's case number both apply.
    expect(shared?.data).toMatchObject({ description: B_DESCRIPTION, status: 'venter', helpdeskCaseNo: B_CASE })
    expect(requests.map((r) => r.data.description)).toContain(A_NEW)
    const entries = await serverRecords('timeEntries')
    expect(entries.filter((e) => e.createdBy === (requests.find((r) => r.data.description === A_NEW)?.createdBy))).toHaveLength(1)
  })

  it('A sees both values of the conflict and keeps its own; B then gets it', async () => {
    await a.locator('.sync-line').click()
    await pageHeading(a, 'Konto og synkronisering').waitFor()
    const conflict = a.locator('.conflict')
    await expect(conflict.textContent()).resolves.toContain(A_DESCRIPTION)
    await expect(conflict.textContent()).resolves.toContain(B_DESCRIPTION)
    const audit = await auditPage(a, 'Account with a conflict')
    expect(audit.blocking, describeFindings(audit.blocking)).toEqual([])
    await conflict.getByRole('button', { name: 'Behold min' }).click()
    await a.getByText('Ingen konflikter.').waitFor()
    await syncLine(a, /^Synkroniseret/).waitFor({ timeout: 15_000 })
    await b.getByText(A_DESCRIPTION).waitFor({ timeout: 15_000 })
    await b.getByText(B_CASE).waitFor()
  })

  it('B sees A\'s offline request without reloading', async () => {
    await tapNav(b, 'Henvendelser')
    await b.getByText(A_NEW).waitFor({ timeout: 15_000 })
  })
})

describe('sessions and shared devices', () => {
  it('an expired session asks to sign in again and keeps the waiting change until then', async () => {
    const text = `Efter udløbet session ${RUN}`
    // The session runs out (the row stays, so the server can say "expired" rather than "unknown").
    await server.app.storage.db.updateTable('sessions').set({ expires_at: Date.now() - 1000 }).where('user_id', '=', anne.id).execute()
    await a.waitForTimeout(5_500) // the server trusts a checked session for 5 s
    await a.goto(`${server.url}/henvendelser/ny`)
    await a.getByLabel('Beskrivelse').fill(text)
    await a.getByRole('button', { name: 'Gem', exact: true }).click()
    await a.waitForURL(REQUEST_URL)
    await syncLine(a, 'Session udløbet · log ind igen').click()
    await pageHeading(a, 'Log ind').waitFor()
    await a.getByText('Din session er udløbet. Log ind igen for at synkronisere — intet går tabt.').waitFor()
    // Set E2E_SHOTS to a folder to keep a 360×800 screenshot of the sign-in page saying why.
    if (process.env.E2E_SHOTS) {
      mkdirSync(process.env.E2E_SHOTS, { recursive: true })
      await a.screenshot({ path: join(process.env.E2E_SHOTS, 'sign-in-session-expired.png') })
    }
    expect(await a.getByLabel('E-mail').inputValue()).toBe(anne.email)
    expect((await serverRecords('requests')).map((r) => r.data.description)).not.toContain(text)
    await signIn(a, server.url, anne.email, anne.password, { open: false })
    await expect.poll(async () => (await serverRecords('requests')).map((r) => r.data.description), { timeout: 15_000 }).toContain(text)
  })

  it('a shared phone keeps each person\'s data apart, and nothing unsent is lost by signing out', async () => {
    const unsent = `Kun på Annes telefon ${RUN}`
    a.on('dialog', (dialog) => void dialog.accept())
    await a.route('**/api/sync/push', (route) => route.abort('internetdisconnected'))
    await a.goto(`${server.url}/henvendelser/ny`)
    await a.getByLabel('Beskrivelse').fill(unsent)
    await a.getByRole('button', { name: 'Gem', exact: true }).click()
    await a.waitForURL(REQUEST_URL)
    await a.goto(`${server.url}/mere/konto`)
    await a.getByRole('main').getByText('1 ændring venter').waitFor()
    await a.getByRole('button', { name: 'Log ud', exact: true }).click()
    await pageHeading(a, 'Overblik').waitFor()
    await a.getByRole('link', { name: /Ikke logget ind/ }).waitFor()

    await signIn(a, server.url, bo.email, bo.password)
    await a.goto(`${server.url}/henvendelser`)
    await a.getByText(A_NEW).waitFor({ timeout: 15_000 })
    expect(await a.getByText(unsent).count()).toBe(0)
    await a.goto(`${server.url}/mere/konto`)
    await a.getByText('Bo Nielsen').waitFor()
    await a.getByRole('button', { name: 'Log ud', exact: true }).click()
    await pageHeading(a, 'Overblik').waitFor()

    await a.unroute('**/api/sync/push')
    await signIn(a, server.url, anne.email, anne.password)
    await a.goto(`${server.url}/henvendelser`)
    await a.getByText(unsent).waitFor()
    await expect.poll(async () => (await serverRecords('requests')).map((r) => r.data.description), { timeout: 15_000 }).toContain(unsent)
  })
})
