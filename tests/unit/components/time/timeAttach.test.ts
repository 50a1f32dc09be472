import { afterEach, describe, expect, it } from 'vitest'
import { createApp, nextTick, type App } from 'vue'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import TimeTimerButton from '../../../../src/components/time/TimeTimerButton.vue'
import { i18n } from '../../../../src/i18n/i18n.ts'
import { db } from '../../../../src/db/database.ts'
import { createRequest } from '../../../../src/db/requests.ts'
import { emptyDraft } from '../../../../src/domain/requestRules.ts'
import { useSessionStore } from '../../../../src/stores/session.ts'

let app: App | null = null
afterEach(() => { app?.unmount(); app = null; document.body.innerHTML = '' })

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10))
  await nextTick()
  expect(check()).toBe(true)
}

const timerButton = (host: HTMLElement) => host.querySelector('button.timer-button') as HTMLButtonElement
const buttonNamed = (host: HTMLElement, text: string) => [...host.querySelectorAll('button')].find((b) => b.textContent?.includes(text))

describe('stopping a timer that has no request', () => {
  it('offers my open requests, and attaches the time to the one chosen', async () => {
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: { template: '<div />' } }, { path: '/tid/:id', name: 'time-edit', component: { template: '<div />' } }] })
    const pinia = createPinia()
    const host = document.createElement('div')
    document.body.append(host)
    app = createApp(TimeTimerButton).use(pinia).use(router).use(i18n)
    const session = useSessionStore(pinia)
    await session.load()
    const author = session.author()
    const request = await createRequest(author, { ...emptyDraft(author.personId), description: 'Skærm flimrer hos Jens', status: 'i gang' })
    await router.push('/')
    app.mount(host)
    await until(() => !timerButton(host).disabled)
    timerButton(host).click()
    await until(() => timerButton(host).textContent!.includes('Stop tidtagning'))
    timerButton(host).click()
    await until(() => host.querySelector('.attach select') !== null && host.querySelectorAll('.attach option').length === 2)
    expect(host.textContent).toContain('Hørte tiden til en af dine åbne henvendelser?')
    const select = host.querySelector('.attach select') as HTMLSelectElement
    select.value = request.id
    select.dispatchEvent(new Event('change'))
    await nextTick()
    buttonNamed(host, 'Knyt tiden til den')!.click()
    await until(() => host.querySelector('.attach') === null)
    const [entry] = await db().timeEntries.toArray()
    expect(entry).toMatchObject({ requestId: request.id })
    expect(entry!.end).not.toBeNull()
  })
})
