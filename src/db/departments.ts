import { db } from './database.ts'
import { createRecord, deleteRecord, patchRecord, type Author } from './write.ts'
import type { EditRevs } from '../domain/editBase.ts'
import type { ContentOf, DepartmentId, TeamId } from '../domain/records/fields.ts'
import type { Department } from '../domain/records/department.ts'

/** The editable fields of a department. */
export type DepartmentInput = ContentOf<Department>

/** How much refers to a department: shown before it is removed. */
export interface DepartmentUse {
  readonly requests: number
  readonly assets: number
  readonly people: number
}

/** Raised when a department would get an empty name or the name of another one in the team. */
export class DepartmentNameError extends Error {
  constructor(readonly reason: 'empty' | 'taken') {
    super(reason === 'empty' ? 'A department needs a name' : 'Another department has that name')
    this.name = 'DepartmentNameError'
  }
}

function clean<T extends Partial<DepartmentInput>>(input: T): T {
  const out: { name?: string; location?: string } = { ...input }
  if (input.name !== undefined) out.name = input.name.trim().replace(/\s+/g, ' ')
  if (input.location !== undefined) out.location = input.location.trim()
  return out as T
}

/** Active departments of one team, by name (Danish order). */
export async function listTeamDepartments(teamId: TeamId): Promise<Department[]> {
  const all = await db().departments.where('teamId').equals(teamId).toArray()
  return all.filter((d) => d.deletedAt === null).sort((a, b) => a.name.localeCompare(b.name, 'da'))
}

async function assertNameFree(teamId: TeamId, name: string, except?: DepartmentId): Promise<void> {
  if (name === '') throw new DepartmentNameError('empty')
  const same = (await listTeamDepartments(teamId)).find((d) => d.id !== except && d.name.toLocaleLowerCase('da') === name.toLocaleLowerCase('da'))
  if (same) throw new DepartmentNameError('taken')
}

/** Adds a department to the author's team (queued for sync); names are unique per team, ignoring case. */
export async function createDepartment(author: Author, input: DepartmentInput, now: number = Date.now()): Promise<Department> {
  const department = clean(input)
  await assertNameFree(author.teamId, department.name)
  return createRecord('departments', author, department, now)
}

/**
 * Renames a department and/or sets its location; only the fields that change are queued. An edit
 * form passes only the fields the person changed and the revisions they were based on (`base`).
 */
export async function updateDepartment(id: DepartmentId, input: Partial<DepartmentInput>, now: number = Date.now(), base?: EditRevs): Promise<Department> {
  const existing = await db().departments.get(id)
  const department = clean(input)
  if (existing && department.name !== undefined) await assertNameFree(existing.teamId, department.name, id)
  return patchRecord('departments', id, department, now, base)
}

/** The department, or undefined when missing or removed. */
export async function getDepartment(id: DepartmentId): Promise<Department | undefined> {
  const department = await db().departments.get(id)
  return department && department.deletedAt === null ? department : undefined
}

/** Counts the live requests, assets and people that refer to a department. */
export async function countDepartmentUse(id: DepartmentId): Promise<DepartmentUse> {
  const live = <T extends { deletedAt: number | null }>(list: T[]) => list.filter((r) => r.deletedAt === null).length
  const [requests, assets, people] = await Promise.all([
    db().requests.where('departmentId').equals(id).toArray(),
    db().assets.where('departmentId').equals(id).toArray(),
    db().people.filter((p) => p.homeDepartmentId === id).toArray(),
  ])
  return { requests: live(requests), assets: live(assets), people: live(people) }
}

/**
 * Removes a department: a tombstone, synced like any delete. Requests and assets that referred
 * to it keep the id but no longer show a department, and it leaves the pickers.
 */
export async function removeDepartment(id: DepartmentId, now: number = Date.now()): Promise<void> {
  await deleteRecord('departments', id, now)
}
