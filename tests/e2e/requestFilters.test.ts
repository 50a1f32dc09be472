import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchBrowser, newPhoneContext, waitForServiceWorker } from './support/browser.ts'
import { startAppServer, type AppServer } from './support/appServer.ts'
import { pageHeading } from './support/app.ts'
import { auditPage, describeFindings } from './support/axe.ts'
import { writeSystemRecords } from '../../src/server/storage/systemWrite.ts'
import { toListQuery } from '../../src/domain/requestListFilter.ts'

// A report links to the requests behind a figure with the list's URL filters (issue #13): the list
// shows only those, names each filter as a chip, and removing a chip shows more. The records have
// fixed creation days, so nothing here depends on today's date. Set E2E_SHOTS to a folder to keep
// a 360×800 screenshot of the filtered list.

let server: AppServer
let browser: Browser
let context: BrowserContext
let page: Page

const BYG = '0193a6b2-0000-7000-8000-00000000d001'
const NATUR = '0193a6b2-0000-7000-8000-00000000d002'

beforeAll(async () => {
  server = await startAppServer()
  const user = await server.addUser('Sara Holm', 'superbruger')
  const base = (id: string, createdAt: number) => ({ id, teamId: server.teamId, createdAt, createdBy: user.id, updatedAt: createdAt, rev: 0, deletedAt: null })
  const at = (month: number, day: number): number => new Date(2026, month - 1, day, 10).getTime()
  const request = (n: number, description: string, category: string, departmentId: string | null, createdAt: number) => ({
    table: 'requests' as const,
    record: {
      ...base(`0193a6b2-0000-7000-8000-0000000000${String(n).padStart(2, '0')}`, createdAt),
      requesterName: 'Kollega', departmentId, channel: 'fremmøde', category, presetId: null, description,
      status: 'ny', owner: 'superbruger', assigneeId: user.id, referrals: [], history: [], assetId: null,
      helpdeskCaseNo: '', resolution: '', tipId: null,
    },
  })
  await writeSystemRecords(server.app.storage, [
    { table: 'departments', record: { ...base(BYG, at(1, 1)), name: 'Byg og Miljø', location: '' } },
    { table: 'departments', record: { ...base(NATUR, at(1, 1)), name: 'Natur og Vand', location: '' } },
    // Ids in creation order, as UUIDv7 ids are: the list shows the newest first.
    request(1, 'Acadre arkivaflevering fra oktober', 'acadre', BYG, at(10, 5)),
    request(2, 'Acadre låst i byggesagen', 'acadre', BYG, at(11, 10)),
    request(3, 'Acadre autoprofil til naturmedarbejder', 'acadre', NATUR, at(11, 12)),
    request(4, 'Outlook-regler i byggesagen', 'office', BYG, at(11, 14)),
  ])
  browser = await launchBrowser()
  context = await newPhoneContext(browser)
  page = await context.newPage()
  await page.goto(`${server.url}/log-ind`)
  await page.getByLabel('E-mail').fill(user.email)
  await page.getByLabel('Adgangskode').fill(user.password)
  await page.getByRole('button', { name: 'Log ind', exact: true }).click()
  await pageHeading(page, 'Overblik').waitFor()
  await waitForServiceWorker(page)
  await page.locator('.sync-line').filter({ hasText: /^Synkroniseret/ }).waitFor({ timeout: 20_000 })
}, 120_000)

afterAll(async () => {
  await context?.close()
  await browser?.close()
  await server?.close()
})

/** The descriptions of the listed requests, top to bottom. */
async function listed(): Promise<string[]> {
  return page.locator('main .request-vlist li').evaluateAll((items) => items.map((li) => li.textContent ?? ''))
}

describe('the request list opened from a link with filters', () => {
  it('shows only the matching requests and each filter as a chip; removing a chip shows more', async () => {
    const query = new URLSearchParams(toListQuery({ status: 'all', category: 'acadre', departmentId: BYG as never, from: '2026-11-01', to: '2026-11-30' }))
    await page.goto(`${server.url}/henvendelser?${query.toString()}`)
    const main = page.getByRole('main')
    const chips = main.getByRole('group', { name: 'Aktive filtre' })
    await main.getByText('1 henvendelse', { exact: true }).waitFor()
    expect(await listed()).toEqual([expect.stringContaining('Acadre låst i byggesagen')])
    await chips.getByRole('button', { name: 'Fjern filteret Periode: 01.11.2026–30.11.2026' }).waitFor()
    expect(await chips.getByRole('button').allTextContents()).toEqual([
      'Kategori: Acadre×', 'Afdeling: Byg og Miljø×', 'Periode: 01.11.2026–30.11.2026×',
    ])
    if (process.env.E2E_SHOTS) await page.screenshot({ path: join(process.env.E2E_SHOTS, 'request-list-filters.png') })

    // Without the period, October's request of the same category and department shows too.
    const period = chips.getByRole('button', { name: /^Fjern filteret Periode/ })
    await period.focus()
    await page.keyboard.press('Enter')
    await main.getByText('2 henvendelser', { exact: true }).waitFor()
    expect(await listed()).toEqual([expect.stringContaining('Acadre låst i byggesagen'), expect.stringContaining('Acadre arkivaflevering')])
    // The focus stays in the chips, on the one before the removed chip.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Fjern filteret Afdeling: Byg og Miljø')
    // The URL follows, so going back from a request restores the list.
    await page.waitForURL((url) => !url.searchParams.has('fra') && url.searchParams.get('kategori') === 'acadre')

    await chips.getByRole('button', { name: 'Fjern filteret Afdeling: Byg og Miljø' }).click()
    await main.getByText('3 henvendelser', { exact: true }).waitFor()
  })

  it('sets filters in the "Flere filtre" panel and offers to clear them when nothing matches', async () => {
    await page.goto(`${server.url}/henvendelser?status=all`)
    const main = page.getByRole('main')
    await main.getByText('4 henvendelser', { exact: true }).waitFor()
    const toggle = main.getByRole('button', { name: 'Flere filtre' })
    expect(await toggle.getAttribute('aria-expanded')).toBe('false')
    await toggle.click()
    expect(await toggle.getAttribute('aria-expanded')).toBe('true')
    if (process.env.E2E_SHOTS) await page.screenshot({ path: join(process.env.E2E_SHOTS, 'request-list-more-filters.png'), fullPage: true })
    // The open panel stays inside the 360 px screen (a date input's own width must not widen the page).
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    await main.getByLabel('Fra', { exact: true }).fill('2026-11-11')
    await main.getByText('2 henvendelser', { exact: true }).waitFor()
    // The open panel with a chip meets WCAG 2.1 AA, light and dark.
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme })
      const audit = await auditPage(page, `request list filters (${scheme})`)
      expect(audit.blocking, describeFindings(audit.blocking)).toEqual([])
    }
    await page.emulateMedia({ colorScheme: 'light' })
    await main.getByRole('button', { name: 'Fjern filteret Periode: fra 11.11.2026' }).click()
    await main.getByLabel('Afdeling').selectOption({ label: 'Natur og Vand' })
    await main.getByText('1 henvendelse', { exact: true }).waitFor()
    await main.getByLabel('Kategori').selectOption({ label: 'Office' })
    await main.getByText('Ingen henvendelser passer til filtrene.').waitFor()
    await main.locator('.empty').getByRole('button', { name: 'Ryd filtre' }).click()
    await main.getByText('4 henvendelser', { exact: true }).waitFor()
    expect(await main.getByRole('group', { name: 'Aktive filtre' }).count()).toBe(0)
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toMatch(/Flere filtre$/)
  })
})
