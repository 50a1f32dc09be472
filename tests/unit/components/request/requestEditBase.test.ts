import { afterEach, describe, expect, it } from 'vitest'
import { createApp, nextTick, type App } from 'vue'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import RequestFormView from '../../../../src/views/RequestFormView.vue'
import { i18n, loadFeatureMessages } from '../../../../src/i18n/i18n.ts'
import { useSessionStore } from '../../../../src/stores/session.ts'
import { db } from '../../../../src/db/database.ts'
import { createRequest } from '../../../../src/db/requests.ts'
import { applyPulledPage } from '../../../../src/db/syncApply.ts'
import { emptyDraft } from '../../../../src/domain/requestRules.ts'
import type { Request } from '../../../../src/domain/records/request.ts'

// The edit rule (issue #12, defect 1): an open form sends only what the person changed, based on
// the revision it opened at; a sync landing meanwhile shows up in untouched fields and is flagged
// on touched ones.

let app: App | null = null
afterEach(() => { app?.unmount(); app = null; document.body.innerHTML = '' })

const blank = { render: () => null }
const OPENED_REV = 5

/** A request as it came from the server at OPENED_REV, nothing waiting in the outbox. */
async function syncedRequest(author: { teamId: string; personId: string }): Promise<Request> {
  const created = await createRequest(author as never, { ...emptyDraft(), description: 'Printer på 2. sal', requesterName: 'Mette' }, null, 1_000)
  await db().outbox.clear()
  await pull({ ...created, rev: OPENED_REV })
  return (await db().requests.get(created.id)) as Request
}

async function pull(record: Request): Promise<void> {
  const fields: Record<string, unknown> = { ...record }
  delete fields.words // local search words are never part of a pulled record
  await applyPulledPage([{ table: 'requests', record: fields as never }], record.rev)
}

async function openEditForm() {
  const pinia = createPinia()
  const host = document.createElement('div')
  document.body.append(host)
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'home', component: blank },
      { path: '/henvendelser', name: 'requests', component: blank },
      { path: '/henvendelser/:id', name: 'request', component: blank },
      { path: '/henvendelser/:id/rediger', name: 'request-edit', component: RequestFormView, props: true },
    ],
  })
  app = createApp({ template: '<router-view />' }).use(pinia).use(router).use(i18n)
  const session = useSessionStore(pinia)
  await session.load()
  await loadFeatureMessages(['common', 'requests', 'time'])
  const request = await syncedRequest(session.author())
  await router.push(`/henvendelser/${request.id}/rediger`)
  app.mount(host)
  await until(() => host.querySelector('form') !== null)
  return { host, router, request }
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10))
  await nextTick()
  expect(check()).toBe(true)
}

function input(host: HTMLElement, selector: string): HTMLInputElement {
  return host.querySelector(selector) as HTMLInputElement
}

function type(host: HTMLElement, selector: string, value: string): void {
  const el = input(host, selector)
  el.value = value
  el.dispatchEvent(new Event('input'))
}

function save(host: HTMLElement): void {
  ;[...host.querySelectorAll('button')].find((b) => b.textContent?.includes('Gem'))?.click()
}

describe('editing a request while another device changes it', () => {
  it('shows a field another device changed and sends only the field the person changed, based on the opening revision', async () => {
    const { host, router, request } = await openEditForm()
    await pull({ ...request, helpdeskCaseNo: 'IT-4711 (B)', rev: OPENED_REV + 1, updatedAt: 2_000 })
    await until(() => input(host, '#request-helpdesk').value === 'IT-4711 (B)')
    type(host, '#request-requester', 'Søren')
    save(host)
    await until(() => router.currentRoute.value.name === 'request')
    const outbox = await db().outbox.toArray()
    expect(outbox).toHaveLength(1)
    expect(outbox[0]).toMatchObject({ op: 'patch', recordId: request.id, baseRev: OPENED_REV })
    expect(Object.keys(outbox[0]!.fields).sort()).toEqual(['requesterName', 'updatedAt'])
    expect(await db().requests.get(request.id)).toMatchObject({ requesterName: 'Søren', helpdeskCaseNo: 'IT-4711 (B)' })
    expect(host.querySelector('.field-clash')).toBeNull()
  })

  it('flags a field the person changed that another device changed too, and still sends it from the opening revision', async () => {
    const { host, router, request } = await openEditForm()
    type(host, '#request-helpdesk', 'IT-1 (A)')
    await pull({ ...request, helpdeskCaseNo: 'IT-2 (B)', rev: OPENED_REV + 1, updatedAt: Date.UTC(2026, 5, 1, 8, 14) })
    await until(() => host.querySelector('.field-clash') !== null)
    expect(host.querySelector('.field-clash')?.textContent).toContain('Ændret på en anden enhed')
    expect(host.querySelector('.field-clash')?.textContent).toContain('konflikt')
    expect(input(host, '#request-helpdesk').value).toBe('IT-1 (A)')
    save(host)
    await until(() => router.currentRoute.value.name === 'request')
    const [entry] = await db().outbox.toArray()
    expect(entry).toMatchObject({ op: 'patch', baseRev: OPENED_REV })
    expect(entry!.fields).toMatchObject({ helpdeskCaseNo: 'IT-1 (A)' })
    expect(Object.keys(entry!.fields).sort()).toEqual(['helpdeskCaseNo', 'updatedAt'])
  })

  it('saving an untouched form sends nothing, even after a sync changed the record', async () => {
    const { host, router, request } = await openEditForm()
    await pull({ ...request, description: 'Printeren er byttet (B)', rev: OPENED_REV + 1 })
    await until(() => input(host, '#request-description').value === 'Printeren er byttet (B)')
    save(host)
    await until(() => router.currentRoute.value.name === 'request')
    expect(await db().outbox.count()).toBe(0)
  })
})
