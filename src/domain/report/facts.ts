/**
 * The compact copies of records a report is counted from ("report facts"): only the fields the
 * report counts, so a year's 150,000 records are read and copied out of IndexedDB quickly. A
 * request's history keeps only the changes the hand-off figures look at. A deleted record's fact
 * is its id alone, so it is in no index and is never counted. Pure: db/reportFacts.ts keeps the
 * facts in step with every write.
 */
import { decodeColumns, encodeColumns, type Columns } from './columns.ts'
import type { ReportEntry, ReportRequest } from './report.ts'
import type { Request, RequestStatus, StatusChange } from '../records/request.ts'
import type { TeamId } from '../records/fields.ts'
import type { TimeEntry } from '../records/timeEntry.ts'

/** The statuses the hand-off figures (handoffs.ts) look for in a request's history. */
const HANDOFF_STATUSES: ReadonlySet<RequestStatus> = new Set<RequestStatus>(['sendt til IT', 'henvist', 'løst'])

/** A live request as the report needs it. */
export type RequestFact = ReportRequest & { readonly teamId: TeamId }
/** A live time entry as the report needs it. */
export type EntryFact = ReportEntry & Pick<TimeEntry, 'id' | 'teamId'>
/** What is kept of a deleted record: its id, so the facts hold one row per record. */
export interface DeletedFact { readonly id: string }

type Row = Record<string, unknown>

/** The fact of a stored request (or of its tombstone). */
export function requestFact(stored: Row): RequestFact | DeletedFact {
  const r = stored as unknown as Request
  if (r.deletedAt !== null) return { id: r.id }
  const history: Pick<StatusChange, 'to' | 'at'>[] = []
  for (const change of r.history ?? []) if (HANDOFF_STATUSES.has(change.to)) history.push({ to: change.to, at: change.at })
  return {
    id: r.id, teamId: r.teamId, createdAt: r.createdAt, category: r.category, presetId: r.presetId, departmentId: r.departmentId,
    channel: r.channel, status: r.status, owner: r.owner, assetId: r.assetId, history,
  }
}

/** The fact of a stored time entry (or of its tombstone). */
export function entryFact(stored: Row): EntryFact | DeletedFact {
  const e = stored as unknown as TimeEntry
  if (e.deletedAt !== null) return { id: e.id }
  return { id: e.id, teamId: e.teamId, personId: e.personId, start: e.start, end: e.end, activity: e.activity, requestId: e.requestId }
}

/**
 * The facts of a team's records are also kept in packs: one row per team, kind and stretch of
 * seven days (counted from the epoch in UTC, so a pack never depends on the device's time zone)
 * holding the facts of the live records that begin in it. A year's report reads about 150 packs
 * instead of 150,000 rows: IndexedDB's cost is mostly per row. A pack keeps its facts column-wise
 * (./columns.ts), as copying objects out of IndexedDB costs per object too.
 */
export const PACK_DAYS_MS = 7 * 86_400_000
export type PackKind = 'requests' | 'entries'
export type PackKey = readonly [teamId: string, kind: PackKind, bucket: number]
export interface FactPack {
  readonly teamId: string
  readonly kind: PackKind
  readonly bucket: number
  /** The facts, column-wise: `packFacts` gives them back. */
  readonly columns: Columns
}

/** The stored pack `key` holding `facts`. */
export function factPack<F extends RequestFact | EntryFact>(key: PackKey, facts: readonly F[]): FactPack {
  const [teamId, kind, bucket] = key
  return { teamId, kind, bucket, columns: encodeColumns(facts as unknown as readonly Record<string, unknown>[]) }
}

/** The facts of a stored pack. */
export function packFacts<F extends RequestFact | EntryFact>(pack: FactPack): F[] {
  return decodeColumns<F>(pack.columns)
}

/** The pack stretch that holds the moment `at`. */
export function bucketOf(at: number): number {
  return Math.floor(at / PACK_DAYS_MS)
}

/** The moment a fact is packed by: a request's creation, a time entry's start. */
export function factTime(kind: PackKind, fact: RequestFact | EntryFact): number {
  return kind === 'requests' ? (fact as RequestFact).createdAt : (fact as EntryFact).start
}

/** The pack of a live fact; null for a deleted record's fact (in no pack). */
export function packKeyOf(kind: PackKind, fact: RequestFact | EntryFact | DeletedFact): PackKey | null {
  if (!('teamId' in fact)) return null
  return [fact.teamId, kind, bucketOf(factTime(kind, fact))]
}

/** How a set of writes changes the packs: per pack, the ids to take out and the facts to put in. */
export interface PackChange<F> {
  readonly key: PackKey
  readonly remove: Set<string>
  readonly add: F[]
}

/**
 * The pack changes of records whose facts go from `before` (undefined: no fact yet) to `after`
 * (the same ids; a deleted fact or undefined: gone). A fact is taken out of its old pack and put
 * in its new one, which may be the same.
 */
export function packChanges<F extends RequestFact | EntryFact>(
  kind: PackKind, changes: readonly { readonly before: F | DeletedFact | undefined, readonly after: F | DeletedFact | undefined }[],
): PackChange<F>[] {
  const packs = new Map<string, PackChange<F>>()
  const pack = (key: PackKey) => {
    const id = JSON.stringify(key)
    const found = packs.get(id) ?? { key, remove: new Set<string>(), add: [] }
    packs.set(id, found)
    return found
  }
  for (const { before, after } of changes) {
    const from = before ? packKeyOf(kind, before) : null
    if (from) pack(from).remove.add(before!.id)
    const to = after ? packKeyOf(kind, after) : null
    if (to) {
      pack(to).remove.add(after!.id)
      pack(to).add.push(after as F)
    }
  }
  return [...packs.values()]
}

/** A pack's facts after a change: the removed ids out, the added facts in. */
export function changedPack<F extends { readonly id: string }>(facts: readonly F[], change: PackChange<F>): F[] {
  return [...facts.filter((f) => !change.remove.has(f.id)), ...change.add]
}
