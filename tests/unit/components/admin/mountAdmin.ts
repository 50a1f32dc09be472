import { createApp, nextTick, type App, type Component } from 'vue'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter, type RouteRecordRaw } from 'vue-router'
import { expect } from 'vitest'
import { db } from '../../../../src/db/database.ts'
import { i18n, loadFeatureMessages } from '../../../../src/i18n/i18n.ts'
import type { Role } from '../../../../src/domain/records/person.ts'
import { useSessionStore } from '../../../../src/stores/session.ts'
import { routes } from '../../../../src/router.ts'

let app: App | null = null

/** Unmounts the app of the last `mountAdmin`. */
export function unmountAdmin(): void {
  app?.unmount()
  app = null
  document.body.innerHTML = ''
}

/** Mounts an admin screen on a fresh local profile whose Person record has `role`. */
export async function mountAdmin(component: Component, role: Role, path = '/') {
  const blank = { render: () => null }
  // The app's route names and paths, with empty screens: links resolve, nothing else loads.
  const router = createRouter({ history: createMemoryHistory(), routes: routes.map((r) => ({ path: r.path, name: r.name, component: blank }) as RouteRecordRaw) })
  const pinia = createPinia()
  const host = document.createElement('div')
  document.body.append(host)
  app = createApp(component).use(pinia).use(router).use(i18n)
  const session = useSessionStore(pinia)
  await session.load()
  await db().people.update(session.author().personId, { role })
  await loadFeatureMessages(['common', 'admin', 'more', 'checklists', 'requests'])
  await router.push(path)
  app.mount(host)
  return { host, router, author: session.author() }
}

/** Waits (up to a second) until `check` holds, then asserts it. */
export async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 10))
  await nextTick()
  expect(check()).toBe(true)
}

/** The first button whose text contains `text`. */
export function buttonNamed(host: HTMLElement, text: string): HTMLButtonElement | undefined {
  return [...host.querySelectorAll('button')].find((b) => b.textContent?.includes(text))
}

/** Types into an input or textarea the way a user does. */
export function typeInto(host: HTMLElement, selector: string, value: string): void {
  const field = host.querySelector(selector) as HTMLInputElement
  field.value = value
  field.dispatchEvent(new Event('input'))
}
