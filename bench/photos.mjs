// Photo-upload benchmark: 20 photos queued on a phone go out over Chromium's "Slow 4G" throttling
// while the person keeps working. Prints how long record sync takes with the photo queue busy and
// idle, and how long the photos take. Prints figures; never fails on time.
// Needs the production build: `npm run build`, then `npm run bench:photos`.
import { existsSync } from 'node:fs'
import { cpus, platform, release } from 'node:os'
import { writeSystemRecords } from '../src/server/storage/systemWrite.ts'
import { sampleRecord } from '../tests/server/support/records.ts'
import { pageHeading, signIn } from '../tests/e2e/support/app.ts'
import { startAppServer } from '../tests/e2e/support/appServer.ts'
import { launchBrowser, newPhoneContext } from '../tests/e2e/support/browser.ts'

const PHOTOS = 20
const CHANGES = 3
const REQUEST_ID = '0193a000-0000-7000-8000-0000000be4c1'
// Chromium DevTools' "Slow 4G" preset (front_end/core/sdk/NetworkManager.ts).
const SLOW_4G = { offline: false, latency: 150 * 3.75, downloadThroughput: (1.6 * 1000 * 1000) / 8 * 0.9, uploadThroughput: (750 * 1000) / 8 * 0.9 }
const OFFLINE = { offline: true, latency: 0, downloadThroughput: -1, uploadThroughput: -1 }

if (!existsSync('dist/index.html')) {
  console.error('dist/ is missing: run `npm run build` first')
  process.exit(1)
}

async function until(check, timeoutMs = 300_000) {
  const began = performance.now()
  for (;;) {
    const value = await check()
    if (value) return performance.now() - began
    if (performance.now() - began > timeoutMs) throw new Error('timed out')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** A 2400×1800 PNG with some detail, different per seed (so each photo has its own hash). */
function drawPhoto(page, seed) {
  return page.evaluate((seed) => {
    const canvas = document.createElement('canvas')
    canvas.width = 2400
    canvas.height = 1800
    const c = canvas.getContext('2d')
    let x = seed * 7919
    const random = () => ((x = (x * 48271) % 2147483647) / 2147483647)
    for (let i = 0; i < 4000; i++) {
      c.fillStyle = `hsl(${random() * 360}, 50%, ${30 + random() * 40}%)`
      c.fillRect(random() * 2400, random() * 1800, 20 + random() * 200, 10 + random() * 60)
    }
    c.fillStyle = '#fff'
    c.font = '100px sans-serif'
    c.fillText(`Skærmbillede ${seed}`, 100, 900)
    return canvas.toDataURL('image/png')
  }, seed).then((url) => Buffer.from(url.split(',')[1], 'base64'))
}

const server = await startAppServer()
const browser = await launchBrowser()
const db = server.app.storage.db
const serverStatus = async () => JSON.parse((await db.selectFrom('records').select('data').where('id', '=', REQUEST_ID).executeTakeFirstOrThrow()).data)
const photosOnServer = async () => Number((await db.selectFrom('photos').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)

try {
  const account = await server.addUser('Bench Bruger', 'superbruger')
  await writeSystemRecords(server.app.storage, [{ table: 'requests', record: sampleRecord('requests', REQUEST_ID, server.teamId, account.id, {
    requesterName: 'Jens', category: 'hardware', status: 'i gang', description: 'Printer viser fejl', history: [{ at: 1, by: account.id, from: null, to: 'i gang' }],
  }) }])
  const context = await newPhoneContext(browser)
  const page = await context.newPage()
  await signIn(page, server.url, account.email, account.password)
  await page.goto(`${server.url}/henvendelser/${REQUEST_ID}`)
  await pageHeading(page, 'Henvendelse').waitFor()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')

  // Twenty photos taken with no network: they wait on the phone with their request's change.
  await cdp.send('Network.emulateNetworkConditions', OFFLINE)
  const input = page.locator('input[type=file]')
  let bytesTaken = 0
  for (let i = 1; i <= PHOTOS; i++) {
    const buffer = await drawPhoto(page, i)
    bytesTaken += buffer.length
    await input.setInputFiles({ name: `foto-${i}.png`, mimeType: 'image/png', buffer })
    await page.getByRole('img', { name: new RegExp(`^Billede ${i} af ${i},`) }).waitFor({ timeout: 30_000 })
  }

  // Back on a slow network: the records go first, the photos follow on their own queue.
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G)
  const online = performance.now()
  await page.evaluate(() => window.dispatchEvent(new Event('online')))
  const recordsMs = await until(async () => (await serverStatus()).photos?.length === PHOTOS)
  const photosAtRecords = await photosOnServer()

  const statusButton = (name) => page.getByRole('region', { name: 'Billeder' }).page().getByRole('button', { name, exact: true })
  async function changeStatus(to, label) {
    const began = performance.now()
    await statusButton(label).click()
    await until(async () => (await serverStatus()).status === to, 120_000)
    return performance.now() - began
  }
  const busy = []
  const photosDuringBusy = []
  for (let i = 0; i < CHANGES; i++) {
    busy.push(await changeStatus('venter', 'Venter'))
    busy.push(await changeStatus('i gang', 'I gang'))
    photosDuringBusy.push(await photosOnServer())
  }
  await until(async () => (await photosOnServer()) === PHOTOS)
  const photosMs = performance.now() - online
  const idle = []
  for (let i = 0; i < CHANGES; i++) {
    idle.push(await changeStatus('venter', 'Venter'))
    idle.push(await changeStatus('i gang', 'I gang'))
  }
  const stored = await db.selectFrom('photos').select('bytes').execute()
  const storedBytes = stored.reduce((sum, r) => sum + Number(r.bytes), 0)

  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
  const ms = (v) => `${Math.round(v)} ms`
  console.log(`Photo upload benchmark — ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${platform()} ${release()}, Chromium "Slow 4G" (562.5 ms, 1.44 Mbit/s down, 675 kbit/s up)`)
  console.log(`photos queued offline                 ${PHOTOS} (chosen ${(bytesTaken / 1024 / 1024).toFixed(1)} MB as PNG, stored ${(storedBytes / 1024).toFixed(0)} KB as JPEG, largest ${(Math.max(...stored.map((r) => Number(r.bytes))) / 1024).toFixed(0)} KB)`)
  console.log(`records on the server after going online ${ms(recordsMs)} (photos uploaded by then: ${photosAtRecords}/${PHOTOS})`)
  console.log(`all photos on the server after        ${ms(photosMs)}`)
  console.log(`status change → server, photos busy   median ${ms(median(busy))}, max ${ms(Math.max(...busy))} (n=${busy.length}; photos uploaded meanwhile: ${photosDuringBusy.join(', ')})`)
  console.log(`status change → server, queue idle    median ${ms(median(idle))}, max ${ms(Math.max(...idle))} (n=${idle.length})`)
  await context.close()
} finally {
  await browser.close()
  await server.close()
}
