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

/** Waits until the header says the last sync succeeded. */
export async function synced(page: Page, timeout = 20_000): Promise<void> {
  await syncLine(page, /^Synkroniseret/).waitFor({ timeout })
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
