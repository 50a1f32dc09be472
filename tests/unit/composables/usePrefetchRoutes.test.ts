import { afterEach, describe, expect, it, vi } from 'vitest'
import { createApp, h, type App } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import { usePrefetchRoutes } from '../../../src/composables/usePrefetchRoutes.ts'

let app: App | null = null
afterEach(() => { app?.unmount(); app = null; document.body.innerHTML = '' })

const Screen = { render: () => h('p', 'screen') }

/** A menu that prefetches `paths`, in an app whose routes /a and /b load lazily through the returned spies. */
function mountMenu(paths: readonly string[]) {
  const loadA = vi.fn(async () => Screen)
  const loadB = vi.fn(async () => Screen)
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: Screen },
      { path: '/a', component: loadA },
      { path: '/b', component: loadB },
    ],
  })
  const host = document.createElement('div')
  document.body.append(host)
  app = createApp({
    setup() {
      usePrefetchRoutes(paths)
      return () => h('nav', 'menu')
    },
  })
  app.use(router).mount(host)
  return { loadA, loadB, router }
}

describe('usePrefetchRoutes', () => {
  it('loads the code of each linked screen once the menu is painted, without navigating', async () => {
    const { loadA, loadB, router } = mountMenu(['/b', '/a'])
    expect(loadA).not.toHaveBeenCalled()
    await vi.waitFor(() => expect(loadA).toHaveBeenCalledOnce())
    expect(loadB).toHaveBeenCalledOnce()
    expect(router.currentRoute.value.path).toBe('/')
  })

  it('loads nothing when the menu is left before the browser was idle', async () => {
    const { loadA, loadB } = mountMenu(['/a', '/b'])
    app?.unmount()
    app = null
    await new Promise((resolve) => setTimeout(resolve, 600))
    expect(loadA).not.toHaveBeenCalled()
    expect(loadB).not.toHaveBeenCalled()
  })
})
