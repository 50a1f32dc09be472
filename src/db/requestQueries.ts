import Dexie from 'dexie'
import { db } from './database.ts'
import { requestSearchIndex } from './requestSearchIndex.ts'
import { REQUEST_STATUSES, type Request, type RequestStatus } from '../domain/records/request.ts'
import type { Asset } from '../domain/records/asset.ts'
import type { AssetId, RequestId, TeamId } from '../domain/records/fields.ts'
import type { Person } from '../domain/records/person.ts'

// Re-exported for existing importers; Home's card imports openRequests.ts directly to stay small.

/** Which requests a list shows; tombstones are never included (they have no status). */
export interface RequestFilter {
  readonly statuses: readonly RequestStatus[]
}

const ALL: RequestFilter = { statuses: REQUEST_STATUSES }

/** Ids sorted newest first. */
export function newestFirst(keys: Iterable<string>): RequestId[] {
  // UUIDv7 ids sort by creation time as plain strings.
  return ([...keys] as RequestId[]).sort().reverse()
}

/** True when the filter selects every status. */
export function isAll(filter: RequestFilter): boolean {
  return REQUEST_STATUSES.every((s) => filter.statuses.includes(s))
}

async function keysWithStatus(status: RequestStatus): Promise<string[]> {
  return db().requests.where('status').equals(status).primaryKeys()
}

/** Ids of the requests matching the filter, newest first (keys only: cheap even for 50,000). */
export async function listRequestKeys(filter: RequestFilter = ALL): Promise<RequestId[]> {
  const parts = await Promise.all(filter.statuses.map(keysWithStatus))
  return newestFirst(parts.flat())
}

/** Number of requests matching the filter (counted on the status index). */
export async function countRequests(filter: RequestFilter = ALL): Promise<number> {
  const counts = await Promise.all(filter.statuses.map((s) => db().requests.where('status').equals(s).count()))
  return counts.reduce((a, b) => a + b, 0)
}

/** Runs the list's reads before the search index's background build, which pauses meanwhile. */
async function beforeIndexBuild<T>(read: () => Promise<T>): Promise<T> {
  const resume = requestSearchIndex().pauseBuild()
  try {
    return await read()
  } finally {
    resume()
  }
}

/** Requests of these ids, in the given order, skipping missing and deleted ones. */
export async function getRequestsByIds(ids: readonly RequestId[]): Promise<Request[]> {
  const rows = await beforeIndexBuild(() => db().requests.bulkGet([...ids]))
  return rows.filter((r): r is Request => r !== undefined && r.deletedAt === null)
}

/** Options of one page: at most `limit` requests older than `before` (the last id shown). */
export interface PageOptions {
  readonly limit: number
  readonly before?: RequestId
}

/** The newest requests of a filter and how many there are: cheap, for the first screen of a list. */
export async function listRequestHead(filter: RequestFilter, limit: number): Promise<{ total: number, rows: Request[] }> {
  const [total, rows] = await beforeIndexBuild(() => Promise.all([countRequests(filter), listRequestPage(filter, { limit })]))
  return { total, rows }
}

/** One page of requests, newest first, read from the `[status+id]` index backwards. */
export async function listRequestPage(filter: RequestFilter, { limit, before }: PageOptions): Promise<Request[]> {
  const parts = await Promise.all(filter.statuses.map((s) => db().requests
    .where('[status+id]').between([s, Dexie.minKey], [s, before ?? Dexie.maxKey], true, false)
    .reverse().limit(limit).primaryKeys()))
  return getRequestsByIds(newestFirst(parts.flat()).slice(0, limit))
}

/** People of the team a request can be assigned or referred to, by name. */
export async function listAssignablePeople(teamId: TeamId): Promise<Person[]> {
  const people = await db().people.where('teamId').equals(teamId).toArray()
  return people
    .filter((p) => p.deletedAt === null && p.role !== null)
    .sort((a, b) => a.name.localeCompare(b.name, 'da'))
}

/** The asset a request concerns, or undefined when it is unknown here or deleted. */
export async function getRequestAsset(assetId: AssetId): Promise<Asset | undefined> {
  const asset = await db().assets.get(assetId)
  return asset && asset.deletedAt === null ? asset : undefined
}

/** What a request was about (its description), e.g. for a time entry logged on it; undefined when unknown here or deleted. */
export async function getRequestDescription(id: RequestId): Promise<string | undefined> {
  const request = await db().requests.get(id)
  return request && request.deletedAt === null ? request.description : undefined
}
