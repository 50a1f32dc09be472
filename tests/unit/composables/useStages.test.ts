import { afterEach, describe, expect, it } from 'vitest'
import { createApp, defineComponent, h, type App } from 'vue'
import { useStages } from '../../../src/composables/useStages.ts'

let app: App | null = null
afterEach(() => { app?.unmount(); app = null; document.body.innerHTML = '' })

const nextTimeout = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('useStages', () => {
  it('counts from 0 to the last step, one step per task after mounting', async () => {
    const seen: number[] = []
    const host = document.createElement('div')
    document.body.append(host)
    app = createApp(defineComponent({
      setup() {
        const stage = useStages(3)
        return () => {
          seen.push(stage.value)
          return h('p', String(stage.value))
        }
      },
    }))
    app.mount(host)
    expect(host.textContent).toBe('0')
    await nextTimeout()
    await nextTimeout()
    expect(Number(host.textContent)).toBeGreaterThan(0)
    for (let i = 0; i < 10 && host.textContent !== '3'; i++) await nextTimeout()
    expect(host.textContent).toBe('3')
    // Each step rendered on its own: no step skipped, none after the last.
    expect(seen).toEqual([0, 1, 2, 3])
    for (let i = 0; i < 5; i++) await nextTimeout()
    expect(host.textContent).toBe('3')
  })
})
