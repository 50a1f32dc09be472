import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchBrowser, phoneWithClock } from './support/browser.ts'
import { startAppServer, type AppServer } from './support/appServer.ts'
import { pageHeading, signIn, syncLine } from './support/app.ts'
import { auditPage, describeFindings } from './support/axe.ts'
import { writeSystemRecords } from '../../src/server/storage/systemWrite.ts'
import { containsCpr } from '../../src/domain/cpr.ts'

// Tips & tricks on two phones against the real server: A turns a solved request into a tip while
// offline, B finds it by search after the sync, and reads on both phones, offline too, all count.
// Set E2E_SHOTS to a folder to keep 360×800 screenshots of the tip screens.
const SHOTS = process.env.E2E_SHOTS
// A fixed Wednesday morning that then runs in real time; no test depends on today's date.
const NOW = new Date('2026-11-25T10:00:00+01:00')
const REQUEST_ID = '0193a0b0-0000-7000-8000-00000000a001'
// A made-up number with a valid date (15.05.1930): the guard must mask it everywhere.
const CPR = '150530-4000'
const TIP_URL = /\/tips\/[0-9a-f-]{36}$/

let server: AppServer
let browser: Browser
const contexts: BrowserContext[] = []
let a: Page
let b: Page
let tipPath = ''

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return
  mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ path: join(SHOTS, `${name}.png`) })
}

async function expectAccessible(page: Page, screen: string): Promise<void> {
  const audit = await auditPage(page, screen)
  expect(audit.blocking, describeFindings(audit.blocking)).toEqual([])
}


async function serverRecords(table: string): Promise<{ id: string; data: Record<string, unknown>; createdBy: string }[]> {
  const rows = await server.app.storage.db.selectFrom('records').select(['id', 'data', 'created_by']).where('tbl', '=', table).where('deleted_at', 'is', null).execute()
  return rows.map((row) => ({ id: row.id, data: JSON.parse(row.data) as Record<string, unknown>, createdBy: row.created_by }))
}


beforeAll(async () => {
  server = await startAppServer()
  browser = await launchBrowser()
  const anne = await server.addUser('Anne Larsen', 'superbruger')
  const bo = await server.addUser('Bo Nielsen', 'superbruger')
  const at = NOW.getTime() - 86_400_000
  // A request Anne solved yesterday; its texts hold a CPR number a tip must never carry.
  await writeSystemRecords(server.app.storage, [{
    table: 'requests',
    record: {
      id: REQUEST_ID, teamId: server.teamId, createdAt: at, createdBy: anne.id, updatedAt: at, rev: 0, deletedAt: null,
      requesterName: 'Jens', departmentId: null, channel: 'fremmøde', category: 'office', presetId: null,
      description: `Kan ikke se kollegaens kalender\nBorger ${CPR} nævnt i mailen.`, status: 'løst', owner: 'superbruger',
      assigneeId: anne.id, referrals: [], history: [{ at, by: anne.id, from: null, to: 'løst' }], assetId: null,
      helpdeskCaseNo: '', resolution: 'Kalenderen er delt med læseret under Deling i Outlook.', tipId: null,
    },
  }])
  a = await phoneWithClock(browser, NOW)
  b = await phoneWithClock(browser, NOW)
  contexts.push(a.context(), b.context())
  for (const context of contexts) await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url })
  await signIn(a, server.url, anne.email, anne.password)
  await signIn(b, server.url, bo.email, bo.password)
}, 120_000)

afterAll(async () => {
  for (const context of contexts) await context.close()
  await browser?.close()
  await server?.close()
})

describe('tips and tricks on two phones', () => {
  it('B finds the tips from Home and sees the empty list in Danish', async () => {
    await shot(b, 'home')
    await b.getByRole('link', { name: 'Tips og tricks' }).click()
    await pageHeading(b, 'Tips og tricks').waitFor()
    await b.getByText('Ingen tips endnu').waitFor()
    await expectAccessible(b, 'Tips, empty list')
    await shot(b, 'tips-empty')
  })

  it('A makes a tip from the solved request offline: CPR masked, warned that all read it, linked both ways', async () => {
    await contexts[0]!.setOffline(true)
    await a.goto(`${server.url}/henvendelser/${REQUEST_ID}`)
    await a.getByRole('link', { name: 'Lav et tip' }).scrollIntoViewIfNeeded()
    await shot(a, 'request-make-tip')
    await a.getByRole('link', { name: 'Lav et tip' }).click()
    await pageHeading(a, 'Tip fra henvendelse').waitFor()
    await a.getByText('Tips læses af hele gruppen').waitFor()
    await a.getByText('1 CPR-nummer er skjult i udkastet.').waitFor()
    const title = a.getByLabel('Titel')
    const body = a.getByLabel('Vejledning', { exact: true })
    expect(await title.inputValue()).toBe('Kan ikke se kollegaens kalender')
    expect(containsCpr(await body.inputValue())).toBe(false)
    // The live preview renders the markdown through the sanitiser as the person types.
    const preview = a.getByRole('region', { name: 'Forhåndsvisning' })
    await preview.getByRole('heading', { name: 'Sådan løses det' }).waitFor()
    await body.fill(`${await body.inputValue()}\n\n1. Åbn **Outlook**\n2. Vælg Deling`)
    await preview.locator('ol li strong', { hasText: 'Outlook' }).waitFor()
    await a.getByLabel('Emneord').fill('Kalender, outlook, kalender')
    await a.getByLabel('Kategori').selectOption({ label: 'Office' })
    await expectAccessible(a, 'Tip form from a request')
    await shot(a, 'tip-form')
    await a.getByRole('button', { name: 'Gem tip' }).click()
    await a.waitForURL(TIP_URL)
    tipPath = new URL(a.url()).pathname
    await pageHeading(a, 'Kan ikke se kollegaens kalender').waitFor()
    await a.getByText(/Office · læst 1 gang · Skrevet 25\.11\.2026/).waitFor()
    await a.getByRole('link', { name: 'Kan ikke se kollegaens kalender' }).waitFor()
    await expectAccessible(a, 'Tip detail')
    await shot(a, 'tip-detail')
    await a.getByRole('link', { name: 'Kan ikke se kollegaens kalender' }).click()
    await a.getByRole('link', { name: 'Se tippet' }).waitFor()
    await syncLine(a, /Offline · \d+ ændringer venter/).waitFor()
    expect(await serverRecords('tips')).toEqual([])
  })

  it('A back online: the tip, the link on the request and the read reach the server, CPR-free', async () => {
    await contexts[0]!.setOffline(false)
    await syncLine(a, /^Synkroniseret/).waitFor({ timeout: 20_000 })
    const [tip] = await serverRecords('tips')
    expect(tip?.data).toMatchObject({ title: 'Kan ikke se kollegaens kalender', tags: ['kalender', 'outlook'], category: 'office', requestIds: [REQUEST_ID] })
    expect(JSON.stringify(tip?.data).includes('4000')).toBe(false)
    expect(tipPath.endsWith(tip!.id)).toBe(true)
    const request = (await serverRecords('requests')).find((r) => r.id === REQUEST_ID)
    expect(request?.data.tipId).toBe(tip!.id)
    expect((await serverRecords('tipReads')).map((r) => r.data.tipId)).toEqual([tip!.id])
  })

  it('B finds the tip by a word of its body and reads it (a second use)', async () => {
    await b.getByText('Ingen tips endnu').waitFor({ state: 'detached', timeout: 15_000 })
    await b.getByLabel('Søg i tips').fill('delt')
    await b.getByRole('link', { name: /Kan ikke se kollegaens kalender/ }).waitFor()
    await b.getByText('1 tip', { exact: true }).waitFor()
    await expectAccessible(b, 'Tips, search')
    await shot(b, 'tips-list')
    await b.getByLabel('Søg i tips').fill('printer')
    await b.getByText('Ingen tips passer til søgningen.').waitFor()
    await b.getByLabel('Søg i tips').fill('kalender')
    await b.getByRole('link', { name: /Kan ikke se kollegaens kalender/ }).click()
    await b.waitForURL(`${server.url}${tipPath}`)
    await b.getByText(/læst 2 gange/).waitFor()
    await b.locator('.tip-tags').getByText('outlook').waitFor()
  })

  it('both phones read it offline; every read counts once they are back', async () => {
    // A has B's read before both go offline.
    await a.goto(`${server.url}${tipPath}`)
    await a.getByText(/læst 2 gange/).waitFor({ timeout: 20_000 })
    await contexts[0]!.setOffline(true)
    await contexts[1]!.setOffline(true)
    // Reads closer than half an hour are one use: both come back later in the day.
    for (const context of contexts) await context.clock.fastForward('01:00:00')
    await a.reload()
    await b.reload()
    await a.getByText(/læst 3 gange/).waitFor()
    await b.getByText(/læst 3 gange/).waitFor()
    await contexts[0]!.setOffline(false)
    await contexts[1]!.setOffline(false)
    await a.getByText(/læst 4 gange/).waitFor({ timeout: 20_000 })
    await b.getByText(/læst 4 gange/).waitFor({ timeout: 20_000 })
    expect(await serverRecords('tipReads')).toHaveLength(4)
    await b.goto(`${server.url}/tips?sortering=mest-brugte`)
    await b.getByText(/læst 4 gange/).waitFor()
  })

  it('B shares the link: copied to the clipboard where the phone has no share sheet', async () => {
    await b.goto(`${server.url}${tipPath}`)
    await b.getByText(/læst 4 gange/).waitFor()
    await b.evaluate(() => Object.defineProperty(navigator, 'share', { value: undefined, configurable: true }))
    await b.getByRole('button', { name: 'Del link' }).click()
    await b.getByText('Linket er kopieret').waitFor()
    expect(await b.evaluate(() => navigator.clipboard.readText())).toBe(`${server.url}${tipPath}`)
  })

  it('B shares through the share sheet where there is one', async () => {
    await b.evaluate(() => {
      const shared: ShareData[] = []
      Object.defineProperty(navigator, 'share', { value: async (data: ShareData) => { shared.push(data) }, configurable: true })
      Object.assign(window, { shared })
    })
    await b.getByRole('button', { name: 'Del link' }).click()
    await b.waitForFunction(() => (window as unknown as { shared: ShareData[] }).shared.length === 1)
    expect(await b.evaluate(() => (window as unknown as { shared: ShareData[] }).shared[0])).toEqual({
      title: 'Kan ikke se kollegaens kalender', url: `${server.url}${tipPath}`,
    })
  })

  it('A edits the text offline while B edits the title: each sends only its own field, both stay', async () => {
    await contexts[0]!.setOffline(true)
    await a.goto(`${server.url}${tipPath}/rediger`)
    await pageHeading(a, 'Redigér tip').waitFor()
    const body = a.getByLabel('Vejledning', { exact: true })
    await body.fill(`${await body.inputValue()}\n3. Vælg **Kan se alle detaljer**`)
    await a.getByRole('button', { name: 'Gem tip' }).click()
    await a.waitForURL(`${server.url}${tipPath}`)

    await b.getByRole('link', { name: 'Redigér' }).click()
    await pageHeading(b, 'Redigér tip').waitFor()
    await b.getByLabel('Titel').fill('Sådan deler du en kalender')
    await expectAccessible(b, 'Tip edit form')
    await shot(b, 'tip-edit')
    await b.getByRole('button', { name: 'Gem tip' }).click()
    await pageHeading(b, 'Sådan deler du en kalender').waitFor()
    await syncLine(b, /^Synkroniseret/).waitFor({ timeout: 20_000 })

    await contexts[0]!.setOffline(false)
    await syncLine(a, /^Synkroniseret/).waitFor({ timeout: 20_000 })
    await pageHeading(a, 'Sådan deler du en kalender').waitFor({ timeout: 20_000 })
    await b.getByText('Kan se alle detaljer').waitFor({ timeout: 20_000 })
    const [tip] = await serverRecords('tips')
    expect(tip?.data).toMatchObject({ title: 'Sådan deler du en kalender', tags: ['kalender', 'outlook'] })
    expect(String(tip?.data.body)).toContain('3. Vælg **Kan se alle detaljer**')
    const conflicts = await server.app.storage.db.selectFrom('conflicts').select('id').execute()
    expect(conflicts).toEqual([])
  })

  it('A opens the tip from its short link offline; an unknown code is said in Danish', async () => {
    const shortLink = await a.locator('.tip-short').textContent()
    const code = /\/t\/([A-Z0-9-]+)/.exec(shortLink ?? '')?.[1]
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/)
    await contexts[0]!.setOffline(true)
    await a.goto(`${server.url}/t/${code!.toLowerCase()}`)
    await a.waitForURL(`${server.url}${tipPath}`)
    await pageHeading(a, 'Sådan deler du en kalender').waitFor()
    await a.goto(`${server.url}/t/ZZZZ-ZZZZ`)
    await a.getByText('Der findes intet tip med koden ZZZZ-ZZZZ på denne telefon.', { exact: false }).waitFor()
    await expectAccessible(a, 'Unknown tip code')
    await shot(a, 'tip-code-unknown')
    await contexts[0]!.setOffline(false)
  })

  it('prints the tip as an A4 guide: the tip and its short link, no app around it', async () => {
    await a.goto(`${server.url}${tipPath}`)
    await pageHeading(a, 'Sådan deler du en kalender').waitFor()
    await a.emulateMedia({ media: 'print' })
    try {
      expect(await a.getByRole('button', { name: 'Udskriv' }).isVisible()).toBe(false)
      expect(await a.getByRole('navigation', { name: 'Hovedmenu' }).isVisible()).toBe(false)
      expect(await a.locator('.tip-short').isVisible()).toBe(true)
      expect(await a.getByRole('heading', { name: 'Sådan løses det' }).isVisible()).toBe(true)
      if (SHOTS) await a.screenshot({ path: join(SHOTS, 'tip-print.png'), fullPage: true })
      const pdf = await a.pdf({ format: 'A4' })
      expect(pdf.subarray(0, 4).toString()).toBe('%PDF')
    } finally {
      await a.emulateMedia({ media: 'screen' })
    }
  })
})
