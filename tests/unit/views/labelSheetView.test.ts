import { createApp, nextTick, type App } from 'vue'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter, type RouteRecordRaw } from 'vue-router'
import { afterEach, describe, expect, it, vi } from 'vitest'
import LabelSheetView from '../../../src/views/LabelSheetView.vue'
import { createAsset } from '../../../src/db/assets.ts'
import { readPublicConfig, rememberPublicConfig } from '../../../src/db/publicConfig.ts'
import { i18n, loadFeatureMessages } from '../../../src/i18n/i18n.ts'
import { routes } from '../../../src/router.ts'
import { useSessionStore } from '../../../src/stores/session.ts'

let app: App | null = null
let asked = 0

/** Fakes the network: GET /api/config answers `body`, or fails as offline when `body` is undefined. */
function serveConfig(body: unknown): void {
  asked = 0
  vi.stubGlobal('fetch', async (url: string) => {
    if (!String(url).endsWith('/api/config')) throw new TypeError(`unexpected ${url}`)
    asked += 1
    if (body === undefined) throw new TypeError('Failed to fetch')
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } })
  })
}

async function mount(): Promise<{ host: HTMLElement, code: string }> {
  const blank = { render: () => null }
  const router = createRouter({ history: createMemoryHistory(), routes: routes.map((r) => ({ path: r.path, name: r.name, component: blank }) as RouteRecordRaw) })
  const pinia = createPinia()
  const host = document.createElement('div')
  document.body.append(host)
  app = createApp(LabelSheetView).use(pinia).use(router).use(i18n)
  const session = useSessionStore(pinia)
  await session.load()
  const asset = await createAsset(session.author(), {
    code: 'K7M4QX', type: 'printer', name: 'Printer 2. sal', model: '', serial: '', building: '', floor: '', room: '', departmentId: null, notes: '',
  })
  await loadFeatureMessages(['common', 'assets'])
  await router.push(`/udstyr/etiketter?ids=${asset.id}`)
  app.mount(host)
  return { host, code: asset.code }
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10))
  await nextTick()
  expect(check()).toBe(true)
}

const labelUrl = (host: HTMLElement) => host.querySelector('.label')?.getAttribute('data-url')
const shown = (host: HTMLElement) => host.querySelector('.address-url')?.textContent
const warning = (host: HTMLElement) => host.querySelector('.address-warning')?.textContent?.trim() ?? null

afterEach(() => {
  app?.unmount()
  app = null
  document.body.innerHTML = ''
  vi.unstubAllGlobals()
  localStorage.clear()
})

// The tests run in this order: the first proves the very first use reads what the device remembered.
describe('the label sheet prints the public address', () => {
  it('offline, uses the address remembered from an earlier answer', async () => {
    rememberPublicConfig({ publicUrl: 'https://superbruger.kommune.dk', formerPublicUrls: [] })
    serveConfig(undefined)
    const { host } = await mount()
    await until(() => labelUrl(host) !== undefined && asked > 0)
    expect(labelUrl(host)).toBe('https://superbruger.kommune.dk/a/K7M4QX')
    expect(shown(host)).toBe('https://superbruger.kommune.dk')
    expect(warning(host)).toBeNull()
  })

  it("takes the server's answer, remembers it and warns when it is plain http", async () => {
    serveConfig({ publicUrl: 'http://sb.intern.kommune.dk/', formerPublicUrls: ['http://gammel:8080'] })
    const { host } = await mount()
    await until(() => labelUrl(host) === 'http://sb.intern.kommune.dk/a/K7M4QX')
    expect(shown(host)).toBe('http://sb.intern.kommune.dk')
    expect(warning(host)).toMatch(/^Adressen er ikke https/)
    expect(readPublicConfig()).toEqual({ publicUrl: 'http://sb.intern.kommune.dk', formerPublicUrls: ['http://gammel:8080'] })
  })

  it('without a public address, prints the address the app runs on and warns when that is localhost', async () => {
    serveConfig({ publicUrl: null, formerPublicUrls: [] })
    const { host } = await mount()
    const own = window.location.origin
    expect(own).toMatch(/^http:\/\/localhost/)
    await until(() => labelUrl(host) === `${own}/a/K7M4QX`)
    expect(shown(host)).toBe(own)
    expect(warning(host)).toMatch(/^Adressen er localhost/)
  })
})
