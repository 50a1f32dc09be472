import { createApp, nextTick, type App } from 'vue'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter, type RouteRecordRaw } from 'vue-router'
import { afterEach, describe, expect, it, vi } from 'vitest'
import DataProtectionView from '../../../src/views/DataProtectionView.vue'
import { db } from '../../../src/db/database.ts'
import { forgetDeviceAccount, readDeviceAccount } from '../../../src/db/account.ts'
import type { AuditPage, PeopleDataHit, PeopleDataSearchResponse } from '../../../src/domain/privacyProtocol.ts'
import type { Role } from '../../../src/domain/records/person.ts'
import { i18n, loadFeatureMessages } from '../../../src/i18n/i18n.ts'
import { routes } from '../../../src/router.ts'
import { useSessionStore } from '../../../src/stores/session.ts'

type Call = { method: string; url: string; body: unknown }
let calls: Call[] = []
let app: App | null = null

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
}

/** Fakes the server (the network, not the database) with `answer`. */
function serve(answer: (call: Call) => Response | Promise<Response>): void {
  calls = []
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    const call = { method: init.method ?? 'GET', url, body: init.body ? JSON.parse(String(init.body)) : undefined }
    calls.push(call)
    return answer(call)
  })
}

function setOnline(online: boolean): void {
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online })
}

/** Mounts the screen on a fresh local profile whose Person record has `role`; `signedIn` remembers an account. */
async function mount(role: Role, signedIn = false) {
  const blank = { render: () => null }
  const router = createRouter({ history: createMemoryHistory(), routes: routes.map((r) => ({ path: r.path, name: r.name, component: blank }) as RouteRecordRaw) })
  const pinia = createPinia()
  const host = document.createElement('div')
  document.body.append(host)
  app = createApp(DataProtectionView).use(pinia).use(router).use(i18n)
  const session = useSessionStore(pinia)
  await session.load()
  const author = session.author()
  await db().people.update(author.personId, { role })
  if (signedIn) session.rememberSignIn({ id: author.personId, email: 'mette@kommune.dk', name: 'Mette', role, teams: [author.teamId] })
  await loadFeatureMessages(['common', 'dataProtection', 'sync'])
  await router.push('/mere/databeskyttelse')
  app.mount(host)
  return { host, author }
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 10))
  await nextTick()
  expect(check()).toBe(true)
}

function button(host: HTMLElement, text: string): HTMLButtonElement | undefined {
  return [...host.querySelectorAll('button')].find((b) => b.textContent?.includes(text))
}

function typeInto(host: HTMLElement, selector: string, value: string): void {
  const field = host.querySelector(selector) as HTMLInputElement
  field.value = value
  field.dispatchEvent(new Event('input'))
}

afterEach(() => {
  app?.unmount()
  app = null
  document.body.innerHTML = ''
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
  setOnline(true)
  forgetDeviceAccount()
})

const hit = (table: PeopleDataHit['table'], id: string, record: Record<string, unknown>, matches: string[], anonymisable = true): PeopleDataHit =>
  ({ table, id, teamId: 't', matches, record: { id, ...record }, anonymisable })

const found: PeopleDataSearchResponse = {
  q: 'Hanne Hansen', total: 3, truncated: false,
  groups: [
    { table: 'requests', count: 2, hits: [
      hit('requests', 'r1', { requesterName: 'Hanne Hansen', description: 'Printer på 2. sal' }, ['requesterName']),
      hit('requests', 'r2', { requesterName: 'Ole', description: 'Ring til Hanne Hansen' }, ['description', 'referrals.note']),
    ] },
    { table: 'tips', count: 1, hits: [hit('tips', 'tip1', { title: 'Spørg Hanne' }, ['body'], false)] },
  ],
}

describe('the data protection screen', () => {
  it('shows a superbruger only the sign-out on all devices', async () => {
    serve(() => json(500, {}))
    const { host } = await mount('superbruger')
    await until(() => host.textContent!.includes('Log ud på alle enheder'))
    expect(host.querySelector('h1')!.textContent).toBe('Databeskyttelse')
    expect(host.textContent).toContain('Du er ikke logget ind på denne enhed')
    expect(host.textContent).not.toContain('Slettefrist')
    expect(host.textContent).not.toContain('Find oplysninger om en person')
    expect(host.textContent).not.toContain('Revisionslog')
    expect(calls).toEqual([])
  })

  it('lets a koordinator set the deadline: the team record changes and a patch waits in the outbox', async () => {
    serve(() => json(500, {}))
    const { host, author } = await mount('koordinator')
    // A stored deadline other than the default (12), so the form showing it proves the team has
    // loaded: saving before that says "not fetched yet" and stores nothing.
    await db().teams.update(author.teamId, { retention: { anonymiseAfterMonths: 24 } })
    await until(() => (host.querySelector('#deadline-months') as HTMLInputElement | null)?.value === '24')
    typeInto(host, '#deadline-months', '0')
    button(host, 'Gem frist')!.click()
    await until(() => host.textContent!.includes('Skriv et helt antal måneder fra 1 til 120.'))
    expect(await db().outbox.where('table').equals('teams').count()).toBe(0)
    typeInto(host, '#deadline-months', '6')
    button(host, 'Gem frist')!.click()
    await until(() => !host.textContent!.includes('Skriv et helt antal'))
    await vi.waitFor(async () => expect((await db().teams.get(author.teamId))!.retention).toEqual({ anonymiseAfterMonths: 6 }))
    const queued = await db().outbox.where('table').equals('teams').toArray()
    expect(queued.map((e) => [e.op, e.recordId, e.fields.retention])).toEqual([['patch', author.teamId, { anonymiseAfterMonths: 6 }]])
    expect(calls).toEqual([])
  })

  it('searches a name, shows the hits by table, offers the downloads and anonymises after confirmation', async () => {
    let anonymised = false
    serve((call) => {
      if (call.method === 'POST') {
        anonymised = true
        return json(200, { anonymised: 2, skipped: [], seq: 99 })
      }
      return json(200, anonymised ? { ...found, total: 1, groups: [found.groups[1]] } : found)
    })
    const confirm = vi.fn(() => false)
    vi.stubGlobal('confirm', confirm)
    const { host, author } = await mount('koordinator')
    await until(() => host.querySelector('#people-query') !== null)
    typeInto(host, '#people-query', 'H')
    button(host, 'Søg')!.click()
    await until(() => host.textContent!.includes('Skriv mindst 2 tegn.'))
    expect(calls).toEqual([])

    typeInto(host, '#people-query', '  Hanne Hansen ')
    button(host, 'Søg')!.click()
    await until(() => host.textContent!.includes('3 registreringer nævner "Hanne Hansen".'))
    expect(calls[0]!.url).toBe(`/api/people-data/search?q=Hanne+Hansen&teamId=${author.teamId}`)
    expect([...host.querySelectorAll('h3')].map((h) => h.textContent!.trim())).toEqual(['Henvendelser (2)', 'Tips (1)', 'Download til indsigt'])
    expect(host.textContent).toContain('Hanne Hansen – Printer på 2. sal')
    expect(host.textContent).toContain('Fundet i: beskrivelse, note ved henvisning')
    expect(host.textContent).toContain('Kan ikke anonymiseres her')
    const links = [...host.querySelectorAll('a[download]')].map((a) => a.getAttribute('href'))
    expect(links).toEqual([
      `/api/people-data/export?q=Hanne+Hansen&teamId=${author.teamId}&format=json`,
      `/api/people-data/export?q=Hanne+Hansen&teamId=${author.teamId}&format=csv`,
    ])

    button(host, 'Anonymisér 2 registreringer')!.click()
    expect(confirm).toHaveBeenCalledWith(expect.stringContaining('kan ikke fortrydes'))
    expect(calls.filter((c) => c.method === 'POST')).toEqual([])
    confirm.mockReturnValue(true)
    button(host, 'Anonymisér 2 registreringer')!.click()
    await until(() => host.textContent!.includes('2 registreringer er anonymiseret.'))
    expect(calls.find((c) => c.method === 'POST')).toEqual({
      method: 'POST', url: '/api/people-data/anonymise', body: { q: 'Hanne Hansen', teamId: author.teamId, recordIds: ['r1', 'r2'] },
    })
    expect(host.textContent).toContain('1 registrering nævner "Hanne Hansen".')
    expect(host.textContent).toContain('Ingen af træffene kan anonymiseres automatisk.')
  })

  it('says clearly in Danish that the search needs the network', async () => {
    serve(() => Promise.reject(new TypeError('Failed to fetch')))
    setOnline(false)
    const { host } = await mount('koordinator')
    await until(() => host.querySelector('#people-query-error')?.textContent?.includes('Det kræver netværk.') === true)
    expect(host.querySelector('#people-query-error')!.getAttribute('role')).toBe('alert')
    setOnline(true)
    window.dispatchEvent(new Event('online'))
    await until(() => host.querySelector('#people-query-error')!.textContent === '')
    // The browser thinks it is online, but no answer comes: the same clear message.
    typeInto(host, '#people-query', 'Hanne')
    button(host, 'Søg')!.click()
    await until(() => host.querySelector('#people-query-error')!.textContent!.includes('Det kræver netværk.'))
    expect(calls).toHaveLength(1)
  })

  it('shows an admin the audit log, newest first, and pages back', async () => {
    const row = (id: string, action: string, actorName: string | null) =>
      ({ id, at: Date.UTC(2026, 10, 28, 13, 30), teamId: null, actorId: actorName ? 'u1' : null, actorName, action, subject: null, details: { records: 3 }, ip: '10.0.0.1' })
    serve((call) => json(200, call.url.includes('before=')
      ? { entries: [row('a1', 'sign_in_failed', null)], nextBefore: null } satisfies AuditPage
      : { entries: [row('a3', 'export', 'Mette'), row('a2', 'deadline_changed', 'Mette')], nextBefore: 'a2' } satisfies AuditPage))
    const { host } = await mount('admin')
    await until(() => host.textContent!.includes('Eksport af personoplysninger'))
    expect(calls[0]!.url).toBe('/api/admin/audit?limit=30')
    expect(host.textContent).toContain('Slettefrist ændret · Mette')
    expect(host.textContent).toContain('records: 3')
    button(host, 'Vis ældre')!.click()
    await until(() => host.textContent!.includes('Mislykket log ind · Systemet'))
    expect(calls[1]!.url).toBe('/api/admin/audit?limit=30&before=a2')
    expect(host.querySelectorAll('.audit-entry')).toHaveLength(3)
    expect(button(host, 'Vis ældre')).toBeUndefined()
  })

  it('signs out on all devices through the server and forgets the account here', async () => {
    serve(() => json(200, { ended: 3 }))
    vi.stubGlobal('confirm', () => true)
    const replace = vi.spyOn(window.location, 'replace').mockImplementation(() => {})
    const { host } = await mount('superbruger', true)
    expect(readDeviceAccount()).not.toBeNull()
    await until(() => button(host, 'Log ud på alle enheder') !== undefined)
    button(host, 'Log ud på alle enheder')!.click()
    await until(() => replace.mock.calls.length > 0)
    expect(calls).toEqual([{ method: 'POST', url: '/api/auth/logout-all', body: undefined }])
    expect(readDeviceAccount()).toBeNull()
    expect(replace).toHaveBeenCalledWith('/')
  })
})
