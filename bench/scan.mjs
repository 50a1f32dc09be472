// Scanner benchmark: time from opening the scan screen to the asset page with Chromium's fake
// camera showing a QR sticker, and decode time per frame. Prints figures; never fails on time.
// Needs the production build: `npm run build`, then `npm run bench:scan`.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { cpus, platform, release, tmpdir } from 'node:os'
import { join } from 'node:path'
import { preview } from 'vite'
import { launchBrowser, newPhoneContext, waitForServiceWorker } from '../tests/e2e/support/browser.ts'
import { fakeCameraArgs, writeQrY4m } from '../tests/e2e/support/y4m.ts'

const RUNS = 7
const STEADY_MS = 3000
const TARGET_MS = 1500
const CODE = 'BENCH2'

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
  const mean = sorted.reduce((s, v) => s + v, 0) / Math.max(sorted.length, 1)
  return { n: sorted.length, min: sorted[0], median: at(0.5), mean, p95: at(0.95), max: sorted.at(-1) }
}

const fmt = (v) => (v === undefined ? '–' : v.toFixed(1))
const line = (label, s) => console.log(`${label.padEnd(34)} n=${String(s.n).padStart(3)}  min ${fmt(s.min)}  median ${fmt(s.median)}  mean ${fmt(s.mean)}  p95 ${fmt(s.p95)}  max ${fmt(s.max)} ms`)

async function decodeMeasures(page) {
  return page.evaluate(() => performance.getEntriesByName('scan-decode').map((e) => ({ ms: e.duration, engine: e.detail?.engine, found: e.detail?.found })))
}

async function scanOnce(page, url, assetId) {
  const began = performance.now()
  await page.goto(`${url}/scan`)
  await page.waitForURL(`${url}/udstyr/${assetId}`, { timeout: 20_000 })
  await page.locator('main h1').waitFor()
  const ms = performance.now() - began
  return { ms, decodes: await decodeMeasures(page) }
}

if (!existsSync('dist/index.html')) {
  console.error('dist/ is missing: run `npm run build` first')
  process.exit(1)
}

const server = await preview({ logLevel: 'error', preview: { port: 0, host: '127.0.0.1', strictPort: false } })
const url = `http://localhost:${server.httpServer.address().port}`
const dir = mkdtempSync(join(tmpdir(), 'superbruger-bench-'))
const video = join(dir, 'qr.y4m')
writeQrY4m(video, `${url}/a/${CODE}`)
const browser = await launchBrowser(fakeCameraArgs(video))

try {
  const context = await newPhoneContext(browser)
  await context.grantPermissions(['camera'], { origin: url })
  const setup = await context.newPage()
  await setup.goto(`${url}/udstyr/ny`)
  await setup.getByLabel('Navn').fill('Benchmark-printer')
  await setup.getByLabel('Kode').fill(CODE)
  await setup.getByRole('button', { name: 'Gem udstyr' }).click()
  await setup.waitForURL(/\/udstyr\/[0-9a-f-]{36}$/)
  const assetId = setup.url().split('/').at(-1)
  await waitForServiceWorker(setup)
  await setup.close()

  const online = []
  const decodes = []
  const framesPerScan = []
  for (let i = 0; i < RUNS; i++) {
    const page = await context.newPage()
    const run = await scanOnce(page, url, assetId)
    online.push(run.ms)
    decodes.push(...run.decodes)
    framesPerScan.push(run.decodes.length)
    await page.close()
  }

  await context.setOffline(true)
  const offline = []
  for (let i = 0; i < 3; i++) {
    const page = await context.newPage()
    offline.push((await scanOnce(page, url, assetId)).ms)
    await page.close()
  }
  await context.setOffline(false)

  // Steady state: inventory mode stays on the scan screen and keeps decoding the sticker.
  const page = await context.newPage()
  await page.goto(`${url}/scan?modus=optaelling`)
  await page.getByText('Benchmark-printer er scannet').first().waitFor({ timeout: 20_000 })
  await page.evaluate(() => performance.clearMeasures('scan-decode'))
  await page.waitForTimeout(STEADY_MS)
  const steady = await decodeMeasures(page)
  await page.close()

  const engine = steady[0]?.engine ?? decodes[0]?.engine ?? 'unknown'
  console.log('Scanner benchmark (fake camera, 640×480 Y4M with one QR code)')
  console.log(`machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${platform()} ${release()}`)
  console.log(`browser: Chromium ${browser.version()} (headless); decoder: ${engine}`)
  console.log('')
  line('open /scan → asset page (online)', stats(online))
  line('open /scan → asset page (offline)', stats(offline))
  line('first decode (incl. wasm start-up)', stats(decodes.map((d) => d.ms)))
  line('decode per frame, steady state', stats(steady.map((d) => d.ms)))
  console.log(`frames decoded per scan until found: ${framesPerScan.join(', ')}`)
  console.log(`steady state: ${(steady.length / (STEADY_MS / 1000)).toFixed(1)} decodes/s, ${steady.filter((d) => d.found > 0).length} of ${steady.length} found the code`)
  console.log(`target: open → asset page < ${TARGET_MS} ms (median online ${stats(online).median < TARGET_MS ? 'meets' : 'misses'} it)`)
} finally {
  await browser.close()
  await new Promise((resolve) => server.httpServer.close(resolve))
  rmSync(dir, { recursive: true, force: true })
}
