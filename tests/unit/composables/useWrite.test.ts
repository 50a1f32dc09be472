import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { useWrite } from '../../../src/composables/useWrite.ts'
import { useUiStore } from '../../../src/stores/ui.ts'

beforeEach(() => setActivePinia(createPinia()))

describe('useWrite', () => {
  it('is busy while the write runs and refuses a second one meanwhile', async () => {
    const { busy, run } = useWrite()
    let finish: () => void = () => {}
    const first = run(() => new Promise<void>((resolve) => { finish = resolve }))
    expect(busy.value).toBe(true)
    expect(await run(async () => {})).toBe(false)
    finish()
    expect(await first).toBe(true)
    expect(busy.value).toBe(false)
  })

  it('explains a failed write in Danish and is ready again afterwards', async () => {
    const { busy, run } = useWrite()
    const quota = new DOMException('full', 'QuotaExceededError')
    expect(await run(async () => { throw quota })).toBe(false)
    expect(busy.value).toBe(false)
    const notices = useUiStore().notices
    expect(notices).toHaveLength(1)
    expect(notices[0]).toMatchObject({ kind: 'error' })
    expect(notices[0]?.text).toContain('ikke mere plads')
  })
})
