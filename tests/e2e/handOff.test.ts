import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { writeSystemRecords } from '../../src/server/storage/systemWrite.ts'
import { sampleRecord } from '../server/support/records.ts'
import { startSmtpSink, type SmtpSink } from '../server/support/smtpSink.ts'
import { startTopdeskStandIn, type TopdeskStandIn } from '../server/support/topdeskStandIn.ts'
import { pageHeading } from './support/app.ts'
import { startAppServer, type AppServer } from './support/appServer.ts'
import { auditPage, describeFindings } from './support/axe.ts'
import { launchBrowser, newPhoneContext, waitForServiceWorker } from './support/browser.ts'
import { focusState, isFocused } from './support/keyboard.ts'

// A superuser hands a request to IT-afdelingen from a phone with no network; after sync the real
// server mails a real SMTP server once. Then, with the keyboard alone, they hand it on to TOPdesk
// (a stand-in of its API); when IT closes the incident there, the page says "Løst af IT".
const REQUEST_ID = '0193a000-0000-7000-8000-00000000e2e1'
const SHOTS = process.env.E2E_SCREENSHOTS

let server: AppServer
let smtp: SmtpSink
let topdesk: TopdeskStandIn
let browser: Browser
let context: BrowserContext
let page: Page

function handOffSection(): Locator {
  return page.getByRole('region', { name: 'Send til IT-afdelingen' })
}

async function synced(): Promise<void> {
  await page.locator('.sync-line').filter({ hasText: /^Synkroniseret/ }).waitFor({ timeout: 20_000 })
}

beforeAll(async () => {
  smtp = await startSmtpSink()
  topdesk = await startTopdeskStandIn(11)
  server = await startAppServer({
    handOff: {
      smtpUrl: smtp.url, helpdeskEmail: 'helpdesk@it.e2e.dk', mailFrom: 'superbruger@e2e.dk', followUpMs: 1_000, roundEveryMs: 300,
      topdesk: { url: topdesk.url, user: topdesk.user, appPassword: topdesk.appPassword, categories: { hardware: { category: 'Hardware', subcategory: 'Printer' } } },
    },
  })
  const cecilie = await server.addUser('Cecilie Jakobsen', 'superbruger', 'cecilie@e2e.dk')
  await writeSystemRecords(server.app.storage, [
    { table: 'departments', record: sampleRecord('departments', 'dep-byg', server.teamId, cecilie.id, { name: 'Byggeri', location: 'Rådhuset' }) },
    { table: 'assets', record: sampleRecord('assets', 'asset-p2', server.teamId, cecilie.id, { code: 'K7M4QX', name: 'Printer 2. sal', building: 'A', floor: '2', room: '201' }) },
    { table: 'requests', record: sampleRecord('requests', REQUEST_ID, server.teamId, cecilie.id, {
      requesterName: 'Jens Hansen', departmentId: 'dep-byg', assetId: 'asset-p2', category: 'hardware', status: 'i gang',
      assigneeId: cecilie.id, description: 'Printeren trækker ikke papir', history: [{ at: 1, by: cecilie.id, from: null, to: 'i gang' }],
    }) },
  ])
  browser = await launchBrowser()
  context = await newPhoneContext(browser)
  page = await context.newPage()
  await page.goto(`${server.url}/log-ind`)
  await page.getByLabel('E-mail').fill(cecilie.email)
  await page.getByLabel('Adgangskode').fill(cecilie.password)
  await page.getByRole('button', { name: 'Log ind', exact: true }).click()
  await pageHeading(page, 'Overblik').waitFor()
  await waitForServiceWorker(page)
  await synced()
}, 120_000)

afterAll(async () => {
  await context?.close()
  await browser?.close()
  await server?.close()
  await smtp?.stop()
  await topdesk?.stop()
})

describe('hand-off to central IT', () => {
  it('hands a request to IT offline; after sync the helpdesk gets exactly one mail', async () => {
    await page.goto(`${server.url}/henvendelser/${REQUEST_ID}`)
    await pageHeading(page, 'Henvendelse').waitFor()
    await handOffSection().getByText('Henvendelsen er ikke sendt til IT-afdelingen.').waitFor()
    await context.setOffline(true)
    await handOffSection().getByRole('button', { name: 'Send til IT-afdelingen' }).click()
    await expect(handOffSection().getByRole('radio', { name: /Mail til IT-helpdesk/ }).isChecked()).resolves.toBe(true)
    await handOffSection().getByLabel('Det har du prøvet (valgfri)').fill('Slukket og tændt, skiftet papirbakke')
    await handOffSection().getByText('Du er offline.').waitFor()
    const form = await auditPage(page, 'Hand-off form')
    expect(form.blocking, describeFindings(form.blocking)).toEqual([])
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/handoff-form.png`, fullPage: true })
    await handOffSection().getByRole('button', { name: 'Send til IT', exact: true }).click()
    await handOffSection().getByText('Venter på at blive sendt').waitFor()
    await handOffSection().getByText('Ligger på telefonen og sendes ved næste synkronisering.').waitFor()
    await page.locator('.request-status').getByText('Sendt til IT').waitFor()
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/handoff-waiting.png`, fullPage: true })
    expect(smtp.mails).toHaveLength(0)

    await context.setOffline(false)
    await expect.poll(() => smtp.mails.length, { timeout: 20_000 }).toBe(1)
    await handOffSection().getByText('Sendt til IT', { exact: true }).waitFor({ timeout: 20_000 })
    const mail = smtp.mails[0]!
    expect(mail.to).toMatchObject({ text: 'helpdesk@it.e2e.dk' })
    for (const line of ['Hvem: Jens Hansen', 'Afdeling: Byggeri, Rådhuset', 'Udstyr: K7M4QX · Printer 2. sal', 'prøvet: Slukket og tændt, skiftet papirbakke', 'Kontakt: Cecilie Jakobsen <cecilie@e2e.dk>']) {
      expect(mail.text).toContain(line)
    }
  })

  it('with the keyboard alone hands it on to TOPdesk; when IT closes the incident the page says "Løst af IT"', async () => {
    const again = handOffSection().getByRole('button', { name: 'Send til IT-afdelingen igen' })
    await again.focus()
    await page.keyboard.press('Enter')
    const legend = handOffSection().locator('legend')
    await expect.poll(() => isFocused(legend)).toBe(true)
    await page.keyboard.press('Tab')
    const mail = handOffSection().getByRole('radio', { name: /Mail til IT-helpdesk/ })
    await expect.poll(() => isFocused(mail)).toBe(true)
    expect((await focusState(page)).visible).toBe(true)
    await page.keyboard.press('ArrowDown')
    await expect(handOffSection().getByRole('radio', { name: /Sag i TOPdesk/ }).isChecked()).resolves.toBe(true)
    await page.keyboard.press('Tab')
    await expect.poll(() => isFocused(handOffSection().getByLabel('Det har du prøvet (valgfri)'))).toBe(true)
    await page.keyboard.type('Mailen er sendt; printeren er stadig i stykker')
    await page.keyboard.press('Tab')
    const send = handOffSection().getByRole('button', { name: 'Send til IT', exact: true })
    await expect.poll(() => isFocused(send)).toBe(true)
    expect((await focusState(page)).visible).toBe(true)
    await page.keyboard.press('Enter')

    await expect.poll(() => topdesk.incidents.length, { timeout: 20_000 }).toBe(1)
    const incident = topdesk.incidents[0]!
    expect(incident).toMatchObject({ externalNumber: REQUEST_ID, briefDescription: 'Printeren trækker ikke papir', object: { name: 'K7M4QX' }, category: { name: 'Hardware' } })
    await handOffSection().getByText(`Sagsnummer: ${incident.number}`).waitFor({ timeout: 20_000 })
    await expect(handOffSection().getByRole('button', { name: /Send til IT-afdelingen/ }).count()).resolves.toBe(0)
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/handoff-sent.png`, fullPage: true })

    topdesk.close(incident.number)
    await handOffSection().getByText('Løst af IT').waitFor({ timeout: 20_000 })
    await handOffSection().getByText(/IT-afdelingen lukkede sagen/).waitFor()
    const solved = await auditPage(page, 'Request handed off, solved by IT')
    expect(solved.blocking, describeFindings(solved.blocking)).toEqual([])
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/handoff-solved.png`, fullPage: true })
    expect(topdesk.calls.create).toBe(1)
    expect(smtp.mails).toHaveLength(1)
  })
})
