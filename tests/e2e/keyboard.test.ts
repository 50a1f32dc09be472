import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchBrowser } from './support/browser.ts'
import { serveBuild, type StaticServer } from './support/server.ts'
import { openPath } from './support/app.ts'
import { focusState, focusedHeading, isFocused, tabTo } from './support/keyboard.ts'

// The main flows with the keyboard alone: Tab, Shift+Tab, Enter, Space, arrow keys and typing.
// No clicks and no fill(): every step below is a key a keyboard user presses. Focus must be
// visible at every Tab stop, and land on the new page's heading after each navigation.

let server: StaticServer
let browser: Browser
let context: BrowserContext
let page: Page

/** Tab stops without a visible focus indicator, collected over all flows. */
const invisible: string[] = []

async function tab(target: Parameters<typeof tabTo>[1], back = false): Promise<void> {
  invisible.push(...await tabTo(page, target, { back }))
}

// Polls the text too: a screen may show its loading title in the focused h1 for a moment.
async function expectHeadingFocused(text: string | RegExp): Promise<void> {
  await expect.poll(async () => {
    const heading = await focusedHeading(page)
    return heading.tag === 'H1' ? heading.text : `(focus on ${heading.tag})`
  }).toMatch(text)
}

const nav = (name: string) => page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name, exact: true })

beforeAll(async () => {
  server = await serveBuild()
  browser = await launchBrowser()
  context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'da-DK', timezoneId: 'Europe/Copenhagen' })
  // Real time from a fixed Wednesday morning: a timer started and stopped at midnight would be
  // "forgotten", and its stop would open the correction form instead.
  await context.clock.install({ time: new Date('2026-11-25T10:00:00+01:00') })
  // What each focused page heading said at the moment it got focus (what a screen reader announces).
  await context.addInitScript(() => {
    const said: string[] = []
    Object.assign(window, { headingsAnnounced: said })
    document.addEventListener('focusin', (event) => {
      const target = event.target as HTMLElement
      if (target.tagName === 'H1') said.push(target.textContent?.trim() ?? '')
    })
  })
  page = await context.newPage()
  // Set-up, not part of a flow: an asset to find by its code.
  await openPath(page, server.url, '/udstyr/ny')
  await page.getByLabel('Navn').fill('Printer ved kantinen')
  await page.getByLabel('Kode').fill('P3R9TX')
  await page.getByRole('button', { name: 'Gem udstyr' }).click()
  await page.waitForURL(/\/udstyr\/[0-9a-f-]{36}$/)
  await openPath(page, server.url, '/')
})

afterAll(async () => {
  await context?.close()
  await browser?.close()
  await server?.close()
})

it('notices a focus indicator that is missing (the check itself works)', async () => {
  await page.evaluate(() => {
    document.querySelector('main')?.insertAdjacentHTML('afterbegin', '<button id="no-ring" style="outline:none;box-shadow:none">Ingen ring</button>')
  })
  const stops = await tabTo(page, page.locator('#no-ring'))
  expect(stops).toEqual([expect.stringMatching(/^<button> "Ingen ring" \(outline none/)])
  expect((await focusState(page)).visible).toBe(false)
  await page.evaluate(() => document.getElementById('no-ring')?.remove())
})

describe('keyboard only', () => {
  it('logs a request from Home: quick pick, requester, save', async () => {
    await tab(page.getByRole('link', { name: /Ny henvendelse/ }))
    await page.keyboard.press('Enter')
    await expectHeadingFocused('Hurtig henvendelse')

    await tab(page.getByRole('button', { name: /^Adgangskode \/ lås konto op/ }))
    await page.keyboard.press('Enter')
    const requester = page.getByLabel('Hvem spurgte?')
    await tab(requester)
    await page.keyboard.type('Jette Sørensen')
    await tab(page.getByRole('button', { name: 'Gem', exact: true }))
    await page.keyboard.press('Enter')
    // A quick request goes back to Home and says it was saved.
    await page.waitForURL(`${server.url}/`)
    await expectHeadingFocused('Overblik')
    await page.getByText(/^Henvendelse gemt/).first().waitFor()
  })

  it('starts and stops the timer, and the change is announced', async () => {
    await tab(nav('Tid'))
    await page.keyboard.press('Enter')
    await expectHeadingFocused(/^Uge \d+/)

    const start = page.getByRole('button', { name: 'Start tidtagning' })
    await tab(start)
    await page.keyboard.press('Space')
    const stop = page.getByRole('button', { name: 'Stop tidtagning' })
    await stop.waitFor()
    // The same button keeps focus, so the user can stop again without searching for it.
    await expect.poll(() => isFocused(stop)).toBe(true)
    await page.keyboard.press('Enter')
    await start.waitFor()
    await expect.poll(() => isFocused(start)).toBe(true)
    await expect.poll(() => page.locator('.timer [role="status"]').textContent()).not.toBe('')
  })

  it('completes a checklist: template by arrow keys, boxes by Space, numbers typed', async () => {
    await tab(nav('Tjeklister'))
    await page.keyboard.press('Enter')
    await expectHeadingFocused('Tjeklister')
    await tab(page.getByRole('link', { name: 'Start tjekliste' }).first())
    await page.keyboard.press('Enter')
    await expectHeadingFocused('Start tjekliste')

    const target = page.getByRole('radio', { name: /^Opfølgning på udtjekkede Acadre-dokumenter/ })
    await tab(page.getByRole('radio').first())
    // Tabbing into an unchecked group focuses without choosing; Space chooses, arrows move on.
    await page.keyboard.press('Space')
    for (let i = 0; i < 8 && !(await target.isChecked()); i++) await page.keyboard.press('ArrowDown')
    expect(await target.isChecked()).toBe(true)
    await tab(page.getByLabel('Navn'))
    await page.keyboard.type('Team Byg')
    await tab(page.getByRole('button', { name: 'Start tjekliste' }))
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/tjeklister\/[0-9a-f-]{36}$/)
    await expectHeadingFocused(/^Opfølgning på udtjekkede/)
    // Focus waits for the run to load, so its own title is announced, not the loading title.
    const announced = await page.evaluate(() => (window as unknown as { headingsAnnounced: string[] }).headingsAnnounced.at(-1))
    expect(announced).toMatch(/^Opfølgning på udtjekkede/)

    await tab(page.getByRole('checkbox', { name: /Liste over udtjekkede dokumenter/ }))
    await page.keyboard.press('Space')
    await tab(page.getByLabel(/Antal udtjekkede dokumenter/))
    await page.keyboard.type('3')
    await tab(page.getByRole('checkbox', { name: /Kolleger med udtjekkede dokumenter/ }))
    await page.keyboard.press('Space')
    await tab(page.getByLabel(/Antal tjekket ind igen/))
    await page.keyboard.type('2')
    await tab(page.getByRole('button', { name: 'Afslut tjekliste' }))
    await page.keyboard.press('Enter')
    await page.getByText('Tjeklisten er afsluttet.').first().waitFor()
  })

  it('finds an asset by its typed code', async () => {
    await tab(nav('Mere'))
    await page.keyboard.press('Enter')
    await expectHeadingFocused('Mere')
    await tab(page.getByRole('link', { name: 'Scan QR-kode' }))
    await page.keyboard.press('Enter')
    await expectHeadingFocused('Scan QR-kode')
    await tab(page.getByLabel('Eller skriv koden fra klistermærket'))
    await page.keyboard.type('p3r9tx')
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/udstyr\/[0-9a-f-]{36}$/)
    await expectHeadingFocused('Printer ved kantinen')
  })

  it('writes a tip with a live preview and finds it again by search', async () => {
    await tab(nav('Mere'))
    await page.keyboard.press('Enter')
    await expectHeadingFocused('Mere')
    await tab(page.getByRole('link', { name: 'Tips og tricks' }))
    await page.keyboard.press('Enter')
    await expectHeadingFocused('Tips og tricks')
    await tab(page.getByRole('link', { name: 'Skriv et tip' }))
    await page.keyboard.press('Enter')
    await expectHeadingFocused('Nyt tip')
    await tab(page.getByLabel('Titel'))
    await page.keyboard.type('Genvej til skærmbillede')
    await tab(page.getByLabel('Vejledning', { exact: true }))
    await page.keyboard.type('Tryk **Windows + Skift + S**')
    await page.getByRole('region', { name: 'Forhåndsvisning' }).locator('strong', { hasText: 'Windows + Skift + S' }).waitFor()
    await tab(page.getByRole('button', { name: 'Gem tip' }))
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/tips\/[0-9a-f-]{36}$/)
    await expectHeadingFocused('Genvej til skærmbillede')
    await tab(page.getByRole('link', { name: 'Tilbage' }), true)
    await page.keyboard.press('Enter')
    await expectHeadingFocused('Tips og tricks')
    await tab(page.getByLabel('Søg i tips'))
    await page.keyboard.type('skærm')
    await tab(page.getByRole('link', { name: /Genvej til skærmbillede/ }))
    await page.keyboard.press('Enter')
    await expectHeadingFocused('Genvej til skærmbillede')
  })

  it('reaches the navigation backwards with Shift+Tab from the page heading', async () => {
    await tab(nav('Hjem'), true)
    await page.keyboard.press('Enter')
    await expectHeadingFocused('Overblik')
  })

  it('showed a visible focus indicator at every Tab stop of the flows', () => {
    expect(invisible).toEqual([])
  })
})
