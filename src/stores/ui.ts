import { defineStore } from 'pinia'
import { ref } from 'vue'
import { classifyWriteError } from '../db/errors.ts'
import { translate } from '../i18n/i18n.ts'

export interface Notice {
  readonly id: number
  readonly kind: 'info' | 'error'
  readonly text: string
}

/** Transient messages shown to the user (saved, errors) in a live region. */
export const useUiStore = defineStore('ui', () => {
  const notices = ref<Notice[]>([])
  let next = 1

  function notify(text: string, kind: Notice['kind'] = 'info', ms = 4000): void {
    const id = next++
    notices.value.push({ id, kind, text })
    if (kind === 'info') setTimeout(() => dismiss(id), ms)
  }

  function dismiss(id: number): void {
    notices.value = notices.value.filter((n) => n.id !== id)
  }

  /** Explains a failed local write in Danish; nothing was stored when this is shown. */
  function reportWriteError(error: unknown): void {
    const problem = classifyWriteError(error)
    const message = error instanceof Error ? error.message : String(error)
    notify(translate(`common.errors.${problem}`, { message }), 'error')
    console.error(error)
  }

  return { notices, notify, dismiss, reportWriteError }
})
