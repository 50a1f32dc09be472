import type { PeopleDataGroup, PeopleDataHit, PeopleDataSearchResponse } from '../../domain/privacyProtocol.ts'
import { SYNC_TABLES } from '../../domain/records/syncTables.ts'
import { listLiveRecordsOf, readLiveRecordPage } from '../storage/liveRecords.ts'
import type { Db } from '../storage/schema.ts'
import { ANONYMISABLE_TABLES } from './anonymise.ts'

/** Records read per query while scanning a team's data. */
const PAGE = 2000

function lower(text: string): string {
  return text.toLocaleLowerCase('da')
}

/** Ids of the team's Person records whose name or e-mail contains the search text. */
async function matchingPeople(db: Db, teams: readonly string[], needle: string): Promise<Set<string>> {
  const rows = await listLiveRecordsOf(db, 'people', teams)
  return new Set(rows.filter((row) => {
    const person = JSON.parse(row.data) as { name?: unknown; email?: unknown }
    return [person.name, person.email].some((value) => typeof value === 'string' && lower(value).includes(needle))
  }).map((row) => row.id))
}

/** Paths (`referrals.note`, `history.by` …) of every string in `value` that contains the text or is one of the person ids. */
function matchingPaths(value: unknown, path: string, needle: string, ids: ReadonlySet<string>, out: Set<string>): void {
  if (typeof value === 'string') {
    if (lower(value).includes(needle) || ids.has(value)) out.add(path)
  } else if (Array.isArray(value)) {
    for (const item of value) matchingPaths(item, path, needle, ids, out)
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) matchingPaths(item, path ? `${path}.${key}` : key, needle, ids, out)
  }
}

/**
 * Every live record of `teams` that names the person: free text containing `q` (case-insensitive,
 * Danish letters too), and any reference to a Person record whose name or e-mail contains `q`
 * (requester, assignee, author, time entries, answers …). At most `limit` hits, in sequence order.
 */
export async function findPeopleData(db: Db, teams: readonly string[], q: string, limit: number): Promise<{ hits: PeopleDataHit[]; truncated: boolean }> {
  const needle = lower(q.trim())
  if (teams.length === 0 || needle === '') return { hits: [], truncated: false }
  const ids = await matchingPeople(db, teams, needle)
  // Data is JSON text: a cheap look at the raw text skips the parse of the many records that cannot match.
  const escaped = JSON.stringify(needle).slice(1, -1)
  const hits: PeopleDataHit[] = []
  for (let cursor = 0; ;) {
    const rows = await readLiveRecordPage(db, teams, cursor, PAGE)
    for (const row of rows) {
      const raw = lower(row.data)
      const refers = ids.has(row.id) || ids.has(row.createdBy) || [...ids].some((id) => row.data.includes(id))
      if (!refers && !raw.includes(escaped)) continue
      const content = JSON.parse(row.data) as Record<string, unknown>
      const matches = new Set<string>()
      if (ids.has(row.id)) matches.add('id')
      if (ids.has(row.createdBy)) matches.add('createdBy')
      matchingPaths(content, '', needle, ids, matches)
      if (matches.size === 0) continue
      if (hits.length >= limit) return { hits, truncated: true }
      const table = row.table
      hits.push({
        table, id: row.id, teamId: row.teamId, matches: [...matches].sort(), anonymisable: ANONYMISABLE_TABLES.has(table),
        record: { ...content, id: row.id, teamId: row.teamId, createdBy: row.createdBy, rev: row.seq, deletedAt: null },
      })
    }
    if (rows.length < PAGE) return { hits, truncated: false }
    cursor = rows.at(-1)!.seq
  }
}

/** The hits grouped by table, in the app's table order, with counts. */
export function groupHits(q: string, hits: readonly PeopleDataHit[], truncated: boolean): PeopleDataSearchResponse {
  const groups: PeopleDataGroup[] = SYNC_TABLES
    .map((table) => ({ table, hits: hits.filter((hit) => hit.table === table) }))
    .filter((group) => group.hits.length > 0)
    .map((group) => ({ ...group, count: group.hits.length }))
  return { q, total: hits.length, groups, truncated }
}
