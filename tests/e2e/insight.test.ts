import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import readXlsxFile from 'read-excel-file/node'
import { launchBrowser, newPhoneContext } from './support/browser.ts'
import { startAppServer, type AppServer } from './support/appServer.ts'
import { pageHeading, signIn } from './support/app.ts'
import { settle } from './support/screens.ts'
import { auditPage, describeFindings } from './support/axe.ts'
import { tabTo } from './support/keyboard.ts'
import { generateDemo, type DemoData } from '../../src/server/demo/generate.ts'
import { writeDemo } from '../../src/server/demo/write.ts'
import { hashPassword } from '../../src/server/auth/password.ts'

// The coordinator's week, the leader's home and report on the real server with the demo team,
// seen by a browser whose clock is fixed at the demo's "today" (Wednesday 25 November 2026).
const NOW = new Date('2026-11-25T10:00:00+01:00')
const PASSWORD = 'demo-e2e-kodeord'
const SHOTS = process.env.E2E_SHOTS

let server: AppServer
let browser: Browser
let demo: DemoData
const contexts: BrowserContext[] = []
let henrik: Page
let emma: Page


const main = (page: Page): Locator => page.getByRole('main')
const emailOf = (role: string): string => demo.accounts.find((a) => a.role === role)!.email

/** The rows of a report table on screen: first cell (the row header) and the rest, as shown. */
async function screenRows(table: Locator): Promise<string[][]> {
  return table.locator('tbody tr').evaluateAll((rows) => rows.map((row) => Array.from(row.querySelectorAll('th, td'), (c) => c.textContent!.trim())))
}

/** A shown number ("1.234", "3,5", "12 %") as a number. */
const shown = (text: string): number => Number(text.replace(/\s|%|\./g, '').replace(',', '.'))

beforeAll(async () => {
  server = await startAppServer()
  demo = generateDemo({ seed: 'e2e-insight', now: NOW.getTime(), weeks: 10 })
  const written = await writeDemo(server.app.storage, demo, await hashPassword(PASSWORD))
  if (!written.created) throw new Error('the demo team was not written')
  browser = await launchBrowser()
  for (let i = 0; i < 2; i += 1) {
    const context = await newPhoneContext(browser)
    await context.clock.install({ time: NOW })
    contexts.push(context)
  }
  henrik = await contexts[0]!.newPage()
  emma = await contexts[1]!.newPage()
  await signIn(henrik, server.url, emailOf('koordinator'), PASSWORD, { syncTimeout: 60_000 })
  await signIn(emma, server.url, emailOf('leder'), PASSWORD, { syncTimeout: 60_000 })
}, 180_000)

afterAll(async () => {
  for (const context of contexts) await context.close()
  await browser?.close()
  await server?.close()
})

describe("the group's week", () => {
  it('shows the koordinator every superuser with hours, open work and an agreed band he can set, audited on the server', async () => {
    await henrik.goto(`${server.url}/team`)
    await settle(henrik)
    const cards = main(henrik).locator('article.member')
    expect(await cards.count()).toBe(demo.accounts.filter((a) => a.role === 'superbruger' || a.role === 'koordinator').length)
    await expect.poll(() => main(henrik).getByText('Åbne').count()).toBeGreaterThan(0)
    const first = (await cards.first().locator('h3').textContent())!.trim()

    await main(henrik).getByLabel('Person').selectOption({ label: first })
    await main(henrik).getByRole('button', { name: 'Tilføj aftalt bånd' }).click()
    const agreed = main(henrik).getByRole('group', { name: `Aftalt bånd for ${first}` })
    await agreed.getByLabel('Mindst (timer om ugen)').fill('2')
    await agreed.getByLabel('Højst (timer om ugen)').fill('2')
    await main(henrik).getByRole('button', { name: 'Gem bånd' }).click()
    await cards.first().getByText('Bånd: 2–2 t om ugen (aftalt)').waitFor()

    const audited = async () => (await server.app.storage.db.selectFrom('audit_log').selectAll().where('action', '=', 'budget_changed').execute())
      .map((row) => JSON.parse(row.details) as { field: string, to: { minHours: number }[] })
    await expect.poll(audited, { timeout: 30_000 }).toEqual([expect.objectContaining({ field: 'budgetOverrides', to: [expect.objectContaining({ minHours: 2, maxHours: 2 })] })])
  })

  it('shows the leder, per person, only whether the band was kept: no hours and no request counts per person', async () => {
    await emma.goto(`${server.url}/team`)
    await settle(emma)
    const cards = main(emma).locator('article.member')
    expect(await cards.count()).toBeGreaterThan(5)
    await expect.poll(() => cards.getByText(/Åbne|henvist|hos IT|t om ugen/i).count()).toBe(0)
    await cards.first().getByText('Ugerne').click()
    expect(await cards.first().locator('thead th').allTextContents()).toEqual(['Uge', 'Båndet'])
    expect(await cards.first().locator('tbody td').allTextContents()).toEqual(expect.arrayContaining(['I gang']))
  })
})

describe("the leder's home and report", () => {
  it("home shows the group's month and leads into its report", async () => {
    await emma.goto(`${server.url}/`)
    const card = main(emma).getByRole('region', { name: 'Gruppen i November 2026' })
    await card.waitFor()
    await expect.poll(() => card.getByText(/ henvendelser · /).count()).toBe(1)
    await expect.poll(() => main(emma).getByRole('button', { name: /tidtagning/ }).count()).toBe(0)
    await card.getByRole('link', { name: 'Se hele rapporten' }).click()
    await emma.waitForURL(/\/rapporter\?periode=2026-11$/)
    await pageHeading(emma, 'Rapporter').waitFor()
  })

  it('a figure leads to the requests behind it: the list filtered by category, period and every status', async () => {
    await emma.goto(`${server.url}/rapporter?periode=2026-11`)
    await settle(emma)
    const table = main(emma).getByRole('table', { name: 'Henvendelser pr. kategori' })
    const [name, count] = (await screenRows(table))[0]!
    await table.getByRole('link', { name: name! }).click()
    await emma.waitForURL(/\/henvendelser\?/)
    const query = new URL(emma.url()).searchParams
    expect([query.get('status'), query.get('fra'), query.get('til'), query.get('kategori')]).toEqual(['all', '2026-11-01', '2026-11-30', expect.any(String)])
    // The list counts exactly the requests the report counted.
    await main(emma).locator('.request-count').filter({ hasText: `${shown(count!)} henvendelser` }).waitFor()
  })

  it('the CSV and the XLSX hold the numbers on the screen, read back as Danish Excel and a spreadsheet reader read them', async () => {
    await emma.goto(`${server.url}/rapporter?periode=2026-11`)
    await settle(emma)
    const rows = await screenRows(main(emma).getByRole('table', { name: 'Henvendelser pr. kategori' }))
    expect(rows.length).toBeGreaterThan(3)

    const [csvDownload] = await Promise.all([emma.waitForEvent('download'), main(emma).getByRole('button', { name: 'Gem som CSV (Excel)' }).click()])
    expect(csvDownload.suggestedFilename()).toBe('superbruger-rapport-2026-11.csv')
    const csv = readFileSync((await csvDownload.path())!, 'utf8')
    expect(csv.charCodeAt(0)).toBe(0xfeff)
    const lines = csv.slice(1).split('\r\n').map((line) => line.split(';'))
    const start = lines.findIndex((l) => l[0] === 'Henvendelser pr. kategori') + 2
    expect(lines[start - 1]).toEqual(['Kategori', 'Antal', 'Andel (%)'])
    rows.forEach(([label, count, share], i) => {
      const [csvLabel, csvCount, csvShare] = lines[start + i]!
      expect(csvLabel).toBe(label)
      expect(Number(csvCount)).toBe(shown(count!))
      // The screen rounds the percentage to whole numbers, the file keeps one decimal.
      expect(Math.abs(Number(csvShare!.replace(',', '.')) - shown(share!))).toBeLessThanOrEqual(0.5)
    })

    const [xlsxDownload] = await Promise.all([emma.waitForEvent('download'), main(emma).getByRole('button', { name: 'Gem som Excel-fil (XLSX)' }).click()])
    const sheets = await readXlsxFile(readFileSync((await xlsxDownload.path())!))
    const sheet = sheets.find((s) => s.sheet === 'Henvendelser pr. kategori')!
    expect(sheet.data[0]).toEqual(['Kategori', 'Antal', 'Andel (%)'])
    rows.forEach(([label, count], i) => {
      expect(sheet.data[i + 1]![0]).toBe(label)
      expect(sheet.data[i + 1]![1]).toBe(shown(count!))
    })
    expect((sheets[0]!.data[2]![1] as unknown as Date).toISOString()).toBe('2026-11-01T00:00:00.000Z')
  })

  it('prints on A4 without the app chrome, with the period and the team in the heading', async () => {
    await emma.goto(`${server.url}/rapporter?periode=2026-11`)
    await settle(emma)
    await emma.emulateMedia({ media: 'print' })
    expect(await emma.locator('.bottom-nav').isVisible()).toBe(false)
    expect(await main(emma).getByText(/^Lavet 25\.11\.2026 · /).isVisible()).toBe(true)
    if (SHOTS) await emma.screenshot({ path: join(SHOTS, 'report-print.png'), fullPage: true })
    const pdf = await emma.pdf({ format: 'A4', printBackground: true })
    await emma.emulateMedia({ media: 'screen' })
    if (SHOTS) writeFileSync(join(SHOTS, 'report.pdf'), pdf)
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []
    expect(pages.length).toBeGreaterThan(1)
  })

  it('can be walked by keyboard: period, department, a figure, and Enter opens its requests', async () => {
    await emma.goto(`${server.url}/rapporter?periode=2026-11`)
    await settle(emma)
    await emma.locator('body').focus()
    expect(await tabTo(emma, main(emma).getByRole('combobox', { name: 'Periode', exact: true }))).toEqual([])
    expect(await tabTo(emma, main(emma).getByRole('combobox', { name: 'Afdeling', exact: true }))).toEqual([])
    const firstFigure = main(emma).getByRole('table', { name: 'Henvendelser pr. kategori' }).getByRole('link').first()
    expect(await tabTo(emma, firstFigure, { max: 120 })).toEqual([])
    await emma.keyboard.press('Enter')
    await emma.waitForURL(/\/henvendelser\?/)
  })
})

describe('offline', () => {
  it('the report and the group\'s week are counted on the phone without a network', async () => {
    await contexts[1]!.setOffline(true)
    try {
      await emma.goto(`${server.url}/rapporter?periode=2026-10`)
      await settle(emma)
      const summary = await screenRows(main(emma).getByRole('table', { name: 'Nøgletal' }))
      expect(shown(summary[0]![1]!)).toBeGreaterThan(0)
      await emma.goto(`${server.url}/team?uger=13`)
      await settle(emma)
      expect(await main(emma).locator('article.member').count()).toBeGreaterThan(5)
    } finally {
      await contexts[1]!.setOffline(false)
    }
  })
})

describe('axe, WCAG 2.1 AA', () => {
  for (const width of [320, 360, 1280]) for (const scheme of ['light', 'dark'] as const) {
    it.each([['Gruppens uge', '/team'], ['Rapporter', '/rapporter?periode=2026-11']])(`%s at ${width} px, ${scheme}`, async (name, path) => {
      await henrik.setViewportSize({ width, height: 800 })
      await henrik.emulateMedia({ colorScheme: scheme })
      await henrik.goto(`${server.url}${path}`)
      await settle(henrik)
      await main(henrik).getByRole('heading', { level: 1, name }).waitFor()
      const audit = await auditPage(henrik, `${name} ${width} ${scheme}`)
      expect(audit.blocking, describeFindings(audit.blocking)).toEqual([])
    })
  }
})
