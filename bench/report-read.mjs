// Where the report's read from IndexedDB goes: with the year of data of bench/reports.mjs (50,000
// requests, 100,000 time entries) in Chromium, times raw IndexedDB reads of the year's report (2026
// and the year before for the requests): whole records by index with getAll and with a cursor, only
// the keys (no record copied out), the compact report facts and their packs per team and week
// (schema v7, db/reportFacts.ts).
// Prints figures (median of REPEATS, default 3) and the size of what each read copies out. Reads on
// the page's main thread (the app reads in a Web Worker; the IndexedDB work is the same).
// Then times the upgrade to schema v12 on the same data: every pack stored as a list of fact
// objects (as before v12) re-stored column-wise, as packFactsColumnWise does (one readwrite pass,
// src/domain/report/columns.ts bundled into the page), in a scratch database of the same packs.
// Usage: npm run build && node bench/report-read.mjs [buildDir]
import { chromium } from 'playwright-core'
import { cpus, loadavg } from 'node:os'
import { serveDist } from './support/serveDist.mjs'
import { seedInPage } from './support/seed.mjs'
import { build } from 'esbuild'

const REPEATS = Math.max(1, Number(process.env.REPEATS ?? 3))
const NOW = new Date('2026-12-31T14:00:00+01:00').getTime()
const SEED = { requests: 50_000, timeEntries: 100_000, checklistRuns: 2_000, weeksBack: 52, people: 8, departments: 25, realistic: true, now: NOW }

/** Runs in the page: times each read REPEATS times on the app's database. */
async function profileReads({ repeats }) {
  const db = await new Promise((resolve, reject) => {
    const open = indexedDB.open('superbruger')
    open.onsuccess = () => resolve(open.result)
    open.onerror = () => reject(open.error)
  })
  const run = (store, fn) => new Promise((resolve, reject) => {
    const tx = db.transaction(store)
    const r = fn(tx.objectStore(store))
    if (r) {
      r.onsuccess = () => resolve(r.result)
      r.onerror = () => reject(r.error)
    } else {
      resolve(null)
    }
  })
  const cursor = (store, index, range) => new Promise((resolve, reject) => {
    const rows = []
    const r = db.transaction(store).objectStore(store).index(index).openCursor(range)
    r.onsuccess = () => {
      const c = r.result
      if (!c) return resolve(rows)
      rows.push(c.value)
      c.continue()
    }
    r.onerror = () => reject(r.error)
  })
  const teamId = (await run('requests', (s) => s.openCursor()))?.value.teamId
  const y2025 = new Date(2025, 0, 1).getTime()
  const y2026 = new Date(2026, 0, 1).getTime()
  const y2027 = new Date(2027, 0, 1).getTime()
  // As bucketOf in src/domain/report/facts.ts: seven-day stretches from the epoch.
  const bucket = (at) => Math.floor(at / (7 * 86_400_000))
  const reads = {
    'requests: createdAt index, getAll (2025–2026)': () => run('requests', (s) => s.index('createdAt').getAll(IDBKeyRange.bound(y2025, y2027, false, true))),
    'requests: createdAt index, cursor (2025–2026)': () => cursor('requests', 'createdAt', IDBKeyRange.bound(y2025, y2027, false, true)),
    'requests: createdAt index, getAllKeys only': () => run('requests', (s) => s.index('createdAt').getAllKeys(IDBKeyRange.bound(y2025, y2027, false, true))),
    'requests: whole table, getAll': () => run('requests', (s) => s.getAll()),
    'report facts of requests: whole table, getAll': () => run('reportRequests', (s) => s.getAll()),
    'report fact packs of requests (2025–2026), getAll': () => run('reportPacks', (s) => s.getAll(IDBKeyRange.bound([teamId, 'requests', bucket(y2025)], [teamId, 'requests', bucket(y2027 - 1)]))),
    'time entries: week index, getAll (2026)': () => run('timeEntries', (s) => s.index('week').getAll(IDBKeyRange.bound('2026-W01', '2026-W53'))),
    'time entries: week index, cursor (2026)': () => cursor('timeEntries', 'week', IDBKeyRange.bound('2026-W01', '2026-W53')),
    'report facts of entries: whole table, getAll': () => run('reportEntries', (s) => s.getAll()),
    'report fact packs of entries (2026), getAll': () => run('reportPacks', (s) => s.getAll(IDBKeyRange.bound([teamId, 'entries', bucket(y2026)], [teamId, 'entries', bucket(y2027 - 1)]))),
  }
  const out = []
  for (const [name, read] of Object.entries(reads)) {
    const times = []
    let rows = []
    for (let i = 0; i < repeats; i++) {
      const start = performance.now()
      rows = await read()
      times.push(performance.now() - start)
    }
    times.sort((a, b) => a - b)
    const facts = rows.reduce((n, r) => n + (r?.columns ? r.columns.length : 1), 0)
    out.push({ name, ms: times[Math.floor(times.length / 2)], rows: rows.length, facts, bytes: JSON.stringify(rows, (_, v) => ArrayBuffer.isView(v) ? 'x'.repeat(v.byteLength) : v).length })
  }
  db.close()
  return out
}

/**
 * Runs in the page (with `Columns`, src/domain/report/columns.ts, loaded): copies the app's packs,
 * as lists of fact objects, into a scratch database, then times re-storing them column-wise.
 */
async function timeUpgrade() {
  const open = (name, version, upgrade) => new Promise((resolve, reject) => {
    const r = indexedDB.open(name, version)
    r.onupgradeneeded = () => upgrade?.(r.result)
    r.onsuccess = () => resolve(r.result)
    r.onerror = () => reject(r.error)
  })
  const done = (tx) => new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error); tx.onabort = () => reject(tx.error) })
  const app = await open('superbruger')
  const packs = await new Promise((resolve) => { const r = app.transaction('reportPacks').objectStore('reportPacks').getAll(); r.onsuccess = () => resolve(r.result) })
  app.close()
  const old = packs.map(({ columns, ...key }) => ({ ...key, facts: Columns.decodeColumns(columns) }))
  await new Promise((resolve) => { const r = indexedDB.deleteDatabase('upgrade-bench'); r.onsuccess = resolve; r.onerror = resolve })
  const scratch = await open('upgrade-bench', 1, (d) => d.createObjectStore('reportPacks', { keyPath: ['teamId', 'kind', 'bucket'] }))
  const fill = scratch.transaction('reportPacks', 'readwrite')
  for (const p of old) fill.objectStore('reportPacks').put(p)
  await done(fill)
  const start = performance.now()
  const tx = scratch.transaction('reportPacks', 'readwrite')
  await new Promise((resolve, reject) => {
    const r = tx.objectStore('reportPacks').openCursor()
    r.onsuccess = () => {
      const c = r.result
      if (!c) return resolve()
      const { facts, ...key } = c.value
      c.update({ ...key, columns: Columns.encodeColumns(facts) })
      c.continue()
    }
    r.onerror = () => reject(r.error)
  })
  await done(tx)
  const ms = performance.now() - start
  scratch.close()
  indexedDB.deleteDatabase('upgrade-bench')
  return { ms, packs: old.length, facts: old.reduce((n, p) => n + p.facts.length, 0) }
}

const columnsScript = (await build({ entryPoints: ['src/domain/report/columns.ts'], bundle: true, format: 'iife', globalName: 'Columns', write: false })).outputFiles[0].text
const server = await serveDist(process.argv[2] ?? 'dist')
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] })
try {
  // bypassCSP: the upgrade timing loads columns.ts as an inline script.
  const context = await browser.newContext({ viewport: { width: 360, height: 800 }, locale: 'da-DK', timezoneId: 'Europe/Copenhagen', bypassCSP: true })
  await context.clock.install({ time: NOW })
  const page = await context.newPage()
  page.setDefaultTimeout(600_000)
  await page.goto(server.url)
  await page.waitForFunction(() => document.querySelector('main h1')?.textContent === 'Overblik')
  // The runs need the checklist templates the app seeds on first start.
  await page.evaluate(async () => {
    const count = () => new Promise((resolve, reject) => {
      const open = indexedDB.open('superbruger')
      open.onerror = () => reject(open.error)
      open.onsuccess = () => {
        const r = open.result.transaction('checklistTemplates').objectStore('checklistTemplates').count()
        r.onsuccess = () => { open.result.close(); resolve(r.result) }
      }
    })
    for (let tries = 0; (await count()) === 0; tries++) {
      if (tries > 600) throw new Error('The app made no checklist templates')
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  })
  await page.evaluate(seedInPage, SEED)
  // The first report builds the report facts from the seeded records.
  await page.goto(`${server.url}/rapporter?periode=2026`)
  await page.waitForFunction(() => document.querySelector('main h2#report-checklists') !== null && document.querySelector('main [aria-busy="true"]') === null)
  const figures = await page.evaluate(profileReads, { repeats: REPEATS })
  console.log(`Machine: ${cpus()[0]?.model ?? 'unknown'}, ${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}; Chromium ${browser.version()}; median of ${REPEATS}`)
  console.log(`${'read'.padEnd(56)}${'ms'.padStart(8)}${'rows'.padStart(9)}${'records'.padStart(9)}${'MB (JSON)'.padStart(11)}`)
  for (const f of figures) console.log(`${f.name.padEnd(56)}${f.ms.toFixed(0).padStart(8)}${String(f.rows).padStart(9)}${String(f.facts).padStart(9)}${(f.bytes / 1e6).toFixed(1).padStart(11)}`)
  await page.addScriptTag({ content: columnsScript })
  const upgrade = await page.evaluate(timeUpgrade)
  console.log(`Upgrade to v12 (packs of fact objects re-stored column-wise, one readwrite pass): ${upgrade.ms.toFixed(0)} ms for ${upgrade.packs} packs, ${upgrade.facts} facts`)
} catch (error) {
  console.error(error)
  process.exitCode = 1
} finally {
  await browser.close()
  await server.close()
}
