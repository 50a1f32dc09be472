// Where the home's load spends its time: a Chromium trace of a first visit to / (fresh storage, as
// Lighthouse loads it) of the production build, next to the floor app (bench/floor/: the bare Vue +
// vue-router + Pinia + Dexie + workbox-window stack), both served by the same compressing server.
//
// Main-thread work is counted in thread CPU time (trace events' tdur), not wall time: another
// process taking the CPU stretches the wall clock, not the CPU time a task needed. Grouped as
// Lighthouse's mainthread-work-breakdown groups them; script time is split by file and by function
// from the V8 sampling profiler in the same trace (shares of the samples, scaled to script CPU time).
// "TBT at 4× CPU" sums max(0, 4 × CPU time − 50 ms) over the main thread's tasks after the first
// contentful paint: what Lighthouse's mobile 4× CPU slowdown would make of them (its simulation
// also reorders work, so it is a guide, not its figure). Wall-clock milestones are printed too,
// and the machine's load, since they move with it.
//
// Usage: npm run bench:home-trace
//   TRACE_BUILD=0 skips building both; TRACE_RUNS=5 (default 5) loads per app; TRACE_FLOOR=0 skips the floor;
//   TRACE_VISIT=repeat measures a second visit (the device's database exists, the service worker controls
//   the page) instead of the first; TRACE_DIST=dir measures another build of the app (e.g. one made with
//   `npx vite build --minify false --outDir /tmp/sb-plain` for readable function names); TRACE_BASELINE=dir
//   also measures another build (e.g. of an earlier commit), alternating with this one; TRACE_SAVE=dir
//   keeps each trace as JSON (open it in Chromium's DevTools performance panel); TRACE_HIRES=1 samples
//   every 0.1 ms (for the function lists; it inflates the CPU figures); TRACE_TOP=25 functions listed;
//   TRACE_TASKS=1 lists the first run's tasks of 4 ms CPU or 10 ms wall time or more, each with the functions that ran in it.
import { chromium } from 'playwright-core'
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import { taskNameToGroup } from 'lighthouse/core/lib/tracehouse/task-groups.js'
import { serveDist } from './support/serveDist.mjs'

const RUNS = Number(process.env.TRACE_RUNS ?? 5)
const VISIT = process.env.TRACE_VISIT === 'repeat' ? 'repeat' : 'first'
const DIST = process.env.TRACE_DIST ?? 'dist'
const SAVE = process.env.TRACE_SAVE ?? ''
const CATEGORIES = [
  'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing', 'loading',
  'toplevel', 'disabled-by-default-v8.cpu_profiler',
  // Samples every 0.1 ms instead of 1 ms: finer, but the profiler's own cost then shows in the CPU figures.
  ...(process.env.TRACE_HIRES === '1' ? ['disabled-by-default-v8.cpu_profiler.hires'] : []),
]
// Quiet time after the network went idle: work deferred past the first paint (service-worker
// registration, storage checks, the cards below the fold) still belongs to the load.
const SETTLE_MS = 1500

if (process.env.TRACE_BUILD !== '0') {
  if (!process.env.TRACE_DIST) execFileSync('npm', ['run', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] })
  if (process.env.TRACE_FLOOR !== '0') {
    execFileSync('npx', ['vite', 'build', '--config', 'bench/floor/vite.config.mjs'], { stdio: ['ignore', 'ignore', 'inherit'] })
  }
}

/** Loads `url` once in a fresh browser context, tracing it; returns the trace's events. */
async function traceLoad(browser, url) {
  const context = await browser.newContext({ viewport: { width: 360, height: 800 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true })
  try {
    const page = await context.newPage()
    if (VISIT === 'repeat') {
      await page.goto(url, { waitUntil: 'networkidle' })
      await page.waitForTimeout(SETTLE_MS)
    }
    await browser.startTracing(page, { categories: CATEGORIES })
    await page.goto(url, { waitUntil: 'networkidle' })
    await page.waitForTimeout(SETTLE_MS)
    const trace = JSON.parse((await browser.stopTracing()).toString())
    return Array.isArray(trace) ? trace : trace.traceEvents
  } finally {
    await context.close()
  }
}

/** The renderer main thread that loaded `url`, and its navigation's start. */
function mainThreadOf(events, url) {
  const starts = events.filter((e) => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL === url)
  const start = starts.at(-1)
  if (!start) throw new Error(`no navigation to ${url} in the trace`)
  return { pid: start.pid, tid: start.tid, t0: start.ts }
}

/**
 * The main thread's complete events as a forest (children nested by time), each with its own
 * ("self") wall and CPU time. Unknown event names take their parent's group, as in Lighthouse.
 */
function taskTree(events) {
  const spans = events.filter((e) => e.ph === 'X' && typeof e.dur === 'number')
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur)
  const roots = []
  const stack = []
  for (const e of spans) {
    const node = { event: e, start: e.ts, end: e.ts + e.dur, cpu: e.tdur ?? 0, children: [], group: null }
    while (stack.length > 0 && stack.at(-1).end <= node.start) stack.pop()
    const parent = stack.at(-1)
    if (parent && node.end <= parent.end + 1) parent.children.push(node)
    else { stack.length = 0; roots.push(node) }
    stack.push(node)
  }
  const assign = (node, inherited) => {
    node.group = taskNameToGroup[node.event.name]?.id ?? inherited ?? 'other'
    const childCpu = node.children.reduce((sum, c) => sum + c.cpu, 0)
    node.selfCpu = Math.max(0, node.cpu - childCpu)
    for (const child of node.children) assign(child, node.group === 'other' ? inherited : node.group)
  }
  for (const root of roots) assign(root, null)
  return roots
}

function* walk(nodes) {
  for (const node of nodes) {
    yield node
    yield* walk(node.children)
  }
}

/** Self sample counts per file and per function from the V8 profile of the main thread. */
function profileOf(events, { pid, tid }) {
  const ids = new Set(events.filter((e) => e.name === 'Profile' && e.pid === pid && e.tid === tid).map((e) => e.id))
  const nodes = new Map()
  const samples = []
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || e.pid !== pid || !ids.has(e.id)) continue
    const cpuProfile = e.args?.data?.cpuProfile ?? {}
    for (const n of cpuProfile.nodes ?? []) nodes.set(n.id, n)
    samples.push(...(cpuProfile.samples ?? []))
  }
  const byFile = new Map()
  const byFunction = new Map()
  const inclusive = new Map()
  const timed = timedSamplesOf(events, ids, pid)
  const nameOf = (frame) => `${frame.functionName || '(anonymous)'} ${new URL(frame.url).pathname.replace(/^.*\//, '')}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`
  const isPage = (frame) => Boolean(frame?.url && /^https?:/.test(frame.url))
  let js = 0
  for (const id of samples) {
    const frame = nodes.get(id)?.callFrame
    if (!isPage(frame)) continue
    js++
    const file = new URL(frame.url).pathname
    byFile.set(file, (byFile.get(file) ?? 0) + 1)
    byFunction.set(nameOf(frame), (byFunction.get(nameOf(frame)) ?? 0) + 1)
    // Every function on the sample's stack, once: time spent in it and in what it called.
    const seen = new Set()
    for (let node = nodes.get(id); node; node = nodes.get(node.parent)) {
      if (isPage(node.callFrame)) seen.add(nameOf(node.callFrame))
    }
    for (const name of seen) inclusive.set(name, (inclusive.get(name) ?? 0) + 1)
  }
  return { js, byFile, byFunction, inclusive, timed, nodes, isPage, nameOf }
}

/** Each sample's node id with its time (trace clock, µs): the profile's start plus the chunks' deltas. */
function timedSamplesOf(events, ids, pid) {
  const timed = []
  for (const id of ids) {
    const start = events.find((e) => e.name === 'Profile' && e.pid === pid && e.id === id)?.args?.data?.startTime
    if (typeof start !== 'number') continue
    let t = start
    for (const e of events) {
      if (e.name !== 'ProfileChunk' || e.pid !== pid || e.id !== id) continue
      const samples = e.args?.data?.cpuProfile?.samples ?? []
      const deltas = e.args?.data?.timeDeltas ?? []
      for (const [i, node] of samples.entries()) {
        t += deltas[i] ?? 0
        timed.push({ node, t })
      }
    }
  }
  return timed
}

/** The functions that ran in [start, end): inclusive sample counts of the page's own functions. */
function functionsDuring(profile, start, end) {
  const counts = new Map()
  for (const { node: id, t } of profile.timed) {
    if (t < start || t >= end) continue
    const seen = new Set()
    for (let node = profile.nodes.get(id); node; node = profile.nodes.get(node.parent)) {
      if (profile.isPage(node.callFrame)) seen.add(profile.nameOf(node.callFrame))
    }
    for (const name of seen) counts.set(name, (counts.get(name) ?? 0) + 1)
  }
  return [...counts].sort((a, b) => b[1] - a[1])
}

/** The figures of one traced load. */
function analyse(events, url) {
  const main = mainThreadOf(events, url)
  const own = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ts >= main.t0)
  const at = (name, pick = 'first') => {
    const found = own.filter((e) => e.name === name && (!e.args?.frame || e.args.frame === own.find((x) => x.name === 'navigationStart')?.args?.frame))
    const e = pick === 'last' ? found.at(-1) : found[0]
    return e ? (e.ts - main.t0) / 1000 : NaN
  }
  const fcp = at('firstContentfulPaint')
  const lcp = at('largestContentfulPaint::Candidate', 'last')
  const roots = taskTree(own)
  const groups = {}
  const byEvent = new Map()
  let cpu = 0
  let cpuBeforeLcp = 0
  for (const node of walk(roots)) {
    groups[node.group] = (groups[node.group] ?? 0) + node.selfCpu / 1000
    byEvent.set(node.event.name, (byEvent.get(node.event.name) ?? 0) + node.selfCpu / 1000)
    cpu += node.selfCpu / 1000
    if ((node.start - main.t0) / 1000 < lcp) cpuBeforeLcp += node.selfCpu / 1000
  }
  let tbt4 = 0
  let longTasks = 0
  let longest = 0
  const tasks = []
  for (const root of roots) {
    const ms = root.cpu / 1000
    if (ms >= 4 || root.end - root.start >= 10_000) tasks.push({ at: (root.start - main.t0) / 1000, cpu: ms, wall: (root.end - root.start) / 1000, root, start: root.start, end: root.end, afterFcp: (root.start - main.t0) / 1000 >= fcp })
    longest = Math.max(longest, ms)
    if (4 * ms > 50) longTasks++
    if ((root.start - main.t0) / 1000 >= fcp) tbt4 += Math.max(0, 4 * ms - 50)
  }
  // Requests the page made before its largest paint: each is a round trip in Lighthouse's simulation.
  const frame = own.find((e) => e.name === 'navigationStart')?.args?.frame
  const sent = new Map()
  for (const e of events) {
    const data = e.args?.data
    if (e.name === 'ResourceSendRequest' && data?.url && data.frame === frame && !sent.has(data.requestId)) sent.set(data.requestId, { url: data.url, ts: e.ts, bytes: 0 })
    if (e.name === 'ResourceFinish' && sent.has(data?.requestId)) sent.get(data.requestId).bytes = data.encodedDataLength ?? 0
  }
  const requests = [...sent.values()].filter((r) => r.ts >= main.t0)
  const beforeLcp = requests.filter((r) => (r.ts - main.t0) / 1000 < lcp)
  const scripts = requests.filter((r) => /\.js(\?|$)/.test(r.url))
  const profile = profileOf(events, main)
  const scriptCpu = (groups.scriptEvaluation ?? 0) + (groups.scriptParseCompile ?? 0)
  return {
    fcp, lcp, dcl: at('domContentLoadedEventEnd', 'last'), load: at('loadEventEnd', 'last'),
    cpu, cpuBeforeLcp, groups, byEvent, tbt4, longTasks, longest, scriptCpu,
    requestsBeforeLcp: beforeLcp.length, scriptsBeforeLcp: beforeLcp.filter((r) => /\.js(\?|$)/.test(r.url)).map((r) => new URL(r.url).pathname),
    scriptKB: scripts.reduce((sum, r) => sum + r.bytes, 0) / 1024, scriptFiles: scripts.length,
    profile, tasks,
  }
}

const median = (xs) => {
  const s = xs.filter((x) => !Number.isNaN(x)).sort((x, y) => x - y)
  if (s.length === 0) return NaN
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
const ms = (v) => `${v.toFixed(0)} ms`
const GROUP_LABELS = {
  scriptEvaluation: 'Script evaluation', scriptParseCompile: 'Script parse & compile', styleLayout: 'Style & layout',
  paintCompositeRender: 'Rendering', parseHTML: 'Parse HTML & CSS', garbageCollection: 'Garbage collection', other: 'Other',
}

/** Prints the medians of a target's runs, and the script split of all its runs together. */
function report(label, runs) {
  const m = (pick) => median(runs.map(pick))
  const range = (pick) => {
    const xs = runs.map(pick).filter((x) => !Number.isNaN(x))
    return `[${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}]`
  }
  console.log(`\n${label}: ${runs.length} ${VISIT} visits, medians [min–max]`)
  console.log(`  Main-thread CPU        ${ms(m((r) => r.cpu)).padStart(8)} ${range((r) => r.cpu)}   before LCP ${ms(m((r) => r.cpuBeforeLcp))}`)
  for (const [id, name] of Object.entries(GROUP_LABELS)) {
    console.log(`    ${name.padEnd(22)} ${ms(m((r) => r.groups[id] ?? 0)).padStart(6)}`)
  }
  console.log(`  TBT at 4× CPU          ${ms(m((r) => r.tbt4)).padStart(8)} ${range((r) => r.tbt4)}   longest task ${ms(m((r) => r.longest))} CPU, tasks > 12.5 ms CPU: ${m((r) => r.longTasks)}`)
  console.log(`  Wall clock (load-sensitive): FCP ${ms(m((r) => r.fcp))}  LCP ${ms(m((r) => r.lcp))} ${range((r) => r.lcp)}  DOMContentLoaded ${ms(m((r) => r.dcl))}  load ${ms(m((r) => r.load))}`)
  console.log(`  Page's scripts: ${m((r) => r.scriptFiles)} files, ${m((r) => r.scriptKB).toFixed(1)} KB transferred; requests before LCP ${m((r) => r.requestsBeforeLcp)}, scripts among them ${m((r) => r.scriptsBeforeLcp.length)}`)
  const events = new Map()
  for (const r of runs) for (const [name, v] of r.byEvent) events.set(name, (events.get(name) ?? 0) + v / runs.length)
  console.log(`  Trace events by own CPU (mean): ${[...events].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([name, v]) => `${name} ${ms(v)}`).join(', ')}`)
  // Sample shares over all runs, scaled to the median script CPU time.
  const scriptCpu = m((r) => r.scriptCpu)
  const total = runs.reduce((sum, r) => sum + r.profile.js, 0)
  if (total === 0) return
  const sum = (key) => {
    const all = new Map()
    for (const r of runs) for (const [k, n] of r.profile[key]) all.set(k, (all.get(k) ?? 0) + n)
    return [...all].sort((a, b) => b[1] - a[1])
  }
  console.log(`  Script CPU by file (V8 samples, ${total} in all, scaled to script CPU ${ms(scriptCpu)}):`)
  for (const [file, n] of sum('byFile').slice(0, 10)) console.log(`    ${file.padEnd(46)} ${ms((n / total) * scriptCpu).padStart(7)}  ${((100 * n) / total).toFixed(0).padStart(3)} %`)
  console.log('  Top functions by self time:')
  for (const [fn, n] of sum('byFunction').slice(0, 15)) console.log(`    ${fn.slice(0, 70).padEnd(70)} ${ms((n / total) * scriptCpu).padStart(7)}`)
  console.log('  Top functions with what they call (inclusive):')
  for (const [fn, n] of sum('inclusive').slice(0, Number(process.env.TRACE_TOP ?? 25))) console.log(`    ${fn.slice(0, 70).padEnd(70)} ${ms((n / total) * scriptCpu).padStart(7)}`)
  if (process.env.TRACE_TASKS !== '1') return
  // The tasks of the first run that took 4 ms CPU or more, each with what ran in it.
  const first = runs[0]
  console.log('  Tasks of run 1 with ≥ 4 ms CPU or 10 ms wall (from the navigation\'s start; * = after FCP, counts for TBT):')
  for (const task of first.tasks) {
    const fns = functionsDuring(first.profile, task.start, task.end)
    const all = fns[0]?.[1] ?? 0
    if (process.env.TRACE_TASK_EVENTS === '1') {
      // Where the task's wall time went: its trace events by own wall time (waiting shows here, not in CPU).
      const own = new Map()
      for (const node of walk([task.root])) {
        const selfWall = (node.end - node.start) - node.children.reduce((sum, c) => sum + (c.end - c.start), 0)
        own.set(node.event.name, (own.get(node.event.name) ?? 0) + selfWall / 1000)
      }
      console.log(`        events by own wall time: ${[...own].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([n, v]) => `${n} ${v.toFixed(1)}`).join(', ')}`)
    }
    console.log(`    ${task.afterFcp ? '*' : ' '} at ${ms(task.at).padStart(7)}  CPU ${ms(task.cpu).padStart(6)}  wall ${ms(task.wall).padStart(6)}  ${fns.slice(0, Number(process.env.TRACE_TASK_TOP ?? 6)).map(([fn, n]) => `${fn.replace(/ \S+\.js/, '')} ${all ? Math.round((100 * n) / all) : 0}%`).join(', ')}`)
  }
}

// Each target is loaded in turn, run after run, so a change in the machine's load hits all alike.
const targets = [['app', `Home (${DIST})`, DIST]]
if (process.env.TRACE_BASELINE) targets.push(['baseline', `Baseline home (${process.env.TRACE_BASELINE})`, process.env.TRACE_BASELINE])
if (process.env.TRACE_FLOOR !== '0') targets.push(['floor', 'Floor (bench/floor)', 'bench/floor/dist'])
const servers = await Promise.all(targets.map(([, , dir]) => serveDist(dir)))
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] })
try {
  console.log(`Machine: ${cpus()[0]?.model ?? 'unknown'}, ${cpus().length} cores, load ${loadavg().map((n) => n.toFixed(2)).join(' ')}, Node ${process.version}`)
  console.log(`Chromium ${browser.version()}, 360×800 at 2× (mobile), no throttling; ${VISIT} visit of / in ${targets.map(([, , dir]) => dir).join(', ')}`)
  if (SAVE) mkdirSync(SAVE, { recursive: true })
  const runs = targets.map(() => [])
  for (let run = 1; run <= RUNS; run++) {
    for (const [i, [name]] of targets.entries()) {
      const url = `${servers[i].url}/`
      const events = await traceLoad(browser, url)
      if (SAVE) writeFileSync(join(SAVE, `${name}-${VISIT}-${run}.json`), JSON.stringify({ traceEvents: events }))
      runs[i].push(analyse(events, url))
    }
  }
  for (const [i, [, label]] of targets.entries()) report(label, runs[i])
  console.log(`\nLoad average after: ${loadavg().map((n) => n.toFixed(2)).join(' ')}`)
} finally {
  await browser.close()
  await Promise.all(servers.map((server) => server.close()))
}
