import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchBrowser, newPhoneContext } from './support/browser.ts'
import { startAppServer, type AppServer } from './support/appServer.ts'
import { pageHeading, tapNav } from './support/app.ts'
import { auditPage, describeFindings } from './support/axe.ts'

// What a superuser logged before signing in moves into their account, and from there to the server.
const RUN = Date.now().toString(36)
const BEFORE = `Logget før login ${RUN}`
const REQUEST_URL = /\/henvendelser\/[0-9a-f-]{36}$/
// Set E2E_SHOTS to a folder to keep 360×800 screenshots of the offer and the result.
const SHOTS = process.env.E2E_SHOTS ?? ''

let server: AppServer
let browser: Browser
let context: BrowserContext
let page: Page
let anne: { id: string; email: string; password: string }

async function serverRecords(table: string): Promise<{ data: Record<string, unknown>; createdBy: string; teamId: string }[]> {
  const rows = await server.app.storage.db.selectFrom('records').select(['data', 'created_by', 'team_id']).where('tbl', '=', table).execute()
  return rows.map((row) => ({ data: JSON.parse(row.data) as Record<string, unknown>, createdBy: row.created_by, teamId: row.team_id }))
}

/** Live rows of one table in the local-only database (the one used without a sign-in), read in the page. */
async function localOnlyCount(table: string): Promise<number> {
  return page.evaluate(async (name) => new Promise<number>((resolve, reject) => {
    const open = indexedDB.open('superbruger')
    open.onerror = () => reject(open.error)
    open.onsuccess = () => {
      const rows = open.result.transaction(name).objectStore(name).getAll()
      rows.onsuccess = () => {
        resolve((rows.result as { deletedAt: unknown }[]).filter((r) => r.deletedAt === null).length)
        open.result.close()
      }
    }
  }), table)
}

async function shoot(name: string): Promise<void> {
  if (!SHOTS) return
  mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ path: join(SHOTS, `${name}.png`) })
}

beforeAll(async () => {
  server = await startAppServer()
  browser = await launchBrowser()
  context = await newPhoneContext(browser)
  page = await context.newPage()
  anne = await server.addUser('Anne Larsen', 'superbruger')
}, 120_000)

afterAll(async () => {
  await context?.close()
  await browser?.close()
  await server?.close()
})

describe('moving what was logged before signing in', () => {
  it('a request and a running timer logged without a sign-in move into the account and reach the server', async () => {
    await page.goto(`${server.url}/henvendelser/ny`)
    await page.getByLabel('Beskrivelse').fill(BEFORE)
    await page.getByRole('button', { name: 'Gem', exact: true }).click()
    await page.waitForURL(REQUEST_URL)
    await tapNav(page, 'Hjem')
    await page.getByRole('button', { name: 'Start tidtagning' }).click()
    await page.getByRole('button', { name: 'Stop tidtagning' }).waitFor()

    await page.goto(`${server.url}/log-ind`)
    await page.getByText('Når du har logget ind, kan du flytte det ind på din konto').waitFor()
    await page.getByLabel('E-mail').fill(anne.email)
    await page.getByLabel('Adgangskode').fill(anne.password)
    await page.getByRole('button', { name: 'Log ind', exact: true }).click()

    // Right after the sign-in the account page asks, and the offer has the focus.
    await pageHeading(page, 'Konto og synkronisering').waitFor()
    const offer = page.locator('section.local-move')
    await offer.getByText('På denne enhed ligger 1 henvendelse og 1 tidsregistrering fra før du loggede ind. Flyt dem ind på din konto, så de deles med teamet?').waitFor()
    const move = offer.getByRole('button', { name: 'Flyt til min konto' })
    await move.waitFor({ timeout: 20_000 })
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Data fra før du loggede ind')
    await offer.getByRole('button', { name: 'Ikke nu' }).waitFor()
    const audit = await auditPage(page, 'Account with the move offer')
    expect(audit.blocking, describeFindings(audit.blocking)).toEqual([])
    expect((await serverRecords('requests')).map((r) => r.data.description)).not.toContain(BEFORE)
    await shoot('local-move-offer')

    await move.click()
    const status = offer.getByRole('status')
    await status.filter({ hasText: 'Flyttet: 1 henvendelse og 1 tidsregistrering.' }).waitFor()
    await shoot('local-move-result')

    await expect.poll(async () => (await serverRecords('requests')).map((r) => r.data.description), { timeout: 15_000 }).toContain(BEFORE)
    const moved = (await serverRecords('requests')).find((r) => r.data.description === BEFORE)!
    expect(moved).toMatchObject({ createdBy: anne.id, teamId: server.teamId, data: { assigneeId: anne.id } })
    const timers = (await serverRecords('timeEntries')).filter((e) => e.data.personId === anne.id)
    expect(timers.map((e) => e.data.end)).toEqual([null])
    expect(await localOnlyCount('requests')).toBe(0)
    expect(await localOnlyCount('timeEntries')).toBe(0)

    // The account now shows it, timer still running, and nothing is offered again.
    await page.reload()
    await pageHeading(page, 'Konto og synkronisering').waitFor()
    await page.locator('.sync-line').filter({ hasText: /^Synkroniseret/ }).waitFor({ timeout: 20_000 })
    expect(await page.locator('section.local-move').count()).toBe(0)
    await tapNav(page, 'Hjem')
    await page.getByRole('button', { name: 'Stop tidtagning' }).waitFor()
    await tapNav(page, 'Henvendelser')
    await page.getByText(BEFORE).waitFor()
  })
})
