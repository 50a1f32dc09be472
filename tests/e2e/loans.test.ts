import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchBrowser, phoneWithClock } from './support/browser.ts'
import { startAppServer, type AppServer } from './support/appServer.ts'
import { pageHeading, signIn, synced } from './support/app.ts'
import { auditPage, describeFindings } from './support/axe.ts'
import { isFocused, tabTo } from './support/keyboard.ts'
import { writeSystemRecords } from '../../src/server/storage/systemWrite.ts'

// A superuser lends a headset "til udlån" offline at a colleague's desk, with the keyboard; after
// sync a second superuser sees the loan on the asset's page — two weeks later by her phone's clock,
// so overdue — and registers its return, which the first sees in the asset's history.
// The browsers' clocks are fixed (Monday 8 March 2027, and 25 March for the second); the server's only stamps.
const ANNE_NOW = new Date('2027-03-08T10:00:00+01:00')
const KIM_NOW = new Date('2027-03-25T10:00:00+01:00')
const ASSET = 'Headset til udlån 1'
const BORROWER = 'Ole Vikar'

let server: AppServer
let browser: Browser
const contexts: BrowserContext[] = []
let anne: Page
let kim: Page

beforeAll(async () => {
  server = await startAppServer()
  const now = Date.now()
  const base = { teamId: server.teamId, createdAt: now, createdBy: 'server', updatedAt: now, rev: 0, deletedAt: null }
  await writeSystemRecords(server.app.storage, [
    { table: 'departments', record: { ...base, id: 'dep-byg', name: 'Byggeri', location: 'Rådhuset' } },
    { table: 'assets', record: { ...base, id: 'a-headset', code: 'K7M4QX', type: 'headset', name: ASSET, model: 'Jabra', serial: '', building: 'A', floor: '1', room: '101', departmentId: null, notes: '', retiredAt: null, forLoan: true } },
  ])
  browser = await launchBrowser()
  anne = await phoneWithClock(browser, ANNE_NOW)
  kim = await phoneWithClock(browser, KIM_NOW)
  contexts.push(anne.context(), kim.context())
  const accounts = [await server.addUser('Anne Larsen', 'superbruger'), await server.addUser('Kim Dahl', 'superbruger')]
  await signIn(anne, server.url, accounts[0]!.email, accounts[0]!.password)
  await signIn(kim, server.url, accounts[1]!.email, accounts[1]!.password)
}, 120_000)

afterAll(async () => {
  for (const context of contexts) await context.close()
  await browser?.close()
  await server?.close()
})

describe('lending an asset', () => {
  it('lends it offline with the keyboard; bad input gets clear Danish errors', async () => {
    await anne.goto(`${server.url}/udstyr/a-headset/rediger`)
    await pageHeading(anne, 'Redigér udstyr').waitFor()
    expect(await anne.getByLabel('Kan lånes ud (til udlån)').isChecked()).toBe(true)
    await anne.getByLabel('Kan lånes ud (til udlån)').scrollIntoViewIfNeeded()
    await anne.goto(`${server.url}/udstyr/a-headset`)
    await pageHeading(anne, ASSET).waitFor()
    await anne.getByText('Ledigt til udlån').waitFor()
    await contexts[0]!.setOffline(true)
    const lend = anne.getByRole('link', { name: 'Lån ud' })
    expect(await tabTo(anne, lend)).toEqual([])
    await anne.keyboard.press('Enter')
    await pageHeading(anne, `Lån ${ASSET} ud`).waitFor()

    const fromList = anne.getByLabel('En kollega fra listen')
    expect(await tabTo(anne, fromList)).toEqual([])
    await anne.keyboard.press('ArrowDown')
    expect(await anne.getByLabel('Skriv navn').isChecked()).toBe(true)
    const save = anne.getByRole('button', { name: 'Gem udlån' })
    expect(await tabTo(anne, save)).toEqual([])
    await anne.keyboard.press('Enter')
    await anne.getByText('Vælg en kollega, eller skriv lånerens navn.').waitFor()
    const name = anne.getByLabel('Navn', { exact: true })
    expect(await isFocused(name)).toBe(true)
    await anne.keyboard.type(BORROWER)
    await anne.getByLabel('Afdeling').selectOption({ label: 'Byggeri' })
    await anne.getByLabel('Forventes afleveret').fill('2027-03-01')
    await save.focus()
    await anne.keyboard.press('Enter')
    await anne.getByText('Afleveringsdatoen kan ikke ligge før udlånsdatoen.').waitFor()
    expect(await isFocused(anne.getByLabel('Forventes afleveret'))).toBe(true)
    await anne.getByLabel('Forventes afleveret').fill('2027-03-22')
    const form = await auditPage(anne, 'Lend an asset')
    expect(form.blocking, describeFindings(form.blocking)).toEqual([])
    await save.focus()
    await anne.keyboard.press('Enter')

    await pageHeading(anne, ASSET).waitFor()
    await anne.getByText('Udlånt nu').first().waitFor()
    await anne.getByText('Afleveres senest 22.03.2027').waitFor()
    const page = await auditPage(anne, 'Asset on loan')
    expect(page.blocking, describeFindings(page.blocking)).toEqual([])
    await contexts[0]!.setOffline(false)
    await synced(anne)
  })

  it('the second phone sees the loan, overdue by its date, lists it under Udlån and registers the return', async () => {
    await kim.goto(`${server.url}/udstyr/udlaan`)
    await pageHeading(kim, 'Udlån').waitFor()
    const row = kim.getByRole('listitem').filter({ hasText: ASSET })
    await row.waitFor({ timeout: 20_000 })
    await row.getByText('Overskredet').waitFor()
    await row.getByText(BORROWER).waitFor()
    const list = await auditPage(kim, 'Loans')
    expect(list.blocking, describeFindings(list.blocking)).toEqual([])
    await row.getByRole('link').click()
    await pageHeading(kim, ASSET).waitFor()
    await kim.getByText('Skulle være afleveret 22.03.2027').waitFor()
    await kim.getByRole('button', { name: 'Registrér aflevering' }).click()
    await kim.getByText('Afleveringen er registreret').waitFor()
    await kim.getByText('Ledigt til udlån').waitFor()
    await synced(kim)
  })

  it('the first phone sees the return in the asset history', async () => {
    await anne.goto(`${server.url}/udstyr/a-headset`)
    await pageHeading(anne, ASSET).waitFor()
    await synced(anne)
    await anne.getByText('Afleveret 25.03.2027, registreret af Kim Dahl').waitFor({ timeout: 20_000 })
    await anne.getByText('Ledigt til udlån').waitFor()
  })
})
