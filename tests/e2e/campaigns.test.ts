import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchBrowser, newPhoneContext } from './support/browser.ts'
import { startAppServer, type AppServer } from './support/appServer.ts'
import { pageHeading, signIn, synced } from './support/app.ts'
import { auditPage, describeFindings } from './support/axe.ts'
import { isFocused, tabTo } from './support/keyboard.ts'

// A koordinator starts a user test with two superusers as testers; Anne fills her run offline,
// Bo his online; the koordinator sees who has not finished, then (after Anne syncs) the result per
// item with Anne's failure comment, downloads it as CSV and closes the campaign.
// The browsers' clocks run from Monday 7 December 2026.
const NOW = new Date('2026-12-07T10:00:00+01:00')
const NAME = 'Acadre 24.2 – brugertest'
const TEMPLATE = 'Brugertest ved versionsopgradering'
const FAILURE = 'Gem-knappen mangler i dokumentdialogen'

let server: AppServer
let browser: Browser
const contexts: BrowserContext[] = []
let kim: Page
let anne: Page
let bo: Page

beforeAll(async () => {
  server = await startAppServer()
  browser = await launchBrowser()
  for (let i = 0; i < 3; i += 1) {
    const context = await newPhoneContext(browser)
    await context.clock.install({ time: NOW })
    contexts.push(context)
  }
  ;[kim, anne, bo] = await Promise.all(contexts.map((c) => c.newPage())) as [Page, Page, Page]
  const accounts = [
    await server.addUser('Kim Dahl', 'koordinator'), await server.addUser('Anne Larsen', 'superbruger'), await server.addUser('Bo Holm', 'superbruger'),
  ]
  await signIn(kim, server.url, accounts[0]!.email, accounts[0]!.password)
  await signIn(anne, server.url, accounts[1]!.email, accounts[1]!.password)
  await signIn(bo, server.url, accounts[2]!.email, accounts[2]!.password)
}, 120_000)

afterAll(async () => {
  for (const context of contexts) await context.close()
  await browser?.close()
  await server?.close()
})

/** Opens the tester's campaign run from the checklist list (it arrives by sync) and waits for its page. */
async function openRun(page: Page, tester: string): Promise<void> {
  await page.goto(`${server.url}/tjeklister`)
  // Only the tester's own run of the campaign is on their list.
  const own = page.getByRole('link', { name: new RegExp(`${NAME}.*${tester}`) })
  await own.waitFor({ timeout: 30_000 })
  expect(await page.getByRole('link', { name: new RegExp(NAME) }).count()).toBe(1)
  await own.click()
  await pageHeading(page, NAME).waitFor()
}

/** Finishes a run whose required items are not all answered, with the reason. */
async function finishAnyway(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Afslut tjekliste' }).click()
  await page.getByLabel('Begrundelse').fill('Kun de centrale punkter i denne runde')
  await page.getByRole('button', { name: 'Afslut uden alle punkter' }).click()
  await page.getByText('Tjeklisten er afsluttet.').waitFor()
}

describe('user-test campaigns', () => {
  it('the koordinator starts one from "Mere" with the keyboard; no testers gets a clear Danish error', async () => {
    await kim.goto(`${server.url}/mere`)
    await kim.getByRole('link', { name: 'Brugertests ved opgraderinger' }).click()
    await pageHeading(kim, 'Brugertests').waitFor()
    await kim.getByText('Ingen brugertests endnu.').waitFor()
    const list = await auditPage(kim, 'Campaign list, empty')
    expect(list.blocking, describeFindings(list.blocking)).toEqual([])
    await kim.getByRole('link', { name: 'Ny brugertest' }).first().click()
    await pageHeading(kim, 'Ny brugertest').waitFor()

    const name = kim.getByLabel('Navn')
    expect(await tabTo(kim, name)).toEqual([])
    await kim.keyboard.type(NAME)
    await kim.getByLabel('Tjekliste').selectOption({ label: TEMPLATE })
    await kim.getByLabel('Frist').fill('2026-12-18')
    const start = kim.getByRole('button', { name: 'Start brugertesten' })
    expect(await tabTo(kim, start)).toEqual([])
    await kim.keyboard.press('Enter')
    await kim.getByText('Vælg mindst én tester. En brugertest uden testere kan ikke startes.').waitFor()
    const form = await auditPage(kim, 'New campaign with an error')
    expect(form.blocking, describeFindings(form.blocking)).toEqual([])
    const anneBox = kim.getByRole('checkbox', { name: 'Anne Larsen' })
    expect(await isFocused(kim.getByRole('checkbox').first())).toBe(true)
    expect(await tabTo(kim, anneBox)).toEqual([])
    await kim.keyboard.press('Space')
    const boBox = kim.getByRole('checkbox', { name: 'Bo Holm' })
    expect(await tabTo(kim, boBox)).toEqual([])
    await kim.keyboard.press('Space')
    expect(await tabTo(kim, start)).toEqual([])
    await kim.keyboard.press('Enter')

    await pageHeading(kim, NAME).waitFor()
    await kim.getByText('0 af 2 testere færdige').waitFor()
    await synced(kim)
  })

  it('starting the same test again (same checklist, the name in other case and spacing) warns in Danish and links to the open one', async () => {
    await kim.goto(`${server.url}/kampagner/ny`)
    await pageHeading(kim, 'Ny brugertest').waitFor()
    await kim.getByLabel('Navn').fill(`  ${NAME.toLocaleUpperCase('da')}  `)
    const warning = kim.getByText(`Der er allerede en åben brugertest med samme navn og tjekliste: „${NAME}“.`, { exact: false })
    expect(await warning.count()).toBe(0)
    await kim.getByLabel('Tjekliste').selectOption({ label: TEMPLATE })
    await warning.waitFor()
    const form = await auditPage(kim, 'New campaign, same as an open one')
    expect(form.blocking, describeFindings(form.blocking)).toEqual([])
    await kim.getByRole('link', { name: 'Åbn den åbne brugertest' }).click()
    await pageHeading(kim, NAME).waitFor()
    await kim.getByText('0 af 2 testere færdige').waitFor()
  })

  it('Anne fills her run offline and writes what failed; Bo fills his online', async () => {
    await openRun(anne, 'Anne Larsen')
    await contexts[1]!.setOffline(true)
    await anne.getByRole('checkbox', { name: /^Log ind virker/ }).check()
    await anne.getByRole('checkbox', { name: /^Opret sag og dokument virker/ }).check()
    // "Virker ikke?" opens the failure field of that item only, with the focus in it.
    await anne.getByRole('button', { name: 'Virker ikke? Opret sag og dokument virker' }).click()
    const failure = anne.getByRole('textbox', { name: 'Fejl ved Opret sag og dokument virker: skriv hvad der gik galt' })
    expect(await isFocused(failure)).toBe(true)
    expect(await anne.getByRole('textbox', { name: /^Fejl ved/ }).count()).toBe(1)
    await failure.fill(FAILURE)
    await failure.blur()
    await finishAnyway(anne)

    // Bo's Home lists his own run of the campaign, not Anne's.
    await bo.goto(`${server.url}/`)
    const card = bo.getByRole('region', { name: 'Tjeklister i gang' })
    await card.getByRole('link', { name: new RegExp(`${NAME}.*Bo Holm`) }).waitFor({ timeout: 30_000 })
    expect(await card.getByRole('link', { name: new RegExp(NAME) }).count()).toBe(1)
    await openRun(bo, 'Bo Holm')
    await bo.getByRole('checkbox', { name: /^Log ind virker/ }).check()
    await bo.getByRole('checkbox', { name: /^Opret sag og dokument virker/ }).check()
    const run = await auditPage(bo, 'Campaign run')
    expect(run.blocking, describeFindings(run.blocking)).toEqual([])
    await finishAnyway(bo)
    await synced(bo)
  })

  it('the koordinator sees who has not finished, then after Anne syncs the result per item with her comment', async () => {
    await kim.reload()
    await kim.getByText('1 af 2 testere færdige').waitFor({ timeout: 30_000 })
    await kim.getByRole('link', { name: /Anne Larsen/ }).waitFor()

    await contexts[1]!.setOffline(false)
    await synced(anne, 30_000)
    await kim.getByText('2 af 2 testere færdige').waitFor({ timeout: 30_000 })
    await kim.getByText('Alle testere er færdige.').waitFor()
    const item = kim.getByRole('listitem').filter({ has: kim.getByRole('heading', { name: 'Opret sag og dokument virker' }) })
    await expect(item.textContent()).resolves.toMatch(/Bestået\s*1\s*Fejlet\s*1\s*Ikke testet\s*0/)
    await item.getByText(`Anne Larsen: ${FAILURE}`).waitFor()
    const login = kim.getByRole('listitem').filter({ has: kim.getByRole('heading', { name: 'Log ind virker' }) })
    await expect(login.textContent()).resolves.toMatch(/Bestået\s*2\s*Fejlet\s*0/)
    const page = await auditPage(kim, 'Campaign result')
    expect(page.blocking, describeFindings(page.blocking)).toEqual([])
  })

  it('the koordinator downloads the result as CSV for Danish Excel and closes the campaign with the keyboard', async () => {
    const exportButton = kim.getByRole('button', { name: 'Hent resultat (CSV)' })
    expect(await tabTo(kim, exportButton)).toEqual([])
    const [download] = await Promise.all([kim.waitForEvent('download'), kim.keyboard.press('Enter')])
    expect(download.suggestedFilename()).toBe('brugertest-acadre-24-2-brugertest.csv')
    const csv = readFileSync((await download.path())!, 'utf8')
    expect(csv.charCodeAt(0)).toBe(0xfeff)
    const lines = csv.slice(1).split('\r\n')
    expect(lines.slice(0, 7)).toEqual([
      `Brugertest;${NAME}`, `Tjekliste;${TEMPLATE}`, 'Frist;18.12.2026', 'Status;Åben', 'Testere;2', 'Færdige;2', '',
    ])
    expect(lines[7]).toBe('Punkt;Bestået;Fejlet;Ikke testet;Kommentarer til fejl')
    expect(lines).toContain(`Opret sag og dokument virker;1;1;0;Anne Larsen: ${FAILURE}`)
    expect(lines).toContain('Log ind virker;2;0;0;')

    const close = kim.getByRole('button', { name: 'Luk brugertesten' })
    expect(await tabTo(kim, close)).toEqual([])
    await kim.keyboard.press('Enter')
    await kim.getByText('Luk brugertesten? Resultatet gemmes, som det er nu.').waitFor()
    expect(await tabTo(kim, close)).toEqual([])
    await kim.keyboard.press('Enter')
    await kim.getByText('Lukket 07.12.2026').waitFor()
    await synced(kim)
    // Anne sees the closed campaign she tested in on her own list.
    await anne.goto(`${server.url}/kampagner`)
    await anne.getByRole('link', { name: new RegExp(`${NAME}.*Lukket`) }).waitFor({ timeout: 30_000 })
  })
})
