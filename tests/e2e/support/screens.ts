import type { Page } from 'playwright-core'
import { waitForApp } from './app.ts'

/** Record ids made through the UI, so the detail screens have real content. */
export interface Made {
  request: string
  asset: string
  run: string
  timer: string
  tip: string
}

/** A screen state: where it is, its heading, and how to bring it into the state to check. */
export interface Screen {
  readonly name: string
  readonly path: (made: Made) => string
  readonly heading: string | RegExp
  /** Brings the screen into a state worth checking (errors shown, panel open …). */
  readonly act?: (page: Page) => Promise<void>
}

/** Every screen state of the app worth checking, with the Danish heading it shows. */
export const SCREENS: readonly Screen[] = [
  { name: 'Home', path: () => '/', heading: 'Overblik' },
  { name: 'Request list', path: () => '/henvendelser', heading: 'Henvendelser' },
  { name: 'Request quick pick', path: () => '/henvendelser/ny?quick=1', heading: 'Hurtig henvendelse' },
  { name: 'Request new form, with errors', path: () => '/henvendelser/ny', heading: 'Ny henvendelse',
    act: async (page) => {
      await page.getByRole('button', { name: 'Gem', exact: true }).click()
      await page.getByText('Skriv en kort beskrivelse.').waitFor()
    } },
  { name: 'Request detail', path: (m) => `/henvendelser/${m.request}`, heading: 'Henvendelse' },
  { name: 'Request edit', path: (m) => `/henvendelser/${m.request}/rediger`, heading: 'Redigér' },
  { name: 'Time week', path: () => '/tid', heading: /^Uge \d+/ },
  { name: 'Time month', path: () => '/tid/maaned', heading: /^\p{L}+ \d{4}$/u },
  { name: 'Time new entry', path: () => '/tid/ny', heading: 'Tilføj tid' },
  { name: 'Time edit running timer', path: (m) => `/tid/${m.timer}`, heading: 'Ret tid' },
  { name: 'Checklist list', path: () => '/tjeklister', heading: 'Tjeklister' },
  { name: 'Checklist start, with errors', path: () => '/tjeklister/ny', heading: 'Start tjekliste',
    act: async (page) => {
      await page.getByRole('button', { name: 'Start tjekliste' }).click()
      await page.getByText('Vælg en tjekliste.').waitFor()
    } },
  { name: 'Checklist run, finish panel open', path: (m) => `/tjeklister/${m.run}`, heading: /^Ny medarbejder/,
    act: async (page) => {
      await page.getByRole('button', { name: 'Afslut tjekliste' }).click()
      await page.getByText('Disse påkrævede punkter mangler:').waitFor()
    } },
  { name: 'Asset list', path: () => '/udstyr', heading: 'Udstyr' },
  { name: 'Asset new', path: () => '/udstyr/ny', heading: 'Nyt udstyr' },
  { name: 'Asset detail', path: (m) => `/udstyr/${m.asset}`, heading: 'Printer ved kantinen' },
  { name: 'Asset labels', path: (m) => `/udstyr/etiketter?ids=${m.asset}`, heading: 'Etiketter' },
  // With no account on the device, an unknown code is the colleague's fault report form.
  { name: 'Fault report (unknown asset code)', path: () => '/a/X9X9X9', heading: 'Meld en fejl' },
  { name: 'Scan, typed code', path: () => '/scan', heading: 'Scan QR-kode',
    act: async (page) => {
      await page.getByLabel('Eller skriv koden fra klistermærket').fill('X9X9X9')
      await page.getByRole('button', { name: 'Find' }).click()
      await page.getByRole('alert').filter({ hasText: 'Koden X9X 9X9 er ikke registreret.' }).waitFor()
    } },
  { name: 'Tip list', path: () => '/tips', heading: 'Tips og tricks' },
  { name: 'Tip new form, with errors', path: () => '/tips/ny', heading: 'Nyt tip',
    act: async (page) => {
      await page.getByRole('button', { name: 'Gem tip' }).click()
    } },
  { name: 'Tip detail', path: (m) => `/tips/${m.tip}`, heading: 'Sådan deler du en kalender' },
  { name: 'Tip edit', path: (m) => `/tips/${m.tip}/rediger`, heading: 'Redigér tip' },
  { name: 'Unknown tip code', path: () => '/t/ZZZZ-ZZZZ', heading: 'Tips og tricks' },
  { name: 'More', path: () => '/mere', heading: 'Mere' },
  { name: 'Privacy information', path: () => '/om-data', heading: 'Hvad registrerer vi?' },
  { name: 'Sign in, with an error', path: () => '/log-ind', heading: 'Log ind',
    act: async (page) => {
      await page.getByRole('button', { name: 'Log ind', exact: true }).click()
      await page.getByRole('alert').filter({ hasText: 'Skriv din e-mail og din adgangskode.' }).waitFor()
    } },
  { name: 'Account, not signed in', path: () => '/mere/konto', heading: 'Konto og synkronisering' },
  { name: 'Not found', path: () => '/findes-ikke', heading: /\S/ },
]

/** Waits until the page shows its heading and nothing in <main> is loading. */
export async function settle(p: Page): Promise<void> {
  await waitForApp(p)
  await p.waitForFunction(() => document.querySelector('main [aria-busy="true"]') === null)
}

/** Makes a request, an asset, a checklist run, two timers and a tip through the UI (clicks allowed here). */
export async function makeRecords(p: Page, baseUrl: string): Promise<Made> {
  const made: Made = { request: '', asset: '', run: '', timer: '', tip: '' }
  await p.goto(`${baseUrl}/henvendelser/ny`)
  await p.getByLabel('Beskrivelse').fill('Printer på 2. sal udskriver ikke')
  await p.getByLabel('Hvem spurgte?').fill('Jette Sørensen')
  await p.getByRole('button', { name: 'Gem', exact: true }).click()
  await p.waitForURL(/\/henvendelser\/[0-9a-f-]{36}$/)
  made.request = p.url().split('/').at(-1) as string

  await p.goto(`${baseUrl}/udstyr/ny`)
  await p.getByLabel('Navn').fill('Printer ved kantinen')
  await p.getByLabel('Kode').fill('P3R9TX')
  await p.getByRole('button', { name: 'Gem udstyr' }).click()
  await p.waitForURL(/\/udstyr\/[0-9a-f-]{36}$/)
  made.asset = p.url().split('/').at(-1) as string

  await p.goto(`${baseUrl}/tjeklister/ny`)
  await p.getByRole('radio', { name: /^Ny medarbejder/ }).check()
  await p.getByLabel('Navn').fill('Ny kollega')
  await p.getByRole('button', { name: 'Start tjekliste' }).click()
  await p.waitForURL(/\/tjeklister\/[0-9a-f-]{36}$/)
  made.run = p.url().split('/').at(-1) as string

  // A stopped and a running timer give the week view entries of both kinds.
  await p.goto(`${baseUrl}/tid`)
  await p.getByRole('button', { name: 'Start tidtagning' }).click()
  await p.getByRole('button', { name: 'Stop tidtagning' }).click()
  await p.getByRole('button', { name: 'Start tidtagning' }).click()
  await p.getByRole('button', { name: 'Stop tidtagning' }).waitFor()
  made.timer = (await p.getByRole('link', { name: 'Ret tidtagningen' }).getAttribute('href'))?.split('/').at(-1) ?? ''

  await p.goto(`${baseUrl}/tips/ny`)
  await p.getByLabel('Titel').fill('Sådan deler du en kalender')
  await p.getByLabel('Vejledning', { exact: true }).fill('## I Outlook\n\n1. Højreklik på kalenderen\n2. Vælg **Deling**\n\nSe [intranettet](https://intra.example.dk/kalender).')
  await p.getByLabel('Emneord').fill('kalender, outlook')
  await p.getByRole('button', { name: 'Gem tip' }).click()
  await p.waitForURL(/\/tips\/[0-9a-f-]{36}$/)
  made.tip = p.url().split('/').at(-1) as string
  return made
}
