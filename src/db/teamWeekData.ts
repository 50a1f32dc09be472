import { db } from './database.ts'
import { getTeam } from './profile.ts'
import { OPEN_STATUSES } from '../domain/requestStatus.ts'
import { weekKey } from '../domain/weekKey.ts'
import { teamWeek, weeksUpTo, type TeamWeek } from '../domain/teamWeek.ts'
import { DEFAULT_BUDGET } from '../domain/weekBudget.ts'
import type { BudgetBand, BudgetOverride, Team } from '../domain/records/team.ts'
import type { TeamId } from '../domain/records/fields.ts'

/** The group's weeks and the team record they were counted with (its band and overrides). */
export interface TeamWeekData {
  readonly team: Team | undefined
  readonly band: BudgetBand
  readonly overrides: readonly BudgetOverride[]
  readonly result: TeamWeek
}

/**
 * Counts the group's weeks from the device's copy of the team: the people, the time entries and
 * absences of the weeks shown (week index reads), the open requests (status index) and the
 * checklists in progress. Works offline like every screen.
 */
export async function loadTeamWeek(teamId: TeamId, span: number, now: number): Promise<TeamWeekData> {
  const keys = weeksUpTo(now, span).map(weekKey)
  const database = db()
  const [team, people, entries, absences, requests, runs] = await Promise.all([
    getTeam(teamId),
    database.people.where('teamId').equals(teamId).toArray(),
    database.timeEntries.where('week').anyOf(keys).toArray(),
    database.absences.toArray(),
    database.requests.where('status').anyOf([...OPEN_STATUSES]).toArray(),
    database.checklistRuns.where('status').equals('i gang').toArray(),
  ])
  const live = <T extends { deletedAt: number | null, teamId: string }>(rows: readonly T[]): T[] => rows.filter((r) => r.deletedAt === null && r.teamId === teamId)
  const band = team?.budget ?? DEFAULT_BUDGET
  const overrides = team?.budgetOverrides ?? []
  const wanted = new Set(keys)
  const result = teamWeek({
    people: live(people), entries: live(entries), absences: live(absences).filter((a) => wanted.has(a.week)),
    band, overrides, requests: live(requests), runs: live(runs), span, now,
  })
  return { team, band, overrides, result }
}
