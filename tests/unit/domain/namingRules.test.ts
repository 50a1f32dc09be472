import { describe, expect, it } from 'vitest'
import {
  areValidNamingPatterns, checkNamingPatterns, cleanNamingPatterns, draftOf, MAX_EXAMPLE, MAX_EXAMPLES, MAX_EXPLANATION, MAX_NAMING_PATTERNS,
  MAX_RULE_NAME, splitExamples, teamNamingPatterns, type NamingPatternDraft, type NamingProblem,
} from '../../../src/domain/namingRules.ts'
import type { NamingPattern } from '../../../src/domain/records/team.ts'

const building: NamingPatternDraft = { id: 'byggesag', name: 'Byggesag', pattern: '{Emne} – {Adresse}', explanation: 'Emnet først.', examples: 'Carport – Skovvej 3\n\n  Tilbygning – Søndergade 12  ' }
const blank: NamingPatternDraft = { id: '', name: '', pattern: '', explanation: '', examples: '' }
const rule = (changes: Partial<NamingPatternDraft>): NamingPatternDraft => ({ ...building, id: '', ...changes })

describe('checkNamingPatterns', () => {
  it.each<[string, NamingPatternDraft[], NamingProblem[]]>([
    ['a good rule', [building], []],
    ['a blank row (dropped on save)', [building, blank], []],
    ['no name', [rule({ name: '  ' })], [{ field: 'name', index: 0, code: 'required' }]],
    ['a name too long', [rule({ name: 'x'.repeat(MAX_RULE_NAME + 1) })], [{ field: 'name', index: 0, code: 'tooLong' }]],
    ['a duplicate name, regardless of case and spaces', [building, rule({ name: ' byggesag ' })], [{ field: 'name', index: 1, code: 'duplicate' }]],
    ['a pattern with no fields', [rule({ pattern: 'Byggesag' })], [{ field: 'pattern', index: 0, error: { code: 'noFields' } }]],
    ['unbalanced braces', [rule({ pattern: '{Emne – {Adresse}' })], [{ field: 'pattern', index: 0, error: { code: 'unclosed', at: 1 } }]],
    ['only a name', [rule({ pattern: '', explanation: '', examples: '' })], [{ field: 'pattern', index: 0, error: { code: 'empty' } }]],
    ['a long explanation', [rule({ explanation: 'x'.repeat(MAX_EXPLANATION + 1) })], [{ field: 'explanation', index: 0, code: 'tooLong' }]],
    ['too many examples', [rule({ examples: Array.from({ length: MAX_EXAMPLES + 1 }, (_, i) => `Eksempel ${i}`).join('\n') })], [{ field: 'examples', index: 0, code: 'tooMany' }]],
    ['a long example', [rule({ examples: 'x'.repeat(MAX_EXAMPLE + 1) })], [{ field: 'examples', index: 0, code: 'tooLong' }]],
  ])('%s', (_name, drafts, problems) => {
    expect(checkNamingPatterns(drafts)).toEqual(problems)
  })

  it('points at the row in the edited list, blank rows counted', () => {
    expect(checkNamingPatterns([blank, building, rule({ name: 'Byggesag' })])).toEqual([{ field: 'name', index: 2, code: 'duplicate' }])
  })

  it('limits the number of rules', () => {
    const many = Array.from({ length: MAX_NAMING_PATTERNS + 1 }, (_, i) => rule({ name: `Regel ${i}` }))
    expect(checkNamingPatterns(many)).toEqual([{ field: 'list', code: 'tooMany' }])
    expect(checkNamingPatterns(many.slice(1))).toEqual([])
  })
})

describe('cleanNamingPatterns', () => {
  it('trims, splits examples, drops blank rows and keeps existing ids', () => {
    expect(cleanNamingPatterns([blank, { ...building, name: '  Byggesag ', pattern: ' {Emne} – {Adresse} ' }])).toEqual([
      { id: 'byggesag', name: 'Byggesag', pattern: '{Emne} – {Adresse}', explanation: 'Emnet først.', examples: ['Carport – Skovvej 3', 'Tilbygning – Søndergade 12'] },
    ])
  })

  it('gives a new rule a readable key from its name, unique in the list', () => {
    const ids = cleanNamingPatterns([building, rule({ name: 'Byggesag (ældre)' }), rule({ name: 'Byggesåg' }), rule({ name: '!!!' })]).map((p) => p.id)
    expect(ids).toEqual(['byggesag', 'byggesag-aeldre', 'byggesaag', 'regel'])
    expect(cleanNamingPatterns([rule({ name: 'Byggesag' }), { ...building, name: 'Gammel byggesag' }]).map((p) => p.id)).toEqual(['byggesag-2', 'byggesag'])
  })

  it('round-trips through the editor', () => {
    const stored = cleanNamingPatterns([building])
    expect(cleanNamingPatterns(stored.map(draftOf))).toEqual(stored)
  })
})

describe('stored rules', () => {
  const ok: NamingPattern = { id: 'byggesag', name: 'Byggesag', pattern: '{Emne}', explanation: '', examples: ['Carport'] }

  it.each<[string, NamingPattern[], boolean]>([
    ['none', [], true],
    ['a good rule', [ok], true],
    ['two ids the same', [ok, { ...ok, name: 'Andet' }], false],
    ['two names the same', [ok, { ...ok, id: 'andet' }], false],
    ['a pattern that does not parse', [{ ...ok, pattern: '{Emne' }], false],
    ['a blank rule', [{ ...ok, name: '', pattern: '', examples: [] }], false],
    ['an empty example', [{ ...ok, examples: [' '] }], false],
    ['an example of two lines', [{ ...ok, examples: ['a\nb'] }], false],
  ])('%s: valid %s', (_name, patterns, valid) => {
    expect(areValidNamingPatterns(patterns)).toBe(valid)
  })

  it('a team without rules has none', () => {
    expect(teamNamingPatterns(undefined)).toEqual([])
    expect(teamNamingPatterns({})).toEqual([])
    expect(teamNamingPatterns({ namingPatterns: [ok] })).toEqual([ok])
  })

  it('splits examples one per line', () => {
    expect(splitExamples('a\r\n\n b \n')).toEqual(['a', 'b'])
  })
})
