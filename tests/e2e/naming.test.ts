import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchBrowser, newPhoneContext } from './support/browser.ts'
import { startAppServer, type AppServer } from './support/appServer.ts'
import { pageHeading, tapNav, signIn, syncLine } from './support/app.ts'
import { auditPage, describeFindings } from './support/axe.ts'
import { isFocused, tabTo } from './support/keyboard.ts'

// The naming guide on two phones against the real server: the koordinator (A) writes the team's
// rules, meeting the editor's Danish errors on the way; a superbruger (B) gets them by sync, and
// offline fills a rule, copies the title (Clipboard API, then the selection when it is missing)
// and turns the rule into a printable tip. Set E2E_SHOTS to a folder to keep screenshots.
const SHOTS = process.env.E2E_SHOTS
// A fixed morning that then runs in real time; no test depends on today's date.
const NOW = new Date('2026-11-25T10:00:00+01:00')
const TITLE = 'Tilbygning – Søndergade 12 – 14a Vester Bjerre By'

let server: AppServer
let browser: Browser
const contexts: BrowserContext[] = []
let a: Page
let b: Page

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return
  mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true })
}

async function expectAccessible(page: Page, screen: string): Promise<void> {
  const audit = await auditPage(page, screen)
  expect(audit.blocking, describeFindings(audit.blocking)).toEqual([])
}


async function serverRecords(table: string): Promise<{ id: string; data: Record<string, unknown> }[]> {
  const rows = await server.app.storage.db.selectFrom('records').select(['id', 'data']).where('tbl', '=', table).where('deleted_at', 'is', null).execute()
  return rows.map((row) => ({ id: row.id, data: JSON.parse(row.data) as Record<string, unknown> }))
}

async function serverRules(): Promise<unknown> {
  const [team] = await serverRecords('teams')
  return team?.data.namingPatterns
}


beforeAll(async () => {
  server = await startAppServer()
  browser = await launchBrowser()
  const karin = await server.addUser('Karin Holm', 'koordinator')
  const sune = await server.addUser('Sune Dahl', 'superbruger')
  for (let i = 0; i < 2; i += 1) {
    const context = await newPhoneContext(browser)
    await context.clock.install({ time: NOW })
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url })
    contexts.push(context)
  }
  a = await contexts[0]!.newPage()
  b = await contexts[1]!.newPage()
  await signIn(a, server.url, karin.email, karin.password)
  await signIn(b, server.url, sune.email, sune.password)
}, 120_000)

afterAll(async () => {
  for (const context of contexts) await context.close()
  await browser?.close()
  await server?.close()
})

describe('the naming guide on two phones', () => {
  it('B finds the guide under Mere and is told the koordinator writes the rules', async () => {
    await tapNav(b, 'Mere')
    await b.getByRole('link', { name: 'Navngivning', exact: true }).click()
    await pageHeading(b, 'Navngivning').waitFor()
    await b.getByText('Gruppen har ingen navngivningsregler endnu.').waitFor()
    await b.getByText('Koordinatoren skriver reglerne under Mere → Navngivningsregler.').waitFor()
    expect(await b.getByRole('link', { name: 'Redigér regler' }).count()).toBe(0)
    await expectAccessible(b, 'Naming guide, no rules')
  })

  it('A writes the rules; a pattern with no fields, unbalanced braces and a duplicate name are explained in Danish, nothing is lost', async () => {
    await tapNav(a, 'Mere')
    await a.getByRole('link', { name: 'Navngivningsregler' }).click()
    await pageHeading(a, 'Navngivningsregler').waitFor()
    await a.getByText('Der er ingen regler. Tilføj den første.').waitFor()
    await a.getByRole('button', { name: 'Tilføj regel' }).click()
    const name0 = a.locator('#naming-rule-0-name')
    expect(await isFocused(name0)).toBe(true)
    await name0.fill('Byggesag')
    await a.locator('#naming-rule-0-pattern').fill('{Emne – {Adresse} – {Matrikel}')
    // Checked while typing, before any save.
    await a.getByText('Tegn nr. 1: en krøllet parentes åbnes, men lukkes ikke.').waitFor()
    await a.getByRole('button', { name: 'Tilføj regel' }).click()
    await a.locator('#naming-rule-1-name').fill('byggesag ')
    await a.locator('#naming-rule-1-pattern').fill('Personalesag')
    await a.getByRole('button', { name: 'Gem regler' }).click()
    await a.getByText('Ret de markerede felter. Intet er gemt endnu.').waitFor()
    await a.getByText('Der findes allerede en regel med det navn.').waitFor()
    await a.getByText('Mønsteret har ingen felter. Skriv mindst ét felt i krøllede parenteser, fx {Emne}.').first().waitFor()
    expect(await a.locator('#naming-rule-0-pattern').getAttribute('aria-invalid')).toBe('true')
    await expectAccessible(a, 'Naming rules editor with errors')
    await shot(a, 'naming-admin-errors')
    // Nothing typed is lost, and nothing reached the device's store or the server.
    expect(await a.locator('#naming-rule-0-pattern').inputValue()).toBe('{Emne – {Adresse} – {Matrikel}')
    expect(await serverRules()).toBeUndefined()

    await a.locator('#naming-rule-0-pattern').fill('{Emne} – {Adresse} – {Matrikel}')
    await a.getByText('Felter: Emne, Adresse, Matrikel').waitFor()
    await a.locator('#naming-rule-0-explanation').fill('Emnet først, så adresse og matrikelnummer med ejerlav.')
    await a.locator('#naming-rule-0-examples').fill('Carport – Skovvej 3 – 7b Nørreskov\nNedrivning af garage – Bakken 2 – 1a')
    await a.locator('#naming-rule-1-name').fill('Personalesag')
    await a.locator('#naming-rule-1-pattern').fill('Personalesag – {Navn} – {Medarbejdernummer}')
    await a.getByRole('button', { name: 'Gem regler' }).click()
    await a.getByText('Navngivningsreglerne er gemt').waitFor()
    await syncLine(a, /^Synkroniseret/).waitFor({ timeout: 20_000 })
    await expect.poll(serverRules, { timeout: 20_000 }).toEqual([
      { id: 'byggesag', name: 'Byggesag', pattern: '{Emne} – {Adresse} – {Matrikel}', explanation: 'Emnet først, så adresse og matrikelnummer med ejerlav.', examples: ['Carport – Skovvej 3 – 7b Nørreskov', 'Nedrivning af garage – Bakken 2 – 1a'] },
      { id: 'personalesag', name: 'Personalesag', pattern: 'Personalesag – {Navn} – {Medarbejdernummer}', explanation: '', examples: [] },
    ])
    await shot(a, 'naming-admin')
  })

  it('B gets the rules by sync and, offline, fills one: an overly long value and a missing field are explained, then the title is copied', async () => {
    await b.getByLabel('Hvad skal navngives?').waitFor({ timeout: 30_000 })
    await contexts[1]!.setOffline(true)
    await b.goto(`${server.url}/navngivning`)
    await pageHeading(b, 'Navngivning').waitFor()
    expect(await b.getByLabel('Hvad skal navngives?').inputValue()).toBe('byggesag')
    await b.getByRole('heading', { name: 'Byggesag' }).waitFor()
    await b.getByText('Carport – Skovvej 3 – 7b Nørreskov').waitFor()
    await b.getByLabel('Emne', { exact: true }).fill('Tilbygning')
    await b.getByLabel('Adresse', { exact: true }).fill('x'.repeat(201))
    await b.getByText('Højst 200 tegn (nu 201).').first().waitFor()
    await b.getByLabel('Adresse', { exact: true }).fill('Søndergade 12')
    expect(await b.getByLabel('Titel', { exact: true }).inputValue()).toBe('Tilbygning – Søndergade 12 – {Matrikel}')
    await b.getByRole('button', { name: 'Kopiér titel' }).click()
    await b.getByText('Titlen er ikke færdig. Udfyld: Matrikel').waitFor()
    expect(await isFocused(b.getByLabel('Matrikel', { exact: true }))).toBe(true)
    await b.keyboard.type('14a  Vester   Bjerre By ')
    expect(await b.getByLabel('Titel', { exact: true }).inputValue()).toBe(TITLE)
    await b.getByRole('button', { name: 'Kopiér titel' }).click()
    await b.getByText('Titlen er kopieret.').waitFor()
    expect(await b.evaluate(() => navigator.clipboard.readText())).toBe(TITLE)
    await expectAccessible(b, 'Naming guide, filled')
    await shot(b, 'naming-filled')
  })

  it('B switches to another rule and keeps the fields they share; without the Clipboard API the title is selected', async () => {
    await b.getByLabel('Hvad skal navngives?').selectOption({ label: 'Personalesag' })
    await b.getByLabel('Navn', { exact: true }).fill('Mette Holm')
    await b.getByLabel('Medarbejdernummer').fill('104522')
    await b.getByLabel('Hvad skal navngives?').selectOption({ label: 'Byggesag' })
    expect(await b.getByLabel('Titel', { exact: true }).inputValue()).toBe(TITLE)
    await b.evaluate(() => {
      Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true })
      document.execCommand = () => false
    })
    await b.getByRole('button', { name: 'Kopiér titel' }).click()
    await b.getByText('Titlen er markeret. Kopiér den med Ctrl+C, eller hold fingeren på den og vælg Kopiér.').waitFor()
    const selection = await b.evaluate(() => {
      const field = document.activeElement as HTMLTextAreaElement
      return { id: field.id, selected: field.value.slice(field.selectionStart, field.selectionEnd) }
    })
    expect(selection).toEqual({ id: 'naming-result', selected: TITLE })
  })

  it('B, still offline, turns the rule into a tip in category Navngivning; it reaches the server once online', async () => {
    await b.getByRole('link', { name: 'Lav et tip' }).click()
    await pageHeading(b, 'Tip fra navngivningsregel').waitFor()
    expect(await b.getByLabel('Titel').inputValue()).toBe('Navngivning: Byggesag')
    expect(await b.locator('#tip-category option:checked').textContent()).toBe('Navngivning')
    const body = await b.getByLabel('Vejledning', { exact: true }).inputValue()
    expect(body).toContain('`{Emne} – {Adresse} – {Matrikel}`')
    expect(body).toContain('- Carport – Skovvej 3 – 7b Nørreskov')
    await b.getByRole('region', { name: 'Forhåndsvisning' }).getByRole('heading', { name: 'Eksempler' }).waitFor()
    await expectAccessible(b, 'Tip form from a naming rule')
    await shot(b, 'naming-tip-form')
    await b.getByRole('button', { name: 'Gem tip' }).click()
    await b.waitForURL(/\/tips\/[0-9a-f-]{36}$/)
    await pageHeading(b, 'Navngivning: Byggesag').waitFor()
    expect(await serverRecords('tips')).toEqual([])
    await contexts[1]!.setOffline(false)
    await syncLine(b, /^Synkroniseret/).waitFor({ timeout: 20_000 })
    await expect.poll(async () => (await serverRecords('tips')).map((t) => t.data), { timeout: 20_000 })
      .toEqual([expect.objectContaining({ title: 'Navngivning: Byggesag', category: 'navngivning', tags: ['navngivning'] })])
  })

  it('the tips list in category Navngivning leads to the guide', async () => {
    await b.goto(`${server.url}/tips?kategori=navngivning`)
    await pageHeading(b, 'Tips og tricks').waitFor()
    await b.getByRole('link', { name: 'Navngivning: Byggesag' }).waitFor()
    await b.getByRole('link', { name: /Lav en titel efter gruppens navngivningsregler/ }).click()
    await pageHeading(b, 'Navngivning').waitFor()
  })
})

// 320 px is the narrowest width WCAG 1.4.10 (reflow) asks for.
const SIZES = [{ width: 320, height: 640 }, { width: 360, height: 800 }, { width: 1280, height: 800 }] as const

describe('axe, reflow and keyboard', () => {
  it.each(SIZES)('the guide and the editor at $width px: no WCAG 2.1 A/AA violations, no sideways scrolling', async (size) => {
    for (const [page, path, heading] of [[b, '/navngivning', 'Navngivning'], [a, '/mere/navngivning', 'Navngivningsregler']] as const) {
      await page.setViewportSize(size)
      await page.goto(`${server.url}${path}`)
      await pageHeading(page, heading).waitFor()
      await page.locator('#naming-field-0, #naming-rule-0-name').first().waitFor()
      await expectAccessible(page, `${heading} at ${size.width} px`)
      expect(await page.evaluate(() => document.documentElement.scrollWidth), 'no horizontal scrolling').toBeLessThanOrEqual(size.width)
      if (size.width === 360) await shot(page, `${path.replaceAll('/', '-').slice(1)}-360`)
    }
  })

  it('a keyboard user fills a rule and copies the title, with visible focus all the way', async () => {
    await b.setViewportSize({ width: 360, height: 800 })
    await b.goto(`${server.url}/navngivning`)
    await pageHeading(b, 'Navngivning').waitFor()
    const kind = b.getByLabel('Hvad skal navngives?')
    expect(await tabTo(b, kind)).toEqual([])
    await b.keyboard.press('ArrowDown')
    await b.getByRole('heading', { name: 'Personalesag' }).waitFor()
    expect(await tabTo(b, b.getByLabel('Navn', { exact: true }))).toEqual([])
    await b.keyboard.type('Jonas Krogh')
    await b.keyboard.press('Tab')
    await b.keyboard.type('118830')
    expect(await tabTo(b, b.getByRole('button', { name: 'Kopiér titel' }))).toEqual([])
    await b.keyboard.press('Enter')
    await b.getByText('Titlen er kopieret.').waitFor()
    expect(await b.evaluate(() => navigator.clipboard.readText())).toBe('Personalesag – Jonas Krogh – 118830')
  })
})
