import type { Locator, Page } from 'playwright-core'
import { waitForServiceWorker } from './browser.ts'

/** The bottom navigation's Danish link names. */
export type NavName = 'Hjem' | 'Henvendelser' | 'Tid' | 'Tjeklister' | 'Mere'

/** Navigates inside the app by tapping a bottom-navigation link (no page load). */
export async function tapNav(page: Page, name: NavName): Promise<void> {
  await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name, exact: true }).click()
}

/** The page's main heading (level 1). */
export function pageHeading(page: Page, name: string | RegExp): Locator {
  return page.getByRole('heading', { level: 1, name })
}

/** Waits until the app has loaded its profile and shows a page heading. */
export async function waitForApp(page: Page): Promise<void> {
  await page.getByRole('main').getByRole('heading', { level: 1 }).first().waitFor()
}

/** Opens a path of the app with a full page load and waits for its first screen. */
export async function openPath(page: Page, baseUrl: string, path: string): Promise<void> {
  await page.goto(`${baseUrl}${path}`)
  await waitForApp(page)
}

/** The line under the header that tells how the last sync went, filtered by its text. */
export function syncLine(page: Page, text: string | RegExp): Locator {
  return page.locator('.sync-line').filter({ hasText: text })
}

/** How many changes wait in the outbox of the signed-in account's database (0 when nobody is signed in). */
function outboxSize(page: Page): Promise<number> {
  return page.evaluate(() => new Promise<number>((resolve, reject) => {
    const raw = localStorage.getItem('superbruger.account')
    const id = raw === null ? null : (JSON.parse(raw) as { id?: string }).id
    if (!id) { resolve(0); return }
    const open = indexedDB.open(`superbruger-user-${id}`)
    open.onerror = () => reject(open.error)
    open.onsuccess = () => {
      const database = open.result
      if (!database.objectStoreNames.contains('outbox')) { database.close(); resolve(0); return }
      const count = database.transaction('outbox').objectStore('outbox').count()
      count.onsuccess = () => { database.close(); resolve(count.result) }
      count.onerror = () => { database.close(); reject(count.error) }
    }
  }))
}

/**
 * Waits until the header says the last sync succeeded and nothing waits in the outbox. Right after
 * a change the line can still say "Synkroniseret" from before the change was queued; the outbox
 * holds the change from the moment it is saved, so both together mean the server has it.
 */
export async function synced(page: Page, timeout = 20_000): Promise<void> {
  const deadline = Date.now() + timeout
  for (;;) {
    await syncLine(page, /^Synkroniseret/).waitFor({ timeout: Math.max(1, deadline - Date.now()) })
    const waiting = await outboxSize(page)
    if (waiting === 0 && await syncLine(page, /^Synkroniseret/).count() > 0) return
    if (Date.now() > deadline) throw new Error(`synced: ${waiting} change(s) still in the outbox after ${timeout} ms`)
    await page.waitForTimeout(100)
  }
}

export interface SignInOptions {
  /** Open the sign-in page first (false when the page already shows it). */
  open?: boolean
  /** How long to wait for the first sync after signing in. */
  syncTimeout?: number
}

/**
 * Signs in with e-mail and password, then waits until the service worker controls the page
 * (so it works offline from here) and the first sync has finished.
 */
export async function signIn(page: Page, baseUrl: string, email: string, password: string, options: SignInOptions = {}): Promise<void> {
  if (options.open ?? true) await page.goto(`${baseUrl}/log-ind`)
  await page.getByLabel('E-mail').fill(email)
  await page.getByLabel('Adgangskode').fill(password)
  await page.getByRole('button', { name: 'Log ind', exact: true }).click()
  await pageHeading(page, 'Overblik').waitFor()
  await waitForServiceWorker(page)
  await synced(page, options.syncTimeout)
}
