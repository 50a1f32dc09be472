import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { parseRoleMap } from '../../src/server/config.ts'
import { startIdentityProvider, type TestIdentityProvider } from '../server/support/identityProvider.ts'
import { launchBrowser, newPhoneContext } from './support/browser.ts'
import { freePort, startAppServer, type AppServer } from './support/appServer.ts'
import { pageHeading } from './support/app.ts'

// The municipality's login (OpenID Connect, code + PKCE) in a real browser against a real provider.
let server: AppServer
let idp: TestIdentityProvider
let browser: Browser

async function signInAtProvider(page: Page, login: string): Promise<void> {
  await page.goto(`${server.url}/log-ind`)
  await page.getByRole('link', { name: 'Log ind med kommunens login' }).click()
  await page.locator('input[name="login"]').fill(login)
  await page.locator('input[name="password"]').fill('hvad-som-helst')
  await page.locator('button[type="submit"]').click()
  // The provider may ask for consent once; either way the browser ends up back in the app.
  const consentOrApp = () => document.querySelector('input[name="prompt"][value="consent"]') !== null || !location.pathname.startsWith('/interaction')
  await page.waitForFunction(consentOrApp, undefined, { timeout: 20_000 })
  if (page.url().startsWith(idp.issuer)) await page.locator('button[type="submit"]').click()
}

beforeAll(async () => {
  const port = await freePort()
  const base = `http://localhost:${port}`
  idp = await startIdentityProvider([
    { sub: 'mette', email: 'bruger1@e2e.dk', roles: ['SB-Superbruger'] },
    { sub: 'fremmed', email: 'fremmed@e2e.dk', roles: [] },
  ], `${base}/api/auth/oidc/callback`)
  server = await startAppServer({
    port, publicUrl: base,
    oidc: { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, userClaim: 'email', roleClaim: 'roles', roleMap: parseRoleMap('SB-Superbruger=superbruger') },
  })
  await server.addUser('Mette Holm', 'superbruger')
  browser = await launchBrowser()
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
  await idp?.close()
})

describe('signing in with the municipality\'s login', () => {
  it('a known colleague comes back signed in, and the app syncs her team', async () => {
    const context = await newPhoneContext(browser)
    const page = await context.newPage()
    await signInAtProvider(page, 'mette')
    await pageHeading(page, 'Overblik').waitFor({ timeout: 20_000 })
    await page.locator('.sync-line').filter({ hasText: /^Synkroniseret/ }).waitFor({ timeout: 20_000 })
    await page.goto(`${server.url}/mere/konto`)
    await page.getByText('Mette Holm').waitFor()
    await page.getByText('bruger1@e2e.dk').waitFor()
    await context.close()
  })

  it('someone the app does not know is told to ask the coordinator, and is not signed in', async () => {
    const context = await newPhoneContext(browser)
    const page = await context.newPage()
    await signInAtProvider(page, 'fremmed')
    await pageHeading(page, 'Log ind').waitFor({ timeout: 20_000 })
    await page.getByRole('alert').filter({ hasText: 'Bed koordinatoren om at invitere dig.' }).waitFor()
    expect(await page.evaluate(() => localStorage.getItem('superbruger.account'))).toBeNull()
    await context.close()
  })
})
