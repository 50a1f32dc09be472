import { db } from './database.ts'
import { getTeam } from './profile.ts'
import { bandMembers } from '../domain/teamWeek.ts'
import { buildReport, type DepartmentFilter, type Report, type ReportInput } from '../domain/report/report.ts'
import { shiftPeriod, type Period } from '../domain/report/period.ts'
import { DEFAULT_BUDGET } from '../domain/weekBudget.ts'
import { bucketOf, packFacts, type DeletedFact, type EntryFact, type PackKind, type RequestFact } from '../domain/report/facts.ts'
import type { Request } from '../domain/records/request.ts'
import type { RequestId, TeamId } from '../domain/records/fields.ts'

/** What a report of a period is counted from: the records read for it, before any department filter. */
export type ReportData = Omit<ReportInput, 'period' | 'previous' | 'department'>

/** Whether a fact is of a live record (a deleted record's fact is its id alone). */
const isLive = <T extends object>(fact: T | DeletedFact): fact is T => 'teamId' in fact

/** The team's packs of `kind` for the times from `start` up to `end`. */
function readPacks(teamId: TeamId, kind: PackKind, start: number, end: number) {
  return db().reportPacks.where('[teamId+kind+bucket]').between([teamId, kind, bucketOf(start)], [teamId, kind, bucketOf(end - 1)], true, true).toArray()
}

/**
 * Reads what the report of `period` needs from the device's copy of the team: the report facts
 * (db/reportFacts.ts; small copies of the records with only what is counted, packed per team and
 * week) of the team's requests of the period and the one before, and of its time entries of the
 * period. Works offline like every screen. Choosing a department counts these again without reading.
 */
export async function loadReportData(teamId: TeamId, period: Period, now: number): Promise<ReportData> {
  const previous = shiftPeriod(period, -1)
  const database = db()
  const [team, people, runs, absences] = await Promise.all([
    getTeam(teamId), database.people.where('teamId').equals(teamId).toArray(), database.checklistRuns.toArray(), database.absences.toArray(),
  ])
  // The packs of the stretches that hold the period (and the one before, for the requests), each
  // kind in one range read: this runs in a Web Worker (src/db/reportWorker.ts), so turning a year's
  // 150,000 facts into objects holds no screen. A pack's edges are cut to the exact times here.
  const [requestPacks, entryPacks] = await Promise.all([
    readPacks(teamId, 'requests', previous.start, period.end), readPacks(teamId, 'entries', period.start, period.end),
  ])
  const teamRequests = requestPacks.flatMap((p) => packFacts(p) as RequestFact[]).filter((r) => r.createdAt >= previous.start && r.createdAt < period.end)
  const teamEntries = entryPacks.flatMap((p) => packFacts(p) as EntryFact[]).filter((e) => e.start >= period.start && e.start < period.end)
  // Time logged in the period on requests made earlier needs those requests' department and owner too.
  const known = new Map<RequestId, Pick<Request, 'departmentId' | 'owner'>>(teamRequests.map((r) => [r.id, r]))
  const missing = [...new Set(teamEntries.map((e) => e.requestId).filter((id): id is RequestId => id !== null && !known.has(id)))]
  for (const r of await database.reportRequests.bulkGet(missing)) if (r && isLive<RequestFact>(r)) known.set(r.id, r)
  const live = <T extends { deletedAt: number | null, teamId: string }>(rows: readonly T[]): T[] => rows.filter((r) => r.deletedAt === null && r.teamId === teamId)
  return {
    requests: teamRequests, linked: known, entries: teamEntries, runs: live(runs),
    members: bandMembers(live(people)).map((p) => p.id),
    band: team?.budget ?? DEFAULT_BUDGET, overrides: team?.budgetOverrides ?? [], absences: live(absences), now,
  }
}

/** Counts the report of `period` for `department` from data read for that period (pure). */
export function countReport(data: ReportData, period: Period, department: DepartmentFilter): Report {
  return buildReport({ ...data, period, previous: shiftPeriod(period, -1), department })
}
