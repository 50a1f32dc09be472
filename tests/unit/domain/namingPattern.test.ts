import { describe, expect, it } from 'vitest'
import {
  cleanFieldValue, fillPattern, MAX_FIELD_VALUE, MAX_FIELDS, MAX_PATTERN_LENGTH, MAX_TITLE_LENGTH, parsePattern, unsafeFileNameCharacters,
  type PatternError,
} from '../../../src/domain/namingPattern.ts'

const BUILDING = '{Emne} – {Adresse} – {Matrikel}'

function parsed(pattern: string) {
  const result = parsePattern(pattern)
  if (!result.ok) throw new Error(`expected ${pattern} to parse, got ${result.error.code}`)
  return result
}

describe('parsePattern', () => {
  it.each([
    [BUILDING, ['Emne', 'Adresse', 'Matrikel'], 5],
    ['Personalesag – {Navn}', ['Navn'], 2],
    ['{ Dato ÅÅÅÅ-MM-DD } Referat', ['Dato ÅÅÅÅ-MM-DD'], 2],
    ['{Adresse}, {adresse} og {ADRESSE }', ['Adresse'], 5],
    ['{a}{b}', ['a', 'b'], 2],
  ])('reads %j into fields %j and %i parts', (pattern, fields, parts) => {
    const result = parsed(pattern)
    expect(result.fields.map((f) => f.name)).toEqual(fields)
    expect(result.parts).toHaveLength(parts)
  })

  it('keeps the text between fields exactly as written and names a repeated field as first written', () => {
    expect(parsed('{Adresse} (se {adresse})').parts).toEqual([
      { kind: 'field', name: 'Adresse', key: 'adresse' },
      { kind: 'text', text: ' (se ' },
      { kind: 'field', name: 'Adresse', key: 'adresse' },
      { kind: 'text', text: ')' },
    ])
  })

  it.each<[string, PatternError]>([
    ['', { code: 'empty' }],
    ['   ', { code: 'empty' }],
    ['Byggesag uden felter', { code: 'noFields' }],
    ['{Emne – {Adresse}', { code: 'unclosed', at: 1 }],
    ['{Emne} – {Adresse – {Matrikel}', { code: 'unclosed', at: 10 }],
    ['{Emne} – {Adresse', { code: 'unclosed', at: 10 }],
    ['Emne} – {Adresse}', { code: 'unopened', at: 5 }],
    ['{Emne}} – {Adresse}', { code: 'unopened', at: 7 }],
    ['{Emne} – {} – {Matrikel}', { code: 'emptyField', at: 10 }],
    ['{Emne} – {   }', { code: 'emptyField', at: 10 }],
    [`{${'x'.repeat(41)}}`, { code: 'fieldTooLong', at: 1 }],
    [`{a}${'x'.repeat(MAX_PATTERN_LENGTH - 2)}`, { code: 'tooLong' }],
    [Array.from({ length: MAX_FIELDS + 1 }, (_, i) => `{f${i}}`).join(' '), { code: 'tooManyFields' }],
  ])('refuses %j: %o', (pattern, error) => {
    expect(parsePattern(pattern)).toEqual({ ok: false, error })
  })

  it('accepts a pattern of exactly the longest length and the most fields', () => {
    expect(parsePattern(`{a}${'x'.repeat(MAX_PATTERN_LENGTH - 3)}`).ok).toBe(true)
    expect(parsePattern(Array.from({ length: MAX_FIELDS }, (_, i) => `{f${i}}`).join(' ')).ok).toBe(true)
  })
})

describe('fillPattern', () => {
  const { parts, fields } = parsed(BUILDING)

  it.each<[Record<string, string>, string, string[]]>([
    [{ emne: 'Tilbygning', adresse: 'Søndergade 12', matrikel: '14a' }, 'Tilbygning – Søndergade 12 – 14a', []],
    [{ emne: '  Tilbygning\n til  hus ', adresse: '\tSøndergade 12', matrikel: '14a' }, 'Tilbygning til hus – Søndergade 12 – 14a', []],
    [{ emne: 'Tilbygning' }, 'Tilbygning – {Adresse} – {Matrikel}', ['Adresse', 'Matrikel']],
    [{ emne: 'Tilbygning', adresse: '   ', matrikel: '14a' }, 'Tilbygning – {Adresse} – 14a', ['Adresse']],
    [{}, '{Emne} – {Adresse} – {Matrikel}', ['Emne', 'Adresse', 'Matrikel']],
  ])('fills %o as %j, missing %j', (values, title, missing) => {
    const filled = fillPattern(parts, fields, values)
    expect(filled.title).toBe(title)
    expect(filled.missing.map((f) => f.name)).toEqual(missing)
    expect(filled.complete).toBe(missing.length === 0)
  })

  it('fills a repeated field with one value everywhere it stands', () => {
    const twice = parsed('{Navn} – personalesag for {navn}')
    expect(fillPattern(twice.parts, twice.fields, { navn: 'Mette Holm' }).title).toBe('Mette Holm – personalesag for Mette Holm')
  })

  it('reports, never cuts, a value longer than the limit', () => {
    const long = 'x'.repeat(MAX_FIELD_VALUE + 1)
    const filled = fillPattern(parts, fields, { emne: long, adresse: 'Søndergade 12', matrikel: '14a' })
    expect(filled.tooLong.map((f) => f.name)).toEqual(['Emne'])
    expect(filled.title).toContain(long)
    expect(filled.complete).toBe(false)
    expect(fillPattern(parts, fields, { emne: 'x'.repeat(MAX_FIELD_VALUE), adresse: 'a', matrikel: 'b' }).tooLong).toEqual([])
  })

  it('reports a whole title over the limit even when every value is within it', () => {
    const value = 'y'.repeat(MAX_FIELD_VALUE)
    const filled = fillPattern(parts, fields, { emne: value, adresse: value, matrikel: 'z' })
    expect(filled.tooLong).toEqual([])
    expect(filled.title.length).toBeGreaterThan(MAX_TITLE_LENGTH)
    expect(filled).toMatchObject({ titleTooLong: true, complete: false })
  })
})

describe('helpers', () => {
  it.each([
    [' a  b\n\tc ', 'a b c'],
    ['', ''],
    ['Søndergade 12', 'Søndergade 12'],
  ])('cleanFieldValue(%j) is %j', (value, clean) => {
    expect(cleanFieldValue(value)).toBe(clean)
  })

  it.each([
    ['2026-11-24 Referat – Superbrugermøde', []],
    ['24/11/2026 Referat: møde?', ['/', ':', '?']],
    ['"Citat" <a|b> \\ *', ['"', '<', '|', '>', '\\', '*']],
  ])('unsafeFileNameCharacters(%j) is %j', (title, chars) => {
    expect(unsafeFileNameCharacters(title)).toEqual(chars)
  })
})
