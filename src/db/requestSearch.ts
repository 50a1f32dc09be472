import { db } from './database.ts'
import { countRequests, getRequestsByIds, isAll, listRequestKeys, newestFirst, type RequestFilter } from './requestQueries.ts'
import { wordsOf } from '../domain/search.ts'
import { searchTokens } from '../domain/requestRules.ts'
import { REQUEST_STATUSES, type Department, type Request, type RequestId, type RequestStatus } from '../domain/types.ts'

/**
 * Reading one record costs about as much as this many index keys (measured in Chromium at 50,000
 * requests); it decides whether candidates are checked record by record or by reading keys.
 */
const RECORD_COST = 20

/** One search word: the departments whose name it matches, and how many index entries it hits. */
interface TokenPlan {
  readonly token: string
  readonly departmentIds: readonly string[]
  readonly size: number
}

async function planToken(token: string, departments: readonly Department[]): Promise<TokenPlan> {
  const departmentIds = departments.filter((d) => wordsOf([d.name]).some((w) => w.startsWith(token))).map((d) => d.id)
  // Counting an index range is cheap; reading its keys is not, so only the rarest word is read.
  const counts = await Promise.all([
    db().requests.where('words').startsWith(token).count(),
    ...departmentIds.map((id) => db().requests.where('departmentId').equals(id).count()),
  ])
  return { token, departmentIds, size: counts.reduce((a, b) => a + b, 0) }
}

async function keysOf(plan: TokenPlan): Promise<Set<string>> {
  const parts = await Promise.all([
    db().requests.where('words').startsWith(plan.token).primaryKeys(),
    ...plan.departmentIds.map((id) => db().requests.where('departmentId').equals(id).primaryKeys()),
  ])
  return new Set(parts.flat())
}

function matches(r: Request, plan: TokenPlan): boolean {
  return r.words.some((w) => w.startsWith(plan.token)) || (r.departmentId !== null && plan.departmentIds.includes(r.departmentId))
}

/** How to test "has a status in the filter": by the filter's keys, or — when those are the majority — the others'. */
interface StatusPlan {
  readonly statuses: readonly RequestStatus[]
  readonly exclude: boolean
  readonly size: number
}

async function planStatus(filter: RequestFilter): Promise<StatusPlan> {
  if (isAll(filter)) return { statuses: [], exclude: true, size: 0 }
  const others = REQUEST_STATUSES.filter((s) => !filter.statuses.includes(s))
  const [inside, outside] = await Promise.all([countRequests(filter), countRequests({ statuses: others })])
  return inside <= outside
    ? { statuses: filter.statuses, exclude: false, size: inside }
    : { statuses: others, exclude: true, size: outside }
}

async function statusTest(plan: StatusPlan): Promise<(key: string) => boolean> {
  const keys = new Set<string>(plan.size === 0 ? [] : await listRequestKeys({ statuses: plan.statuses }))
  return (key) => keys.has(key) !== plan.exclude
}

async function narrow(candidates: string[], rest: readonly TokenPlan[], filter: RequestFilter): Promise<string[]> {
  const status = await planStatus(filter)
  const keyCost = status.size + rest.reduce((sum, p) => sum + p.size, 0)
  if (keyCost === 0) return candidates
  if (candidates.length * RECORD_COST <= keyCost) {
    const rows = await db().requests.bulkGet(candidates as RequestId[])
    return rows
      .filter((r): r is Request => r !== undefined && r.deletedAt === null)
      .filter((r) => filter.statuses.includes(r.status) && rest.every((p) => matches(r, p)))
      .map((r) => r.id)
  }
  const [inFilter, ...sets] = await Promise.all([statusTest(status), ...rest.map(keysOf)])
  return candidates.filter((k) => inFilter(k) && sets.every((s) => s.has(k)))
}

/**
 * Ids of the requests matching every word of `query` as a prefix of a word of the requester,
 * description, resolution or helpdesk number, or of the request's department name — newest
 * first and within the filter. Words shorter than MIN_SEARCH_PREFIX are ignored; a query
 * without longer words lists the filter.
 */
export async function searchRequestKeys(query: string, filter: RequestFilter = { statuses: REQUEST_STATUSES }): Promise<RequestId[]> {
  const tokens = searchTokens(query)
  if (tokens.length === 0) return listRequestKeys(filter)
  // No explicit transaction: the steps await plain promises, which would let an IndexedDB
  // transaction commit early; a live query re-runs anyway when requests change.
  const departments = (await db().departments.toArray()).filter((d) => d.deletedAt === null)
  const plans = (await Promise.all(tokens.map((t) => planToken(t, departments)))).sort((a, b) => a.size - b.size)
  const [rarest, ...rest] = plans
  if (!rarest || rarest.size === 0) return []
  return newestFirst(await narrow([...(await keysOf(rarest))], rest, filter))
}

/** One page of search results plus the total number of matches. */
export async function searchRequests(
  query: string, filter: RequestFilter, offset: number, limit: number,
): Promise<{ total: number, rows: Request[] }> {
  const keys = await searchRequestKeys(query, filter)
  return { total: keys.length, rows: await getRequestsByIds(keys.slice(offset, offset + limit)) }
}
