import { createApp, nextTick, type App } from 'vue'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter, type RouteRecordRaw } from 'vue-router'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import SignInView from '../../../src/views/SignInView.vue'
import { forgetDeviceAccount, rememberDeviceAccount } from '../../../src/db/account.ts'
import type { SessionRefusal } from '../../../src/api/problem.ts'
import { recordSyncFailure } from '../../../src/db/syncState.ts'
import { i18n, loadFeatureMessages } from '../../../src/i18n/i18n.ts'
import { routes } from '../../../src/router.ts'

const ANNE = { id: 'anne', email: 'anne@kommune.dk', name: 'Anne', role: 'superbruger', teams: ['team-1'] }
let app: App | null = null

beforeEach(() => {
  forgetDeviceAccount()
  // The server is not reached: the page then offers password sign-in only.
  vi.stubGlobal('fetch', async () => new Response(null, { status: 503 }))
})

afterEach(() => {
  app?.unmount()
  app = null
  document.body.innerHTML = ''
  forgetDeviceAccount()
  vi.unstubAllGlobals()
})

/** Mounts the sign-in page after this device's last sync was refused for `refusal` (null: not refused). */
async function mount(signedIn: boolean, refusal: SessionRefusal | null): Promise<HTMLElement> {
  if (signedIn) rememberDeviceAccount(ANNE)
  if (refusal) await recordSyncFailure({ kind: 'unauthorised', code: 'unauthenticated', reason: refusal }, Date.now())
  const blank = { render: () => null }
  const router = createRouter({ history: createMemoryHistory(), routes: routes.map((r) => ({ path: r.path, name: r.name, component: blank }) as RouteRecordRaw) })
  const host = document.createElement('div')
  document.body.append(host)
  app = createApp(SignInView).use(createPinia()).use(router).use(i18n)
  await loadFeatureMessages(['common', 'account', 'sync'])
  await router.push('/log-ind')
  app.mount(host)
  // Let the live query of the sync status answer.
  for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 10))
  await nextTick()
  return host
}

const note = (host: HTMLElement): string | null => host.querySelector('.sign-in-note')?.textContent ?? null

describe('the sign-in page explains why it asks', () => {
  it('says the session expired when the server said so', async () => {
    const host = await mount(true, 'session_expired')
    expect(note(host)).toBe('Din session er udløbet. Log ind igen for at synkronisere — intet går tabt.')
    expect((host.querySelector('#sign-in-email') as HTMLInputElement).value).toBe(ANNE.email)
  })

  it('says the server does not know the session when it was ended or unknown', async () => {
    const host = await mount(true, 'unauthorised')
    expect(note(host)).toBe('Du er ikke logget ind på serveren. Log ind for at synkronisere — dine ændringer er gemt på enheden.')
  })

  it('claims no expiry for a remembered account whose syncs were not refused', async () => {
    const host = await mount(true, null)
    expect(note(host)).toBeNull()
    expect(host.textContent).not.toContain('udløbet')
    expect(host.textContent).toContain('Log ind for at dele dine registreringer')
  })

  it('greets a device without an account with the introduction', async () => {
    const host = await mount(false, null)
    expect(note(host)).toBeNull()
    expect(host.textContent).toContain('Log ind for at dele dine registreringer')
  })
})
