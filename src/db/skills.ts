import { db } from './database.ts'
import { createRecord, patchRecord, type Author } from './write.ts'
import { initialsOf } from '../domain/adminProtocol.ts'
import { withDerivedRevs, type EditRevs } from '../domain/editBase.ts'
import { checkSkills, cleanSkillName, skillFields, type SkillNameProblem } from '../domain/skills.ts'
import type { DepartmentId, PersonId, TeamId } from '../domain/records/fields.ts'
import type { Person, Skill } from '../domain/records/person.ts'

/** Raised when skills cannot be saved (a blank or repeated name) or a colleague has no name; nothing was stored. */
export class SkillsError extends Error {
  constructor(readonly reason: SkillNameProblem | 'nameMissing') {
    super(`Skills cannot be saved: ${reason}`)
    this.name = 'SkillsError'
  }
}

function assertSkills(skills: readonly Skill[]): void {
  const problem = checkSkills(skills)
  if (problem) throw new SkillsError(problem)
}

/** Everyone living in a team, superusers and colleagues without an account alike (the skills screen filters). */
export async function listSkillPeople(teamId: TeamId): Promise<Person[]> {
  const people = await db().people.where('teamId').equals(teamId).toArray()
  return people.filter((p) => p.deletedAt === null)
}

/**
 * Saves a person's skills with their levels, queued for sync like any edit: the names go in
 * `competences` (which old clients read) and the levels in `skills`, both based on the revision
 * the form showed (`base`), so a change made elsewhere meanwhile ends as a conflict, not lost.
 */
export async function saveSkills(personId: PersonId, skills: readonly Skill[], now: number = Date.now(), base?: EditRevs): Promise<Person> {
  assertSkills(skills)
  return patchRecord('people', personId, skillFields(skills), now, withDerivedRevs(base, { competences: 'skills' }))
}

/** What the koordinator types to list a colleague without an account. */
export interface ColleagueInput {
  readonly name: string
  readonly homeDepartmentId: DepartmentId | null
  readonly skills: readonly Skill[]
}

/**
 * Adds a colleague without an account (role null) as a skill holder, with their department and
 * skills, in one transaction with its outbox entry. Only the koordinator's push of it is accepted.
 */
export async function addColleague(author: Author, input: ColleagueInput, now: number = Date.now()): Promise<Person> {
  const name = cleanSkillName(input.name)
  if (name === '') throw new SkillsError('nameMissing')
  assertSkills(input.skills)
  return createRecord('people', author, {
    name, initials: initialsOf(name), email: '', role: null, homeDepartmentId: input.homeDepartmentId, ...skillFields(input.skills),
  }, now)
}
