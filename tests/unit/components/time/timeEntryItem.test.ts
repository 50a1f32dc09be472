import { afterEach, describe, expect, it } from 'vitest'
import { createApp, h, nextTick, type App } from 'vue'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import TimeEntryItem from '../../../../src/components/time/TimeEntryItem.vue'
import { i18n, loadFeatureMessages } from '../../../../src/i18n/i18n.ts'
import { createRequest, deleteRequest } from '../../../../src/db/requests.ts'
import { addManualEntry } from '../../../../src/db/timeEntries.ts'
import { emptyDraft } from '../../../../src/domain/requestRules.ts'
import type { PersonId, TeamId } from '../../../../src/domain/records/fields.ts'
import type { TimeEntry } from '../../../../src/domain/records/timeEntry.ts'

let app: App | null = null
afterEach(() => { app?.unmount(); app = null; document.body.innerHTML = '' })

const author = { teamId: 't1' as TeamId, personId: 'p1' as PersonId }
const START = Date.UTC(2026, 10, 25, 9)

async function shown(entry: TimeEntry): Promise<HTMLElement> {
  await loadFeatureMessages(['common', 'time'])
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: { render: () => null } }, { path: '/tid/:id', name: 'time-edit', component: { render: () => null } }] })
  const host = document.createElement('div')
  document.body.append(host)
  app = createApp({ render: () => h(TimeEntryItem, { entry, now: START + 3 * 3_600_000 }) }).use(createPinia()).use(router).use(i18n)
  app.mount(host)
  return host
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 10))
  await nextTick()
  expect(check()).toBe(true)
}

describe('a time entry in the week list', () => {
  it('says how long in hours and minutes, and which request it was for', async () => {
    const request = await createRequest(author, { ...emptyDraft(), description: 'Acadre: lås dokument op' }, null, START)
    const entry = await addManualEntry(author, { start: START, end: START + 85 * 60_000, activity: 'daglig hjælp', requestId: request.id, note: '' })
    const host = await shown(entry)
    await until(() => host.textContent!.includes('Til: Acadre: lås dokument op'))
    expect(host.querySelector('.entry-duration')!.textContent).toBe('1 t 25 min')
  })

  it('says so when the request was deleted', async () => {
    const request = await createRequest(author, { ...emptyDraft(), description: 'Slettes' }, null, START)
    const entry = await addManualEntry(author, { start: START, end: START + 60_000, activity: 'daglig hjælp', requestId: request.id, note: '' })
    await deleteRequest(request.id)
    const host = await shown(entry)
    await until(() => host.textContent!.includes('Til en henvendelse, der er slettet'))
    expect(host.querySelector('.entry-duration')!.textContent).toBe('1 min')
  })
})
