import { describe, expect, it } from 'vitest'
import { canComplete, decideCompletion, isAnswered, isIsoDate, progress, type AnswerMap } from '../../../src/domain/checklist.ts'
import { DEFAULT_TEMPLATES } from '../../../src/domain/checklistTemplates.ts'
import { ITEM_KINDS, type ChecklistItem, type ItemKind } from '../../../src/domain/records/checklistTemplate.ts'
import type { AnswerValue } from '../../../src/domain/records/checklistAnswer.ts'

const CHOICES = ['Ja', 'Nej']

describe('isAnswered', () => {
  const cases: ReadonlyArray<[ItemKind, AnswerValue | undefined, boolean]> = [
    ['check', true, true],
    ['check', false, false],
    ['check', null, false],
    ['check', undefined, false],
    ['check', 'true', false],
    ['text', 'Fællespostkasse', true],
    ['text', '  x  ', true],
    ['text', '', false],
    ['text', '   \n\t', false],
    ['text', 3, false],
    ['number', 0, true],
    ['number', -2.5, true],
    ['number', Number.NaN, false],
    ['number', Number.POSITIVE_INFINITY, false],
    ['number', '3', false],
    ['number', null, false],
    ['choice', 'Ja', true],
    ['choice', 'Nej', true],
    ['choice', 'Måske', false],
    ['choice', 'ja', false],
    ['choice', '', false],
    ['choice', null, false],
    ['date', '2026-11-28', true],
    ['date', '2028-02-29', true],
    ['date', '2026-02-29', false],
    ['date', '2026-13-01', false],
    ['date', '2026-11-31', false],
    ['date', '28.11.2026', false],
    ['date', '2026-1-5', false],
    ['date', '', false],
    ['date', null, false],
  ]
  it.each(cases)('%s %j → %s', (kind, value, expected) => {
    expect(isAnswered(kind, value, CHOICES)).toBe(expected)
  })

  it('a choice item without choices has no valid answer', () => {
    expect(isAnswered('choice', 'Ja')).toBe(false)
  })
})

describe('isIsoDate', () => {
  it.each([['2026-01-01', true], ['0000-00-00', false], ['2026-04-31', false], ['2026-04-30', true], ['x2026-04-30', false]])(
    '%s → %s', (value, expected) => expect(isIsoDate(value)).toBe(expected),
  )
})

const items: ChecklistItem[] = [
  { key: 'c', label: 'Check', kind: 'check', required: true },
  { key: 't', label: 'Text', kind: 'text', required: true },
  { key: 'n', label: 'Number', kind: 'number', required: false },
  { key: 'k', label: 'Choice', kind: 'choice', required: true, choices: CHOICES },
  { key: 'd', label: 'Date', kind: 'date', required: false },
]

describe('progress', () => {
  const cases: ReadonlyArray<[string, AnswerMap, number, string[]]> = [
    ['nothing answered', {}, 0, ['c', 't', 'k']],
    ['everything answered', { c: true, t: 'ok', n: 2, k: 'Ja', d: '2026-11-28' }, 5, []],
    ['only optional answered', { n: 0, d: '2026-11-28' }, 2, ['c', 't', 'k']],
    ['invalid values do not count', { c: false, t: ' ', n: Number.NaN, k: 'Måske', d: '2026-02-30' }, 0, ['c', 't', 'k']],
    ['required answered, optional not', { c: true, t: 'ok', k: 'Nej' }, 3, []],
    ['answers to unknown keys are ignored', { zzz: true, c: true }, 1, ['t', 'k']],
  ]
  it.each(cases)('%s', (_name, answers, answered, missing) => {
    expect(progress(items, answers)).toEqual({ answered, total: 5, requiredMissing: missing })
  })
})

describe('completion gating', () => {
  const complete: AnswerMap = { c: true, t: 'ok', k: 'Ja' }
  const cases: ReadonlyArray<[string, AnswerMap, string | undefined, boolean, string]> = [
    ['all required answered, no reason', complete, undefined, true, ''],
    ['all required answered, reason not needed is not kept', complete, 'fordi', true, ''],
    ['required missing, no reason', { c: true }, undefined, false, ''],
    ['required missing, blank reason', { c: true }, '   ', false, ''],
    ['required missing, reason given (trimmed)', { c: true }, '  Medarbejderen startede ikke  ', true, 'Medarbejderen startede ikke'],
    ['unticked check still gates', { c: false, t: 'ok', k: 'Ja' }, '', false, ''],
  ]
  it.each(cases)('%s', (_name, answers, reason, ok, kept) => {
    const decision = decideCompletion(items, answers, reason)
    expect(decision.ok).toBe(ok)
    expect(canComplete(items, answers, reason)).toBe(ok)
    if (decision.ok) expect(decision.overrideReason).toBe(kept)
    else expect(decision.missing.length).toBeGreaterThan(0)
  })

  it('reports exactly the missing required keys', () => {
    expect(decideCompletion(items, { t: 'x' })).toEqual({ ok: false, missing: ['c', 'k'], needsReason: true })
  })
})

describe('default templates', () => {
  it('has the five templates with unique stable keys and valid items', () => {
    expect(DEFAULT_TEMPLATES).toHaveLength(5)
    for (const template of DEFAULT_TEMPLATES) {
      const keys = template.items.map((i) => i.key)
      expect(new Set(keys).size).toBe(keys.length)
      expect(template.items.some((i) => i.required)).toBe(true)
      for (const item of template.items) {
        expect(item.key).toMatch(/^[a-z][a-z0-9-]*$/)
        if (item.kind === 'choice') expect(item.choices?.length).toBeGreaterThan(1)
      }
    }
  })

  it('uses every item kind', () => {
    const kinds = new Set(DEFAULT_TEMPLATES.flatMap((t) => t.items.map((i) => i.kind)))
    expect([...kinds].sort()).toEqual([...ITEM_KINDS].sort())
  })

  it('the data-protection sweep warns on its free-text items never to record document content', () => {
    const sweep = DEFAULT_TEMPLATES.find((t) => t.title.includes('Databeskyttelse'))
    expect(sweep?.purpose).toMatch(/aldrig dokumenternes indhold/)
    const textItems = sweep?.items.filter((i) => i.kind === 'text' && i.key !== 'drive') ?? []
    expect(textItems.length).toBeGreaterThan(0)
    for (const item of textItems) expect(item.help).toMatch(/aldrig/i)
  })
})
