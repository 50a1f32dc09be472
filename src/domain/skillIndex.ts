import { levelRank, skillKey, skillsOf } from './skills.ts'
import type { Person, Role, Skill, SkillLevel } from './records/person.ts'

/** One holder of a skill in the by-skill view. */
export interface SkillHolder {
  readonly person: Person
  readonly level: SkillLevel
}

/** One skill in the by-skill view ("Hvem kan ArcGIS?"): its holders, experts first. */
export interface SkillGroup {
  /** The key all spellings share (see skillKey). */
  readonly key: string
  /** The name as most holders write it. */
  readonly name: string
  readonly holders: readonly SkillHolder[]
}

/** One person in the by-person view, with their skills, experts first. */
export interface PersonSkills {
  readonly person: Person
  readonly skills: readonly Skill[]
}

/** Roles whose people are listed even with no skills yet: they are the team, and may add theirs. */
const TEAM_ROLES: readonly Role[] = ['superbruger', 'koordinator']

/** The words of a search, folded like skill names. */
function queryWords(query: string): string[] {
  return query.split(/\s+/u).map(skillKey).filter((w) => w !== '')
}

function byName(a: Person, b: Person): number {
  return a.name.localeCompare(b.name, 'da')
}

function byLevelThenName(a: Skill, b: Skill): number {
  return levelRank(a.level) - levelRank(b.level) || a.name.localeCompare(b.name, 'da')
}

/**
 * The by-skill view: every skill that someone living has, by name, each with its holders (experts
 * first, then by name). With a `query`, only skills whose name holds every word of it, so
 * "arcgis" and "Arc GIS" both find "ArcGIS".
 */
export function skillGroups(people: readonly Person[], query = ''): SkillGroup[] {
  const words = queryWords(query)
  const groups = new Map<string, { holders: SkillHolder[], spellings: Map<string, number> }>()
  for (const person of people) {
    if (person.deletedAt !== null) continue
    for (const skill of skillsOf(person)) {
      const key = skillKey(skill.name)
      if (key === '' || !words.every((w) => key.includes(w))) continue
      let group = groups.get(key)
      if (!group) groups.set(key, group = { holders: [], spellings: new Map() })
      if (group.holders.some((h) => h.person.id === person.id)) continue
      group.holders.push({ person, level: skill.level })
      group.spellings.set(skill.name, (group.spellings.get(skill.name) ?? 0) + 1)
    }
  }
  return [...groups].map(([key, { holders, spellings }]) => ({
    key,
    name: [...spellings].sort(([a, x], [b, y]) => y - x || a.localeCompare(b, 'da'))[0]![0],
    holders: holders.sort((a, b) => levelRank(a.level) - levelRank(b.level) || byName(a.person, b.person)),
  })).sort((a, b) => a.name.localeCompare(b.name, 'da'))
}

/**
 * The by-person view, by name: people with skills and the team's superusers and koordinator
 * (even before they add any). With a `query`, only people whose name or one of whose skills holds
 * every word of it; a search by name also finds a colleague without skills, so nobody is added twice.
 */
export function peopleSkills(people: readonly Person[], query = ''): PersonSkills[] {
  const words = queryWords(query)
  const out: PersonSkills[] = []
  for (const person of people) {
    if (person.deletedAt !== null) continue
    const skills = skillsOf(person)
    const name = skillKey(person.name)
    const matches = words.length === 0
      ? skills.length > 0 || (person.role !== null && TEAM_ROLES.includes(person.role))
      : words.every((w) => name.includes(w) || skills.some((s) => skillKey(s.name).includes(w)))
    if (matches) out.push({ person, skills: skills.sort(byLevelThenName) })
  }
  return out.sort((a, b) => byName(a.person, b.person))
}
