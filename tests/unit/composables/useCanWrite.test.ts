import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp, nextTick, type App } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import HomeView from '../../../src/views/HomeView.vue'
import { mayWrite, useCanWrite } from '../../../src/composables/useCanWrite.ts'
import { forgetDeviceAccount, rememberDeviceAccount, type DeviceAccount } from '../../../src/db/account.ts'
import { i18n } from '../../../src/i18n/i18n.ts'
import { router, routes } from '../../../src/router.ts'
import { useSessionStore } from '../../../src/stores/session.ts'

const account = (role: string): DeviceAccount => ({ id: `user-${role}`, email: `${role}@test.dk`, name: 'Lis Leder', role, teams: ['team-1'] })

beforeEach(() => {
  forgetDeviceAccount()
  setActivePinia(createPinia())
})

describe('mayWrite', () => {
  it.each([
    ['superbruger', true],
    ['koordinator', true],
    ['admin', true],
    ['leder', false],
    [null, true],
    [undefined, true],
  ])('role %s may write: %s', (role, expected) => {
    expect(mayWrite(role)).toBe(expected)
  })
})

describe('useCanWrite', () => {
  it('is true on a local-only device, false once a leder signs in, true again after sign-out', () => {
    const session = useSessionStore()
    const canWrite = useCanWrite()
    expect(canWrite.value).toBe(true)
    session.rememberSignIn(account('leder'))
    expect(canWrite.value).toBe(false)
    session.forgetSignIn()
    expect(canWrite.value).toBe(true)
    session.rememberSignIn(account('superbruger'))
    expect(canWrite.value).toBe(true)
  })

  it('reads the role remembered on the device, so a leder is read-only from the first paint and offline', () => {
    rememberDeviceAccount(account('leder'))
    setActivePinia(createPinia())
    expect(useCanWrite().value).toBe(false)
  })
})

describe('write-only routes', () => {
  // Each form that only writes, and the list a leder lands on instead.
  const expected: Record<string, [path: string, list: string]> = {
    'request-new': ['/henvendelser/ny?quick=1', 'requests'],
    'request-edit': ['/henvendelser/abc/rediger', 'requests'],
    'time-new': ['/tid/ny', 'time'],
    'time-edit': ['/tid/abc', 'time'],
    'checklist-new': ['/tjeklister/ny', 'checklists'],
    'asset-new': ['/udstyr/ny?code=AB12', 'assets'],
    'asset-edit': ['/udstyr/abc/rediger', 'assets'],
    'asset-lend': ['/udstyr/abc/udlaan', 'loans'],
    'tip-new': ['/tips/ny?fra=abc', 'tips'],
    'tip-edit': ['/tips/abc/rediger', 'tips'],
    'observation-new': ['/observationer/ny', 'observations'],
    'campaign-new': ['/kampagner/ny', 'campaigns'],
  }

  it('are exactly the forms, each pointing at its list', () => {
    const marked = Object.fromEntries(routes.filter((r) => r.meta?.writeOnly).map((r) => [r.name, r.meta?.writeOnly]))
    expect(marked).toEqual(Object.fromEntries(Object.entries(expected).map(([name, [, list]]) => [name, list])))
  })

  it('send a leder to the list instead of the form', async () => {
    rememberDeviceAccount(account('leder'))
    setActivePinia(createPinia())
    for (const [path, list] of Object.values(expected)) {
      await router.push(path)
      expect(router.currentRoute.value.name, path).toBe(list)
    }
  })

  // (A local-only device has no role: mayWrite(null) above.)
  it('open the form for the roles that write', async () => {
    for (const role of ['superbruger', 'koordinator', 'admin']) {
      rememberDeviceAccount(account(role))
      setActivePinia(createPinia())
      await router.push('/')
      await router.push('/tjeklister/ny')
      expect(router.currentRoute.value.name, role).toBe('checklist-new')
    }
  })
})

describe('Home for a leder', () => {
  let app: App | null = null
  afterEach(() => { app?.unmount(); app = null; document.body.innerHTML = '' })

  async function mountHome(signedIn: DeviceAccount | null): Promise<HTMLElement> {
    if (signedIn) rememberDeviceAccount(signedIn)
    const pinia = createPinia()
    const memory = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:any(.*)*', component: { template: '<div />' } }] })
    const host = document.createElement('div')
    document.body.append(host)
    app = createApp(HomeView).use(pinia).use(memory).use(i18n)
    await memory.push('/')
    app.mount(host)
    await nextTick()
    return host
  }

  it('shows the calm note instead of the new-request button', async () => {
    const host = await mountHome(account('leder'))
    expect(host.querySelector('a[href="/henvendelser/ny?quick=1"]')).toBeNull()
    expect(host.querySelector('.read-only-note')?.textContent).toBe('Som leder kan du se alt, men ikke ændre noget.')
  })

  it('keeps the new-request button for a superbruger', async () => {
    const host = await mountHome(account('superbruger'))
    expect(host.querySelector('a[href="/henvendelser/ny?quick=1"]')?.textContent).toContain('Ny henvendelse')
    expect(host.querySelector('.read-only-note')).toBeNull()
  })
})
