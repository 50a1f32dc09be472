import { shallowRef, watch, type ShallowRef, type WatchSource } from 'vue'
import { tryOnScopeDispose } from './tryOnScopeDispose.ts'
import { observe, type Observation } from '../db/live.ts'

export interface UseLiveQueryReturn<T> {
  /** Latest result; `initial` until the first result arrives. */
  data: ShallowRef<T>
  /** True until the first result for the current inputs arrives. */
  loading: ShallowRef<boolean>
  error: ShallowRef<unknown>
}

/**
 * Keeps `data` equal to the result of `query`, re-running it when the database changes and
 * when `source` (reactive inputs such as filters) changes.
 */
export function useLiveQuery<T, S = undefined>(
  query: (input: S) => Promise<T>,
  initial: T,
  source?: WatchSource<S>,
): UseLiveQueryReturn<T> {
  const data = shallowRef(initial) as ShallowRef<T>
  const loading = shallowRef(true)
  const error = shallowRef<unknown>(null)
  let subscription: Observation | null = null

  function subscribe(input: S): void {
    subscription?.unsubscribe()
    loading.value = true
    subscription = observe(
      () => query(input),
      (value) => { data.value = value; loading.value = false; error.value = null },
      (err) => { error.value = err; loading.value = false },
    )
  }

  if (source) watch(source, subscribe, { immediate: true, deep: true })
  else subscribe(undefined as S)

  tryOnScopeDispose(() => subscription?.unsubscribe())
  return { data, loading, error }
}
