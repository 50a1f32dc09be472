/**
 * The compact copies of records a report is counted from ("report facts"): only the fields the
 * report counts, so a year's 150,000 records are read and copied out of IndexedDB quickly. A
 * request's history keeps only the changes the hand-off figures look at. A deleted record's fact
 * is its id alone, so it is in no index and is never counted. Pure: db/reportFacts.ts keeps the
 * facts in step with every write.
 */
import type { ReportEntry, ReportRequest } from './report.ts'
import type { Request, RequestStatus, StatusChange, TeamId, TimeEntry } from '../types.ts'

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
