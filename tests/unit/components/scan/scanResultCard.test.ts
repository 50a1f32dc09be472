import { afterEach, describe, expect, it } from 'vitest'
import { createApp, h, type App } from 'vue'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import ScanResultCard from '../../../../src/components/scan/ScanResultCard.vue'
import { i18n, loadFeatureMessages } from '../../../../src/i18n/i18n.ts'

let app: App | null = null
afterEach(() => { app?.unmount(); app = null; document.body.innerHTML = '' })

async function render(typed: boolean): Promise<string> {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: { render: () => null } }, { path: '/udstyr/ny', name: 'asset-new', component: { render: () => null } }] })
  await loadFeatureMessages(['assets'])
  const host = document.createElement('div')
  document.body.append(host)
  app = createApp({ render: () => h(ScanResultCard, { result: { kind: 'foreign', text: 'printer 3' }, typed }) }).use(createPinia()).use(router).use(i18n)
  app.mount(host)
  return host.textContent ?? ''
}

describe('a code that is not ours', () => {
  it('typed: says what was typed, and what a code looks like — not "Denne QR-kode"', async () => {
    const text = await render(true)
    expect(text).toContain('„printer 3“ er ikke en kode fra et Superbruger-klistermærke.')
    expect(text).toContain('6 tegn')
    expect(text).not.toContain('QR-kode')
  })

  it('scanned: says the QR code is not ours, and what it holds', async () => {
    const text = await render(false)
    expect(text).toContain('Denne QR-kode hører ikke til Superbruger.')
    expect(text).toContain('printer 3')
  })
})
