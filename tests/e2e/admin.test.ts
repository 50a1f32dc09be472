import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchBrowser, newPhoneContext } from './support/browser.ts'
import { startAppServer, type AppServer } from './support/appServer.ts'
import { pageHeading, signIn } from './support/app.ts'

// An admin invites a colleague, who signs in on her own phone; roles, departments and disabling reach her.
let server: AppServer
let browser: Browser
const contexts: BrowserContext[] = []
let admin: Page
let karen: Page
let startPassword = ''


beforeAll(async () => {
  server = await startAppServer()
  browser = await launchBrowser()
  for (let i = 0; i < 2; i += 1) contexts.push(await newPhoneContext(browser))
  admin = await contexts[0]!.newPage()
  karen = await contexts[1]!.newPage()
  await signIn(admin, server.url, 'admin@e2e.dk', 'admin-e2e-pw')
}, 60_000)

afterAll(async () => {
  for (const context of contexts) await context.close()
  await browser?.close()
  await server?.close()
})

describe('people and roles', () => {
  it('the admin invites Karen and sees her start password once', async () => {
    await admin.goto(`${server.url}/mere/personer`)
    await pageHeading(admin, 'Personer og roller').waitFor()
    await admin.getByLabel('Navn', { exact: true }).fill('Karen Holm')
    await admin.getByLabel('E-mail', { exact: true }).fill('karen.holm@e2e.dk')
    await admin.getByRole('button', { name: 'Invitér', exact: true }).click()
    await admin.getByRole('heading', { name: 'Startadgangskode til Karen Holm' }).waitFor()
    startPassword = (await admin.locator('.start-password-value code').textContent())?.trim() ?? ''
    expect(startPassword).toMatch(/^\w{12,}$/)
  })

  it('Karen signs in with it on her phone and gets her own Person record by sync', async () => {
    await signIn(karen, server.url, 'karen.holm@e2e.dk', startPassword)
    await karen.goto(`${server.url}/mere`)
    await expect.poll(() => karen.getByLabel('Navn', { exact: true }).first().inputValue(), { timeout: 15_000 }).toBe('Karen Holm')
    expect(await karen.getByRole('navigation', { name: 'Administration' }).count()).toBe(0)
  })

  it('a department the admin adds reaches Karen\'s request form', async () => {
    await admin.goto(`${server.url}/mere/afdelinger`)
    await admin.getByLabel('Navn', { exact: true }).fill('Byggesager')
    await admin.getByRole('button', { name: 'Tilføj', exact: true }).click()
    await admin.getByText('Byggesager').first().waitFor()
    await karen.goto(`${server.url}/henvendelser/ny`)
    await expect.poll(async () => (await karen.getByLabel(/^Afdeling/).locator('option').allTextContents()).join('|'), { timeout: 20_000 }).toContain('Byggesager')
  })

  it('making Karen koordinator shows her the administration links after sync', async () => {
    await admin.goto(`${server.url}/mere/personer`)
    await admin.getByLabel('Rolle for Karen Holm').selectOption({ label: 'Koordinator' })
    await expect.poll(() => admin.getByLabel('Rolle for Karen Holm').inputValue()).toBe('koordinator')
    await karen.goto(`${server.url}/mere`)
    await karen.getByRole('navigation', { name: 'Administration' }).waitFor({ timeout: 20_000 })
  })

  it('disabling Karen ends her session: her phone asks her to sign in, and keeps her change', async () => {
    await admin.goto(`${server.url}/mere/personer`)
    const row = admin.getByRole('listitem').filter({ hasText: 'karen.holm@e2e.dk' })
    await row.getByRole('button', { name: 'Deaktivér' }).click()
    await row.getByRole('button', { name: 'Ja, deaktivér' }).click()
    await row.getByText('Deaktiveret').waitFor()
    await karen.waitForTimeout(5_500) // another server instance may trust a checked session for 5 s
    await karen.goto(`${server.url}/henvendelser/ny`)
    await karen.getByLabel('Beskrivelse').fill('Skrevet efter deaktivering')
    await karen.getByRole('button', { name: 'Gem', exact: true }).click()
    await karen.waitForURL(/\/henvendelser\/[0-9a-f-]{36}$/)
    await karen.locator('.sync-line').filter({ hasText: 'Log ind for at synkronisere' }).waitFor({ timeout: 15_000 })
    await karen.goto(`${server.url}/mere/konto`)
    await karen.getByRole('main').getByText('1 ændring venter').waitFor()
    const stored = await server.app.storage.db.selectFrom('records').select('data').where('tbl', '=', 'requests').execute()
    expect(stored.map((row) => row.data).join('')).not.toContain('Skrevet efter deaktivering')
  })
})
