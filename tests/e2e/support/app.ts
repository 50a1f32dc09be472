import type { Locator, Page } from 'playwright-core'

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
