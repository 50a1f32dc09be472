import { describe, expect, it } from 'vitest'
import { referralTargets, skillFits } from '../../../src/domain/referralTargets.ts'
import type { Person, Role, Skill } from '../../../src/domain/records/person.ts'
import type { PersonId } from '../../../src/domain/records/fields.ts'

function person(id: string, name: string, role: Role | null, competences: string[], deletedAt: number | null = null, skills?: Skill[]): Person {
  return {
    id, teamId: 't', createdAt: 1, createdBy: 'x', updatedAt: 1, rev: 1, deletedAt,
    name, initials: name.slice(0, 2), email: `${id}@x.dk`, role, homeDepartmentId: null, competences, ...(skills ? { skills } : {}),
  } as unknown as Person
}

const names = (skills: readonly Skill[]): string[] => skills.map((s) => s.name)

const team = [
  person('ole', 'Ole Berg', 'superbruger', ['Office', 'Teams-møder']),
  person('camilla', 'Camilla Holm', 'superbruger', ['Telefoni', 'Office']),
  person('anders', 'Anders Krog', 'superbruger', ['Doc2mail / Digital Post', 'Acadre']),
  person('kim', 'Kim Dahl', 'koordinator', ['Acadre', 'Journalisering']),
  person('emma', 'Emma Østergaard', 'leder', ['Acadre']),
  person('ib', 'Ib Colleague', null, ['Acadre']),
  person('gone', 'Gitte Gammel', 'superbruger', ['Acadre'], 5),
  person('me', 'Mig Selv', 'superbruger', ['Acadre']),
]

describe('who a request can be referred to', () => {
  it('puts those whose skills fit the category or preset first, then those present, then by name', () => {
    const targets = referralTargets(team, 'me' as PersonId, ['Acadre', 'Skabelon'], new Set(['kim' as PersonId]))
    expect(targets.map((x) => [x.person.id, names(x.fits), x.absent])).toEqual([
      ['anders', ['Acadre'], false],
      ['kim', ['Acadre'], true],
      ['camilla', [], false],
      ['ole', [], false],
    ])
  })

  it('puts experts before those who can help, even when the expert is absent; old records count as "kan hjælpe"', () => {
    const people = [
      person('anna', 'Anna', 'superbruger', ['ArcGIS']),
      person('bent', 'Bent', 'superbruger', ['Office', 'arcgis'], null, [{ name: 'ArcGIS', level: 'ekspert' }, { name: 'Office', level: 'ekspert' }]),
      person('carl', 'Carl', 'superbruger', ['Office'], null, [{ name: 'Office', level: 'ekspert' }]),
      person('dora', 'Dora', 'koordinator', ['GIS og kort', 'Word'], null, [{ name: 'GIS og kort', level: 'kan hjælpe' }, { name: 'Word', level: 'ekspert' }]),
    ]
    const targets = referralTargets(people, null, ['ArcGIS'], new Set(['bent' as PersonId]))
    expect(targets.map((x) => [x.person.id, x.fits.map((s) => `${s.name}:${s.level}`)])).toEqual([
      ['bent', ['arcgis:ekspert']],
      ['anna', ['ArcGIS:kan hjælpe']],
      ['carl', []],
      ['dora', []],
    ])
    // The other skills are shown too, experts first.
    expect(targets[3]!.others).toEqual([{ name: 'Word', level: 'ekspert' }, { name: 'GIS og kort', level: 'kan hjælpe' }])
    expect(targets[0]!.others).toEqual([{ name: 'Office', level: 'ekspert' }])
  })

  it('never lists the leder, colleagues without a role, deleted people or the current assignee', () => {
    const ids = referralTargets(team, 'camilla' as PersonId, ['Telefoni'], new Set()).map((x) => x.person.id)
    expect(ids).not.toContain('emma')
    expect(ids).not.toContain('ib')
    expect(ids).not.toContain('gone')
    expect(ids).not.toContain('camilla')
    expect(ids).toContain('me')
  })

  it('sorts by name in Danish order when nobody fits', () => {
    const people = [person('a', 'Åse', 'superbruger', []), person('b', 'Øjvind', 'superbruger', []), person('c', 'Zenia', 'superbruger', [])]
    expect(referralTargets(people, null, ['Acadre'], new Set()).map((x) => x.person.name)).toEqual(['Zenia', 'Øjvind', 'Åse'])
  })

  it.each<[string, string, boolean]>([
    ['Doc2mail / Digital Post', 'Doc2mail/Digital Post', true],
    ['acadre', 'Acadre', true],
    ['Acadre', 'Acadre-skabeloner', true],
    ['Telefoni', 'Softphone', false],
    ['IT', 'Teams-møder', false],
    ['IT', 'it', true],
    ['', '', false],
  ])('skill "%s" fits topic "%s": %s', (skill, topic, fits) => {
    expect(skillFits(skill, topic)).toBe(fits)
  })
})
