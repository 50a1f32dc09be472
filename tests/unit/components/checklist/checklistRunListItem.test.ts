import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApp, h, type App } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import ChecklistRunListItem from '../../../../src/components/checklist/ChecklistRunListItem.vue'
import { i18n, loadFeatureMessages } from '../../../../src/i18n/i18n.ts'
import type { RunSummary } from '../../../../src/db/checklistLists.ts'
import type { ChecklistRun } from '../../../../src/domain/records/checklistRun.ts'

let app: App | null = null
const zone = process.env.TZ

beforeEach(() => { vi.useFakeTimers({ toFake: ['Date'] }) })
afterEach(() => {
  app?.unmount(); app = null; document.body.innerHTML = ''
  vi.useRealTimers()
  if (zone === undefined) delete process.env.TZ
  else process.env.TZ = zone
})

function runDue(dueDate: string): RunSummary {
  const run = {
    id: 'run-1', teamId: 'team-1', createdAt: 0, createdBy: 'p-1', updatedAt: 0, rev: 1, deletedAt: null,
    templateId: 'tpl-1', templateVersion: 1, title: 'Databeskyttelse: fællesdrev', subject: { kind: 'department', label: 'Byggesag' },
    status: 'i gang', dueDate, completedAt: null, overrideReason: '',
  } as unknown as ChecklistRun
  return { run, progress: { answered: 1, total: 4 } } as RunSummary
}

async function render(summary: RunSummary): Promise<HTMLElement> {
  await loadFeatureMessages(['common', 'checklists'])
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/tjeklister/:id', name: 'checklist', component: { render: () => null } }] })
  const host = document.createElement('ul')
  document.body.append(host)
  app = createApp({ render: () => h(ChecklistRunListItem, { summary }) }).use(i18n).use(router)
  app.mount(host)
  return host
}

describe('a checklist run in the list, due today by the Danish calendar', () => {
  it('is not overdue on a phone set to a zone where it is already tomorrow', async () => {
    // 12:00 UTC on 7 December: 13:00 in Copenhagen, already 01:00 on 8 December in Auckland.
    process.env.TZ = 'Pacific/Auckland'
    vi.setSystemTime(Date.UTC(2026, 11, 7, 12, 0))
    const host = await render(runDue('2026-12-07'))
    expect(host.querySelector('.badge-overdue')).toBeNull()
    expect(host.textContent).not.toContain('Over fristen')
  })

  it('is overdue once the Danish day has passed', async () => {
    process.env.TZ = 'America/St_Johns'
    // 23:30 UTC on 7 December: 00:30 on 8 December in Copenhagen, still the 7th in St. John's.
    vi.setSystemTime(Date.UTC(2026, 11, 7, 23, 30))
    const host = await render(runDue('2026-12-07'))
    expect(host.querySelector('.badge-overdue')).not.toBeNull()
  })
})
