import { onBeforeUnmount, onMounted } from 'vue'
import { useRouter, type Router } from 'vue-router'
import { loadFeatureMessages } from '../i18n/i18n.ts'
import { afterNextPaint } from './afterNextPaint.ts'

/** Resolves when the browser is idle (or after a short wait where it cannot say). */
function whenIdle(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 2000 })
    else setTimeout(resolve, 200)
  })
}

/** Loads one screen's code and strings, as navigating to it would, without rendering it. */
async function prefetch(router: Router, path: string): Promise<void> {
  const route = router.resolve(path)
  // A lazy screen is a function that imports it; a loaded one is its component object.
  const loaders = route.matched.flatMap((record) => Object.values(record.components ?? {}))
    .filter((component): component is () => Promise<unknown> => typeof component === 'function')
  await Promise.all([...loaders.map((load) => load()), loadFeatureMessages(route.meta.messages ?? [])])
}

/**
 * Loads the code and strings of the screens a menu links to, at the first idle moment once the menu
 * has been painted, so the first tap on a link opens its screen without fetching and compiling it
 * first. The browser keeps each module once: the navigation then finds it loaded. Nothing starts if
 * the menu is left before. A failure is left to the navigation, which shows it.
 */
export function usePrefetchRoutes(paths: readonly string[]): void {
  const router = useRouter()
  let left = false
  onBeforeUnmount(() => { left = true })
  onMounted(async () => {
    await afterNextPaint()
    await whenIdle()
    if (left) return
    // All at once: the fetches overlap, and each module is evaluated in a task of its own as it arrives.
    await Promise.all(paths.map((path) => prefetch(router, path).catch(() => undefined)))
  })
}
