import { computed, onMounted, shallowRef, type ComputedRef, type Ref } from 'vue'
import { afterNextPaint } from './afterNextPaint.ts'

/**
 * A long list shown in two steps: the first `first` items at once (enough to fill a phone's
 * screen), all of them once that has been painted. The screen then appears without waiting for
 * the hundreds of rows below the fold; they follow a frame later, before anyone can scroll to them.
 */
export function useProgressiveList<T>(items: Ref<readonly T[]>, first: number): ComputedRef<readonly T[]> {
  const all = shallowRef(false)
  onMounted(() => void afterNextPaint().then(() => { all.value = true }))
  return computed(() => (all.value ? items.value : items.value.slice(0, first)))
}
