import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { writeSystemRecords } from '../../src/server/storage/systemWrite.ts'
import { sampleRecord } from '../server/support/records.ts'
import { pageHeading, signIn, synced } from './support/app.ts'
import { startAppServer, type AppServer } from './support/appServer.ts'
import { auditPage, describeFindings } from './support/axe.ts'
import { launchBrowser, newPhoneContext } from './support/browser.ts'

// Anne photographs a printer's error screen on a request (the file chooser stands in for the
// camera); the photo is shrunk on her phone, stored there, and sent after the request syncs. Kim's
// phone fetches it when he opens the request. A text file posing as a photo is refused in Danish.
// The browsers' clocks run from Monday 8 March 2027, 10.00 Copenhagen time.
const NOW = new Date('2027-03-08T10:00:00+01:00')
const REQUEST_ID = '0193a000-0000-7000-8000-0000000ph0t0'
const ASSET_ID = '0193a000-0000-7000-8000-0000000a55e7'
const TIP_ID = '0193a000-0000-7000-8000-00000000071b'
const SHOTS = process.env.E2E_SCREENSHOTS

let server: AppServer
let browser: Browser
const contexts: BrowserContext[] = []
let anne: Page
let kim: Page

function photoSection(page: Page): Locator {
  return page.getByRole('region', { name: 'Billeder' })
}

/** A 2400×1800 PNG drawn in the page: bigger than the app keeps, so it must be shrunk. */
async function screenPhoto(page: Page, text = 'Fejl 0x80070005 – papirstop'): Promise<Buffer> {
  const dataUrl = await page.evaluate((text) => {
    const canvas = document.createElement('canvas')
    canvas.width = 2400
    canvas.height = 1800
    const c = canvas.getContext('2d')!
    for (let y = 0; y < 1800; y += 60) {
      c.fillStyle = `hsl(${(y / 1800) * 360}, 60%, 50%)`
      c.fillRect(0, y, 2400, 60)
    }
    c.fillStyle = '#fff'
    c.font = '120px sans-serif'
    c.fillText(text, 100, 900)
    return canvas.toDataURL('image/png')
  }, text)
  return Buffer.from(dataUrl.split(',')[1]!, 'base64')
}

beforeAll(async () => {
  server = await startAppServer()
  browser = await launchBrowser()
  for (let i = 0; i < 2; i += 1) {
    const context = await newPhoneContext(browser)
    await context.clock.install({ time: NOW })
    contexts.push(context)
  }
  ;[anne, kim] = await Promise.all(contexts.map((c) => c.newPage())) as [Page, Page]
  const accounts = [await server.addUser('Anne Larsen', 'superbruger'), await server.addUser('Kim Dahl', 'superbruger')]
  await writeSystemRecords(server.app.storage, [{ table: 'requests', record: sampleRecord('requests', REQUEST_ID, server.teamId, accounts[0]!.id, {
    requesterName: 'Jens Hansen', category: 'hardware', status: 'i gang', description: 'Printeren viser en fejlkode',
    history: [{ at: 1, by: accounts[0]!.id, from: null, to: 'i gang' }],
  }) }])
  await signIn(anne, server.url, accounts[0]!.email, accounts[0]!.password)
  await signIn(kim, server.url, accounts[1]!.email, accounts[1]!.password)
}, 120_000)

afterAll(async () => {
  for (const context of contexts) await context.close()
  await browser?.close()
  await server?.close()
})

describe('photos on a request', () => {
  it('a photo taken on one phone is shrunk, sent after sync, and reaches the other phone', async () => {
    await anne.goto(`${server.url}/henvendelser/${REQUEST_ID}`)
    await pageHeading(anne, 'Henvendelse').waitFor()
    const section = photoSection(anne)
    await section.getByText('Ingen billeder endnu.').waitFor()
    await section.getByText('Billeder af skærme kan vise CPR-numre', { exact: false }).waitFor()
    const add = section.getByRole('button', { name: 'Tag eller vælg billede' })
    expect(await add.getAttribute('aria-describedby')).toBeTruthy()
    expect(await section.locator('input[type=file]').getAttribute('capture')).toBe('environment')
    expect(await section.locator('input[type=file]').getAttribute('accept')).toBe('image/*')

    await section.locator('input[type=file]').setInputFiles({ name: 'printer.png', mimeType: 'image/png', buffer: await screenPhoto(anne) })
    const image = section.getByRole('img', { name: 'Billede 1 af 1, taget 08.03.2027 kl. 10.00' })
    await image.waitFor()
    if (SHOTS) await anne.screenshot({ path: `${SHOTS}/photos-anne.png`, fullPage: true })

    // The request syncs first; then the upload queue sends the image and the waiting note goes.
    await synced(anne)
    await section.getByText('Venter på at blive sendt').waitFor({ state: 'detached', timeout: 20_000 })
    const rows = await server.app.storage.db.selectFrom('photos').select(['team_id', 'bytes', 'content_type']).execute()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ team_id: server.teamId, content_type: 'image/jpeg' })
    expect(Number(rows[0]!.bytes)).toBeLessThanOrEqual(300 * 1024)
    const stored = await server.app.storage.db.selectFrom('records').select('data').where('id', '=', REQUEST_ID).executeTakeFirstOrThrow()
    expect(JSON.parse(stored.data).photos).toMatchObject([{ width: 1600, height: 1200, bytes: Number(rows[0]!.bytes) }])

    await kim.reload()
    await synced(kim)
    await kim.goto(`${server.url}/henvendelser/${REQUEST_ID}`)
    const seen = photoSection(kim).getByRole('img', { name: 'Billede 1 af 1, taget 08.03.2027 kl. 10.00' })
    await seen.waitFor()
    await expect.poll(() => seen.evaluate((img: HTMLImageElement) => img.complete ? img.naturalWidth : 0), { timeout: 10_000 }).toBe(1600)
    if (SHOTS) await kim.screenshot({ path: `${SHOTS}/photos-kim.png`, fullPage: true })

    // Fetched once, kept: the photo shows again with no network.
    await contexts[1]!.setOffline(true)
    await kim.reload()
    const offline = photoSection(kim).getByRole('img', { name: 'Billede 1 af 1, taget 08.03.2027 kl. 10.00' })
    await offline.waitFor()
    await expect.poll(() => offline.evaluate((img: HTMLImageElement) => img.complete ? img.naturalWidth : 0), { timeout: 10_000 }).toBe(1600)
    await contexts[1]!.setOffline(false)
  })

  it('a leder sees the photo but cannot add or remove one', async () => {
    const account = await server.addUser('Lea Holm', 'leder')
    const context = await newPhoneContext(browser)
    await context.clock.install({ time: NOW })
    contexts.push(context)
    const lea = await context.newPage()
    await signIn(lea, server.url, account.email, account.password)
    await lea.goto(`${server.url}/henvendelser/${REQUEST_ID}`)
    const section = photoSection(lea)
    await section.getByRole('img', { name: 'Billede 1 af 1, taget 08.03.2027 kl. 10.00' }).waitFor()
    expect(await section.getByRole('button').count()).toBe(0)
    expect(await section.locator('input[type=file]').count()).toBe(0)
    if (SHOTS) await lea.screenshot({ path: `${SHOTS}/photos-lea.png`, fullPage: true })
  })

  it('the photo section passes axe', async () => {
    const audit = await auditPage(anne, 'Request photos')
    expect(audit.blocking, describeFindings(audit.blocking)).toEqual([])
  })

  it('refuses a file that is not an image with a Danish reason and keeps the request as it was', async () => {
    await anne.goto(`${server.url}/henvendelser/${REQUEST_ID}`)
    const section = photoSection(anne)
    await section.getByRole('img').first().waitFor()
    await section.locator('input[type=file]').setInputFiles({ name: 'skaerm.png', mimeType: 'image/png', buffer: Buffer.from('ikke et billede') })
    await section.getByRole('alert').filter({ hasText: 'Filen er ikke et billede.' }).waitFor()
    expect(await section.getByRole('img').count()).toBe(1)
    await expect.poll(() => anne.evaluate(() => document.querySelector('.request-description')?.textContent)).toBe('Printeren viser en fejlkode')
  })

  it('an asset and a tip carry photos too, uploaded after sync', async () => {
    await writeSystemRecords(server.app.storage, [
      { table: 'assets', record: sampleRecord('assets', ASSET_ID, server.teamId, 'server', { code: 'K7M4QX', name: 'Printer 2. sal' }) },
      { table: 'tips', record: sampleRecord('tips', TIP_ID, server.teamId, 'server', { title: 'Sådan rydder du papirstop', body: 'Åbn låge B.' }) },
    ])
    await anne.reload()
    await synced(anne)
    for (const path of [`/udstyr/${ASSET_ID}`, `/tips/${TIP_ID}`]) {
      await anne.goto(`${server.url}${path}`)
      const section = photoSection(anne)
      await section.getByText('Ingen billeder endnu.').waitFor()
      await section.locator('input[type=file]').setInputFiles({ name: 'foto.png', mimeType: 'image/png', buffer: await screenPhoto(anne, path) })
      await section.getByRole('img', { name: /^Billede 1 af 1,/ }).waitFor()
    }
    const named = async () => (await server.app.storage.db.selectFrom('records').select(['id', 'data']).where('id', 'in', [ASSET_ID, TIP_ID]).execute())
      .map((r) => `${r.id}:${JSON.parse(r.data).photos?.length ?? 0}`).sort()
    await expect.poll(named, { timeout: 20_000 }).toEqual([`${TIP_ID}:1`, `${ASSET_ID}:1`].sort())
    await expect.poll(async () => (await server.app.storage.db.selectFrom('photos').select('hash').execute()).length, { timeout: 20_000 }).toBe(3)
  })
})
