import { afterEach, describe, expect, it } from 'vitest'
import { createApp, h, nextTick, shallowRef, type App } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import BaseCprWarning from '../../../../src/components/base/BaseCprWarning.vue'
import { createRecord } from '../../../../src/db/write.ts'
import { i18n } from '../../../../src/i18n/i18n.ts'
import { useUiStore } from '../../../../src/stores/ui.ts'
import type { PersonId, TeamId } from '../../../../src/domain/records/fields.ts'

const author = { teamId: 't1' as TeamId, personId: 'p1' as PersonId }
let app: App | null = null
afterEach(() => { app?.unmount(); app = null; document.body.innerHTML = '' })

/** Mounts one or more warnings sharing one reactive text. */
function mount(initial: string, count = 1) {
  const text = shallowRef(initial)
  const pinia = createPinia()
  setActivePinia(pinia)
  const host = document.createElement('div')
  document.body.append(host)
  app = createApp({ render: () => Array.from({ length: count }, () => h(BaseCprWarning, { text: text.value })) })
  app.use(pinia).use(i18n).mount(host)
  return { host, text, ui: useUiStore(pinia) }
}

describe('BaseCprWarning', () => {
  it('says nothing for ordinary text, but keeps its live region ready', () => {
    const { host } = mount('Sag 2024-123456, ring 21019012')
    const region = host.querySelector('[aria-live="polite"]')
    expect(region).not.toBeNull()
    expect(region?.textContent?.trim()).toBe('')
  })

  it('warns in Danish while typing, showing how the number will be stored', async () => {
    const { host, text } = mount('Borger ')
    text.value = 'Borger 150530-4000'
    await nextTick()
    const region = host.querySelector('[aria-live="polite"]')
    expect(region?.textContent).toContain('Det ligner et CPR-nummer')
    expect(region?.textContent).toContain('150530-XXXX')
    expect(region?.textContent).not.toContain('4000')
    text.value = '150530-4000 og 010150-5006'
    await nextTick()
    expect(region?.textContent).toContain('Det ligner 2 CPR-numre. De bliver skjult (150530-XXXX, 010150-XXXX)')
    text.value = 'Borger'
    await nextTick()
    expect(region?.textContent?.trim()).toBe('')
  })

  it('announces once when a save masked a number, however many warnings are on screen', async () => {
    const { ui } = mount('', 2)
    await createRecord('assets', author, {
      code: 'PR-1', type: 'printer', name: 'Printer', model: '', serial: '', building: '', floor: '',
      room: '', departmentId: null, notes: 'Lånt af 150530-4000', retiredAt: null,
    })
    expect(ui.notices.map((n) => n.text)).toEqual(['CPR-nummeret blev skjult.'])
  })

  it('stops listening when no warning is on screen', async () => {
    const { ui } = mount('')
    app?.unmount()
    app = null
    await createRecord('timeEntries', author, {
      personId: author.personId, start: 0, end: 1, activity: 'daglig hjælp', requestId: null, note: '150530-4000',
    })
    expect(ui.notices).toEqual([])
  })
})
