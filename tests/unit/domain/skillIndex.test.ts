import { describe, expect, it } from 'vitest'
import { peopleSkills, skillGroups } from '../../../src/domain/skillIndex.ts'
import type { Person, Role, Skill } from '../../../src/domain/records/person.ts'

function person(id: string, name: string, role: Role | null, skills: Skill[] | string[], deletedAt: number | null = null): Person {
  const leveled = skills.map((s) => (typeof s === 'string' ? { name: s, level: 'kan hjælpe' as const } : s))
  return {
    id, teamId: 't', createdAt: 1, createdBy: 'x', updatedAt: 1, rev: 1, deletedAt, name, initials: '', email: '',
    role, homeDepartmentId: null, competences: leveled.map((s) => s.name),
    // Some records are from before levels: only names.
    ...(typeof skills[0] === 'string' ? {} : { skills: leveled }),
  } as unknown as Person
}

const people = [
  person('a', 'Åse Berg', 'superbruger', [{ name: 'ArcGIS', level: 'kan hjælpe' }, { name: 'Excel', level: 'ekspert' }]),
  person('b', 'Bo Dahl', null, [{ name: 'arcgis', level: 'ekspert' }]),
  person('c', 'Carla Holm', 'koordinator', ['ArcGIS', 'Acadre']),
  person('d', 'Dan Uden', 'superbruger', []),
  person('e', 'Eva Kollega', null, []),
  person('f', 'Finn Fjernet', 'superbruger', ['ArcGIS'], 5),
  person('g', 'Gitte Leder', 'leder', []),
]

describe('by skill ("Hvem kan ArcGIS?")', () => {
  it('groups spellings of one skill, names it as most write it, and lists experts first, then by name', () => {
    const groups = skillGroups(people)
    expect(groups.map((g) => g.name)).toEqual(['Acadre', 'ArcGIS', 'Excel'])
    const arcgis = groups[1]!
    expect(arcgis.holders.map((h) => [h.person.name, h.level])).toEqual([
      ['Bo Dahl', 'ekspert'], ['Carla Holm', 'kan hjælpe'], ['Åse Berg', 'kan hjælpe'],
    ])
  })

  it.each<[string, string[]]>([
    ['arcgis', ['ArcGIS']], ['Arc GIS', ['ArcGIS']], ['  ', ['Acadre', 'ArcGIS', 'Excel']],
    ['a', ['Acadre', 'ArcGIS']], ['powerpoint', []], ['Åse', []],
  ])('search "%s" finds the skills %j', (query, names) => {
    expect(skillGroups(people, query).map((g) => g.name)).toEqual(names)
  })
})

describe('by person', () => {
  it('lists people with skills and the team (even with none), never the deleted, by Danish name order', () => {
    expect(peopleSkills(people).map((p) => p.person.id)).toEqual(['b', 'c', 'd', 'a'])
  })

  it('lists each person\'s skills experts first', () => {
    expect(peopleSkills(people).find((p) => p.person.id === 'a')!.skills.map((s) => s.name)).toEqual(['Excel', 'ArcGIS'])
  })

  it.each<[string, string[]]>([
    ['eva', ['e']], ['excel', ['a']], ['arcgis holm', ['c']], ['gitte', ['g']], ['fjernet', []], ['ACADRE', ['c']],
  ])('search "%s" finds %j (by name, a colleague without skills too)', (query, ids) => {
    expect(peopleSkills(people, query).map((p) => p.person.id)).toEqual(ids)
  })
})
