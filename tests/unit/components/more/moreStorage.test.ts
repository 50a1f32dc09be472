import { afterEach, describe, expect, it, vi } from 'vitest'
import { createApp, nextTick, type App } from 'vue'
import MoreStorage from '../../../../src/components/more/MoreStorage.vue'
import { i18n, loadFeatureMessages } from '../../../../src/i18n/i18n.ts'

let app: App | null = null
afterEach(() => { app?.unmount(); app = null; document.body.innerHTML = ''; vi.unstubAllGlobals() })

const MB = 1024 * 1024

async function shown(usage: number, quota: number): Promise<string> {
  vi.stubGlobal('navigator', { ...navigator, storage: { persisted: async () => true, persist: async () => true, estimate: async () => ({ usage, quota }) } })
  await loadFeatureMessages(['common', 'more'])
  const host = document.createElement('div')
  document.body.append(host)
  app = createApp(MoreStorage).use(i18n)
  app.mount(host)
  for (let i = 0; i < 50 && host.querySelector('[aria-busy]'); i++) await new Promise((r) => setTimeout(r, 10))
  await nextTick()
  return host.textContent ?? ''
}

describe('room on the device, in plain words', () => {
  it('plenty: how much the app uses and how much is free, no megabyte sums', async () => {
    const text = await shown(10.8 * MB, 10_250.8 * MB)
    expect(text).toContain('Der er god plads: Superbruger fylder 11 MB, og der er cirka 10 GB fri.')
    expect(text).not.toContain('af 10.250,8 MB')
  })

  it('low: warns before it runs out, with what to do', async () => {
    const text = await shown(1_900 * MB, 2_000 * MB)
    expect(text).toContain('Pladsen er ved at slippe op: der er kun cirka 100 MB fri.')
  })
})
