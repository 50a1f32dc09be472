import Dexie from 'dexie'
import { db } from './database.ts'
import { getRequestsByIds, newestFirst, type RequestFilter } from './requestQueries.ts'
import { requestSearchIndex, warmRequestSearchIndex, type RequestSearchIndex, type TokenMatcher } from './requestSearchIndex.ts'
import { wordsOf } from '../domain/search.ts'
import { searchTokens } from '../domain/requestRules.ts'
import { matchesCriteria, narrowsBeyondStatus, type RequestCriteria } from '../domain/requestCriteria.ts'
import { REQUEST_STATUSES, type Request } from '../domain/records/request.ts'
import type { RequestId } from '../domain/records/fields.ts'

/**
 * Reading one record costs about as much as this many index keys (measured in Chromium at 50,000
 * requests); it decides whether candidates are checked record by record or by reading keys.
 */
const RECORD_COST = 20

async function matchersOf(tokens: readonly string[]): Promise<TokenMatcher[]> {
  // Read on every search, so renaming a department re-runs a live search.
  const departments = (await db().departments.toArray()).filter((d) => d.deletedAt === null)
  const named = departments.map((d) => ({ id: d.id as string, words: wordsOf([d.name]) }))
  return tokens.map((token) => ({
    token,
    departmentIds: new Set(named.filter((d) => d.words.some((w) => w.startsWith(token))).map((d) => d.id)),
  }))
}

/**
 * Makes a live query depend on every request: a one-record cursor read, which Dexie neither
 * caches nor answers optimistically, so the query re-runs after each committed change.
 */
async function dependOnRequests(): Promise<void> {
  await db().requests.limit(1).each(() => undefined)
}

/** Ids of the filter's requests, newest first, from the (shared, cached) status index reads. */
async function keysInFilter(index: RequestSearchIndex, filter: RequestFilter): Promise<RequestId[]> {
  const sets = await Promise.all(filter.statuses.map((s) => index.statusKeys(s)))
  return newestFirst(sets.flatMap((s) => [...s]))
}

/** How many index entries a word hits (counting a range is cheap; reading its keys is not). */
async function sizeOf(m: TokenMatcher): Promise<number> {
  const counts = await Promise.all([
    db().requests.where('words').startsWith(m.token).count(),
    ...[...m.departmentIds].map((id) => db().requests.where('departmentId').equals(id).count()),
  ])
  return counts.reduce((a, b) => a + b, 0)
}

async function keysOf(m: TokenMatcher): Promise<Set<string>> {
  const parts = await Promise.all([
    db().requests.where('words').startsWith(m.token).primaryKeys(),
    ...[...m.departmentIds].map((id) => db().requests.where('departmentId').equals(id).primaryKeys()),
  ])
  return new Set(parts.flat())
}

function matches(r: Request, m: TokenMatcher): boolean {
  return r.words.some((w) => w.startsWith(m.token)) || (r.departmentId !== null && m.departmentIds.has(r.departmentId))
}

/** The search without the in-memory index: the rarest word's keys, narrowed by the others and the status. */
async function searchStored(index: RequestSearchIndex, matchers: TokenMatcher[], filter: RequestFilter): Promise<RequestId[]> {
  // One word needs no counting: it is the rarest.
  const [statusSets, sizes] = await Promise.all([
    Promise.all(filter.statuses.map((s) => index.statusKeys(s))),
    matchers.length > 1 ? Promise.all(matchers.map(sizeOf)) : [0],
  ])
  const [rarest, ...rest] = matchers.map((m, i) => ({ m, size: sizes[i] ?? 0 })).sort((a, b) => a.size - b.size)
  if (!rarest) return []
  const candidates = [...(await keysOf(rarest.m))]
  const inStatus = candidates.filter((k) => statusSets.some((s) => s.has(k)))
  const keyCost = rest.reduce((sum, p) => sum + p.size, 0)
  if (keyCost === 0) return newestFirst(inStatus)
  if (inStatus.length * RECORD_COST <= keyCost) {
    const rows = await getRequestsByIds(inStatus as RequestId[])
    return newestFirst(rows.filter((r) => rest.every((p) => matches(r, p.m))).map((r) => r.id))
  }
  const sets = await Promise.all(rest.map((p) => keysOf(p.m)))
  return newestFirst(inStatus.filter((k) => sets.every((s) => s.has(k))))
}

/**
 * More candidates than this are not read record by record: building the search index reads
 * every request once and answers this and every later filter from memory.
 */
const MAX_STORED_CANDIDATES = 15_000

/**
 * Keys allowed by the criteria Dexie has an index for (department, assignee, asset, the period
 * on `createdAt`), or null when none of them is set. "No department" has no index entry (null is
 * not a key), so it is checked on the records.
 */
async function indexedKeys(c: RequestCriteria): Promise<Set<string> | null> {
  const reads: Promise<string[]>[] = []
  const requests = db().requests
  if (typeof c.departmentId === 'string') reads.push(requests.where('departmentId').equals(c.departmentId).primaryKeys())
  if (c.assigneeId !== undefined && c.assigneeId !== null) reads.push(requests.where('assigneeId').equals(c.assigneeId).primaryKeys())
  if (c.assetId !== undefined && c.assetId !== null) reads.push(requests.where('assetId').equals(c.assetId).primaryKeys())
  if (c.createdFrom !== undefined || c.createdBefore !== undefined) {
    reads.push(requests.where('createdAt').between(c.createdFrom ?? Dexie.minKey, c.createdBefore ?? Dexie.maxKey, true, false).primaryKeys())
  }
  if (reads.length === 0) return null
  const [first = [], ...rest] = (await Promise.all(reads)).sort((a, b) => a.length - b.length)
  const others = rest.map((keys) => new Set(keys))
  return new Set(first.filter((k) => others.every((o) => o.has(k))))
}

/**
 * The filtered list from IndexedDB: candidates from an index (a criterion's or the first word's),
 * then their records checked against every criterion and word. Null when no index narrows the
 * candidates enough, as building the search index then costs about the same.
 */
async function filterStored(matchers: TokenMatcher[], criteria: RequestCriteria): Promise<RequestId[] | null> {
  const first = matchers[0]
  const candidates = (await indexedKeys(criteria)) ?? (first ? await keysOf(first) : null)
  if (candidates === null || candidates.size > MAX_STORED_CANDIDATES) return null
  const rows = await getRequestsByIds([...candidates] as RequestId[])
  return newestFirst(rows.filter((r) => matchesCriteria(r, criteria) && matchers.every((m) => matches(r, m))).map((r) => r.id))
}

/**
 * Ids of the requests meeting the criteria (status, category, department … see RequestCriteria)
 * and matching every word of `query` as a prefix of a word of the requester, description,
 * resolution or helpdesk number, or of the request's department name — newest first. Words
 * shorter than MIN_SEARCH_PREFIX are ignored; a query without longer words lists the criteria.
 * Answered from the in-memory search index once it is built (and its build started); until then
 * from IndexedDB, with the same results.
 */
export async function searchRequestKeys(query: string, criteria: RequestCriteria = { statuses: REQUEST_STATUSES }): Promise<RequestId[]> {
  const tokens = searchTokens(query)
  const index = requestSearchIndex()
  // Paused from the start, so a build started in the same tick waits for this search's reads.
  const resume = index.pauseBuild()
  try {
    // Awaited before the index is consulted: by then every storage-mutation listener has run,
    // so the index knows of the change that re-ran this query.
    const [matchers] = await Promise.all([tokens.length > 0 ? matchersOf(tokens) : [], dependOnRequests()])
    if (!index.isBuilt()) {
      warmRequestSearchIndex()
      if (!narrowsBeyondStatus(criteria)) {
        if (tokens.length === 0) return await keysInFilter(index, criteria)
        return await searchStored(index, matchers, criteria)
      }
      const stored = await filterStored(matchers, criteria)
      if (stored !== null) return stored
    }
    resume()
    await index.ready()
    return index.search(matchers, criteria)
  } finally {
    resume()
  }
}

/**
 * The same search answered from IndexedDB alone, as it is until the index is built; exported
 * so tests can hold both ways to the same results.
 */
export async function searchStoredRequestKeys(query: string, criteria: RequestCriteria = { statuses: REQUEST_STATUSES }): Promise<RequestId[] | null> {
  const tokens = searchTokens(query)
  const index = requestSearchIndex()
  const matchers = tokens.length > 0 ? await matchersOf(tokens) : []
  if (narrowsBeyondStatus(criteria)) return filterStored(matchers, criteria)
  if (tokens.length === 0) return keysInFilter(index, criteria)
  return searchStored(index, matchers, criteria)
}

/** One page of search results plus the total number of matches. */
export async function searchRequests(
  query: string, filter: RequestFilter, offset: number, limit: number,
): Promise<{ total: number, rows: Request[] }> {
  const keys = await searchRequestKeys(query, filter)
  return { total: keys.length, rows: await getRequestsByIds(keys.slice(offset, offset + limit)) }
}
