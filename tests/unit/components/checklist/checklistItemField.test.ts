import { afterEach, describe, expect, it } from 'vitest'
import { createApp, h, nextTick, type App } from 'vue'
import ChecklistItemField from '../../../../src/components/checklist/ChecklistItemField.vue'
import { i18n, loadFeatureMessages } from '../../../../src/i18n/i18n.ts'
import type { AnswerValue } from '../../../../src/domain/records/checklistAnswer.ts'
import type { ChecklistItem } from '../../../../src/domain/records/checklistTemplate.ts'

let app: App | null = null
afterEach(() => { app?.unmount(); app = null; document.body.innerHTML = '' })

const item: ChecklistItem = { key: 'note', label: 'Bemærkning', kind: 'text', required: false }

describe('a checklist text answer with a CPR number', () => {
  it('shows the number masked as soon as it is saved, as it is stored', async () => {
    await loadFeatureMessages(['common', 'checklists'])
    const saved: AnswerValue[] = []
    const host = document.createElement('div')
    document.body.append(host)
    app = createApp({ render: () => h(ChecklistItemField, { item, value: '', onSave: (v: AnswerValue) => saved.push(v) }) }).use(i18n)
    app.mount(host)
    const field = host.querySelector('textarea, input') as HTMLTextAreaElement
    field.value = 'Mappe med 010190-1234 slettet'
    field.dispatchEvent(new Event('input'))
    field.dispatchEvent(new Event('blur'))
    await nextTick()
    expect(saved).toHaveLength(1)
    expect(String(saved[0])).not.toContain('1234')
    expect(field.value).toBe(saved[0])
  })
})
