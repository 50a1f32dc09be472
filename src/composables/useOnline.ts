import { shallowRef, type ShallowRef } from 'vue'
import { tryOnScopeDispose } from './tryOnScopeDispose.ts'

/** Whether the browser believes it has a network connection, kept up to date. */
export function useOnline(): ShallowRef<boolean> {
  const online = shallowRef(navigator.onLine)
  const update = (): void => { online.value = navigator.onLine }
  window.addEventListener('online', update)
  window.addEventListener('offline', update)
  tryOnScopeDispose(() => {
    window.removeEventListener('online', update)
    window.removeEventListener('offline', update)
  })
  return online
}
