import { shallowRef, type ShallowRef } from 'vue'
import { tryOnScopeDispose } from './tryOnScopeDispose.ts'

/** The current time in ms, refreshed every `intervalMs` (for running timers and "today"). */
export function useNow(intervalMs = 1000): ShallowRef<number> {
  const now = shallowRef(Date.now())
  const timer = setInterval(() => { now.value = Date.now() }, intervalMs)
  tryOnScopeDispose(() => clearInterval(timer))
  return now
}
