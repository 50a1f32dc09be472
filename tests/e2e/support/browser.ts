import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'

/** Flags for Debian's Chromium on this closed network (see the project README). */
export const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
]

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Launches Debian's Chromium (never a downloaded browser). */
export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_FLAGS, ...extraArgs] })
}

/** A phone-sized context (360×800, touch, Danish). */
export async function newPhoneContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 360, height: 800 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true,
    locale: 'da-DK', timezoneId: 'Europe/Copenhagen',
  })
}

/**
 * A new phone (a context as newPhoneContext makes it, and its page) whose clock starts at `time`
 * and runs on from there, so a test never depends on today's date; `page.context()` moves it.
 */
export async function phoneWithClock(browser: Browser, time: Date | number): Promise<Page> {
  const context = await newPhoneContext(browser)
  await context.clock.install({ time })
  return context.newPage()
}

/** Waits until the service worker controls the page, so the app works offline after this. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(async () => {
    const reg = await navigator.serviceWorker.ready
    return reg.active?.state === 'activated'
  }, undefined, { timeout: 30_000 })
  // The first load is not controlled until a reload (no clients.claim in prompt mode).
  if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) {
    await page.reload()
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 })
  }
}
