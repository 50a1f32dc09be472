import { afterEach, describe, expect, it, vi } from 'vitest'
import { createApp, nextTick, type App, type Component } from 'vue'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import TimeTimerButton from '../../../../src/components/time/TimeTimerButton.vue'
import TimeHomeCard from '../../../../src/components/time/TimeHomeCard.vue'
import { i18n } from '../../../../src/i18n/i18n.ts'
import { useSessionStore } from '../../../../src/stores/session.ts'
import { addManualEntry } from '../../../../src/db/timeEntries.ts'
import { getRunningTimer, startTimer } from '../../../../src/db/timer.ts'

let app: App | null = null
afterEach(() => { app?.unmount(); app = null; document.body.innerHTML = '' })

async function mount(component: Component = TimeTimerButton) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: { template: '<div />' } },
      { path: '/tid', name: 'time', component: { template: '<div />' } },
      { path: '/tid/:id', name: 'time-edit', component: { template: '<div />' } },
    ],
  })
  const pinia = createPinia()
  const host = document.createElement('div')
  document.body.append(host)
  app = createApp(component).use(pinia).use(router).use(i18n)
  const session = useSessionStore(pinia)
  await session.load()
  await router.push('/')
  app.mount(host)
  return { host, router, author: session.author(), personId: session.author().personId }
}

/** Waits until `check` passes: the live query answers asynchronously. */
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 10))
  await nextTick()
  expect(check()).toBe(true)
}

const button = (host: HTMLElement) => host.querySelector('button.timer-button') as HTMLButtonElement

describe('TimeTimerButton', () => {
  it('one tap starts a stored timer, the next tap stops it; the name says which', async () => {
    const { host, personId } = await mount()
    await until(() => !button(host).disabled)
    expect(button(host).textContent).toContain('Start tidtagning')
    button(host).click()
    await until(() => button(host).textContent!.includes('Stop tidtagning'))
    expect(await getRunningTimer(personId)).toMatchObject({ activity: 'daglig hjælp', end: null })
    expect(host.querySelector('[role=status]')?.textContent).toMatch(/Tidtagning startet kl\. \d\d\.\d\d/)
    button(host).click()
    await until(() => button(host).textContent!.includes('Start tidtagning'))
    expect(await getRunningTimer(personId)).toBeUndefined()
    expect(host.querySelector('[role=status]')?.textContent).toContain('Tidtagning stoppet')
  })

  it('a forgotten timer is not stopped now: the tap opens its correction form', async () => {
    const { host, router, author, personId } = await mount()
    const old = await startTimer(author, { activity: 'udvikling' }, Date.now() - 20 * 3_600_000)
    await until(() => button(host).textContent!.includes('Stop tidtagning'))
    expect(host.textContent).toContain('Glemt at stoppe tidtagningen?')
    button(host).click()
    await until(() => router.currentRoute.value.path === `/tid/${old.id}`)
    expect(await getRunningTimer(personId)).toMatchObject({ id: old.id, end: null })
  })
})

describe('TimeHomeCard', () => {
  afterEach(() => { vi.useRealTimers() })

  it('shows this week\'s hours against the band with a text status, and the timer button', async () => {
    // A fixed "now" (only Date is faked, so timers and the database run as usual): Wednesday
    // 25.11.2026 kl. 14.00, in week 48, with three hours of the same day before it.
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date(2026, 10, 25, 14, 0))
    const { host, author } = await mount(TimeHomeCard)
    await until(() => host.textContent!.includes('0 t af 3–4 t · uge 48'))
    expect(host.textContent).toContain('Under budget')
    expect(button(host).textContent).toContain('Start tidtagning')
    await addManualEntry(author, { start: Date.now() - 3 * 3_600_000, end: Date.now(), activity: 'udvikling', requestId: null, note: '' })
    await until(() => host.textContent!.includes('3 t af 3–4 t · uge 48'))
    expect(host.textContent).toContain('Inden for budget')
  })
})
