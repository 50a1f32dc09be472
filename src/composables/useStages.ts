import { onMounted, shallowRef, type Ref } from 'vue'
import { nextTask } from './nextTask.ts'

/**
 * A screen built in steps, one task each: the count starts at 0 and goes up by one per task after
 * mounting, up to `last`. A part shown from step 2 is rendered in a later task than one shown from
 * step 1, so a screen of several cards never blocks a tap for the time of all of them together.
 */
export function useStages(last: number): Readonly<Ref<number>> {
  const stage = shallowRef(0)
  onMounted(async () => {
    while (stage.value < last) {
      await nextTask()
      stage.value++
    }
  })
  return stage
}
