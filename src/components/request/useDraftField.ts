import { computed, type Ref, type WritableComputedRef } from 'vue'

/**
 * Two-way bindings to single fields of an object model: writing a field replaces the whole
 * object, so a child never mutates the parent's state in place.
 */
export function useDraftField<T extends object>(model: Ref<T>) {
  return function field<K extends keyof T>(key: K): WritableComputedRef<T[K]> {
    return computed({
      get: () => model.value[key],
      set: (value) => { model.value = { ...model.value, [key]: value } },
    })
  }
}
