// Only types are imported: the search index uses this module and must not pull in the request rules.
import type { Request, RequestStatus } from './records/request.ts'

/** The fields of a request the list's filters look at. */
export type CriteriaFields = Pick<Request,
  'status' | 'category' | 'presetId' | 'channel' | 'owner' | 'assigneeId' | 'departmentId' | 'assetId' | 'createdAt'>

/**
 * Which requests a list shows, as the database applies it: the statuses plus the other filters
 * (all must hold). `createdFrom` is inclusive and `createdBefore` exclusive, in epoch ms.
 */
export interface RequestCriteria extends Partial<Omit<CriteriaFields, 'status' | 'createdAt'>> {
  readonly statuses: readonly RequestStatus[]
  readonly createdFrom?: number
  readonly createdBefore?: number
}

/** True when the criteria filter on more than the status (so counting by status is not enough). */
export function narrowsBeyondStatus(c: RequestCriteria): boolean {
  return c.category !== undefined || c.presetId !== undefined || c.channel !== undefined || c.owner !== undefined
    || c.assigneeId !== undefined || c.departmentId !== undefined || c.assetId !== undefined
    || c.createdFrom !== undefined || c.createdBefore !== undefined
}

/** True when a request meets every criterion (the one rule both the index and the stored path use). */
export function matchesCriteria(r: CriteriaFields, c: RequestCriteria): boolean {
  return c.statuses.includes(r.status)
    && (c.category === undefined || r.category === c.category)
    && (c.presetId === undefined || r.presetId === c.presetId)
    && (c.channel === undefined || r.channel === c.channel)
    && (c.owner === undefined || r.owner === c.owner)
    && (c.assigneeId === undefined || r.assigneeId === c.assigneeId)
    && (c.departmentId === undefined || r.departmentId === c.departmentId)
    && (c.assetId === undefined || r.assetId === c.assetId)
    && (c.createdFrom === undefined || r.createdAt >= c.createdFrom)
    && (c.createdBefore === undefined || r.createdAt < c.createdBefore)
}
