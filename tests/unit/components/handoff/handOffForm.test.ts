import { afterEach, describe, expect, it, vi } from 'vitest'
import { createApp, h, nextTick, type App } from 'vue'
import { createPinia } from 'pinia'
import HandOffForm from '../../../../src/components/handoff/HandOffForm.vue'
import { rememberPublicConfig } from '../../../../src/db/publicConfig.ts'
import { i18n, loadFeatureMessages } from '../../../../src/i18n/i18n.ts'
import type { RequestId } from '../../../../src/domain/records/fields.ts'

let app: App | null = null
afterEach(() => { app?.unmount(); app = null; document.body.innerHTML = ''; localStorage.clear(); vi.unstubAllGlobals() })

describe('the hand-off form', () => {
  it('offers TOPdesk only when the server said it is set up, also offline', async () => {
    // The phone is offline: the server cannot be asked again.
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')))
    // What the server answered last time (GET /api/config), remembered for offline use: mail only.
    rememberPublicConfig({ publicUrl: null, formerPublicUrls: [], handOffChannels: ['mail'] })
    await loadFeatureMessages(['common', 'requests'])
    const host = document.createElement('div')
    document.body.append(host)
    app = createApp({ render: () => h(HandOffForm, { requestId: 'r1' as RequestId }) }).use(createPinia()).use(i18n)
    app.mount(host)
    await nextTick()
    const options = [...host.querySelectorAll<HTMLInputElement>('input[name="handoff-channel"]')].map((input) => input.value)
    expect(options).toEqual(['mail'])
  })
})
