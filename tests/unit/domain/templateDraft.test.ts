import { describe, expect, it } from 'vitest'
import {
  checkTemplateDraft, draftOf, emptyDraftItem, newItemKey, templateItemsOf, type TemplateDraft,
} from '../../../src/domain/templateDraft.ts'

const item = (overrides: Partial<TemplateDraft['items'][number]> = {}) => ({ ...emptyDraftItem(), label: 'Printer virker', ...overrides })

describe('checkTemplateDraft', () => {
  it.each([
    ['a good draft', { title: 'T', purpose: '', items: [item()] }, []],
    ['a blank title', { title: '  ', purpose: '', items: [item()] }, [{ field: 'title' }]],
    ['no items', { title: 'T', purpose: '', items: [] }, [{ field: 'items' }]],
    ['a blank label', { title: 'T', purpose: '', items: [item(), item({ label: ' ' })] }, [{ field: 'label', index: 1 }]],
    ['one choice', { title: 'T', purpose: '', items: [item({ kind: 'choice', choices: ['Ja', ' '] })] }, [{ field: 'choices', index: 0 }]],
    ['the same choice twice', { title: 'T', purpose: '', items: [item({ kind: 'choice', choices: ['Ja', 'Ja '] })] }, [{ field: 'choices', index: 0 }]],
    ['choices on a check item (ignored)', { title: 'T', purpose: '', items: [item({ kind: 'check', choices: ['x'] })] }, []],
  ] as const)('%s', (_name, draft, expected) => {
    expect(checkTemplateDraft(structuredClone(draft) as unknown as TemplateDraft)).toEqual(expected)
  })
})

describe('newItemKey', () => {
  it.each([
    ['Printer virker', [], 'printer-virker'],
    ['Kalenderrettigheder på plads – åbn Outlook', [], 'kalenderrettigheder-paa-plads-aabn-outlo'],
    ['Ønsker ændret', [], 'oensker-aendret'],
    ['!!!', [], 'punkt'],
    ['Noter', ['noter'], 'noter-2'],
    ['Noter', ['noter', 'noter-2'], 'noter-3'],
  ] as const)('%s → %s', (label, taken, key) => {
    expect(newItemKey(label, new Set(taken))).toBe(key)
  })
})

describe('templateItemsOf', () => {
  it('keeps existing keys, gives new items unique ones, and stores only what the kind uses', () => {
    const draft = draftOf({
      title: 'T', purpose: '', items: [{ key: 'noter', label: 'Noter', kind: 'text', required: false }],
    })
    draft.items.push(item({ label: ' Noter ', help: '  ', kind: 'choice', choices: [' Ja', 'Nej', '', 'Ja'] }))
    draft.items.push(item({ label: 'Dato', kind: 'date', help: ' Kun dag ', choices: ['stale'] }))
    expect(templateItemsOf(draft)).toEqual([
      { key: 'noter', label: 'Noter', kind: 'text', required: false },
      { key: 'noter-2', label: 'Noter', kind: 'choice', required: false, choices: ['Ja', 'Nej'] },
      { key: 'dato', label: 'Dato', kind: 'date', required: false, help: 'Kun dag' },
    ])
  })

  it('round-trips a stored template through the editor unchanged', () => {
    const items = [
      { key: 'a', label: 'A', kind: 'check' as const, required: true, help: 'Hjælp' },
      { key: 'b', label: 'B', kind: 'choice' as const, required: false, choices: ['x', 'y'] },
    ]
    expect(templateItemsOf(draftOf({ title: 'T', purpose: 'P', items }))).toEqual(items)
  })
})
