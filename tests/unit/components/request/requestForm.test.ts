import { afterEach, describe, expect, it } from 'vitest'
import { createApp, nextTick, type App, type Component } from 'vue'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import RequestFormView from '../../../../src/views/RequestFormView.vue'
import RequestHomeCard from '../../../../src/components/request/RequestHomeCard.vue'
import { i18n, loadFeatureMessages } from '../../../../src/i18n/i18n.ts'
import { useSessionStore } from '../../../../src/stores/session.ts'
import { db } from '../../../../src/db/database.ts'
import { createRequest } from '../../../../src/db/requests.ts'
import { emptyDraft } from '../../../../src/domain/requestRules.ts'

let app: App | null = null
afterEach(() => { app?.unmount(); app = null; document.body.innerHTML = '' })

const blank = { render: () => null }

async function mount(component: Component, path: string) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'home', component: blank },
      { path: '/henvendelser', name: 'requests', component: blank },
      { path: '/henvendelser/ny', name: 'request-new', component: blank },
      { path: '/henvendelser/:id', name: 'request', component: blank },
    ],
  })
  const pinia = createPinia()
  const host = document.createElement('div')
  document.body.append(host)
  app = createApp(component).use(pinia).use(router).use(i18n)
  const session = useSessionStore(pinia)
  await session.load()
  // The app's router loads these with the route (meta.messages); this test router has no guard.
  await loadFeatureMessages(['common', 'requests', 'time'])
  await router.push(path)
  app.mount(host)
  return { host, router, author: session.author() }
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 10))
  await nextTick()
  expect(check()).toBe(true)
}

function buttonNamed(host: HTMLElement, text: string): HTMLButtonElement | undefined {
  return [...host.querySelectorAll('button')].find((b) => b.textContent?.includes(text))
}

describe('quick log', () => {
  it('logs a preset request with its time in two taps after opening', async () => {
    const { host, router } = await mount(RequestFormView, '/henvendelser/ny?quick=1')
    await until(() => buttonNamed(host, 'Acadre: lås dokument op') !== undefined)
    buttonNamed(host, 'Acadre: lås dokument op')?.click()
    await until(() => host.querySelector('form') !== null)
    expect((host.querySelector('#request-description') as HTMLTextAreaElement).value).toBe('Acadre: lås dokument op')
    expect((host.querySelector('#request-status') as HTMLSelectElement).value).toBe('løst')
    buttonNamed(host, 'Gem')?.click()
    await until(() => router.currentRoute.value.name === 'home')
    const [request] = await db().requests.toArray()
    expect(request).toMatchObject({ category: 'acadre', presetId: 'acadreUnlock', status: 'løst', owner: 'superbruger' })
    const entries = await db().timeEntries.toArray()
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({ requestId: request?.id, activity: 'daglig hjælp' })
    expect((entries[0]?.end ?? 0) - (entries[0]?.start ?? 0)).toBe(5 * 60_000)
  })

  it('refuses an empty description, says why next to the field and stores nothing', async () => {
    const { host } = await mount(RequestFormView, '/henvendelser/ny')
    await until(() => host.querySelector('form') !== null)
    buttonNamed(host, 'Gem')?.click()
    await until(() => host.querySelector('#description-error') !== null)
    expect(host.querySelector('#description-error')?.textContent).toContain('Skriv en kort beskrivelse')
    expect(document.activeElement?.id).toBe('request-description')
    expect(host.querySelector('#request-description')?.getAttribute('aria-describedby')).toContain('description-error')
    expect(await db().requests.count()).toBe(0)
  })

  it('choosing an owner outside the role shows the guide and marks the status', async () => {
    const { host } = await mount(RequestFormView, '/henvendelser/ny')
    await until(() => host.querySelector('form') !== null)
    const central = host.querySelector('input[name="request-owner"][value="it-afdelingen"]') as HTMLInputElement
    central.click()
    await until(() => (host.querySelector('#request-status') as HTMLSelectElement).value === 'uden for rollen')
    expect(host.querySelector('.owner-explanation')?.textContent).toContain('Det løser IT-afdelingen')
  })
})

describe('channels', () => {
  it("offers the channels a superuser logs, not 'QR-kode' (a colleague's own report by the label)", async () => {
    const { host } = await mount(RequestFormView, '/henvendelser/ny')
    await until(() => host.querySelector('form') !== null)
    const chips = [...host.querySelectorAll('[aria-labelledby="request-channel-label"] button')].map((b) => b.textContent?.trim())
    expect(chips).toEqual(['Fremmøde', 'Telefon', 'Mail', 'Chat'])
  })
})

describe('validation that keeps up with typing (#11)', () => {
  it('"Højst 2000 tegn" goes as soon as the text is short enough again; a counter shows near the limit', async () => {
    const { host } = await mount(RequestFormView, '/henvendelser/ny')
    await until(() => host.querySelector('form') !== null)
    const field = host.querySelector('#request-description') as HTMLTextAreaElement
    field.value = 'x'.repeat(1700)
    field.dispatchEvent(new Event('input'))
    await until(() => host.querySelector('.char-count') !== null)
    expect(host.querySelector('.char-count')!.textContent!.trim()).toBe('1.700 / 2.000 tegn')
    field.value = 'x'.repeat(2001)
    field.dispatchEvent(new Event('input'))
    buttonNamed(host, 'Gem')?.click()
    await until(() => host.querySelector('#description-error') !== null)
    expect(host.querySelector('#description-error')!.textContent).toContain('Højst 2000 tegn')
    field.value = 'x'.repeat(1999)
    field.dispatchEvent(new Event('input'))
    await until(() => host.querySelector('#description-error') === null)
    expect(await db().requests.count()).toBe(0)
  })
})

describe('the quick form guesses nothing silently (#11)', () => {
  it('"Andet — udfyld selv" logs time like a preset does, unless switched off', async () => {
    const { host, router } = await mount(RequestFormView, '/henvendelser/ny?quick=1')
    await until(() => buttonNamed(host, 'Andet — udfyld selv') !== undefined)
    buttonNamed(host, 'Andet — udfyld selv')?.click()
    await until(() => host.querySelector('form') !== null)
    ;(host.querySelector('#request-description') as HTMLTextAreaElement).value = 'Hjalp med Teams-møde'
    host.querySelector('#request-description')!.dispatchEvent(new Event('input'))
    buttonNamed(host, 'Gem')?.click()
    await until(() => router.currentRoute.value.name === 'home')
    const [request] = await db().requests.toArray()
    const entries = await db().timeEntries.toArray()
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({ requestId: request?.id })
  })

  it('offers the last department as one tap instead of filling it in', async () => {
    const { router, author } = await mount(RequestFormView, '/henvendelser/ny')
    await db().departments.add({
      id: 'd-byg', teamId: author.teamId, name: 'Byggeri', location: '', createdAt: 1, createdBy: author.personId, updatedAt: 1, rev: 0, deletedAt: null,
    } as never)
    await createRequest(author, { ...emptyDraft(author.personId), description: 'Første', departmentId: 'd-byg' as never })
    await router.push('/henvendelser')
    app?.unmount()
    const again = await mount(RequestFormView, '/henvendelser/ny')
    await until(() => buttonNamed(again.host, 'Samme som sidst: Byggeri') !== undefined)
    expect((again.host.querySelector('#request-department') as HTMLSelectElement).selectedIndex).toBe(0) // "Ingen valgt"
    buttonNamed(again.host, 'Samme som sidst: Byggeri')?.click()
    await until(() => (again.host.querySelector('#request-department') as HTMLSelectElement).value === 'd-byg')
    expect(buttonNamed(again.host, 'Samme som sidst')).toBeUndefined()
  })
})

describe('RequestHomeCard', () => {
  it('lists my open requests and nothing closed, live', async () => {
    const { host, author } = await mount(RequestHomeCard, '/')
    await until(() => host.textContent?.includes('Du har ingen åbne henvendelser') ?? false)
    await createRequest(author, { ...emptyDraft(author.personId), description: 'Printer i kantinen', status: 'i gang' })
    await createRequest(author, { ...emptyDraft(author.personId), description: 'Færdig sag', status: 'løst' })
    await until(() => host.textContent?.includes('Printer i kantinen') ?? false)
    expect(host.textContent).not.toContain('Færdig sag')
    expect(host.querySelector('h2 .badge')?.textContent).toBe('1')
  })

})
