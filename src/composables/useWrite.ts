import { shallowRef, type ShallowRef } from 'vue'
import { useUiStore } from '../stores/ui.ts'

export interface UseWriteReturn {
  /** True while a write of this component runs; bind it to the buttons' disabled state. */
  busy: ShallowRef<boolean>
  /** Runs `write` unless one is already running; a failure is explained to the user. Resolves true on success. */
  run(write: () => Promise<unknown>): Promise<boolean>
}

/** One local write at a time for a component, with the clear Danish error message on failure. */
export function useWrite(): UseWriteReturn {
  const ui = useUiStore()
  const busy = shallowRef(false)

  async function run(write: () => Promise<unknown>): Promise<boolean> {
    if (busy.value) return false
    busy.value = true
    try {
      await write()
      return true
    } catch (error) {
      ui.reportWriteError(error)
      return false
    } finally {
      busy.value = false
    }
  }

  return { busy, run }
}
