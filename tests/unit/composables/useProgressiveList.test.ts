import { afterEach, describe, expect, it, vi } from 'vitest'
import { createApp, defineComponent, h, shallowRef, type App, type ShallowRef } from 'vue'
import { useProgressiveList } from '../../../src/composables/useProgressiveList.ts'

let app: App | null = null
afterEach(() => { app?.unmount(); app = null; document.body.innerHTML = '' })

/** Mounts a list of `items` shown through useProgressiveList; returns a count of the rows on screen. */
function mountList(items: ShallowRef<readonly number[]>, first: number): () => number {
  const host = document.createElement('div')
  document.body.append(host)
  app = createApp(defineComponent({
    setup() {
      const shown = useProgressiveList(items, first)
      return () => h('ul', shown.value.map((n) => h('li', { key: n }, String(n))))
    },
  }))
  app.mount(host)
  return () => host.querySelectorAll('li').length
}

describe('useProgressiveList', () => {
  it('shows the first items at once and all of them after the first paint, then follows changes', async () => {
    const items = shallowRef<readonly number[]>(Array.from({ length: 200 }, (_, i) => i))
    const rows = mountList(items, 10)
    expect(rows()).toBe(10)
    await vi.waitFor(() => expect(rows()).toBe(200))
    items.value = [7, 8, 9]
    await vi.waitFor(() => expect(rows()).toBe(3))
    items.value = Array.from({ length: 50 }, (_, i) => i)
    await vi.waitFor(() => expect(rows()).toBe(50))
  })

  it('shows a short list whole from the start', () => {
    expect(mountList(shallowRef<readonly number[]>([1, 2, 3]), 10)()).toBe(3)
  })
})
