import { afterEach, describe, expect, it, vi } from 'vitest'
import PeopleAdminView from '../../../../src/views/PeopleAdminView.vue'
import MoreView from '../../../../src/views/MoreView.vue'
import type { AdminPerson } from '../../../../src/domain/adminProtocol.ts'
import { buttonNamed, mountAdmin, typeInto, unmountAdmin, until } from './mountAdmin.ts'

const mette: AdminPerson = { id: 'u1', name: 'Mette Holm', email: 'mh@kommune.dk', role: 'superbruger', disabled: false, hasPassword: true, lastSignInAt: new Date(2026, 10, 28, 12).getTime() } // local noon: the 28th in every zone
const boss: AdminPerson = { id: 'u2', name: 'Admin', email: 'admin@kommune.dk', role: 'admin', disabled: false, hasPassword: false, lastSignInAt: null }

type Call = { method: string; url: string; body: unknown }
let calls: Call[] = []

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
}

/** Fakes the server's admin API (the network, not the database) with `answer`. */
function serve(answer: (call: Call) => Response): void {
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

afterEach(() => {
  unmountAdmin()
  vi.unstubAllGlobals()
  setOnline(true)
})

describe('people admin screen', () => {
  it('lists the team, invites and shows the start password once with a copy button', async () => {
    serve((call) => call.method === 'POST'
      ? json(201, { person: { ...mette, id: 'u3', name: 'Ole Olsen', email: 'ole@kommune.dk', lastSignInAt: null }, password: 'Abcdefgh23456789' })
      : json(200, { people: [mette, boss] }))
    const { host, author } = await mountAdmin(PeopleAdminView, 'koordinator')
    await until(() => host.textContent!.includes('Mette Holm'))
    expect(calls[0]!.url).toBe(`/api/admin/people?teamId=${author.teamId}`)
    expect(host.textContent).toContain('Logget ind 28.11.2026')
    // a koordinator cannot hand out admin nor change an admin
    const roleOptions = [...host.querySelectorAll('#invite-role option')].map((o) => (o as HTMLOptionElement).value)
    expect(roleOptions).toEqual(['superbruger', 'koordinator', 'leder'])
    expect((host.querySelector('#role-u2') as HTMLSelectElement).disabled).toBe(true)
    expect((host.querySelector('#role-u1') as HTMLSelectElement).disabled).toBe(false)

    buttonNamed(host, 'Invitér')!.click()
    await until(() => host.textContent!.includes('Skriv personens navn.'))
    expect(calls.filter((c) => c.method === 'POST')).toEqual([])
    typeInto(host, '#invite-name', 'Ole Olsen')
    typeInto(host, '#invite-email', 'ole@kommune.dk')
    buttonNamed(host, 'Invitér')!.click()
    await until(() => host.textContent!.includes('Abcdefgh23456789'))
    expect(calls.at(-1)).toEqual({ method: 'POST', url: '/api/admin/people', body: { teamId: author.teamId, name: 'Ole Olsen', email: 'ole@kommune.dk', role: 'superbruger' } })
    expect(host.textContent).toContain('Startadgangskode til Ole Olsen')
    expect(host.textContent).toContain('vises kun her og nu')
    expect(host.textContent).toContain('Ole Olsen')
    const writeText = vi.fn(async () => {})
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } })
    buttonNamed(host, 'Kopiér adgangskoden')!.click()
    await until(() => host.textContent!.includes('Adgangskoden er kopieret.'))
    expect(writeText).toHaveBeenCalledWith('Abcdefgh23456789')
    buttonNamed(host, 'Jeg har givet den videre')!.click()
    await until(() => !host.textContent!.includes('Abcdefgh23456789'))
  })

  it('changes a role through the server and explains a refusal in Danish', async () => {
    serve((call) => {
      if (call.method === 'PATCH' && (call.body as { role?: string }).role === 'leder') return json(200, { person: { ...mette, role: 'leder' } })
      if (call.method === 'PATCH') return json(409, { error: 'last_admin', message: 'x' })
      return json(200, { people: [mette] })
    })
    const { host } = await mountAdmin(PeopleAdminView, 'admin')
    await until(() => host.querySelector('#role-u1') !== null)
    const select = host.querySelector('#role-u1') as HTMLSelectElement
    expect([...select.options].map((o) => o.value)).toContain('admin')
    select.value = 'leder'
    select.dispatchEvent(new Event('change'))
    await until(() => calls.some((c) => c.method === 'PATCH'))
    expect(calls.at(-1)).toEqual({ method: 'PATCH', url: '/api/admin/people/u1', body: { role: 'leder' } })
    await until(() => (host.querySelector('#role-u1') as HTMLSelectElement).value === 'leder')
    buttonNamed(host, 'Deaktivér')!.click()
    await until(() => buttonNamed(host, 'Ja, deaktivér') !== undefined)
    buttonNamed(host, 'Ja, deaktivér')!.click()
    await until(() => host.textContent!.includes('mindst én aktiv administrator'))
  })

  it('says clearly that it needs the network when offline, and asks nothing of the server', async () => {
    setOnline(false)
    serve(() => json(200, { people: [] }))
    const { host } = await mountAdmin(PeopleAdminView, 'koordinator')
    await until(() => host.textContent!.includes('Du er offline'))
    expect(host.textContent).toContain('kræver netværk')
    expect(calls).toEqual([])
    setOnline(true)
    window.dispatchEvent(new Event('online'))
    await until(() => calls.length === 1)
  })

  it('tells a superbruger it is not for them, without asking the server', async () => {
    serve(() => json(200, { people: [] }))
    const { host } = await mountAdmin(PeopleAdminView, 'superbruger')
    await until(() => host.textContent!.includes('Kun koordinatorer og administratorer'))
    expect(calls).toEqual([])
  })

  it('shows the Administration links under Mere only to koordinator and admin', async () => {
    for (const [role, shown] of [['superbruger', false], ['leder', false], ['koordinator', true], ['admin', true]] as const) {
      const { host } = await mountAdmin(MoreView, role)
      await until(() => host.querySelector('h1') !== null)
      // The links follow the person's role, read from the device's database: wait for them where they belong
      // (a fixed wait failed under load); where they do not, give the read the same time to show them wrongly.
      if (shown) await until(() => host.querySelector('a[href="/mere/personer"]') !== null)
      else await new Promise((r) => setTimeout(r, 100))
      expect(host.querySelector('a[href="/mere/personer"]') !== null, role).toBe(shown)
      unmountAdmin()
    }
  })
})
