import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { SESSION_COOKIE } from '../../src/server/auth/sessions.ts'
import type { Role } from '../../src/domain/records/person.ts'
import { launchBrowser, newPhoneContext, waitForServiceWorker } from './support/browser.ts'
import { startAppServer, type AppServer } from './support/appServer.ts'
import { pageHeading } from './support/app.ts'

// A coordinator changes someone's role on the server: the device follows with its next sync (the
// server nudges it), without a new sign-in and without a reload.
const NOTE = 'Som leder kan du se alt, men ikke ændre noget.'
// Set E2E_SHOTS to a folder to keep 360×800 screenshots before and after the change.
const SHOTS = process.env.E2E_SHOTS ?? ''

let server: AppServer
let browser: Browser
let context: BrowserContext
let page: Page
let sara: { id: string; email: string; password: string }
let adminCookie: Record<string, string>

const newRequest = (): Locator => page.getByRole('main').getByRole('link', { name: 'Ny henvendelse' })
const note = (): Locator => page.getByRole('main').getByText(NOTE)

async function shoot(name: string): Promise<void> {
  if (!SHOTS) return
  mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ path: join(SHOTS, `${name}.png`) })
}

/** Changes Sara's role as the admin would, through the server's admin API. */
async function changeRole(role: Role): Promise<void> {
  const answer = await server.app.inject({ method: 'PATCH', url: `/api/admin/people/${sara.id}`, cookies: adminCookie, payload: { role } })
  expect(answer.statusCode, answer.body).toBe(200)
}

/** The account the device remembers (what it opens with at its next start). */
async function rememberedRole(): Promise<string | undefined> {
  return page.evaluate(() => (JSON.parse(localStorage.getItem('superbruger.account') ?? '{}') as { role?: string }).role)
}

beforeAll(async () => {
  server = await startAppServer()
  browser = await launchBrowser()
  context = await newPhoneContext(browser)
  page = await context.newPage()
  sara = await server.addUser('Sara Holm', 'superbruger')
  const login = await server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'admin@e2e.dk', password: 'admin-e2e-pw' } })
  const cookie = login.cookies.find((c) => c.name === SESSION_COOKIE)
  if (!cookie) throw new Error(`the admin could not sign in: ${login.statusCode} ${login.body}`)
  adminCookie = { [SESSION_COOKIE]: cookie.value }

  await page.goto(`${server.url}/log-ind`)
  await page.getByLabel('E-mail').fill(sara.email)
  await page.getByLabel('Adgangskode').fill(sara.password)
  await page.getByRole('button', { name: 'Log ind', exact: true }).click()
  await pageHeading(page, 'Overblik').waitFor()
  await waitForServiceWorker(page)
  await page.locator('.sync-line').filter({ hasText: /^Synkroniseret/ }).waitFor({ timeout: 20_000 })
}, 120_000)

afterAll(async () => {
  await context?.close()
  await browser?.close()
  await server?.close()
})

describe('a role changed on the server', () => {
  it('reaches the signed-in device with the next sync, without a new sign-in', async () => {
    await newRequest().waitFor()
    expect(await note().count()).toBe(0)
    await shoot('role-before')
    const signedInAt = page.url()
    // Gone if the page were loaded again.
    await page.evaluate(() => { document.body.dataset.sameLoad = 'yes' })

    await changeRole('leder')
    await note().waitFor({ timeout: 20_000 })
    expect(await newRequest().count()).toBe(0)
    expect(await rememberedRole()).toBe('leder')
    // Same page, same load: no sign-in screen, no reload.
    expect(page.url()).toBe(signedInAt)
    expect(await page.evaluate(() => document.body.dataset.sameLoad)).toBe('yes')
    await shoot('role-after')

    await changeRole('superbruger')
    await newRequest().waitFor({ timeout: 20_000 })
    expect(await note().count()).toBe(0)
    expect(await rememberedRole()).toBe('superbruger')
  })
})
