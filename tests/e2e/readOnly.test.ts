import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { launchBrowser, newPhoneContext } from './support/browser.ts'
import { startAppServer, type AppServer } from './support/appServer.ts'
import { pageHeading, signIn } from './support/app.ts'
import { makeRecords, settle, type Made } from './support/screens.ts'
import { auditPage, describeFindings } from './support/axe.ts'

// A leder reads everything and writes nothing: on a real server, a superbruger makes records and
// still sees every write action; the leder sees the same records with the actions replaced by a note.
const NOTE = 'Som leder kan du se alt, men ikke ændre noget.'

let server: AppServer
let browser: Browser
const contexts: BrowserContext[] = []
let sara: Page
let lis: Page
let made: Made


/** How many requests, assets and checklist runs the server holds. */
async function serverCounts(): Promise<number[]> {
  const counts: number[] = []
  for (const table of ['requests', 'assets', 'checklistRuns']) {
    counts.push((await server.app.storage.db.selectFrom('records').select('id').where('tbl', '=', table).execute()).length)
  }
  return counts
}

/** A screen, what shows that its records have arrived, and the write actions a writer finds on it. */
interface Screen {
  readonly path: () => string
  readonly ready: (page: Page) => Locator
  readonly actions: (page: Page) => Record<string, Locator>
}

const main = (page: Page): Locator => page.getByRole('main')

const SCREENS: Record<string, Screen> = {
  Home: {
    path: () => '/',
    // A writer's home ends with the checklists; the leder's is the group's month instead.
    ready: (page) => main(page).getByRole('heading', { name: /^(Tjeklister i gang|Gruppen i )/ }),
    actions: (page) => ({
      'new request': main(page).getByRole('link', { name: 'Ny henvendelse' }),
      timer: main(page).getByRole('button', { name: /^(Start|Stop) tidtagning$/ }),
      'start checklist': main(page).getByRole('link', { name: 'Start tjekliste' }),
    }),
  },
  'request list': {
    path: () => '/henvendelser',
    ready: (page) => main(page).getByText('Printer på 2. sal udskriver ikke'),
    actions: (page) => ({ 'new request': main(page).getByRole('link', { name: 'Ny', exact: true }) }),
  },
  'request detail': {
    path: () => `/henvendelser/${made.request}`,
    ready: (page) => main(page).getByText('Printer på 2. sal udskriver ikke'),
    actions: (page) => ({
      edit: main(page).getByRole('link', { name: 'Redigér' }),
      'log time': main(page).getByRole('link', { name: 'Log tid på henvendelsen' }),
      'change status': main(page).getByRole('button', { name: 'Løst' }),
      delete: main(page).getByRole('button', { name: 'Slet' }),
    }),
  },
  'time week': {
    path: () => '/tid',
    ready: (page) => main(page).getByRole('heading', { name: 'Registreringer' }),
    actions: (page) => ({
      timer: main(page).getByRole('button', { name: /^(Start|Stop) tidtagning$/ }),
      'manual entry': main(page).getByRole('link', { name: 'Tilføj tid' }),
      absence: main(page).getByRole('button', { name: 'Marker ugen som fravær' }),
    }),
  },
  'checklist list': {
    path: () => '/tjeklister',
    ready: (page) => main(page).getByText('Person: Ny kollega'),
    actions: (page) => ({ 'start checklist': main(page).getByRole('link', { name: 'Start tjekliste' }) }),
  },
  'checklist run': {
    path: () => `/tjeklister/${made.run}`,
    ready: (page) => pageHeading(page, /^Ny medarbejder/),
    actions: (page) => ({
      answer: main(page).getByRole('checkbox'),
      finish: main(page).getByRole('button', { name: 'Afslut tjekliste' }),
      cancel: main(page).getByRole('button', { name: 'Annullér tjekliste' }),
      delete: main(page).getByRole('button', { name: 'Slet tjekliste' }),
    }),
  },
  'asset list': {
    path: () => '/udstyr',
    ready: (page) => main(page).getByText('Printer ved kantinen'),
    actions: (page) => ({
      'new asset': main(page).getByRole('link', { name: 'Nyt udstyr' }),
      'bulk create': main(page).getByText('Opret flere med nye koder'),
    }),
  },
  'asset detail': {
    path: () => `/udstyr/${made.asset}`,
    ready: (page) => pageHeading(page, 'Printer ved kantinen'),
    actions: (page) => ({
      edit: main(page).getByRole('link', { name: 'Redigér' }),
      'log against asset': main(page).getByRole('link', { name: 'Ny henvendelse på dette udstyr' }),
      'start checklist': main(page).getByRole('link', { name: 'Start tjekliste' }),
      retire: main(page).getByRole('button', { name: 'Udfas' }),
    }),
  },
  'tip list': {
    path: () => '/tips',
    ready: (page) => main(page).getByText('Sådan deler du en kalender'),
    actions: (page) => ({ 'write tip': main(page).getByRole('link', { name: 'Skriv et tip' }) }),
  },
  'tip detail': {
    path: () => `/tips/${made.tip}`,
    ready: (page) => pageHeading(page, 'Sådan deler du en kalender'),
    actions: (page) => ({ edit: main(page).getByRole('link', { name: 'Redigér' }) }),
  },
}

/** Opens a screen and waits until its records are shown and nothing is loading. */
async function open(page: Page, screen: Screen): Promise<void> {
  await page.goto(`${server.url}${screen.path()}`)
  await screen.ready(page).first().waitFor({ timeout: 15_000 })
  await settle(page)
}

/** How many of each write action the screen shows. */
async function countActions(page: Page, screen: Screen): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  for (const [name, locator] of Object.entries(screen.actions(page))) counts[name] = await locator.count()
  return counts
}

beforeAll(async () => {
  server = await startAppServer()
  browser = await launchBrowser()
  for (let i = 0; i < 2; i += 1) contexts.push(await newPhoneContext(browser))
  sara = await contexts[0]!.newPage()
  lis = await contexts[1]!.newPage()
  const superbruger = await server.addUser('Sara Holm', 'superbruger')
  const leder = await server.addUser('Lis Leder', 'leder')
  await signIn(sara, server.url, superbruger.email, superbruger.password)
  made = await makeRecords(sara, server.url)
  // The leder must find the records on the server when she signs in.
  const deadline = Date.now() + 20_000
  while ((await serverCounts()).join() !== '1,1,1') {
    if (Date.now() > deadline) throw new Error(`the superbruger's records did not reach the server: ${(await serverCounts()).join()}`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  await signIn(lis, server.url, leder.email, leder.password)
}, 180_000)

afterAll(async () => {
  for (const context of contexts) await context.close()
  await browser?.close()
  await server?.close()
})

describe('a superbruger', () => {
  it.each(Object.keys(SCREENS))('sees every write action on %s and no read-only note', async (name) => {
    const screen = SCREENS[name]!
    await open(sara, screen)
    const counts = await countActions(sara, screen)
    for (const [action, count] of Object.entries(counts)) expect(count, `${name}: ${action}`).toBeGreaterThan(0)
    expect(await sara.locator('.read-only-note').count()).toBe(0)
  })
})

describe('a leder', () => {
  it.each(Object.keys(SCREENS))('sees %s with its records, no write action, and the note saying why', async (name) => {
    const screen = SCREENS[name]!
    await open(lis, screen)
    const counts = await countActions(lis, screen)
    expect(counts).toEqual(Object.fromEntries(Object.keys(counts).map((action) => [action, 0])))
    await main(lis).getByText(NOTE).waitFor()
    // The screens in their read-only form still meet WCAG 2.1 AA (the note's contrast included).
    for (const scheme of ['light', 'dark'] as const) {
      await lis.emulateMedia({ colorScheme: scheme })
      const audit = await auditPage(lis, `${name}, leder (${scheme})`)
      expect(audit.blocking, describeFindings(audit.blocking)).toEqual([])
    }
    await lis.emulateMedia({ colorScheme: 'light' })
  })

  it.each([
    ['new request', (): string => '/henvendelser/ny?quick=1', '/henvendelser', 'Henvendelser'],
    ['edit request', (): string => `/henvendelser/${made.request}/rediger`, '/henvendelser', 'Henvendelser'],
    ['new time entry', (): string => '/tid/ny', '/tid', /^Uge \d+/],
    ['edit time entry', (): string => `/tid/${made.timer}`, '/tid', /^Uge \d+/],
    ['start checklist', (): string => '/tjeklister/ny', '/tjeklister', 'Tjeklister'],
    ['new asset', (): string => '/udstyr/ny', '/udstyr', 'Udstyr'],
    ['edit asset', (): string => `/udstyr/${made.asset}/rediger`, '/udstyr', 'Udstyr'],
  ] as const)('who opens the %s form by its address lands on its list, with the note', async (_form, path, list, heading) => {
    await lis.goto(`${server.url}${path()}`)
    await pageHeading(lis, heading).waitFor()
    expect(new URL(lis.url()).pathname).toBe(list)
    await main(lis).getByText(NOTE).waitFor()
  })

  it('has pushed nothing: no change waits or was refused', async () => {
    await lis.goto(`${server.url}/mere/konto`)
    await pageHeading(lis, 'Konto og synkronisering').waitFor()
    await settle(lis)
    await lis.locator('.sync-line').filter({ hasText: /^Synkroniseret/ }).waitFor()
    expect(await lis.getByRole('heading', { name: 'Afviste ændringer' }).count()).toBe(0)
    expect(await serverCounts()).toEqual([1, 1, 1])
  })
})
