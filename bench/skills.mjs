// Skills screen speed with 200 people (superusers and colleagues without an account, 1–6 skills
// each, some levels): (1) the pure index (domain/skillIndex.ts) in Node, and (2) the real screen in
// Chromium on the production build at 360×800: Mere → Kompetencer until the list is on screen, the
// switch to the by-person view, and a search. Prints figures and the machine; never fails on time
// (the target is < 100 ms). Usage: npm run build && npm run bench:skills [buildDir]   (REPEATS=n, LOOK_MS=n)
import { chromium } from 'playwright-core'
import { cpus, loadavg, totalmem } from 'node:os'
import { serveDist } from './support/serveDist.mjs'
import { peopleSkills, skillGroups } from '../src/domain/skillIndex.ts'

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync']
const REPEATS = Math.max(5, Number(process.env.REPEATS ?? 9))
const PEOPLE = 200
const TARGET_MS = 100
const LOOK_MS = Number(process.env.LOOK_MS ?? 1000)
const SKILLS = ['Acadre', 'ArcGIS', 'Excel', 'Word', 'PowerPoint', 'Teams-møder', 'Skabeloncenter', 'Doc2mail / Digital Post',
  'Telefoni', 'Mobil og iPad', 'Hardware', 'Databeskyttelse', 'Journalisering', 'Arkivaflevering', 'Autoprofiler', 'Brugertest',
  'GIS', 'Byg og Miljø', 'Tegneprogrammer', 'SharePoint', 'Power BI', 'Outlook', 'OneDrive', 'Fællesdrev', 'Planer og lokalplaner']
const FIRST = ['Anne', 'Bo', 'Camilla', 'Dorte', 'Erik', 'Frida', 'Gustav', 'Hanne', 'Ib', 'Jette', 'Kim', 'Lone', 'Mads', 'Nina', 'Ole', 'Pia']
const LAST = ['Hansen', 'Jensen', 'Nielsen', 'Pedersen', 'Andersen', 'Christensen', 'Larsen', 'Sørensen', 'Rasmussen', 'Jørgensen']

/** 200 people as the app stores them (some from before levels: names only); deterministic. */
function makePeople(teamId, by) {
  let state = 42
  const rand = () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return Array.from({ length: PEOPLE }, (_, i) => {
    const names = [...new Set(Array.from({ length: 1 + Math.floor(rand() * 6) }, () => SKILLS[Math.floor(rand() * SKILLS.length)]))]
    const skills = names.map((name) => ({ name, level: rand() < 0.3 ? 'ekspert' : 'kan hjælpe' }))
    const name = `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]} ${i + 1}`
    return {
      id: `00000000-0000-7000-8000-${String(i + 1).padStart(12, '0')}`, teamId, createdAt: 1, createdBy: by, updatedAt: 1, rev: i + 1, deletedAt: null,
      name, initials: '', email: '', role: i < 12 ? 'superbruger' : null, homeDepartmentId: null, competences: names,
      ...(i % 5 === 0 ? {} : { skills }),
    }
  })
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
const fmt = (x) => `${x.toFixed(1)}`.padStart(8)
const results = new Map()
const record = (name, value) => { if (!results.has(name)) results.set(name, []); results.get(name).push(value) }

// (1) The pure index, as the screen computes it on every change.
const people = makePeople('team', 'me')
for (let i = 0; i < 20; i++) { skillGroups(people); peopleSkills(people) } // warm up the JIT
for (let i = 0; i < REPEATS * 10; i++) {
  let t0 = performance.now(); skillGroups(people); record('(1) index by skill, all', performance.now() - t0)
  t0 = performance.now(); peopleSkills(people); record('(1) index by person, all', performance.now() - t0)
  t0 = performance.now(); skillGroups(people, 'arc gis'); record('(1) index by skill, search "arc gis"', performance.now() - t0)
}

/** Installed in the page: `until(act, done)` runs `act` and resolves with the ms until `done()` holds and a frame is painted. */
function installHelpers() {
  window.__until = (act, done, timeout = 20_000) => new Promise((resolve, reject) => {
    const t0 = performance.now()
    let finished = false
    const check = () => {
      if (finished || !done()) return
      finished = true
      observer.disconnect()
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0)))
    }
    const observer = new MutationObserver(check)
    setTimeout(() => { if (!finished) { finished = true; observer.disconnect(); reject(new Error(`timed out: ${done}`)) } }, timeout)
    observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true })
    act()
    check()
  })
  window.__status = () => document.querySelector('main .skills-count')?.textContent ?? ''
}

/**
 * A fresh phone (new browser context, empty storage) whose database holds the 200 people. It is set
 * up on Home, not Mere: Mere loads its tools' screens in the background, which would put the skills
 * screen in the HTTP cache before the first visit is measured.
 */
async function freshPhone(browser, url) {
  const context = await browser.newContext({
    viewport: { width: 360, height: 800 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true, locale: 'da-DK', timezoneId: 'Europe/Copenhagen',
  })
  await context.addInitScript(installHelpers)
  const page = await context.newPage()
  page.setDefaultTimeout(60_000)
  await page.goto(`${url}/`)
  await page.getByRole('heading', { level: 1, name: 'Overblik' }).waitFor()
  // Home paints before the device profile is written: wait for it.
  let profile
  for (let tries = 0; !profile; tries++) {
    if (tries > 100) throw new Error('no device profile after 10 s')
    if (tries > 0) await page.waitForTimeout(100)
    profile = await page.evaluate(() => new Promise((resolve, reject) => {
      const open = indexedDB.open('superbruger')
      open.onerror = () => reject(open.error)
      open.onsuccess = () => {
        const get = open.result.transaction('meta').objectStore('meta').get('profile')
        get.onsuccess = () => { resolve(get.result?.value); open.result.close() }
      }
    }))
  }
  await page.evaluate((rows) => new Promise((resolve, reject) => {
    const open = indexedDB.open('superbruger')
    open.onsuccess = () => {
      const tx = open.result.transaction('people', 'readwrite')
      for (const row of rows) tx.objectStore('people').put(row)
      tx.oncomplete = () => { open.result.close(); resolve() }
      tx.onerror = () => reject(tx.error)
    }
  }), makePeople(profile.teamId, profile.personId))
  return { context, page }
}

// (2) The screen in Chromium.
const server = await serveDist(process.argv[2] ?? 'dist')
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: FLAGS })
try {
  const { page } = await freshPhone(browser, server.url)
  const openSkills = () => window.__until(
    () => document.querySelector('main a[href="/kompetencer"]').click(),
    () => /\d+ kompetencer/.test(window.__status()) && document.querySelectorAll('main .skills-group').length > 0,
  )
  for (let i = 0; i < REPEATS; i++) {
    // A fresh load of Mere each round; the screen's chunk and strings come from the HTTP cache.
    await page.goto(`${server.url}/mere`)
    await page.getByRole('heading', { level: 1, name: 'Mere' }).waitFor()
    record(`(2) Mere → Kompetencer, list on screen (${i === 0 ? 'first visit ever' : 'first visit after a reload'})`, await page.evaluate(openSkills))
    // Back to Mere and in again: the screen's code is loaded, so this is the view itself.
    await page.evaluate(() => window.__until(() => document.querySelector('main .back-link').click(), () => document.querySelector('main a[href="/kompetencer"]') !== null))
    record('(2) Mere → Kompetencer again, list on screen', await page.evaluate(openSkills))
    record('(2) switch to by person, list on screen', await page.evaluate(() => window.__until(
      () => [...document.querySelectorAll('main .chip')].find((b) => b.textContent.trim() === 'Efter person').click(),
      () => /personer/.test(window.__status()) && document.querySelectorAll('main .skills-person').length > 0,
    )))
    record('(2) search "arcgis" (by person), list updated', await page.evaluate(() => window.__until(() => {
      const input = document.querySelector('#skills-search')
      input.value = 'arcgis'
      input.dispatchEvent(new Event('input', { bubbles: true }))
    }, () => [...document.querySelectorAll('main .skills-person')].every((li) => /arcgis/i.test(li.textContent)))))
    const counts = await page.evaluate(() => ({ shown: document.querySelectorAll('main .skills-person').length, status: window.__status() }))
    if (i === 0) console.log(`Search "arcgis" shows ${counts.shown} people (${counts.status}).`)
  }
  // A first visit ever as a person makes it: Mere is read a moment before the tap (Mere loads its
  // tools' screens meanwhile): LOOK_MS, default 1000. Each sample is a fresh phone.
  for (let i = 0; i < 3; i++) {
    const phone = await freshPhone(browser, server.url)
    await phone.page.goto(`${server.url}/mere`)
    await phone.page.getByRole('heading', { level: 1, name: 'Mere' }).waitFor()
    await phone.page.waitForTimeout(LOOK_MS)
    record(`(2) Mere → Kompetencer, first visit ever, after ${LOOK_MS} ms on Mere`, await phone.page.evaluate(openSkills))
    await phone.context.close()
  }
} finally {
  await browser.close()
  await server.close()
}

console.log(`\nSkills view, ${PEOPLE} people (${people.reduce((n, p) => n + p.competences.length, 0)} skills held, ${skillGroups(people).length} distinct); target < ${TARGET_MS} ms`)
console.log(`Machine: ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')} (a shared machine: screen figures grow with the load)`)
console.log(`${'measure'.padEnd(62)} ${'median'.padStart(8)} ${'max'.padStart(8)}  n`)
for (const [name, values] of results) {
  console.log(`${name.padEnd(62)} ${fmt(median(values))} ${fmt(Math.max(...values))}  ${values.length}   ${median(values) < TARGET_MS ? 'under target' : 'OVER TARGET'}`)
}
