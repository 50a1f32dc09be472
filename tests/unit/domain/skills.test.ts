import { describe, expect, it } from 'vitest'
import { checkSkillName, checkSkills, cleanSkillName, mayEditSkills, skillFields, skillKey, skillsOf } from '../../../src/domain/skills.ts'
import type { PersonId } from '../../../src/domain/records/fields.ts'
import type { Role, Skill } from '../../../src/domain/records/person.ts'

const me = 'me' as PersonId
const other = { id: 'other' as PersonId }

describe('levels on old and new person records', () => {
  it('reads an old record (names only) as "kan hjælpe" for every skill', () => {
    expect(skillsOf({ competences: ['Acadre', 'Office'] })).toEqual([
      { name: 'Acadre', level: 'kan hjælpe' }, { name: 'Office', level: 'kan hjælpe' },
    ])
  })

  it('takes the level from `skills`, matching names however they are spelled', () => {
    expect(skillsOf({ competences: ['Doc2mail / Digital Post', 'Office'], skills: [{ name: 'doc2mail/digital post', level: 'ekspert' }] })).toEqual([
      { name: 'Doc2mail / Digital Post', level: 'ekspert' }, { name: 'Office', level: 'kan hjælpe' },
    ])
  })

  it('lets `competences` decide which skills exist (an old client that removed one is obeyed)', () => {
    expect(skillsOf({ competences: ['Office', 'Excel'], skills: [{ name: 'Acadre', level: 'ekspert' }, { name: 'Office', level: 'ekspert' }] })).toEqual([
      { name: 'Office', level: 'ekspert' }, { name: 'Excel', level: 'kan hjælpe' },
    ])
  })

  it('writes both fields, names trimmed, so old clients still see the names', () => {
    const skills: Skill[] = [{ name: '  ArcGIS  Pro ', level: 'ekspert' }, { name: 'Excel', level: 'kan hjælpe' }]
    const fields = skillFields(skills)
    expect(fields).toEqual({
      competences: ['ArcGIS Pro', 'Excel'],
      skills: [{ name: 'ArcGIS Pro', level: 'ekspert' }, { name: 'Excel', level: 'kan hjælpe' }],
    })
    expect(skillsOf(fields)).toEqual(fields.skills)
  })
})

describe('skill names', () => {
  it.each<[string, string]>([
    ['  ArcGIS  ', 'ArcGIS'], ['Byg  og\tMiljø', 'Byg og Miljø'], ['   ', ''],
  ])('cleans "%s" to "%s"', (raw, clean) => expect(cleanSkillName(raw)).toBe(clean))

  it.each<[string, string]>([
    ['Doc2mail / Digital Post', 'doc2maildigitalpost'], ['ÆØÅ-kursus', 'æøåkursus'], ['Arc GIS', 'arcgis'],
  ])('folds "%s" to the key "%s"', (name, key) => expect(skillKey(name)).toBe(key))

  const have: Skill[] = [{ name: 'ArcGIS', level: 'ekspert' }]
  it.each<[string, string | null]>([
    ['', 'blank'], ['     ', 'blank'], ['\t \n', 'blank'], [' - / ', 'blank'],
    ['x'.repeat(61), 'tooLong'], ['arcgis', 'duplicate'], [' Arc GIS ', 'duplicate'],
    ['Excel', null], ['x'.repeat(60), null],
  ])('"%s" → %s', (name, problem) => expect(checkSkillName(name, have)).toBe(problem))

  it('checks a whole list: a repeated or blank name is a problem, a good list is not', () => {
    expect(checkSkills([{ name: 'Excel', level: 'ekspert' }, { name: 'excel ', level: 'kan hjælpe' }])).toBe('duplicate')
    expect(checkSkills([{ name: ' ', level: 'ekspert' }])).toBe('blank')
    expect(checkSkills([{ name: 'Excel', level: 'ekspert' }, { name: 'Word', level: 'kan hjælpe' }])).toBeNull()
  })
})

describe('who may change whose skills', () => {
  it.each<[Role | undefined, boolean, boolean]>([
    ['superbruger', true, false],
    ['koordinator', true, true],
    ['admin', true, true],
    ['leder', false, false],
    [undefined, true, true],
  ])('%s: own %s, another person\'s %s', (role, own, others) => {
    expect(mayEditSkills(role, me, { id: me })).toBe(own)
    expect(mayEditSkills(role, me, other)).toBe(others)
  })
})
