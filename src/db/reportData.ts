import { db } from './database.ts'
import { getTeam } from './profile.ts'
import { bandMembers } from '../domain/teamWeek.ts'
import { countReportTables, type DepartmentFilter, type Report, type ReportTables } from '../domain/report/report.ts'
import { shiftPeriod, type Period } from '../domain/report/period.ts'
import { DEFAULT_BUDGET } from '../domain/weekBudget.ts'
import { readFactPacks } from './factPacks.ts'
import { entryTable, linkEntries, requestRows, requestTable, unlinkedRequestIds } from '../domain/report/factTable.ts'
import type { DeletedFact, RequestFact } from '../domain/report/facts.ts'
import type { TeamId } from '../domain/records/fields.ts'

/** What a report of a period is counted from: the facts read for it, before any department filter. */
export type ReportData = Omit<ReportTables, 'period' | 'previous' | 'department'>

/** Whether a fact is of a live record (a deleted record's fact is its id alone). */
const isLive = <T extends object>(fact: T | DeletedFact): fact is T => 'teamId' in fact

/**
 * Reads what the report of `period` needs from the device's copy of the team: the report facts
 * (db/reportFacts.ts; small copies of the records with only what is counted, packed per team and
 * week, column-wise) of the team's requests of the period and the one before, and of its time
 * entries of the period. Works offline like every screen. The packs' columns become one table per
 * kind (domain/report/factTable.ts) with no object per fact: this runs in a Web Worker
 * (src/db/reportWorker.ts), and a year is 150,000 facts. Rows of a pack outside the period are
 * left in and not counted. Choosing a department counts these again without reading.
 */
export async function loadReportData(teamId: TeamId, period: Period, now: number): Promise<ReportData> {
  const previous = shiftPeriod(period, -1)
  const database = db()
  const [team, people, runs, absences, requestPacks, entryPacks] = await Promise.all([
    getTeam(teamId), database.people.where('teamId').equals(teamId).toArray(), database.checklistRuns.toArray(), database.absences.toArray(),
    readFactPacks(teamId, 'requests', previous.start, period.end), readFactPacks(teamId, 'entries', period.start, period.end),
  ])
  const requests = requestTable(requestPacks.map((p) => p.columns))
  const entries = entryTable(entryPacks.map((p) => p.columns))
  // Time logged in the period on requests made earlier needs those requests' department and owner too.
  const rows = requestRows(requests)
  const others = new Map<string, RequestFact>()
  for (const r of await database.reportRequests.bulkGet(unlinkedRequestIds(entries, rows))) if (r && isLive<RequestFact>(r)) others.set(r.id, r)
  const live = <T extends { deletedAt: number | null, teamId: string }>(rows: readonly T[]): T[] => rows.filter((r) => r.deletedAt === null && r.teamId === teamId)
  return {
    requests, entries, links: linkEntries(entries, requests, rows, others), runs: live(runs),
    members: bandMembers(live(people)).map((p) => p.id),
    band: team?.budget ?? DEFAULT_BUDGET, overrides: team?.budgetOverrides ?? [], absences: live(absences), now,
  }
}

/** Counts the report of `period` for `department` from data read for that period (pure). */
export function countReport(data: ReportData, period: Period, department: DepartmentFilter): Report {
  return countReportTables({ ...data, period, previous: shiftPeriod(period, -1), department })
}
