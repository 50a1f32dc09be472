// Lighthouse 12.2.3 (mobile defaults) against the served production build; prints the scores.
// Usage: npm run build && npm run bench:lighthouse [-- URL]   (without URL the build is served here)
import lighthouse from 'lighthouse'
import * as chromeLauncher from 'chrome-launcher'
import { cpus } from 'node:os'
import { serveDist } from './support/serveDist.mjs'

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync']

const server = process.argv[2] ? null : await serveDist()
const base = process.argv[2] ?? server.url
const paths = (process.env.LH_PATHS ?? '/,/henvendelser,/tid,/tjeklister,/mere').split(',')

console.log(`Machine: ${cpus()[0]?.model ?? 'unknown'}, ${cpus().length} cores, Node ${process.version}`)
console.log(`Lighthouse mobile defaults (simulated throttling) against ${base}`)
const chrome = await chromeLauncher.launch({ chromePath: '/usr/bin/chromium', chromeFlags: FLAGS })
try {
  for (const path of paths) {
    const result = await lighthouse(base + path, {
      port: chrome.port, output: 'json', logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices'],
    })
    const c = result.lhr.categories
    const a = result.lhr.audits
    const failed = Object.values(a).filter((x) => x.score !== null && x.score < 1 && x.scoreDisplayMode === 'binary').map((x) => x.id)
    console.log(`${path.padEnd(14)} performance ${c.performance.score}  accessibility ${c.accessibility.score}  best-practices ${c['best-practices'].score}  ` +
      `FCP ${a['first-contentful-paint'].displayValue}  LCP ${a['largest-contentful-paint'].displayValue}  TBT ${a['total-blocking-time'].displayValue}  CLS ${a['cumulative-layout-shift'].displayValue}`)
    if (failed.length > 0) console.log(`               failing audits: ${failed.join(', ')}`)
  }
} finally {
  await chrome.kill()
  await server?.close()
}
