import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { launchBrowser, newPhoneContext } from './support/browser.ts'
import { startAppServer, type AppServer } from './support/appServer.ts'
import { pageHeading, tapNav, signIn, synced } from './support/app.ts'
import { auditPage, describeFindings } from './support/axe.ts'
import { focusedHeading, isFocused, tabTo } from './support/keyboard.ts'
import { measureOverflow } from './support/layout.ts'
import { writeSystemRecords } from '../../src/server/storage/systemWrite.ts'

// The skills screen (/kompetencer): a superuser writes their own skills with levels, the
// koordinator adds a colleague without an account and edits a superuser's, both views and the
// search find them on every device after sync, and the referral dialog puts the expert first.
const RUN = Date.now().toString(36)
const DEPARTMENT_ID = '0190a000-0000-7000-8000-00000000c001'

let server: AppServer
let browser: Browser
const contexts: BrowserContext[] = []
let bo: Page
let kim: Page


/** Waits until the device has sent everything and pulled (the status line says so). */

/** The texts of each element matched by `rows`, its separate pieces joined by one space. */
function linesOf(rows: Locator): Promise<string[]> {
  return rows.evaluateAll((elements) => elements.map((row) => {
    const walker = document.createTreeWalker(row, NodeFilter.SHOW_TEXT)
    const parts: string[] = []
    for (let node = walker.nextNode(); node; node = walker.nextNode()) parts.push(node.textContent!.trim())
    return parts.filter(Boolean).join(' ').replace(/\s+/g, ' ')
  }))
}

/** The holders of one skill in the by-skill view, as "name level [note]" lines. */
function holdersOf(page: Page, skill: string): Promise<string[]> {
  const group = page.locator('.skills-group').filter({ has: page.getByRole('heading', { name: skill, exact: true }) })
  return linesOf(group.locator('.skills-holder'))
}

beforeAll(async () => {
  server = await startAppServer()
  browser = await launchBrowser()
  for (let i = 0; i < 2; i += 1) contexts.push(await newPhoneContext(browser))
  bo = await contexts[0]!.newPage()
  kim = await contexts[1]!.newPage()
  const boAccount = await server.addUser('Bo Nielsen', 'superbruger')
  await server.addUser('Anne Larsen', 'superbruger')
  const kimAccount = await server.addUser('Kim Koordinator', 'koordinator')
  await server.addUser('Lene Leder', 'leder')
  const now = Date.now()
  await writeSystemRecords(server.app.storage, [{
    table: 'departments',
    record: { id: DEPARTMENT_ID, teamId: server.teamId, createdAt: now, createdBy: kimAccount.id, updatedAt: now, rev: 0, deletedAt: null, name: 'Byggeri', location: 'Rådhuset' },
  }])
  await signIn(bo, server.url, boAccount.email, boAccount.password)
  await signIn(kim, server.url, kimAccount.email, kimAccount.password)
}, 120_000)

afterAll(async () => {
  for (const context of contexts) await context.close()
  await browser?.close()
  await server?.close()
})

describe('skills', () => {
  it('Bo finds the screen under Mere and writes his own skills; a name of only spaces gets a clear error', async () => {
    await tapNav(bo, 'Mere')
    await bo.getByRole('link', { name: 'Kompetencer – hvem kan hvad' }).click()
    await pageHeading(bo, 'Kompetencer').waitFor()
    await bo.getByText('Ingen har skrevet kompetencer endnu.').waitFor()
    // A superbruger lists people, but cannot add colleagues.
    await expect(bo.getByRole('button', { name: 'Tilføj kollega uden konto' }).count()).resolves.toBe(0)
    await bo.getByRole('button', { name: 'Ret mine kompetencer' }).click()
    const name = bo.getByLabel('Ny kompetence')
    await name.fill('    ')
    await bo.getByRole('button', { name: 'Tilføj', exact: true }).click()
    await bo.getByRole('alert').filter({ hasText: 'Skriv navnet på kompetencen – mellemrum alene er ikke et navn.' }).waitFor()
    await expect(name.getAttribute('aria-invalid')).resolves.toBe('true')
    await expect(isFocused(name)).resolves.toBe(true)
    await name.fill('Acadre')
    await bo.getByLabel('Niveau', { exact: true }).selectOption({ label: 'Ekspert' })
    await bo.getByRole('button', { name: 'Tilføj', exact: true }).click()
    // Typed but not added: saving adds it rather than losing it.
    await name.fill(`ArcGIS ${RUN}`)
    await bo.getByRole('button', { name: 'Gem', exact: true }).click()
    await bo.getByText('Kompetencerne er gemt').waitFor()
    await expect(holdersOf(bo, 'Acadre')).resolves.toEqual(['Bo Nielsen Ekspert'])
    await expect(holdersOf(bo, `ArcGIS ${RUN}`)).resolves.toEqual(['Bo Nielsen Kan hjælpe'])
    await synced(bo)
  })

  it('the koordinator adds a colleague without an account, with department and skill', async () => {
    await kim.goto(`${server.url}/kompetencer`)
    await pageHeading(kim, 'Kompetencer').waitFor()
    await kim.getByRole('button', { name: 'Tilføj kollega uden konto' }).click()
    const form = kim.getByRole('form', { name: 'Ny kollega uden konto' })
    await form.getByRole('button', { name: 'Tilføj kollega' }).click()
    await form.getByRole('alert').filter({ hasText: 'Skriv kollegaens navn.' }).waitFor()
    await form.getByLabel('Navn').fill('Ib Kortlægger')
    await form.getByLabel('Afdeling').selectOption({ label: 'Byggeri' })
    await form.getByLabel('Ny kompetence').fill(`arcgis ${RUN}`)
    await form.getByLabel('Niveau', { exact: true }).selectOption({ label: 'Ekspert' })
    await form.getByRole('button', { name: 'Tilføj', exact: true }).click()
    await form.getByRole('button', { name: 'Tilføj kollega' }).click()
    await kim.getByText('Ib Kortlægger er tilføjet').waitFor()
    await synced(kim)
    // By skill, with a search: both spellings are one skill, the expert first.
    await kim.getByLabel('Søg efter kompetence eller navn').fill(`arc gis ${RUN}`)
    await kim.getByRole('status').filter({ hasText: '1 kompetence' }).waitFor()
    await expect.poll(() => holdersOf(kim, `ArcGIS ${RUN}`), { timeout: 20_000 }).toEqual([
      'Ib Kortlægger Ekspert Kollega uden konto', 'Bo Nielsen Kan hjælpe',
    ])
  })

  it('the koordinator edits a superuser\'s skills in the by-person view; search finds people by name', async () => {
    await kim.getByLabel('Søg efter kompetence eller navn').fill('')
    await kim.getByRole('button', { name: 'Efter person' }).click()
    await kim.getByRole('button', { name: 'Ret kompetencer for Anne Larsen' }).click()
    await kim.getByLabel('Ny kompetence').fill('Acadre')
    await kim.getByLabel('Ny kompetence').press('Enter')
    await kim.getByRole('button', { name: 'Gem', exact: true }).click()
    await kim.getByText('Kompetencerne er gemt').waitFor()
    await synced(kim)
    await kim.getByLabel('Søg efter kompetence eller navn').fill('larsen')
    await kim.getByRole('status').filter({ hasText: '1 person' }).waitFor()
    await expect(kim.getByRole('list', { name: 'Kompetencer for Anne Larsen' }).textContent()).resolves.toMatch(/Acadre · Kan hjælpe/)
    await kim.getByLabel('Søg efter kompetence eller navn').fill('kortlægger')
    const ib = kim.locator('.skills-person').filter({ hasText: 'Ib Kortlægger' })
    await ib.getByText('Byggeri').waitFor()
    await ib.getByText('Kollega uden konto').waitFor()
  })

  it('Bo sees everyone after his sync, and may change only his own skills', async () => {
    await bo.reload()
    await bo.getByRole('button', { name: 'Efter person' }).click()
    await bo.locator('.skills-person').filter({ hasText: 'Ib Kortlægger' }).waitFor({ timeout: 20_000 })
    await bo.getByRole('button', { name: 'Ret kompetencer for Bo Nielsen' }).waitFor()
    await expect(bo.getByRole('button', { name: /^Ret kompetencer for (Anne|Ib|Kim)/ }).count()).resolves.toBe(0)
    await expect(bo.getByRole('list', { name: 'Kompetencer for Anne Larsen' }).textContent()).resolves.toMatch(/Acadre · Kan hjælpe/)
  })

  it('the referral dialog puts the Acadre expert before the one who can help, and never lists the leder or colleagues without an account', async () => {
    await kim.goto(`${server.url}/henvendelser/ny`)
    await kim.getByLabel('Beskrivelse').fill(`Autoprofil i Acadre ${RUN}`)
    await kim.locator('#request-category').selectOption({ label: 'Acadre' })
    await kim.getByRole('button', { name: 'Gem', exact: true }).click()
    await kim.waitForURL(/\/henvendelser\/[0-9a-f-]{36}$/)
    await kim.getByRole('button', { name: 'Henvis til anden superbruger' }).click()
    const options = kim.getByRole('group', { name: 'Henvis til' }).locator('.refer-option')
    await expect(linesOf(options)).resolves.toEqual([
      `Bo Nielsen Ekspert: Acadre ArcGIS ${RUN}`,
      'Anne Larsen Kan hjælpe: Acadre',
    ])
    await expect(kim.getByRole('radio', { name: /Bo Nielsen/ }).isChecked()).resolves.toBe(true)
    await kim.getByRole('button', { name: 'Henvis', exact: true }).click()
    await kim.getByRole('status').filter({ hasText: 'Henvist' }).first().waitFor()
  })
})

describe('the skills screen for keyboard and screen-reader users', () => {
  // Each screen state, brought about from a fresh load of the by-skill view.
  const states: Array<[string, (page: Page) => Promise<void>]> = [
    ['by skill', async () => undefined],
    ['by person', async (page) => { await page.getByRole('button', { name: 'Efter person' }).click() }],
    ['edit form with an error', async (page) => {
      await page.getByRole('button', { name: 'Efter person' }).click()
      await page.getByRole('button', { name: 'Ret kompetencer for Bo Nielsen' }).click()
      await page.getByLabel('Ny kompetence').fill('  ')
      await page.getByRole('button', { name: 'Tilføj', exact: true }).click()
      await page.getByRole('alert').first().waitFor()
    }],
    ['colleague form with an error', async (page) => {
      await page.getByRole('button', { name: 'Tilføj kollega uden konto' }).click()
      await page.getByRole('button', { name: 'Tilføj kollega' }).click()
      await page.getByText('Skriv kollegaens navn.').waitFor()
    }],
  ]
  for (const width of [320, 360, 1280]) {
    for (const [state, act] of states) {
      it(`${state} at ${width} px: passes axe and does not scroll sideways`, async () => {
        await kim.setViewportSize({ width, height: 800 })
        await kim.goto(`${server.url}/kompetencer`)
        await pageHeading(kim, 'Kompetencer').waitFor()
        await kim.locator('.skills-group').first().waitFor()
        await act(kim)
        const audit = await auditPage(kim, `Skills, ${state}, at ${width} px`)
        expect(audit.blocking, describeFindings(audit.blocking)).toEqual([])
        const overflow = await measureOverflow(kim)
        expect(overflow.scrollWidth, overflow.offenders.join(', ')).toBeLessThanOrEqual(overflow.clientWidth)
      }, 120_000)
    }
  }

  it('works with the keyboard alone: search, switch view, open and close an edit form with focus kept in place', async () => {
    await kim.setViewportSize({ width: 360, height: 800 })
    await kim.goto(`${server.url}/kompetencer`)
    await pageHeading(kim, 'Kompetencer').waitFor()
    await kim.locator('.skills-group').first().waitFor()
    const search = kim.getByLabel('Søg efter kompetence eller navn')
    expect(await tabTo(kim, search)).toEqual([])
    await kim.keyboard.type('acadre')
    await kim.getByRole('status').filter({ hasText: '1 kompetence' }).waitFor()
    const byPerson = kim.getByRole('button', { name: 'Efter person' })
    expect(await tabTo(kim, byPerson)).toEqual([])
    await kim.keyboard.press('Enter')
    await expect(byPerson.getAttribute('aria-pressed')).resolves.toBe('true')
    await kim.getByRole('status').filter({ hasText: '2 personer' }).waitFor()
    const edit = kim.getByRole('button', { name: 'Ret kompetencer for Anne Larsen' })
    expect(await tabTo(kim, edit)).toEqual([])
    await kim.keyboard.press('Enter')
    await expect(focusedHeading(kim)).resolves.toEqual({ tag: 'H3', text: 'Kompetencer for Anne Larsen' })
    const level = kim.getByRole('combobox', { name: 'Niveau for Acadre' })
    expect(await tabTo(kim, level)).toEqual([])
    await level.selectOption({ label: 'Ekspert' })
    expect(await tabTo(kim, kim.getByRole('button', { name: 'Gem', exact: true }))).toEqual([])
    await kim.keyboard.press('Enter')
    await kim.getByText('Kompetencerne er gemt').waitFor()
    await expect(isFocused(edit)).resolves.toBe(true)
    await expect(kim.getByRole('list', { name: 'Kompetencer for Anne Larsen' }).textContent()).resolves.toMatch(/Acadre · Ekspert/)
  })
})
