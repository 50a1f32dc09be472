import { db } from './database.ts'
import { patchRecord } from './write.ts'
import { isOpenStatus } from '../domain/requestStatus.ts'
import type { Asset } from '../domain/records/asset.ts'
import type { ChecklistRun } from '../domain/records/checklistRun.ts'
import type { Department } from '../domain/records/department.ts'
import type { DepartmentId } from '../domain/records/fields.ts'
import type { Person } from '../domain/records/person.ts'
import type { Request } from '../domain/records/request.ts'

/** What a department's page shows: the area's superusers and what is going on there. */
export interface DepartmentPage {
  readonly department: Department
  /** The superusers (and koordinator) whose home area it is, by name. */
  readonly superusers: readonly Person[]
  /** Open requests from the department, newest first. */
  readonly openRequests: readonly Request[]
  /** Assets located there (retired ones left out), by code. */
  readonly assets: readonly Asset[]
  /** Checklists about the department still in progress. */
  readonly checklists: readonly ChecklistRun[]
}

const live = <T extends { deletedAt: number | null }>(r: T): boolean => r.deletedAt === null

/** Reads a department's page by index, or undefined when the department is unknown here or removed. */
export async function loadDepartmentPage(id: DepartmentId): Promise<DepartmentPage | undefined> {
  const department = await db().departments.get(id)
  if (!department || department.deletedAt !== null) return undefined
  const [people, requests, assets, runs] = await Promise.all([
    db().people.filter((p) => p.homeDepartmentId === id).toArray(),
    db().requests.where('departmentId').equals(id).filter((r) => r.deletedAt === null && isOpenStatus(r.status)).toArray(),
    db().assets.where('departmentId').equals(id).filter((a) => a.deletedAt === null && a.retiredAt === null).toArray(),
    db().checklistRuns.where('subject.refId').equals(id).filter((r) => r.deletedAt === null && r.subject.kind === 'department' && r.status === 'i gang').toArray(),
  ])
  return {
    department,
    superusers: people.filter((p) => live(p) && (p.role === 'superbruger' || p.role === 'koordinator')).sort((a, b) => a.name.localeCompare(b.name, 'da')),
    openRequests: requests.sort((a, b) => b.createdAt - a.createdAt),
    assets: assets.sort((a, b) => a.code.localeCompare(b.code, 'da')),
    checklists: runs.sort((a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999')),
  }
}

/** The person's home area (their department), if they have one here. */
export async function getHomeArea(personId: Person['id']): Promise<Department | undefined> {
  const person = await db().people.get(personId)
  const id = person?.homeDepartmentId
  if (!id) return undefined
  const department = await db().departments.get(id)
  return department && department.deletedAt === null ? department : undefined
}

/** Sets the person's home area (synced; a person may change it on their own profile). */
export async function setHomeArea(personId: Person['id'], departmentId: DepartmentId | null, now: number = Date.now()): Promise<void> {
  await patchRecord('people', personId, { homeDepartmentId: departmentId }, now)
}
