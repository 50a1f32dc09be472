import type { Person, Role, Skill, SkillLevel } from './records/person.ts'
import type { PersonId } from './records/fields.ts'

/** Longest skill name (the sync schema's one-line limit is far above; a skill is a few words). */
export const MAX_SKILL_NAME = 60

/** Why a skill name cannot be added. */
export type SkillNameProblem = 'blank' | 'tooLong' | 'duplicate'

/** Lower-case letters and digits only: "Doc2mail / Digital Post" and "doc2mail/digital post" are one skill. */
export function skillKey(name: string): string {
  return name.toLocaleLowerCase('da').replace(/[^\p{L}\p{N}]/gu, '')
}

/** A skill name as stored: trimmed, runs of spaces made one. */
export function cleanSkillName(name: string): string {
  return name.trim().replace(/\s+/gu, ' ')
}

/** Experts first, then those who can help. */
export function levelRank(level: SkillLevel): number {
  return level === 'ekspert' ? 0 : 1
}

/**
 * A person's skills with their levels. `competences` holds the names (old clients read and write
 * only it, so it decides which skills a person has); `skills` holds the levels. A name without a
 * level, as on every record from before levels, is "kan hjælpe".
 */
export function skillsOf(person: Pick<Person, 'competences' | 'skills'>): Skill[] {
  const levels = new Map((person.skills ?? []).map((s) => [skillKey(s.name), s.level]))
  return person.competences.map((name) => ({ name, level: levels.get(skillKey(name)) ?? 'kan hjælpe' }))
}

/** The fields a write of `skills` stores: the names for old clients and the levels for new ones. */
export function skillFields(skills: readonly Skill[]): { competences: string[], skills: Skill[] } {
  const clean = skills.map((s) => ({ name: cleanSkillName(s.name), level: s.level }))
  return { competences: clean.map((s) => s.name), skills: clean }
}

/** What is wrong with `name` as a new skill next to `existing` (null when it can be added). */
export function checkSkillName(name: string, existing: readonly Skill[]): SkillNameProblem | null {
  const clean = cleanSkillName(name)
  if (clean === '' || skillKey(clean) === '') return 'blank'
  if (clean.length > MAX_SKILL_NAME) return 'tooLong'
  if (existing.some((s) => skillKey(s.name) === skillKey(clean))) return 'duplicate'
  return null
}

/** Every problem of a list of skills as a whole (each name checked against the ones before it). */
export function checkSkills(skills: readonly Skill[]): SkillNameProblem | null {
  for (let i = 0; i < skills.length; i++) {
    const problem = checkSkillName(skills[i]!.name, skills.slice(0, i))
    if (problem) return problem
  }
  return null
}

/**
 * Whether a user may change `person`'s skills, as the server rules say: a leder changes nothing,
 * the koordinator (and admin) anyone's, anyone else only their own. Without a sign-in (`role`
 * undefined) the app is local-only and everything is writable.
 */
export function mayEditSkills(role: Role | null | undefined, userId: PersonId | null, person: Pick<Person, 'id'>): boolean {
  if (role === 'leder') return false
  if (role === undefined || role === 'koordinator' || role === 'admin') return true
  return userId === person.id
}
