import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchBrowser, newPhoneContext } from './support/browser.ts'
import { serveBuild, type StaticServer } from './support/server.ts'
import { pageHeading } from './support/app.ts'
import { SCREENS, makeRecords, settle, type Made, type Screen } from './support/screens.ts'
import { measureOverflow, motionOf, smallTargets } from './support/layout.ts'

// Reflow (WCAG 1.4.10), orientation (1.3.4), target size (2.5.5) and reduced motion (2.3.3),
// on every screen state the axe test checks.

let server: StaticServer
let browser: Browser
let context: BrowserContext
let page: Page
let made: Made

beforeAll(async () => {
  server = await serveBuild()
  browser = await launchBrowser()
  context = await newPhoneContext(browser)
  page = await context.newPage()
  made = await makeRecords(page, server.url)
})

afterAll(async () => {
  await context?.close()
  await browser?.close()
  await server?.close()
})

async function open(p: Page, screen: Screen): Promise<void> {
  await p.goto(`${server.url}${screen.path(made)}`)
  await pageHeading(p, screen.heading).waitFor()
  await settle(p)
  await screen.act?.(p)
}

it('finds sideways overflow and small targets when there are some (the checks themselves work)', async () => {
  await page.setViewportSize({ width: 320, height: 800 })
  await page.goto(`${server.url}/mere`)
  await settle(page)
  await page.evaluate(() => {
    document.querySelector('main')?.insertAdjacentHTML('beforeend',
      '<div class="too-wide" style="width:500px">x</div><button style="min-height:0;padding:0;width:30px;height:30px">?</button><p>Læs <a href="/om-data">her</a>.</p>')
  })
  const overflow = await measureOverflow(page)
  expect(overflow.scrollWidth).toBeGreaterThan(overflow.clientWidth)
  expect(overflow.offenders.join()).toContain('div.too-wide')
  const small = await smallTargets(page)
  expect(small).toEqual(['<button> "?" 30×30'])
})

const SIZES = [
  { name: '320 CSS px wide (portrait phone)', viewport: { width: 320, height: 800 } },
  { name: '200 % zoom of a 1280×800 screen (640×400 CSS px)', viewport: { width: 640, height: 400 } },
  { name: 'landscape phone 800×360', viewport: { width: 800, height: 360 } },
] as const

for (const size of SIZES) {
  describe(`no horizontal scrolling at ${size.name}`, () => {
    it.each(SCREENS)('$name', async (screen) => {
      await page.setViewportSize(size.viewport)
      await open(page, screen)
      const overflow = await measureOverflow(page)
      expect(overflow.scrollWidth, overflow.offenders.join('\n')).toBeLessThanOrEqual(overflow.clientWidth)
      await expect.poll(() => pageHeading(page, screen.heading).isVisible()).toBe(true)
    })
  })
}

describe('touch targets at least 44×44 CSS px at 360×800', () => {
  it.each(SCREENS)('$name', async (screen) => {
    await page.setViewportSize({ width: 360, height: 800 })
    await open(page, screen)
    expect(await smallTargets(page)).toEqual([])
  })
})

describe('reduced motion', () => {
  let reduced: Page

  beforeAll(async () => {
    reduced = await context.newPage()
    await reduced.emulateMedia({ reducedMotion: 'reduce' })
  })

  afterAll(async () => {
    await reduced?.close()
  })

  it('stills even motion a screen would add later, and scrolls instantly', async () => {
    await reduced.goto(`${server.url}/mere`)
    await settle(reduced)
    const addMotion = (): Promise<void> => reduced.evaluate(() => {
      document.head.insertAdjacentHTML('beforeend', '<style id="motion">@keyframes spin { to { transform: rotate(1turn) } } html { scroll-behavior: smooth } .card { transition: opacity 2s; animation: spin 2s infinite }</style>')
    })
    await addMotion()
    const still = await motionOf(reduced)
    expect(still).toEqual({ longestMs: 0.01, scrollBehavior: 'auto', running: 0 })

    // Without the preference the same styles do move: the measurement can see motion.
    await reduced.emulateMedia({ reducedMotion: 'no-preference' })
    const moving = await motionOf(reduced)
    expect(moving.longestMs).toBe(2000)
    expect(moving.scrollBehavior).toBe('smooth')
    expect(moving.running).toBeGreaterThan(0)
    await reduced.emulateMedia({ reducedMotion: 'reduce' })
  })

  it.each(SCREENS)('$name: nothing animates', async (screen) => {
    await open(reduced, screen)
    const motion = await motionOf(reduced)
    expect(motion.longestMs).toBeLessThanOrEqual(0.01)
    expect(motion.scrollBehavior).toBe('auto')
    expect(motion.running).toBe(0)
  })
})
