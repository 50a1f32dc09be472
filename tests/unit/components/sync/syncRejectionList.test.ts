import { afterEach, describe, expect, it } from 'vitest'
import { createApp, nextTick, type App } from 'vue'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import SyncRejectionList from '../../../../src/components/sync/SyncRejectionList.vue'
import { db } from '../../../../src/db/database.ts'
import { i18n, loadFeatureMessages } from '../../../../src/i18n/i18n.ts'

let app: App | null = null
afterEach(() => { app?.unmount(); app = null; document.body.innerHTML = '' })

async function settled(host: HTMLElement): Promise<void> {
  for (let i = 0; i < 50 && !host.querySelector('.rejection-content'); i++) await new Promise((resolve) => setTimeout(resolve, 10))
  await nextTick()
}

describe('the refused changes on the account page', () => {
  it('names the fields of a refused loan in Danish, with what was typed, and leaves out the sync fields', async () => {
    await db().rejections.add({
      id: 'rj1', mutationId: 7, table: 'loans', recordId: 'l1', op: 'put', reason: 'asset_on_loan', at: 1000,
      fields: { id: 'l1', teamId: 't1', borrowerName: 'Ole Hansen', since: '2026-12-07', until: '2026-12-21', updatedAt: 1000, rev: 0 },
    })
    await loadFeatureMessages(['common', 'account'])
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: { render: () => null } }] })
    const host = document.createElement('div')
    document.body.append(host)
    app = createApp(SyncRejectionList).use(createPinia()).use(router).use(i18n)
    app.mount(host)
    await settled(host)
    const text = host.querySelector('.rejection-content')?.textContent ?? ''
    expect(text.split('\n')).toEqual(['Låner: Ole Hansen', 'Udlånt fra: 2026-12-07', 'Forventes afleveret: 2026-12-21'])
  })

  it("says in Danish that an answer was refused because the user test is closed", async () => {
    await db().rejections.add({
      id: 'rj2', mutationId: 8, table: 'checklistAnswers', recordId: 'a1', op: 'put', reason: 'campaign_closed', at: 1000,
      fields: { id: 'a1', teamId: 't1', runId: 'run1', itemKey: 'mail', value: true, updatedAt: 1000, rev: 0 },
    })
    await loadFeatureMessages(['common', 'account'])
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: { render: () => null } }] })
    const host = document.createElement('div')
    document.body.append(host)
    app = createApp(SyncRejectionList).use(createPinia()).use(router).use(i18n)
    app.mount(host)
    await settled(host)
    expect(host.querySelector('.rejection-title')?.textContent).toBe('Svar i tjekliste — Brugertesten er lukket, så ændringen blev ikke gemt. Resultatet står, som det var, da den blev lukket.')
  })
})
