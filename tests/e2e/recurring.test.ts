import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchBrowser, newPhoneContext } from './support/browser.ts'
import { startAppServer, type AppServer } from './support/appServer.ts'
import { pageHeading, signIn, synced } from './support/app.ts'
import { auditPage, describeFindings } from './support/axe.ts'
import { isFocused, tabTo } from './support/keyboard.ts'
import { writeSystemRecords } from '../../src/server/storage/systemWrite.ts'

// A koordinator makes "Databeskyttelse: gennemgang af fællesdrev" recur per home area; the server
// makes the run for the superuser's home area, which Home shows as due soon; she completes it with
// the "next date" item filled, and after sync the koordinator's phone has the next run due then.
// The browsers' clocks run from Monday 8 March 2027 (the server's clock only stamps creation).
const NOW = new Date('2027-03-08T10:00:00+01:00')
const TEMPLATE = 'Databeskyttelse: gennemgang af fællesdrev'
const DEPARTMENT = 'Byggeri og Miljø'

let server: AppServer
let browser: Browser
const contexts: BrowserContext[] = []
let anne: Page
let kim: Page



beforeAll(async () => {
  server = await startAppServer()
  const now = Date.now()
  await writeSystemRecords(server.app.storage, [{ table: 'departments', record: {
    id: 'dep-byggeri', teamId: server.teamId, createdAt: now, createdBy: 'server', updatedAt: now, rev: 0, deletedAt: null, name: DEPARTMENT, location: 'Rådhuset',
  } }])
  browser = await launchBrowser()
  for (let i = 0; i < 2; i += 1) {
    const context = await newPhoneContext(browser)
    await context.clock.install({ time: NOW })
    contexts.push(context)
  }
  ;[anne, kim] = await Promise.all(contexts.map((c) => c.newPage())) as [Page, Page]
  const accounts = [await server.addUser('Anne Larsen', 'superbruger'), await server.addUser('Kim Dahl', 'koordinator')]
  await signIn(anne, server.url, accounts[0]!.email, accounts[0]!.password)
  await signIn(kim, server.url, accounts[1]!.email, accounts[1]!.password)
  // Anne's home area, as she sets it on her account page.
  await anne.goto(`${server.url}/mere/konto`)
  await anne.getByRole('combobox', { name: 'Mit hjemmeområde' }).selectOption({ label: DEPARTMENT })
  await anne.getByText('Hjemmeområdet er gemt').waitFor()
  await synced(anne)
}, 120_000)

afterAll(async () => {
  for (const context of contexts) await context.close()
  await browser?.close()
  await server?.close()
})

describe('recurring checklists', () => {
  it('the koordinator sets a template to recur with the keyboard; a zero interval gets a clear Danish error', async () => {
    await kim.goto(`${server.url}/mere/skabeloner`)
    await kim.getByRole('link', { name: new RegExp(TEMPLATE) }).click()
    await pageHeading(kim, 'Redigér skabelon').waitFor()
    const toggle = kim.getByLabel('Gentag tjeklisten')
    expect(await tabTo(kim, toggle)).toEqual([])
    await kim.keyboard.press('Space')
    const every = kim.getByLabel('Hver', { exact: true })
    expect(await tabTo(kim, every)).toEqual([])
    await kim.keyboard.press('ControlOrMeta+A')
    await kim.keyboard.type('0')
    const save = kim.getByRole('button', { name: 'Gem gentagelse' })
    expect(await tabTo(kim, save)).toEqual([])
    await kim.keyboard.press('Enter')
    await kim.getByText('Intervallet skal være et helt tal fra 1 til 120. Nul eller et negativt tal kan ikke bruges.').waitFor()
    expect(await isFocused(every)).toBe(true)
    await kim.keyboard.press('ControlOrMeta+A')
    await kim.keyboard.type('3')
    await kim.getByLabel('Enhed').selectOption({ label: 'måned(er)' })
    await kim.getByLabel('Hver afdeling, der er en superbrugers hjemområde').check()
    await kim.getByLabel('Første frist').fill('2027-03-12')
    const form = await auditPage(kim, 'Template recurrence')
    expect(form.blocking, describeFindings(form.blocking)).toEqual([])
    await save.focus()
    await kim.keyboard.press('Enter')
    await kim.getByText('Gentagelsen er gemt').waitFor()
    await synced(kim)
  })

  it('the server makes the run for Anne\'s home area; her Home shows it under "Forfalder snart"', async () => {
    await anne.goto(`${server.url}/`)
    const card = anne.getByRole('region', { name: 'Forfalder snart' })
    const item = card.getByRole('link', { name: new RegExp(TEMPLATE) })
    await item.waitFor({ timeout: 30_000 })
    await expect(item.textContent()).resolves.toContain('Frist 12.03.2027')
    await expect(item.textContent()).resolves.toContain(DEPARTMENT)
    const home = await auditPage(anne, 'Home with due soon')
    expect(home.blocking, describeFindings(home.blocking)).toEqual([])
  })

  it('Anne completes it with the next date filled; after sync Kim\'s phone has the next run due on that date', async () => {
    await anne.getByRole('region', { name: 'Forfalder snart' }).getByRole('link', { name: new RegExp(TEMPLATE) }).click()
    await pageHeading(anne, TEMPLATE).waitFor()
    await anne.getByText('Datoen bliver fristen for næste runde, når tjeklisten gentages.').waitFor()
    await anne.getByLabel('Dato for næste gennemgang').fill('2027-06-01')
    await anne.getByLabel('Dato for næste gennemgang').blur()
    await anne.getByRole('button', { name: 'Afslut tjekliste' }).click()
    await anne.getByLabel('Begrundelse').fill('Kun G:\\Byggeri nåede vi i dag')
    await anne.getByRole('button', { name: 'Afslut uden alle punkter' }).click()
    await anne.getByText('Tjeklisten er afsluttet.').waitFor()
    await synced(anne)

    await kim.goto(`${server.url}/tjeklister`)
    const next = kim.getByRole('link', { name: new RegExp(`${TEMPLATE}.*Frist 01\\.06\\.2027`) })
    await next.waitFor({ timeout: 30_000 })
    await expect(next.textContent()).resolves.toContain(DEPARTMENT)
    // Not due within a week: Anne's Home no longer lists anything as due soon.
    await anne.goto(`${server.url}/`)
    await anne.getByText('Ingen tjeklister i dit hjemområde forfalder de næste 7 dage.').waitFor({ timeout: 30_000 })
  })
})
