// Sync benchmark (`npm run bench:sync`, runs under tsx). Prints figures and the machine; never
// fails on time. Three parts:
//  1. push of 5,000 queued mutations by the real client engine (src/sync) from a Dexie outbox;
//  2. initial download of 50,000 records into a fresh client database;
//  3. 200 simulated devices syncing at once against one server process, on SQLite and PostgreSQL.
// Parts 1 and 2 run the client engine in Debian's Chromium (headless, real IndexedDB; the engine
// bundled with esbuild into a page the server serves) and again in Node on fake-indexeddb, against
// the real server in this process on a temporary SQLite file; part 3 starts `src/server/main.ts`
// as its own process and drives it with plain HTTP clients (push a batch, then pull), as the
// engine does, after an unmeasured warm-up: in waves (all at once), steady, and saturated. BENCH_SKIP_CLIENT=1 skips parts 1–2, BENCH_SKIP_LOAD=1 skips part 3.
// BENCH_PARTS=download (a comma list of push, download, node, load) runs only those parts:
// `download` alone is the browser download beside its floor (Dexie's bulkPut of the same records).
// BENCH_BROWSER_PROFILE=<file> writes a CPU profile of the browser download there (Chrome DevTools).
import 'fake-indexeddb/auto'
import { spawn } from 'node:child_process'
import { Agent, request as httpRequest } from 'node:http'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, platform, release, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { build } from 'esbuild'
import pg from 'pg'
import { launchBrowser } from '../tests/e2e/support/browser.ts'
import { buildServer } from '../src/server/app.ts'
import { createSession, SESSION_COOKIE } from '../src/server/auth/sessions.ts'
import { createUser, insertUser } from '../src/server/auth/users.ts'
import { openStorage } from '../src/server/storage/open.ts'
import { writeSystemRecords } from '../src/server/storage/systemWrite.ts'
import { SuperbrugerDb, useDatabase } from '../src/db/database.ts'
import { createRecord } from '../src/db/write.ts'
import { createSyncEngine } from '../src/sync/engine.ts'
import { createTransport } from '../src/sync/transport.ts'
import { MAX_PULL_LIMIT } from '../src/domain/protocol.ts'

const PUSH_COUNT = 5000
const DOWNLOAD_COUNT = 50_000
const DEVICES = 200
const TEAMS = 20
const ROUNDS = 5
const PER_PUSH = 5
/** Steady mode: each device syncs this often (with a random start), as timers and writes would. */
const STEADY_INTERVAL_MS = 2000
/** Wave mode: all devices start together, this often. */
const WAVE_INTERVAL_MS = 2000
const PORTS = { sqlite: 4381, postgres: 4382 }
const PG_CANDIDATES = process.env.TEST_DATABASE_URL ? [process.env.TEST_DATABASE_URL] : ['postgres://postgres@127.0.0.1:5432/test', 'postgres://root@127.0.0.1:5432/test']

const silentConfig = (file) => ({
  port: 0, host: '127.0.0.1', database: { kind: 'sqlite', file }, staticDir: null, sessionTtlMs: 3_600_000, cookieSecure: false,
  logLevel: 'silent', trustProxy: false, allowedOrigins: [], tombstoneRetentionMs: 86_400_000, adminEmail: 'admin@bench.dk',
  adminPassword: 'bench', publicUrl: null, formerPublicUrls: [], oidc: null, tls: null, httpRedirectPort: null,
})

const request = (id, teamId, personId, n) => ({
  id, teamId, createdAt: 1_764_000_000_000 + n, createdBy: personId, updatedAt: 1_764_000_000_000 + n, rev: 0, deletedAt: null,
  requesterName: `Kollega ${n % 150}`, departmentId: null, channel: 'telefon', category: 'acadre', presetId: null,
  description: `Kan ikke åbne dokument nr. ${n} i Acadre`, status: 'ny', owner: 'superbruger', assigneeId: null,
  referrals: [], history: [], assetId: null, helpdeskCaseNo: '', resolution: '', tipId: null,
})
const content = ({ id: _i, teamId: _t, createdAt: _c, createdBy: _b, updatedAt: _u, rev: _r, deletedAt: _d, ...rest }) => ({ ...rest, words: [] })

const PARTS = process.env.BENCH_PARTS?.split(',') ?? ['push', 'download', 'node', 'load']
const wants = (part) => PARTS.includes(part)

const percentile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN
const ms = (v) => `${v.toFixed(1)} ms`

/** A client engine on its own fake-indexeddb database with a cookie-keeping fetch. */
function clientFor(baseUrl, name) {
  let cookie = ''
  const fetchWithJar = async (input, init = {}) => {
    const headers = new Headers(init.headers)
    headers.set('origin', baseUrl)
    if (cookie) headers.set('cookie', cookie)
    const response = await fetch(input, { ...init, headers })
    const set = response.headers.getSetCookie()[0]
    if (set) cookie = set.split(';')[0]
    return response
  }
  const database = new SuperbrugerDb(name)
  const transport = createTransport({ baseUrl: `${baseUrl}/api`, fetch: fetchWithJar })
  return { database, transport, engine: (hooks = {}) => createSyncEngine({ database: () => database, transport: { ...transport, ...hooks } }) }
}

async function clientParts() {
  const dir = mkdtempSync(join(tmpdir(), 'sb-bench-'))
  writeFileSync(join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>bench</title>')
  writeFileSync(join(dir, 'entry.js'), BROWSER_ENTRY)
  await build({ entryPoints: [join(dir, 'entry.js')], bundle: true, format: 'esm', outfile: join(dir, 'bench.js'), nodePaths: [join(process.cwd(), 'node_modules')], logLevel: 'error', define: { 'process.env.NODE_ENV': '"production"' } })
  const app = await buildServer({ ...silentConfig(join(dir, 'bench.sqlite')), staticDir: dir })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const baseUrl = `http://127.0.0.1:${app.server.address().port}`
  try {
    // Each part has a team of its own, so every download holds exactly what that part made.
    const teams = ['bench-browser', 'bench-browser-dl', 'bench-node', 'bench-node-dl']
    await writeSystemRecords(app.storage, teams.map((id) => ({ table: 'teams', record: { id, teamId: id, createdAt: 1, createdBy: 'system', updatedAt: 1, rev: 0, deletedAt: null, name: id, budget: { minHours: 3, maxHours: 4 }, retention: { anonymiseAfterMonths: 12 } } })))
    for (const id of teams) await createUser(app.storage.db, { email: `${id}@bench.dk`, name: id, role: 'superbruger', teams: [id], password: 'bench-pw' })
    if ((wants('push') || wants('download')) && !await browserParts(app, baseUrl)) console.log('\n(no Chromium at /usr/bin/chromium: browser figures skipped)')
    if (wants('node')) await nodeParts(app, baseUrl)
  } finally {
    await app.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Parts 1' and 2': the same engine in Node on fake-indexeddb. */
async function nodeParts(app, baseUrl) {
  const teamId = 'bench-node'

  // 1'. Push of 5,000 queued mutations.
  const pusher = clientFor(baseUrl, 'bench-pusher')
  const signedIn = await pusher.transport.login('bench-node@bench.dk', 'bench-pw')
  useDatabase('bench-pusher')
  const author = { teamId, personId: signedIn.value.id }
  const queueStart = performance.now()
  for (let n = 0; n < PUSH_COUNT; n++) await createRecord('requests', author, content(request('x', teamId, author.personId, n)))
  const queueMs = performance.now() - queueStart
  let pushDoneAt = 0
  const start = performance.now()
  const result = await pusher.engine({ pull: (cursor, limit) => { pushDoneAt ||= performance.now(); return pusher.transport.pull(cursor, limit) } }).syncOnce()
  const totalMs = performance.now() - start
  const pushMs = pushDoneAt - start
  console.log(`\n1'. Push of ${PUSH_COUNT} queued mutations (client engine in Node on fake-indexeddb, server on SQLite)`)
  console.log(`   ok=${result.ok} pushed=${result.pushed}; queueing locally took ${ms(queueMs)}`)
  console.log(`   push phase (read outbox, POST in batches of 1000, acknowledge): ${ms(pushMs)} → ${Math.round(PUSH_COUNT / (pushMs / 1000))} mutations/s (target ≥ 2000/s)`)
  console.log(`   whole sync incl. pulling the ${result.pulled} records back: ${ms(totalMs)}`)

  // 2'. Initial download of 50,000 records into a fresh client.
  const fresh = clientFor(baseUrl, 'bench-fresh')
  const downloader = await fresh.transport.login('bench-node-dl@bench.dk', 'bench-pw')
  await seedDownload(app, 'bench-node-dl', downloader.value.id, 'node')
  const dlStart = performance.now()
  const download = await fresh.engine().syncOnce()
  const dlMs = performance.now() - dlStart
  console.log(`\n2'. Initial download into a fresh client (Node on fake-indexeddb, pages of 1000)`)
  console.log(`   ok=${download.ok} records=${download.pulled} (stored: ${await fresh.database.requests.count()}) in ${(dlMs / 1000).toFixed(2)} s (target < 15 s)`)
}

// The page-side half of parts 1 and 2: the real engine and write functions on real IndexedDB.
const BROWSER_ENTRY = `
import Dexie from 'dexie'
import { SuperbrugerDb, useDatabase } from '${process.cwd()}/src/db/database.ts'
import { withLocalFields } from '${process.cwd()}/src/db/derivedFields.ts'
import { createRecord } from '${process.cwd()}/src/db/write.ts'
import { createSyncEngine } from '${process.cwd()}/src/sync/engine.ts'
import { createTransport } from '${process.cwd()}/src/sync/transport.ts'
const transport = createTransport()
window.bench = {
  async push(count, author, template) {
    const database = useDatabase('bench-push')
    const queueStart = performance.now()
    for (let n = 0; n < count; n++) await createRecord('requests', author, { ...template, description: template.description + ' ' + n })
    const queueMs = performance.now() - queueStart
    let pushDoneAt = 0
    const engine = createSyncEngine({ database: () => database, transport: { ...transport, pull: (c, l) => { pushDoneAt ||= performance.now(); return transport.pull(c, l) } } })
    const start = performance.now()
    const result = await engine.syncOnce()
    return { queueMs, pushMs: pushDoneAt - start, totalMs: performance.now() - start, result }
  },
  async download(name) {
    const database = new SuperbrugerDb(name)
    await database.open()
    const start = performance.now()
    const result = await createSyncEngine({ database: () => database, transport }).syncOnce()
    return { ms: performance.now() - start, result, stored: await database.requests.count() }
  },
  // The floor's records: what the server sends, with the fields the app derives before storing
  // them (fetched and derived here, unmeasured), kept in the page for floor().
  async prepareFloor(limit) {
    const rows = []
    for (let cursor = 0, more = true; more;) {
      const page = (await transport.pull(cursor, limit)).value
      for (const { table, record } of page.records) if (table === 'requests') rows.push(withLocalFields(table, record))
      cursor = page.nextCursor
      more = page.hasMore
    }
    window.floorRows = rows
    return rows.length
  },
  // The floor: the same records written with one bulkPut into the app's own requests table (same
  // indexes) of a fresh database: what IndexedDB needs with no network, parsing or per-record work.
  // With bare set, a table with the primary key only, to show what the indexes cost.
  async floor(name, bare) {
    const database = bare ? new Dexie(name) : new SuperbrugerDb(name)
    if (bare) database.version(1).stores({ requests: 'id' })
    await database.open()
    const start = performance.now()
    await database.requests.bulkPut(window.floorRows)
    return { ms: performance.now() - start, stored: await database.requests.count() }
  },
}
`

/** Parts 1 and 2 in Chromium; returns false when no browser is installed. */
async function browserParts(app, baseUrl) {
  if (!existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) return false
  const browser = await launchBrowser()
  try {
    const page = await (await browser.newContext()).newPage()
    await page.goto(`${baseUrl}/`)
    const signIn = (email) => page.evaluate(async (e) => (await fetch('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: e, password: 'bench-pw' }) })).json(), email)
    await page.addScriptTag({ url: '/bench.js' })
    if (wants('push')) await browserPush(page, signIn)
    if (wants('download')) await browserDownload(page, signIn, app)
  } finally {
    await browser.close()
  }
  return true
}

/** Part 1 in Chromium. */
async function browserPush(page, signIn) {
  const teamId = 'bench-browser'
  const author = { teamId, personId: (await signIn('bench-browser@bench.dk')).user.id }
  const push = await page.evaluate(([count, a, t]) => window.bench.push(count, a, t), [PUSH_COUNT, author, content(request('x', teamId, author.personId, 0))])
  console.log(`\n1. Push of ${PUSH_COUNT} queued mutations (client engine in headless Chromium, real IndexedDB, server on SQLite)`)
  console.log(`   ok=${push.result.ok} pushed=${push.result.pushed}; queueing locally took ${ms(push.queueMs)}`)
  console.log(`   push phase (read outbox, POST in batches of 1000, acknowledge): ${ms(push.pushMs)} → ${Math.round(PUSH_COUNT / (push.pushMs / 1000))} mutations/s (target ≥ 2000/s)`)
  console.log(`   whole sync incl. pulling the ${push.result.pulled} records back: ${ms(push.totalMs)}`)
}

/**
 * Part 2 in Chromium: the engine's download into a fresh database, between two runs of its
 * floor (the same records in one bulkPut), so background work of one write lands on both sides.
 * CPU times are summed over Chromium's processes (renderer, and the browser process, where
 * IndexedDB writes) and this one (the server).
 */
async function browserDownload(page, signIn, app) {
  await seedDownload(app, 'bench-browser-dl', (await signIn('bench-browser-dl@bench.dk')).user.id, 'browser')
  await page.evaluate((limit) => window.bench.prepareFloor(limit), MAX_PULL_LIMIT)
  const measured = async (run) => {
    const cpuBefore = [browserCpuMs(), process.cpuUsage()]
    const result = await run()
    const server = process.cpuUsage(cpuBefore[1])
    return { ...result, browserCpu: browserCpuMs() - cpuBefore[0], serverCpu: (server.user + server.system) / 1000 }
  }
  const floorBefore = await measured(() => page.evaluate(() => window.bench.floor('bench-floor-1')))
  const bare = await measured(() => page.evaluate(() => window.bench.floor('bench-floor-bare', true)))
  const profiler = process.env.BENCH_BROWSER_PROFILE ? await page.context().newCDPSession(page) : null
  if (profiler) await profiler.send('Profiler.enable').then(() => profiler.send('Profiler.start'))
  const download = await measured(() => page.evaluate(() => window.bench.download('bench-fresh')))
  if (profiler) writeFileSync(process.env.BENCH_BROWSER_PROFILE, JSON.stringify((await profiler.send('Profiler.stop')).profile))
  const floorAfter = await measured(() => page.evaluate(() => window.bench.floor('bench-floor-2')))
  const floorMs = (floorBefore.ms + floorAfter.ms) / 2
  const s = (v) => `${(v / 1000).toFixed(2)} s`
  const cpu = (r) => `CPU: Chromium ${s(r.browserCpu)}, this process (server) ${s(r.serverCpu)}`
  console.log(`\n2. Initial download into a fresh client (headless Chromium, real IndexedDB, pages of ${MAX_PULL_LIMIT})`)
  console.log(`   ok=${download.result.ok} records=${download.result.pulled} (stored: ${download.stored}) in ${s(download.ms)} (target < 15 s); ${cpu(download)}`)
  console.log(`   floor: the same ${floorBefore.stored} records in one bulkPut into the app's requests table: ${s(floorBefore.ms)} before, ${s(floorAfter.ms)} after the download (mean ${s(floorMs)}); ${cpu(floorBefore)} / ${cpu(floorAfter)}`)
  console.log(`   the same bulkPut into a table with the primary key only (what the app's indexes cost): ${s(bare.ms)}; ${cpu(bare)}`)
  console.log(`   engine / floor: ${(download.ms / floorMs).toFixed(2)}× (target ≤ 1.5×)${profiler ? `; CPU profile of the download in ${process.env.BENCH_BROWSER_PROFILE}` : ''}`)
}

/** CPU time (ms) used so far by this process's child processes and theirs (the browser's); NaN off Linux. */
function browserCpuMs() {
  try {
    const stats = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).flatMap((pid) => {
      try {
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
        return [{ pid: Number(pid), parent: Number(fields[1]), ms: (Number(fields[11]) + Number(fields[12])) * 10 }]
      } catch {
        return [] // ended meanwhile
      }
    })
    const ours = new Set([process.pid])
    for (let grew = true; grew;) {
      grew = false
      for (const p of stats) {
        if (ours.has(p.pid) || !ours.has(p.parent)) continue
        ours.add(p.pid)
        grew = true
      }
    }
    return stats.filter((p) => p.pid !== process.pid && ours.has(p.pid)).reduce((sum, p) => sum + p.ms, 0)
  } catch {
    return NaN
  }
}

async function seedDownload(app, teamId, personId, prefix) {
  const records = []
  for (let n = 0; n < DOWNLOAD_COUNT; n++) records.push({ table: 'requests', record: request(`${prefix}-${String(n).padStart(6, '0')}`, teamId, personId, n) })
  await writeSystemRecords(app.storage, records)
}

async function postgresUrl() {
  for (const url of PG_CANDIDATES) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 })
    try {
      await client.connect()
      const name = `sb_bench_${process.pid}_${Date.now()}`
      await client.query(`create database ${name}`)
      const target = new URL(url)
      target.pathname = `/${name}`
      return { url: target.toString(), drop: async () => { const c = new pg.Client({ connectionString: url }); await c.connect(); await c.query(`drop database if exists ${name} with (force)`); await c.end() } }
    } catch {
      // next candidate
    } finally {
      await client.end().catch(() => {})
    }
  }
  return null
}

/** Prepares accounts and sessions directly in the database, then starts `instances` server processes on it. */
async function startServerProcesses(kind, database, databaseUrl, instances) {
  const storage = await openStorage(database)
  // A municipality's devices belong to several superuser groups (teams of ten here).
  const teams = Array.from({ length: TEAMS }, (_, n) => `load-team-${n}`)
  await writeSystemRecords(storage, teams.map((teamId) => ({ table: 'teams', record: { id: teamId, teamId, createdAt: 1, createdBy: 'system', updatedAt: 1, rev: 0, deletedAt: null, name: teamId, budget: { minHours: 3, maxHours: 4 }, retention: { anonymiseAfterMonths: 12 } } })))
  const devices = []
  for (let n = 0; n < DEVICES; n++) {
    const teamId = teams[n % TEAMS]
    const user = await insertUser(storage.db, { email: `device${n}-${instances}@bench.dk`, name: `Device ${n}`, role: 'superbruger', teams: [teamId] }, null)
    devices.push({ teamId, userId: user.id, cookie: `${SESSION_COOKIE}=${await createSession(storage.db, user.id, 3_600_000)}`, clientId: `bench-device-${n}-${Date.now()}`, next: 1, cursor: 0 })
  }
  await storage.close()
  // BENCH_PROFILE_DIR=<dir> writes a V8 CPU profile of each server process there (open it in Chrome DevTools).
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : []
  const children = []
  for (let i = 0; i < instances; i++) {
    const port = PORTS[kind] + 10 * i
    const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'src/server/main.ts'], {
      env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', STATIC_DIR: '', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    })
    const baseUrl = `http://127.0.0.1:${port}`
    for (let attempt = 0; attempt < 100; attempt++) {
      try {
        if ((await fetch(`${baseUrl}/api/health`)).ok) break
      } catch { /* not yet */ }
      await new Promise((r) => setTimeout(r, 200))
    }
    children.push({ child, baseUrl })
  }
  // Devices are spread over the instances in turn, as a load balancer would.
  devices.forEach((d, n) => { d.baseUrl = children[n % instances].baseUrl })
  return { children, devices }
}

/** CPU time (user + system) a process has used so far, from /proc on Linux; NaN elsewhere. */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 10 // utime, stime in clock ticks of 10 ms
  } catch {
    return NaN
  }
}

const sleep = (msToWait) => new Promise((r) => setTimeout(r, Math.max(0, msToWait)))

/**
 * Runs every device through ROUNDS syncs (push a batch, then pull until caught up); returns push
 * latencies and errors. Modes:
 *  - first: one wave in which every device opens a new connection (the network came back);
 *  - wave: all devices start a sync at the same instant (the issue's "syncing at once": the
 *    network comes back, a nudge reaches everyone), then again every WAVE_INTERVAL_MS;
 *  - steady: each device syncs every STEADY_INTERVAL_MS from a random start;
 *  - saturation: every device syncs back to back with no pause, so 200 requests are always
 *    waiting; this measures throughput, and latency there is queueing (no target).
 */
async function runDevices(devices, mode, rounds = ROUNDS) {
  const latencies = []
  const syncs = []
  const roundMax = new Array(rounds).fill(0)
  let errors = 0
  let counter = 0
  const headers = (d) => ({ cookie: d.cookie, origin: d.baseUrl, 'content-type': 'application/json' })
  const begin = performance.now() + 50
  async function device(d) {
    if (mode === 'steady') await sleep(Math.random() * STEADY_INTERVAL_MS)
    for (let round = 0; round < rounds; round++) {
      // The device's outbox is ready before its sync starts, as on a phone.
      const mutations = []
      for (let i = 0; i < PER_PUSH; i++) {
        const id = `${d.clientId}-${mode}-${round}-${i}`
        mutations.push({ mutationId: d.next++, table: 'requests', recordId: id, op: 'put', fields: request(id, d.teamId, d.userId, ++counter), baseRev: 0, at: Date.now() })
      }
      const body = JSON.stringify({ clientId: d.clientId, mutations })
      if (mode === 'wave' || mode === 'first') await sleep(begin + round * WAVE_INTERVAL_MS - performance.now())
      const roundStart = performance.now()
      const t0 = performance.now()
      const push = await http(`${d.baseUrl}/api/sync/push`, { method: 'POST', headers: headers(d), body })
      latencies.push(performance.now() - t0)
      roundMax[round] = Math.max(roundMax[round], performance.now() - t0)
      if (push.status !== 200) { errors++; continue }
      for (let more = true; more;) {
        const pull = await http(`${d.baseUrl}/api/sync/pull?cursor=${d.cursor}&limit=1000`, { method: 'GET', headers: { cookie: d.cookie } })
        if (pull.status !== 200) { errors++; break }
        const page = pageEnd(pull.body)
        d.cursor = page.nextCursor
        more = page.hasMore
      }
      syncs.push(performance.now() - t0)
      if (mode === 'steady') await sleep(STEADY_INTERVAL_MS - (performance.now() - roundStart))
    }
  }
  const start = performance.now()
  await Promise.all(devices.map(device))
  return { latencies: latencies.sort((a, b) => a - b), syncs: syncs.sort((a, b) => a - b), roundMax, errors, seconds: (performance.now() - start) / 1000 }
}

/**
 * A pulled page's cursor and hasMore. A simulated device does nothing with the records, so it
 * reads just the end of the JSON instead of parsing ~35 KB per pull: the load generator shares
 * the machine's two cores with the server, and its own delays would count as push latency.
 */
function pageEnd(body) {
  const end = /"nextCursor":(\d+),"hasMore":(true|false),"resetRequired":(true|false),"base":\d+\}$/.exec(body.slice(-140))
  if (!end) return JSON.parse(body)
  if (end[3] === 'true') throw new Error('unexpected resetRequired in the load test')
  return { nextCursor: Number(end[1]), hasMore: end[2] === 'true' }
}

/** A keep-alive HTTP client lighter than fetch, so the load generator takes less of the shared CPU. */
const newAgent = () => new Agent({ keepAlive: true, maxSockets: DEVICES * 2 })
let agent = newAgent()
function http(url, { method, headers, body }) {
  return new Promise((resolve) => {
    const req = httpRequest(url, { method, headers, agent }, (res) => {
      const chunks = []
      res.on('data', (c) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }))
      res.on('error', () => resolve({ status: 0, body: '' }))
    })
    req.on('error', () => resolve({ status: 0, body: '' }))
    req.end(body)
  })
}

const MODES = [
  ['first', `one wave in which every device opens a new connection, as after a network outage`, 'target p99 < 200 ms'],
  ['wave', `all ${DEVICES} start a sync at the same instant, ${ROUNDS} waves ${WAVE_INTERVAL_MS / 1000} s apart`, 'target p99 < 200 ms'],
  ['steady', `each every ${STEADY_INTERVAL_MS / 1000} s from a random start`, 'target p99 < 200 ms'],
  ['saturation', 'all back to back with no pause: throughput, latency is queueing', 'no target'],
]

async function loadTest(kind, database, databaseUrl, instances = 1) {
  const { children, devices } = await startServerProcesses(kind, database, databaseUrl, instances)
  const label = (instances > 1 ? `${kind} ×${instances}` : kind).padEnd(12)
  try {
    // A running server is warm: one unmeasured steady pass first, so JIT compilation is not
    // counted as sync latency. The 'first' wave then measures devices that all connect anew at
    // once; in 'wave' they sync again over the connections they keep (as a phone does for a while).
    const warm = await runDevices(devices, 'steady')
    console.log(`   ${label} warm-up (unmeasured): ${warm.latencies.length} pushes, errors=${warm.errors}`)
    // BENCH_MODES=wave,steady runs only those modes (the warm-up always runs).
    const only = process.env.BENCH_MODES?.split(',')
    for (const [mode, how, target] of MODES.filter(([m]) => !only || only.includes(m))) {
      if (mode === 'first') {
        agent.destroy()
        agent = newAgent()
        await sleep(200)
      }
      const cpuBefore = children.map(({ child }) => cpuMs(child.pid))
      const { latencies, syncs, roundMax, errors, seconds } = await runDevices(devices, mode, mode === 'first' ? 1 : ROUNDS)
      const cpu = children.reduce((sum, { child }, i) => sum + cpuMs(child.pid) - cpuBefore[i], 0)
      console.log(`   ${label} ${mode.padEnd(10)} (${how}): ${latencies.length} pushes of ${PER_PUSH} in ${seconds.toFixed(1)} s, errors=${errors}, push latency p50 ${ms(percentile(latencies, 0.5))}, p99 ${ms(percentile(latencies, 0.99))}, max ${ms(latencies.at(-1))} (${target})`)
      console.log(`   ${' '.repeat(label.length)} ${' '.repeat(10)} whole sync (push, then pull until caught up) p50 ${ms(percentile(syncs, 0.5))}, p99 ${ms(percentile(syncs, 0.99))}; server process CPU ${Number.isNaN(cpu) ? 'n/a' : `${(cpu / latencies.length).toFixed(2)} ms per sync`}${mode === 'wave' ? `; slowest push per wave ${roundMax.map((v) => v.toFixed(0)).join(', ')} ms` : ''}`)
    }
  } finally {
    for (const { child } of children) {
      child.kill('SIGTERM')
      await new Promise((r) => child.once('exit', r))
    }
  }
}

async function main() {
  const cpu = cpus()
  console.log(`Machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ${platform()} ${release()}, Node ${process.version}`)
  if (!process.env.BENCH_SKIP_CLIENT && (wants('push') || wants('download') || wants('node'))) await clientParts()
  if (process.env.BENCH_SKIP_LOAD || !wants('load')) return
  console.log(`\n3. ${DEVICES} simulated devices in ${TEAMS} teams, ${ROUNDS} syncs each (push ${PER_PUSH}, then pull until caught up); server in its own process, HTTP clients in this one`)
  const dir = mkdtempSync(join(tmpdir(), 'sb-bench-load-'))
  try {
    const file = join(dir, 'load.sqlite')
    await loadTest('sqlite', { kind: 'sqlite', file }, `sqlite:${file}`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  const postgres = await postgresUrl()
  if (!postgres) {
    console.log('   postgres: skipped (PostgreSQL at 127.0.0.1:5432 is not reachable)')
    return
  }
  try {
    await loadTest('postgres', { kind: 'postgres', url: postgres.url }, postgres.url)
    // BENCH_PG_INSTANCES=<n> also runs the same load against n server processes sharing the database.
    const instances = Number(process.env.BENCH_PG_INSTANCES ?? 1)
    if (instances > 1) await loadTest('postgres', { kind: 'postgres', url: postgres.url }, postgres.url, instances)
  } finally {
    await postgres.drop()
  }
}

main().then(() => process.exit(0), (error) => {
  console.error(error)
  process.exit(1)
})
