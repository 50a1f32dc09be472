import type { DeviceAccount } from './account.ts'
import { db } from './database.ts'
import { getMeta, setMeta } from './meta.ts'
import { patchRecord, type Author } from './write.ts'
import type { EditRevs } from '../domain/editBase.ts'
import { newId } from '../domain/ids.ts'
import { DEFAULT_DEPARTMENTS } from '../domain/departments.ts'
import { seedDefaultTemplates } from './checklistSeed.ts'
import type { Department } from '../domain/records/department.ts'
import type { DepartmentId, PersonId, TeamId } from '../domain/records/fields.ts'
import type { Person } from '../domain/records/person.ts'
import type { Team } from '../domain/records/team.ts'

/** The person using this device and the team they log for. */
export interface Profile {
  readonly teamId: TeamId
  readonly personId: PersonId
}

/** The meta key of the profile ensureProfile made (read by the move into an account). */
export const PROFILE_KEY = 'profile'

/**
 * Returns this device's profile, creating a local team, person and the default departments
 * on first start (before any server sign-in exists), all in one transaction.
 */
export async function ensureProfile(now: number = Date.now()): Promise<Profile> {
  const existing = await getMeta<Profile | null>(PROFILE_KEY, null)
  if (existing) return existing
  return db().transaction('rw', [db().meta, db().teams, db().people, db().departments], async () => {
    const again = await getMeta<Profile | null>(PROFILE_KEY, null)
    if (again) return again
    const teamId = newId<TeamId>()
    const personId = newId<PersonId>()
    const base = { teamId, createdAt: now, createdBy: personId, updatedAt: now, rev: 0, deletedAt: null }
    const team: Team = {
      ...base, id: teamId, name: 'Superbrugergruppen',
      budget: { minHours: 3, maxHours: 4 }, retention: { anonymiseAfterMonths: 12 },
    }
    const person: Person = {
      ...base, id: personId, name: 'Superbruger', initials: 'SB', email: '',
      role: 'superbruger', homeDepartmentId: null, competences: [],
    }
    const departments: Department[] = DEFAULT_DEPARTMENTS.map((name) => ({
      ...base, id: newId<DepartmentId>(), name, location: '',
    }))
    await db().teams.add(team)
    await db().people.add(person)
    await db().departments.bulkAdd(departments)
    const profile: Profile = { teamId, personId }
    await setMeta(PROFILE_KEY, profile)
    return profile
  })
}

/**
 * Opens the signed-in account's own database (db() picks it) and returns its profile: the person is the account
 * and it logs for its first team. The team, person and departments arrive with the first pull.
 */
export async function openAccountProfile(account: DeviceAccount): Promise<Profile> {
  await db().open()
  return { teamId: account.teams[0] as TeamId, personId: account.id as PersonId }
}

/**
 * Seeds the default checklist templates once per database. Runs after the profile exists, off the
 * first screen's critical path; safe to call on every start and from several tabs at once.
 */
export async function ensureDefaultTemplates(author: Author, now: number = Date.now()): Promise<void> {
  if ((await db().checklistTemplates.count()) > 0) return
  const { DEFAULT_TEMPLATES } = await import('../domain/checklistTemplates.ts')
  await db().transaction('rw', db().checklistTemplates, () => seedDefaultTemplates(author, DEFAULT_TEMPLATES, now))
}

/** The team of the profile (budget band, name …). */
export async function getTeam(teamId: TeamId): Promise<Team | undefined> {
  return db().teams.get(teamId)
}

/** The person record of the profile. */
export async function getPerson(personId: PersonId): Promise<Person | undefined> {
  return db().people.get(personId)
}

/** Active (not deleted) departments, by name. */
export async function listDepartments(): Promise<Department[]> {
  const all = await db().departments.toArray()
  return all.filter((d) => d.deletedAt === null).sort((a, b) => a.name.localeCompare(b.name, 'da'))
}

/**
 * Updates the name and/or initials shown for a person (queued for sync like any edit). An edit
 * form passes only the fields the person changed and the revisions they were based on (`base`).
 */
export async function updatePersonName(id: PersonId, changes: { name?: string; initials?: string }, base?: EditRevs): Promise<Person> {
  const patch: { name?: string; initials?: string } = {}
  if (changes.name !== undefined) patch.name = changes.name.trim()
  if (changes.initials !== undefined) patch.initials = changes.initials.trim().toUpperCase()
  return patchRecord('people', id, patch, Date.now(), base)
}
