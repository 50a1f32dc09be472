// Lighthouse 12.2.3 (mobile defaults, simulated throttling) against the production build and the
// floor app (bench/floor/: the bare Vue + vue-router + Pinia + Dexie + workbox-window stack), both
// served by the same compressing static server. Home is measured LH_RUNS times alternately against
// the floor (medians and ranges, and app/floor ratios); other screens once each.
// Usage: npm run bench:lighthouse [-- URL]
//   builds both first (LH_BUILD=0 skips it); with URL it measures that server's screens, no floor.
//   LH_RUNS=5 (default 3), LH_PATHS=/henvendelser,/tid (other screens; default the main ones, '' for none)
//   LH_BASELINE=dir also measures another build of the app (e.g. of an earlier commit) in each run, between the
//   app and the floor, and prints it as a third column; LH_TASKS=1 lists the long tasks each home run saw (start and simulated duration, by script)
//   Also the colleague's fault-report page (/a/<code>, rendered by the server): the real server is
//   started on an empty SQLite database (LH_FAULT_PAGE=0 skips it), so the code is unknown to it —
//   the same page a known code gets, without the two lines naming the asset. Then a public tip's
//   page (/t/<code>, also rendered by the server): the benchmark signs in as the first admin and
//   pushes one public tip (a guide of headings, a list and a link) to measure it.
import lighthouse from 'lighthouse'
import * as chromeLauncher from 'chrome-launcher'
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { cpus, loadavg } from 'node:os'
import { serveDist } from './support/serveDist.mjs'
import { tipCode } from '../src/domain/tipCode.ts'

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync']
const RUNS = Number(process.env.LH_RUNS ?? 3)
const others = (process.env.LH_PATHS ?? '/henvendelser,/tid,/tjeklister,/mere').split(',').filter(Boolean)
const external = process.argv[2]

if (!external && process.env.LH_BUILD !== '0') {
  execFileSync('npm', ['run', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] })
  execFileSync('npx', ['vite', 'build', '--config', 'bench/floor/vite.config.mjs'], { stdio: ['ignore', 'ignore', 'inherit'] })
}
const app = external ? null : await serveDist('dist')
const floor = external ? null : await serveDist('bench/floor/dist')
const baseline = process.env.LH_BASELINE ? await serveDist(process.env.LH_BASELINE) : null
const base = external ?? app.url

console.log(`Machine: ${cpus()[0]?.model ?? 'unknown'}, ${cpus().length} cores, load ${loadavg().map((n) => n.toFixed(2)).join(' ')}, Node ${process.version}`)
console.log(`Lighthouse mobile defaults (simulated throttling); app ${base}${floor ? `, floor ${floor.url}` : ''}`)

const chrome = await chromeLauncher.launch({ chromePath: '/usr/bin/chromium', chromeFlags: FLAGS })

/** One Lighthouse run; returns the figures this benchmark prints. */
async function measure(url) {
  const { lhr } = await lighthouse(url, {
    port: chrome.port, output: 'json', logLevel: 'error',
    onlyCategories: ['performance', 'accessibility', 'best-practices'],
  })
  const a = lhr.audits
  const scripts = (a['network-requests'].details?.items ?? []).filter((r) => r.resourceType === 'Script')
  return {
    performance: lhr.categories.performance.score,
    accessibility: lhr.categories.accessibility.score,
    bestPractices: lhr.categories['best-practices'].score,
    fcp: a['first-contentful-paint'].numericValue,
    lcp: a['largest-contentful-paint'].numericValue,
    tbt: a['total-blocking-time'].numericValue,
    cls: a['cumulative-layout-shift'].numericValue,
    jsKB: scripts.reduce((sum, r) => sum + r.transferSize, 0) / 1024,
    longTasks: a['long-tasks'].details?.items ?? [],
    failed: Object.values(a).filter((x) => x.score !== null && x.score < 1 && x.scoreDisplayMode === 'binary').map((x) => x.id),
  }
}

const line = (label, r) => `${label.padEnd(16)} performance ${r.performance.toFixed(2)}  FCP ${(r.fcp / 1000).toFixed(2)} s  ` +
  `LCP ${(r.lcp / 1000).toFixed(2)} s  TBT ${Math.round(r.tbt)} ms  CLS ${r.cls.toFixed(3)}  JS ${r.jsKB.toFixed(1)} KB` +
  `  accessibility ${r.accessibility}  best-practices ${r.bestPractices}`
const median = (xs) => {
  const s = [...xs].sort((x, y) => x - y)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

const LH_TIP_ID = '0193a0b0-0000-7000-8000-0000000001a1'
const LH_TIP_BODY = '# I Outlook\n\n1. Højreklik på kalenderen i mappelisten\n2. Vælg **Deling** → **Kalendertilladelser**\n'
  + '3. Tilføj kollegaen, og vælg *Kan se alle detaljer*\n\n## Hvis det ikke virker\n\n- Luk Outlook, og åbn det igen\n'
  + '- Spørg en superbruger, eller læs [Microsofts vejledning](https://support.microsoft.com/)\n'

/** Signs in as the first admin and pushes one public tip; returns its page's path. */
async function seedPublicTip(origin, email, password) {
  const login = await fetch(`${origin}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify({ email, password }),
  })
  if (!login.ok) throw new Error(`sign-in failed: ${login.status}`)
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
  const { user } = await login.json()
  const now = Date.now()
  const fields = {
    id: LH_TIP_ID, teamId: user.teams[0], createdAt: now, createdBy: user.id, updatedAt: now, rev: 0, deletedAt: null,
    title: 'Sådan deler du en kalender', body: LH_TIP_BODY, tags: ['outlook'], category: 'office', requestIds: [], public: true,
  }
  const push = await fetch(`${origin}/api/sync/push`, {
    method: 'POST', headers: { 'content-type': 'application/json', origin, cookie },
    body: JSON.stringify({ clientId: 'lighthouse-bench', mutations: [{ mutationId: 1, table: 'tips', recordId: LH_TIP_ID, op: 'put', fields, baseRev: 0, at: now }] }),
  })
  const answer = await push.json()
  if (!push.ok || answer.rejected.length > 0) throw new Error(`push failed: ${push.status} ${JSON.stringify(answer)}`)
  return `/t/${tipCode(LH_TIP_ID)}`
}

/** Measures a server-rendered page LH_RUNS times and prints its figures. */
async function measureServerPage(title, label, url) {
  const html = await (await fetch(url)).text()
  console.log(`\n${title} ${url}: HTML ${(Buffer.byteLength(html) / 1024).toFixed(1)} KB before compression`)
  const runs = []
  for (let run = 1; run <= RUNS; run++) {
    const r = await measure(url)
    runs.push(r)
    console.log(line(`${label} #${run}`, r))
    if (r.failed.length > 0) console.log(`                 failing audits: ${r.failed.join(', ')}`)
  }
  console.log(`  median performance ${median(runs.map((r) => r.performance)).toFixed(2)}, accessibility ${median(runs.map((r) => r.accessibility))}`)
}

/** Starts the real server on an empty database and measures the colleague's pages LH_RUNS times each. */
async function measureFaultPage() {
  const dir = mkdtempSync(join(tmpdir(), 'sb-lh-'))
  const port = 18000 + Math.floor(Math.random() * 1000)
  // The server itself, not npx around it: killing npx would leave the server running.
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: {
      ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: `sqlite:${join(dir, 'lh.sqlite')}`, LOG_LEVEL: 'warn',
      SUPERBRUGER_ADMIN_EMAIL: 'lighthouse@bench.local', SUPERBRUGER_ADMIN_PASSWORD: 'lighthouse-bench-pw',
    },
    stdio: 'ignore',
  })
  try {
    for (let tries = 0; ; tries++) {
      const up = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false)
      if (up) break
      if (tries > 300) throw new Error('the server did not start')
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    const origin = `http://127.0.0.1:${port}`
    await measureServerPage('Fault-report page', '/a/<code>', `${origin}/a/K7M4QX`)
    const tipPath = await seedPublicTip(origin, 'lighthouse@bench.local', 'lighthouse-bench-pw')
    await measureServerPage('Public tip page', '/t/<code>', `${origin}${tipPath}`)
  } finally {
    server.kill('SIGTERM')
    rmSync(dir, { recursive: true, force: true })
  }
}

try {
  const home = { app: [], floor: [], baseline: [] }
  for (let run = 1; run <= RUNS; run++) {
    const r = await measure(`${base}/`)
    home.app.push(r)
    console.log(line(`/ #${run}`, r))
    if (process.env.LH_TASKS === '1') {
      const tasks = r.longTasks.map((t) => `${Math.round(t.startTime)}+${Math.round(t.duration)} ms ${String(t.url).replace(/^.*\//, '')}`)
      console.log(`                 long tasks: ${tasks.join(', ') || 'none'}`)
    }
    if (r.failed.length > 0) console.log(`                 failing audits: ${r.failed.join(', ')}`)
    if (baseline) {
      const b = await measure(`${baseline.url}/`)
      home.baseline.push(b)
      console.log(line(`baseline #${run}`, b))
    }
    if (floor) {
      const f = await measure(`${floor.url}/`)
      home.floor.push(f)
      console.log(line(`floor #${run}`, f))
    }
  }

  const metrics = [['performance', 'performance', (v) => v.toFixed(2)], ['FCP s', 'fcp', (v) => (v / 1000).toFixed(2)],
    ['LCP s', 'lcp', (v) => (v / 1000).toFixed(2)], ['TBT ms', 'tbt', (v) => String(Math.round(v))],
    ['JS KB (transfer)', 'jsKB', (v) => v.toFixed(1)]]
  console.log(`\nHome, ${RUNS} runs: median [min–max]${floor ? '; ratio = app median / floor median' : ''}`)
  for (const [label, key, fmt] of metrics) {
    const cell = (rs) => {
      const xs = rs.map((r) => r[key])
      return `${fmt(median(xs))} [${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))}]`.padEnd(24)
    }
    const ratio = floor ? `ratio ${(median(home.app.map((r) => r[key])) / Math.max(median(home.floor.map((r) => r[key])), 1e-9)).toFixed(2)}` : ''
    console.log(`  ${label.padEnd(18)} app ${cell(home.app)} ${baseline ? `baseline ${cell(home.baseline)} ` : ''}${floor ? `floor ${cell(home.floor)} ${ratio}` : ''}`)
  }

  if (!external && process.env.LH_FAULT_PAGE !== '0') await measureFaultPage()

  if (others.length > 0) console.log('\nOther screens (one run each):')
  for (const path of others) {
    const r = await measure(base + path)
    console.log(line(path, r))
    if (r.failed.length > 0) console.log(`                 failing audits: ${r.failed.join(', ')}`)
  }
} finally {
  await chrome.kill()
  await app?.close()
  await floor?.close()
  await baseline?.close()
}
