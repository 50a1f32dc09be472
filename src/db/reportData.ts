import { db } from './database.ts'
import { getTeam } from './profile.ts'
import { bandMembers } from '../domain/teamWeek.ts'
import { buildReport, trendWeeks, type DepartmentFilter, type Report } from '../domain/report/report.ts'
import { shiftPeriod, type Period } from '../domain/report/period.ts'
import { DEFAULT_BUDGET } from '../domain/weekBudget.ts'
import type { Request, RequestId, TeamId } from '../domain/types.ts'

/**
 * Reads what the report of `period` needs from the device's copy of the team (index reads: the
 * requests of the period and the one before by `createdAt`, the time entries by week) and counts
 * it. Works offline like every screen.
 */
export async function loadReport(teamId: TeamId, period: Period, department: DepartmentFilter, now: number): Promise<Report> {
  const previous = shiftPeriod(period, -1)
  const database = db()
  const weeks = trendWeeks(period).map((w) => w.week)
  const [team, people, requests, entries, runs, absences] = await Promise.all([
    getTeam(teamId),
    database.people.where('teamId').equals(teamId).toArray(),
    database.requests.where('createdAt').between(previous.start, period.end, true, false).toArray(),
    database.timeEntries.where('week').anyOf(weeks).toArray(),
    database.checklistRuns.toArray(),
    database.absences.toArray(),
  ])
  const live = <T extends { deletedAt: number | null, teamId: string }>(rows: readonly T[]): T[] => rows.filter((r) => r.deletedAt === null && r.teamId === teamId)
  const teamEntries = live(entries)
  const teamRequests = live(requests)
  // Time logged in the period on requests made earlier needs those requests' department and owner too.
  const known = new Map<RequestId, Pick<Request, 'departmentId' | 'owner'>>(teamRequests.map((r) => [r.id, r]))
  const missing = [...new Set(teamEntries.map((e) => e.requestId).filter((id): id is RequestId => id !== null && !known.has(id)))]
  for (const r of await database.requests.bulkGet(missing)) if (r && r.deletedAt === null) known.set(r.id, r)
  return buildReport({
    period, previous, department, requests: teamRequests, linked: known, entries: teamEntries, runs: live(runs),
    members: bandMembers(live(people)).map((p) => p.id),
    band: team?.budget ?? DEFAULT_BUDGET, overrides: team?.budgetOverrides ?? [], absences: live(absences), now,
  })
}
